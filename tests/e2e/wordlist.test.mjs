// The user's own wordlist, end to end: an HS256 token whose secret is in no public list is
// found in a pasted list and in a file (chosen with the file input, or dropped), the finding
// naming the list; a list without it says how many secrets it tried and how long it took; a
// large file (16 MB) is searched in a worker of its own with progress, the page free of long tasks,
// and a token change mid-search drops the old search; a token that is not HS says there is
// nothing to search. axe runs over the controls in each state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, hs256, open, root, servedApp, stateBecomes, statusBecomes, text } from './harness.mjs';

const app = servedApp();
/** In no public list (the built-in search does not find it). */
const SECRET = 'only-in-my-wordlist 41c9e2';
const TOKEN = hs256({ typ: 'JWT' }, { sub: 'wordlist', iat: 1700000000 }, SECRET);

async function withToken(token = TOKEN) {
  const session = await open(app.browser, app.server.url, app.server.origin);
  await session.page.fill('[data-testid=token-input]', token);
  await session.page.waitForSelector('[data-testid=wordlist]', { state: 'attached' });
  // The built-in list does not hold the secret.
  if (token === TOKEN) {
    assert.equal(await stateBecomes(session.page, 'known-secret-status', 'not-found', 20000), 'not-found');
  }
  await session.page.click('[data-testid=wordlist] summary');
  await session.page.waitForSelector('[data-testid=wordlist-text]', { state: 'visible' });
  return session;
}

const findingText = (page) => page.textContent('[data-testid=finding][data-code=known-secret]');
const noKnownSecretFinding = async (page) => assert.equal(await page.$('[data-testid=finding][data-code=known-secret]'), null);

test('a pasted wordlist holding the secret: a known-secret finding naming the list, with the line, tries and time; the twin without it is not found', async () => {
  const { page, problems, close } = await withToken();
  assert.equal(await page.getAttribute('[data-testid=wordlist-status]', 'data-state'), 'empty');
  await assertAccessible(page, 'wordlist opened, nothing given');
  // CRLF endings, an empty line and whitespace around the secret.
  await page.fill('[data-testid=wordlist-text]', `alpha\r\n\r\nbeta\r\n  ${SECRET}\t\r\ngamma\r\n`);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 20000), 'found', await text(page, 'wordlist-status'));
  assert.match(await text(page, 'wordlist-status'), /^Found in your pasted wordlist at line 4, after 4 tries in (under 1 ms|\d[^.]*(ms|s))\.$/);
  const finding = await findingText(page);
  assert.ok(finding.includes('your pasted wordlist'), finding);
  assert.ok(finding.includes(JSON.stringify(SECRET)), finding);
  assert.equal(await page.getAttribute('[data-testid=finding][data-code=known-secret]', 'data-severity'), 'error');
  await assertAccessible(page, 'wordlist found');

  // The twin: a near miss (one character off) and others; not found, with the count and time.
  await page.fill('[data-testid=wordlist-text]', `alpha\n${SECRET.slice(0, -1)}\nbeta`);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'not-found', 20000), 'not-found');
  assert.match(await text(page, 'wordlist-status'), /^Not signed with any of 3 secrets in your pasted wordlist \(checked in (under 1 ms|\d[^)]* (ms|s))\)\.$/);
  await noKnownSecretFinding(page);
  await assertAccessible(page, 'wordlist not found');

  // Forgetting the list clears the text and the status.
  await page.click('[data-testid=wordlist-clear]');
  assert.equal(await stateBecomes(page, 'wordlist-status', 'empty'), 'empty');
  assert.equal(await page.inputValue('[data-testid=wordlist-text]'), '');
  // The list went nowhere: no storage holds it, and the URL does not.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  assert.ok(!stored.includes('alpha') && !stored.includes(SECRET.slice(0, 10)), stored);
  assert.deepEqual(problems, []);
  await close();
});

test('a wordlist file chosen with the file input, or dropped: found, the finding naming the file; a file without it is not found', async () => {
  const { page, problems, close } = await withToken();
  const list = ['password', 'secret', '123456', SECRET, 'letmein'].join('\n');
  await page.setInputFiles('[data-testid=wordlist-input]', { name: 'leaked.txt', mimeType: 'text/plain', buffer: Buffer.from(list) });
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 20000), 'found', await text(page, 'wordlist-status'));
  assert.match(await text(page, 'wordlist-status'), /^Found in your wordlist leaked\.txt at line 4, after 4 tries in /);
  const finding = await findingText(page);
  assert.ok(finding.includes('your wordlist leaked.txt'), finding);
  assert.ok(finding.includes(JSON.stringify(SECRET)), finding);
  assert.ok(finding.includes('Line 4 of your wordlist leaked.txt'), finding);
  // The text box is not the list while a file is.
  assert.equal(await page.inputValue('[data-testid=wordlist-text]'), '');
  await assertAccessible(page, 'wordlist file found');

  // The twin: another file without the secret.
  await page.setInputFiles('[data-testid=wordlist-input]', { name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from('password\nsecret\n123456\n') });
  assert.equal(await stateBecomes(page, 'wordlist-status', 'not-found', 20000), 'not-found');
  assert.match(await text(page, 'wordlist-status'), /^Not signed with any of 3 secrets in your wordlist other\.txt \(checked in /);
  await noKnownSecretFinding(page);

  // Dropped on the box: the same search.
  await page.evaluate((secret) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([`nope\n${secret}\n`], 'dropped.txt', { type: 'text/plain' }));
    const zone = document.querySelector('.wordlist-body');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, SECRET);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 20000), 'found');
  assert.ok((await findingText(page)).includes('your wordlist dropped.txt'));

  // A binary (UTF-16) file is refused with the reason.
  const utf16 = Buffer.from(`\ufeff${SECRET}\n`, 'utf16le');
  await page.setInputFiles('[data-testid=wordlist-input]', { name: 'utf16.txt', mimeType: 'text/plain', buffer: utf16 });
  assert.equal(await stateBecomes(page, 'wordlist-status', 'unavailable', 20000), 'unavailable');
  assert.match(await text(page, 'wordlist-status'), /not a text file/);
  assert.deepEqual(problems, []);
  await close();
});

test('a large wordlist file is searched in a worker with progress while the page stays free; a token change mid-search drops it', async () => {
  const { page, problems, close } = await withToken();
  // About 33 MB: two million lines, the secret on the last (a million were searched within the
  // 2.5 s this test needs the search to run for, on a quiet machine).
  const lines = [];
  for (let i = 0; i < 2_000_000; i += 1) lines.push(`candidate-${i.toString(36)}-padding`);
  lines.push(SECRET);
  const big = Buffer.from(lines.join('\n'));
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
  await page.setInputFiles('[data-testid=wordlist-input]', { name: 'big.txt', mimeType: 'text/plain', buffer: big }, { timeout: 120000 });
  assert.equal(await stateBecomes(page, 'wordlist-status', 'searching', 20000), 'searching');
  assert.match(await text(page, 'wordlist-status'), /Searching your wordlist big\.txt… \d+% read, [\d,]+ secrets? tried\./);
  await page.evaluate(() => { window.longTasks = []; });
  await page.waitForTimeout(1000);
  // The page answers meanwhile: the key box decides the verdict at once.
  await page.fill('[data-testid=key-input]', SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  const longTasks = await page.evaluate(() => window.longTasks);
  assert.deepEqual(longTasks.filter((ms) => ms > 100), [], `long tasks: ${longTasks.join(', ')} ms`);
  assert.equal(await page.getAttribute('[data-testid=wordlist-status]', 'data-state'), 'searching');

  // A new token mid-search: the old search is dropped, and the list searched for the new one
  // (signed with the first line's secret, so it is found at once).
  const first = hs256({}, { sub: 'next' }, 'candidate-0-padding');
  await page.fill('[data-testid=token-input]', first);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 20000), 'found', await text(page, 'wordlist-status'));
  assert.match(await text(page, 'wordlist-status'), /at line 1, after 1 try in/);
  assert.ok((await findingText(page)).includes('"candidate-0-padding"'));

  // Back to the first token: the whole file is searched to its last line.
  await page.fill('[data-testid=token-input]', TOKEN);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 120000), 'found', await text(page, 'wordlist-status'));
  assert.match(await text(page, 'wordlist-status'), /at line 2,000,001, after 2,000,001 tries in/);
  assert.deepEqual(problems, []);
  await close();
});

test('a token that is not HS: the wordlist says there is nothing to search, and keeps the list for the next HS token', async () => {
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
  const rs256 = fixtures.find((f) => f.name === 'RS256').token;
  const { page, problems, close } = await withToken(rs256);
  assert.equal(await page.$('[data-testid=known-secret-status]'), null);
  await page.fill('[data-testid=wordlist-text]', SECRET);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'no-target'), 'no-target');
  assert.match(await text(page, 'wordlist-status'), /^Nothing to search for: only a token signed with an HMAC secret \(HS256, HS384, HS512\) has a secret to try\. Your pasted wordlist is kept for the next one\.$/);
  await assertAccessible(page, 'wordlist with a non-HS token');
  await page.fill('[data-testid=token-input]', TOKEN);
  assert.equal(await stateBecomes(page, 'wordlist-status', 'found', 20000), 'found');
  assert.deepEqual(problems, []);
  await close();
});
