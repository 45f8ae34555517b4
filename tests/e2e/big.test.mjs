// Big tokens: a payload of thousands of claims is shown pretty-printed in full, coloured for its
// first lines (the rest plain until asked), with its claims table abbreviated until asked; each
// abbreviation says so and offers the rest. Timings are scripts/bench's, not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigPayload, hs256, open, said, servedApp, statusBecomes, view } from './harness.mjs';

const app = servedApp();
const SECRET = 'a secret that is in no public list 5f1e2d0123456789';

test('a 100 KB payload: all of it pretty-printed, colours and table rows abbreviated with an offer of the rest', { timeout: 60000 }, async () => {
  const claims = bigPayload(100_000);
  const names = Object.keys(claims);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', SECRET);
  const token = hs256({ typ: 'JWT' }, claims, SECRET);
  await page.fill('[data-testid=token-input]', token);
  assert.equal(await statusBecomes(page, 'valid', 20000), 'valid', await said(page, 'verify-status'));

  // The colour-coded token shows the long payload part's first 1,024 characters, says so, and
  // shows the whole on request; the short parts are whole.
  const encodedPayload = token.split('.')[1];
  await page.waitForSelector('[data-testid=encoded-abbreviated]', { timeout: 10000 });
  assert.match(await said(page, 'encoded-abbreviated'), /first 1,024 characters/);
  assert.equal(await said(page, 'token-part-payload'), encodedPayload.slice(0, 1024));
  assert.equal(await said(page, 'token-part-signature'), token.split('.')[2]);
  assert.match(await page.textContent('[data-testid=encoded-token] pre'), new RegExp(`${(encodedPayload.length - 1024).toLocaleString('en-US')} more characters`));
  await page.click('[data-testid=encoded-abbreviated] button');
  await page.waitForSelector('[data-testid=encoded-abbreviated]', { state: 'detached', timeout: 10000 });
  assert.equal(await said(page, 'token-part-payload'), encodedPayload);

  // The JSON is all there, and is the payload.
  const shown = await page.textContent('[data-testid=payload-json]');
  assert.deepEqual(JSON.parse(shown), claims);
  const lines = shown.split('\n').length;
  assert.match(await said(page, 'payload-colour-note'), new RegExp(`first 500 of ${lines.toLocaleString('en-US')} lines`));
  const lastKey = `"${names.at(-1)}"`;
  const colouredLast = () => page.$$eval('[data-testid=payload-json] .json-key', (keys, want) => keys.some((k) => k.textContent === want), lastKey);
  assert.equal(await colouredLast(), false, 'the last key is plain text before "Colour all"');
  await page.click('[data-testid=payload-colour-note] button');
  await page.waitForSelector('[data-testid=payload-colour-note]', { state: 'detached', timeout: 10000 });
  assert.equal(await colouredLast(), true, 'and coloured after');
  assert.deepEqual(JSON.parse(await page.textContent('[data-testid=payload-json]')), claims, 'still the payload');

  // The table: the first 100 rows, then all on request.
  await view(page, 'payload', 'table');
  const rows = () => page.$$eval('[data-testid=claims-table] tr[data-claim]', (found) => found.length);
  assert.equal(await rows(), 100);
  assert.match(await said(page, 'claims-more'), new RegExp(`first 100 of ${names.length.toLocaleString('en-US')} claims`));
  await page.click('[data-testid=claims-more] button');
  await page.waitForSelector('[data-testid=claims-more]', { state: 'detached', timeout: 10000 });
  assert.equal(await rows(), names.length);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('a small payload is coloured in full and its table complete, with no notes', async () => {
  const claims = bigPayload(2_000);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', SECRET);
  await page.fill('[data-testid=token-input]', hs256({ typ: 'JWT' }, claims, SECRET));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.$('[data-testid=payload-colour-note]'), null);
  assert.equal(await page.$('[data-testid=claims-more]'), null);
  assert.equal(await page.$('[data-testid=encoded-abbreviated]'), null);
  const keys = await page.$$eval('[data-testid=payload-json] .json-key', (found) => found.length);
  assert.ok(keys >= Object.keys(claims).length, `every key coloured (${keys})`);
  assert.deepEqual(session.problems, []);
  await session.close();
});
