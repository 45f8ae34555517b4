// SD-JWTs in the JWS JSON serialization (RFC 9901 §8), from tests/fixtures/sd_jwt/json_cases.json
// (the reference implementation's presentations written as §8 says, and its own JSON form):
// the card names the form, the disclosures come from the first unprotected header, the key
// binding's sd_hash is over the compact form, and the verifier's expected aud and nonce are
// compared with the KB-JWT's. Twins: a flipped disclosure, the reference's top-level placement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const cases = JSON.parse(await readFile(`${root}tests/fixtures/sd_jwt/json_cases.json`, 'utf8'));
const byName = (name) => cases.find((c) => c.name === name);
const states = (page) => page.$$eval('[data-testid=sd-disclosure]', (items) => items.map((item) => item.dataset.state));
const kbBecomes = (page, want) => page.waitForFunction(
  (value) => document.querySelector('[data-testid=kb-status]')?.dataset.status === value, want, { timeout: 10000 },
);
const expectResult = (page, claim) => page.getAttribute(`[data-testid=kb-expect][data-claim=${claim}]`, 'data-result');

test('a general JWS JSON SD-JWT with two issuer signatures and key binding: verified, read from the first header, aud and nonce checked', async () => {
  const found = byName('general-two-ES256-kb');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(found.keys));
  await page.fill('[data-testid=token-input]', found.json);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await kbBecomes(page, 'valid');
  assert.equal(await page.getAttribute('[data-testid=sd-json-form]', 'data-placement'), 'header');
  assert.match(await text(page, 'sd-json-form'), /2 signatures/);
  const seen = await states(page);
  assert.ok(seen.length === 3 && seen.every((state) => state === 'referenced'), seen.join());
  assert.deepEqual(JSON.parse(await text(page, 'sd-payload-json')), found.verified);
  assert.equal(await page.locator('[data-testid=jws-signature]').count(), 2);

  // The verifier's expectations: unchecked until typed, then matched or not.
  assert.equal(await expectResult(page, 'aud'), 'unchecked');
  await page.fill('[data-testid=kb-expected-aud]', found.aud);
  await page.fill('[data-testid=kb-expected-nonce]', found.nonce);
  assert.equal(await expectResult(page, 'aud'), 'match');
  assert.equal(await expectResult(page, 'nonce'), 'match');
  await page.fill('[data-testid=kb-expected-nonce]', 'a-replayed-nonce');
  assert.equal(await expectResult(page, 'nonce'), 'mismatch');
  // The binding holds, but not for this verifier: the headline says to refuse.
  assert.match(await text(page, 'kb-status'), /Refuse for this verifier/);
  assert.match(await text(page, 'kb-expect'), /matches/);
  await assertAccessible(page, 'an SD-JWT in JWS JSON');

  // Twin: one character of a disclosure changed in the JSON.
  const object = JSON.parse(found.json);
  const disclosure = object.signatures[0].header.disclosures[0];
  object.signatures[0].header.disclosures[0] = `${disclosure.slice(0, 3)}${disclosure[3] === 'A' ? 'B' : 'A'}${disclosure.slice(4)}`;
  await page.fill('[data-testid=token-input]', JSON.stringify(object));
  await kbBecomes(page, 'sd-hash-mismatch');
  assert.notEqual((await states(page))[0], 'referenced');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test("the reference implementation's own JSON form: read, its placement named, its sd_hash not the RFC's", async () => {
  const found = byName('reference-json-ES256-kb');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(found.keys));
  await page.fill('[data-testid=token-input]', found.json);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=sd-json-form]', 'data-placement'), 'top-level');
  await kbBecomes(page, 'sd-hash-mismatch');
  assert.ok(await page.locator('[data-testid=finding][data-code=sd-json-form]').count() > 0);
  assert.deepEqual(JSON.parse(await text(page, 'sd-payload-json')), found.verified);
  assert.deepEqual(session.problems, []);
  await session.close();
});
