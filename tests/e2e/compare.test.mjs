// The Compare mode: two tokens side by side with the decoder's key box, each with its verdict,
// and every header parameter and claim marked added, removed, changed or the same; times as
// times with their difference. For "why does this token work and that one not".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { JWT_IO, JWT_IO_SECRET, assertAccessible, hs256, mode, open, root, servedApp, text } from './harness.mjs';

const app = servedApp();
const rows = (page) => page.$$eval('[data-testid=compare-row]', (items) => Object.fromEntries(
  items.map((row) => [`${row.dataset.section}.${row.dataset.claim}`, row.dataset.change]),
));
const verdict = (page, side) => page.getAttribute(`[data-testid=compare-verdict-${side}]`, 'data-status');

test('two HS256 tokens: what was added, removed and changed, the time difference, and each verdict with the shared key', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JWT_IO_SECRET);
  await page.fill('[data-testid=token-input]', JWT_IO);
  await mode(page, 'compare');
  await page.click('[data-testid=compare-from-decoder]');
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-token-a]')?.value.startsWith('eyJ'));
  const other = hs256({ typ: 'JWT', kid: 'k2' }, { sub: '1234567890', name: 'Jane Doe', iat: 1516242622, admin: true }, 'another secret of enough length!');
  await page.fill('[data-testid=compare-token-b]', other);
  await page.waitForSelector('[data-testid=compare-row]');
  assert.deepEqual(await rows(page), {
    'header.alg': 'same', 'header.typ': 'same', 'header.kid': 'added',
    'claims.sub': 'same', 'claims.name': 'changed', 'claims.iat': 'changed', 'claims.admin': 'added',
  });
  const iat = page.locator('[data-testid=compare-row][data-claim=iat]');
  assert.match(await iat.textContent(), /2018-01-18T01:30:22Z/);
  assert.match(await iat.locator('[data-testid=compare-difference]').textContent(), /\+1 h/);
  assert.match(await text(page, 'compare-summary'), /2 changed, 2 added, 0 removed, 3 the same; kid differs/);
  // The shared key verifies A and not B.
  assert.equal(await verdict(page, 'a'), 'valid');
  assert.equal(await verdict(page, 'b'), 'invalid');
  await page.fill('[data-testid=key-input]', 'another secret of enough length!');
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-verdict-b]')?.dataset.status === 'valid');
  assert.equal(await verdict(page, 'a'), 'invalid');
  await assertAccessible(page, 'the compare mode with two tokens');

  // Identical tokens: every row the same.
  await page.fill('[data-testid=compare-token-b]', JWT_IO);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=compare-row]')].every((row) => row.dataset.change === 'same'));
  assert.match(await text(page, 'compare-summary'), /same header and claims/);
  // A broken token B: A's members read as removed, and B says why.
  await page.fill('[data-testid=compare-token-b]', 'not.a.token');
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-row][data-claim=sub]')?.dataset.change === 'removed');
  assert.match(await text(page, 'compare-claims'), /Token B/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('RS256 tokens of a real issuer and a jwcrypto token: verdicts come from WebCrypto, the alg and iss differences are named', async () => {
  const cases = JSON.parse(await readFile(`${root}tests/vectors/real-world/cases.json`, 'utf8'));
  const google = cases.find((c) => c.id === 'google-sa-id-token');
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/jws_json_jwcrypto.json`, 'utf8'));
  const flattened = fixtures.cases.find((c) => c.form === 'flattened');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await mode(page, 'compare');
  await page.fill('[data-testid=key-input]', JSON.stringify(google.jwks));
  await page.fill('[data-testid=compare-token-a]', google.token);
  await page.fill('[data-testid=compare-token-b]', flattened.token);
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-verdict-a]')?.dataset.status === 'valid');
  assert.notEqual(await verdict(page, 'b'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=compare-row][data-claim=alg]', 'data-change'), 'changed');
  assert.equal(await page.getAttribute('[data-testid=compare-row][data-claim=iss]', 'data-change'), 'changed');
  assert.match(await text(page, 'compare-summary'), /alg, kid and iss|alg.*iss/);
  assert.deepEqual(session.problems, []);
  await session.close();
});
