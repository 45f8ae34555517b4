// A pasted JWS JSON serialization: each signature's verdict with the shared key box, how many
// verify, and the payload once (RFC 7520 §4.8, three signers; §4.7 flattened, no protected header).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const vector = async (name) => JSON.parse(await readFile(`${root}tests/vectors/rfc7520/jws/${name}`, 'utf8'));
const statuses = (page) => page.$$eval('[data-testid=jws-signature]', (items) => items.map((item) => item.dataset.status));

test('RFC 7520 4.8: three signatures each verify with one JWK Set; a flipped one does not, and the count says so', async () => {
  const example = await vector('4_8.multiple_signatures.json');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify({ keys: example.input.key }));
  const json = example.output.json;
  await page.fill('[data-testid=token-input]', JSON.stringify(json, null, 2));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=jws-signature][data-status=valid]').length === 3);
  assert.deepEqual(await statuses(page), ['valid', 'valid', 'valid']);
  assert.match(await text(page, 'jws-count'), /3 of 3 verify \(general JSON serialization\)/);
  assert.match(await text(page, 'token-summary'), /3 signatures; 3 of 3 verify/);
  assert.match(await text(page, 'payload-text'), /dangerous business, Frodo/, 'the payload, once');
  assert.equal(await page.locator('[data-testid=payload-pane]').count(), 1);
  // The RFC's key set mixes secrets with public keys and repeats a kid: each signature matches,
  // and each says a careful verifier must refuse it.
  const first = page.locator('[data-testid=jws-signature][data-index="0"]');
  assert.equal(await first.getAttribute('data-strict'), 'fail');
  assert.match(await first.textContent(), /careful verifier must refuse it/);
  // The ES512 signature's header is unprotected only.
  const second = page.locator('[data-testid=jws-signature][data-index="1"]');
  assert.equal(await second.locator('[data-testid=jws-protected]').count(), 0);
  assert.match(await second.locator('[data-testid=jws-unprotected]').textContent(), /"alg": "ES512"/);
  await assertAccessible(page, 'a JWS JSON serialization with three signatures');

  const flipped = structuredClone(json);
  const signature = flipped.signatures[0].signature;
  flipped.signatures[0].signature = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  await page.fill('[data-testid=token-input]', JSON.stringify(flipped));
  await page.waitForFunction(() => document.querySelector('[data-testid=jws-signature][data-index="0"]')?.dataset.status === 'invalid');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=jws-signature][data-status=valid]').length === 2);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', 'one verifying signature is enough');
  assert.match(await text(page, 'jws-count'), /2 of 3 verify/);
  assert.match(await text(page, 'verify-status'), /2 of 3 signatures verify/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('RFC 7520 4.7 flattened, its header unprotected: verifies; with another key it does not', async () => {
  const example = await vector('4_7.protecting_content_only.json');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(example.input.key));
  await page.fill('[data-testid=token-input]', JSON.stringify(example.output.json_flat));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.match(await text(page, 'jws-count'), /1 of 1 verify \(flattened JSON serialization\)/);
  await page.fill('[data-testid=key-input]', 'another secret that is long enough for HS256');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  assert.deepEqual(await statuses(page), ['invalid']);
  // Broken structure: malformed, with the reason.
  await page.fill('[data-testid=token-input]', JSON.stringify({ payload: 'e30', signatures: [{ signature: 'AA' }] }));
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.match(await text(page, 'verify-status'), /neither a protected nor an unprotected header/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('jwcrypto-made tokens verify end to end: flattened ES256, general RS256 + ES256 by kid, detached compact', async () => {
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/jws_json_jwcrypto.json`, 'utf8'));
  const byForm = (form) => fixtures.cases.find((c) => c.form === form);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const general = byForm('general');
  await page.fill('[data-testid=key-input]', general.keys);
  await page.fill('[data-testid=token-input]', general.token);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=jws-signature][data-status=valid]').length === 2);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.match(await text(page, 'jws-count'), /2 of 2 verify/);
  await page.fill('[data-testid=key-input]', general.wrong_keys);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');

  const flattened = byForm('flattened');
  await page.fill('[data-testid=key-input]', flattened.keys);
  await page.fill('[data-testid=token-input]', flattened.token);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');

  const detached = byForm('compact-detached');
  await page.fill('[data-testid=key-input]', detached.keys);
  await page.fill('[data-testid=token-input]', detached.token);
  await page.fill('[data-testid=detached-payload]', detached.payload);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=claims-table] [data-claim=iss]').count() > 0 || (await text(page, 'payload-pane')).includes('jwcrypto.example'), true, 'the given payload is the one shown');
  await page.fill('[data-testid=detached-payload]', detached.payload.replace('interop', 'interOp'));
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  assert.deepEqual(session.problems, []);
  await session.close();
});
