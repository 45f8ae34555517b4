// Nothing hangs and nothing freezes: a worker whose WebAssembly cannot be loaded answers the
// encoder and key generation with an error the page shows (and works again once the file is
// back); a 1 MB HS token with its secret keeps the main thread free of long tasks while its
// known-secret search waits to be asked, and a search the user starts runs off the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { mode, open, root, servedApp, stateBecomes, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);

const JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

const b64url = (text) => Buffer.from(text).toString('base64url');
const hs256 = (payload, secret) => {
  const input = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

test('a worker that cannot load answers the encoder and key generation with an error, and works again once it can', async () => {
  const worker = (await readdir(`${root}dist`)).find((name) => /^workshop.*_bg\.wasm$/.test(name));
  assert.ok(worker, 'the worker bundle is in dist/');
  app.server.block((path) => path.endsWith(worker));
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  try {
    await mode(page, 'encoder');
    const started = Date.now();
    await page.fill('[data-testid=encoder-key]', fixture('HS256').keys.utf8);
    assert.equal(await stateBecomes(page, 'encoder-status', 'error', 15000), 'error', await text(page, 'encoder-status'));
    const waited = Date.now() - started;
    assert.match(await text(page, 'encoder-status'), /The encoder's worker could not be loaded/);
    assert.ok(waited < 3000, `the error showed after ${waited} ms`);

    await mode(page, 'keys');
    await page.click('[data-testid=keygen-run]');
    assert.equal(await stateBecomes(page, 'keygen-status', 'error', 15000), 'error');
    assert.match(await text(page, 'keygen-status'), /could not be loaded/);

    // The file is back: the next request starts the worker afresh.
    app.server.block(() => false);
    await mode(page, 'encoder');
    await page.fill('[data-testid=encoder-key]', `${fixture('HS256').keys.utf8} `);
    assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 15000), 'signed', await text(page, 'encoder-status').catch(() => ''));
    await mode(page, 'keys');
    await page.click('[data-testid=keygen-run]');
    assert.equal(await stateBecomes(page, 'keygen-status', 'done', 30000), 'done');
  } finally {
    app.server.block(() => false);
    await session.close();
  }
});

test('a 1 MB HS token and its secret leave the main thread free of long tasks, and its known-secret search runs in a worker when asked', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page, problems } = session;
  const secret = fixture('HS256').keys.utf8;
  const payload = JSON.stringify({ sub: 'big', exp: 4102444800, blob: 'x'.repeat(1024 * 1024) });
  const token = hs256(payload, secret);
  await page.fill('[data-testid=key-input]', secret);
  await page.evaluate((token) => {
    const area = document.querySelector('[data-testid=token-input]');
    area.value = token;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, token);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  // The verdict comes first; the parts follow in a task of their own.
  await page.waitForSelector('[data-testid=payload-json]', { state: 'attached', timeout: 20000 });
  // From then on, record every long task for 30 s.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
  // The search would take minutes: the page says so and waits to be asked.
  assert.equal(await stateBecomes(page, 'known-secret-status', 'offered', 5000), 'offered');
  assert.match(await text(page, 'known-secret-status'), /about \d+ (s|min)/);
  await page.click('[data-testid=known-secret-start]');
  assert.equal(await stateBecomes(page, 'known-secret-status', 'searching', 15000), 'searching');
  await page.waitForTimeout(30000);
  const longTasks = await page.evaluate(() => window.longTasks);
  assert.deepEqual(longTasks.filter((ms) => ms > 100), [], `long tasks: ${longTasks.join(', ')} ms`);
  assert.equal(await page.getAttribute('[data-testid=known-secret-status]', 'data-state'), 'searching');
  // The page stays responsive meanwhile: the key box still decides the verdict at once.
  await page.fill('[data-testid=key-input]', `${secret}!`);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.fill('[data-testid=key-input]', secret);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  // A newer token stops the search at once; the next search (jwt.io's example, whose secret is
  // listed) runs in a fresh worker.
  await page.fill('[data-testid=token-input]', JWT_IO);
  assert.equal(await stateBecomes(page, 'known-secret-status', 'found', 15000), 'found');
  assert.deepEqual(problems, []);
  await session.close();
});
