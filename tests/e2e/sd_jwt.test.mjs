// SD-JWT presentations (RFC 9901) made by the IETF reference implementation: the issuer JWT
// verified with the key box, each disclosure referenced, the processed payload, the key binding
// JWT checked with the cnf key (WebCrypto), and the twins: an unreferenced disclosure, a cut
// KB-JWT, a KB-JWT by another holder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const cases = JSON.parse(await readFile(`${root}tests/fixtures/sd_jwt/cases.json`, 'utf8'));
const byName = (name) => cases.find((c) => c.name === name);
const states = (page) => page.$$eval('[data-testid=sd-disclosure]', (items) => items.map((item) => item.dataset.state));
const kbBecomes = (page, want) => page.waitForFunction(
  (value) => document.querySelector('[data-testid=kb-status]')?.dataset.status === value, want, { timeout: 10000 },
);

test('an ES256 SD-JWT with key binding: issuer verified, every disclosure referenced, key binding valid', async () => {
  const presentation = byName('nested-ES256-sha-256-kb');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(presentation.issuer_jwk));
  await page.fill('[data-testid=token-input]', presentation.presentation);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await kbBecomes(page, 'valid');
  const seen = await states(page);
  assert.ok(seen.length > 0 && seen.every((state) => state === 'referenced'), seen.join());
  const processed = JSON.parse(await text(page, 'sd-payload-json'));
  assert.deepEqual(processed, presentation.verified);
  // Claims the holder did not show and decoys both stay undisclosed.
  assert.ok(Number(await page.getAttribute('[data-testid=sd-undisclosed]', 'data-count')) >= presentation.decoys);
  // The claims table reads the processed payload.
  for (const claim of Object.keys(presentation.verified).filter((name) => name !== 'cnf')) {
    assert.ok(await page.locator(`[data-testid=claims-table] [data-claim="${claim}"]`).count() > 0, claim);
  }
  await assertAccessible(page, 'an SD-JWT presentation');

  // Twins: an extra disclosure no digest references (and the KB-JWT's sd_hash no longer
  // covers the presentation); the KB-JWT cut off; a KB-JWT signed by another holder.
  const [head, kb] = [presentation.presentation.slice(0, presentation.presentation.lastIndexOf('~')), presentation.presentation.slice(presentation.presentation.lastIndexOf('~') + 1)];
  await page.fill('[data-testid=token-input]', `${head}~WyJzYWx0IiwgImV4dHJhIiwgdHJ1ZV0~${kb}`);
  await page.waitForSelector('[data-testid=sd-disclosure][data-state=unreferenced]');
  await kbBecomes(page, 'sd-hash-mismatch');
  assert.ok(await page.locator('[data-testid=finding][data-code=sd-disclosure]').count() > 0);
  await page.fill('[data-testid=token-input]', `${head}~`);
  await kbBecomes(page, 'missing');
  assert.ok(await page.locator('[data-testid=finding][data-code=sd-kb-missing]').count() > 0);
  const wrong = byName('object-ES256-sha-256-kb-wrong-holder');
  await page.fill('[data-testid=key-input]', JSON.stringify(wrong.issuer_jwk));
  await page.fill('[data-testid=token-input]', wrong.presentation);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', 'the issuer signed it');
  await kbBecomes(page, 'invalid');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('an RS256 SD-JWT without key binding, with decoys: undisclosed digests counted; a wrong issuer key is invalid', async () => {
  const presentation = byName('decoys-RS256-sha-512');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(presentation.issuer_jwk));
  await page.fill('[data-testid=token-input]', presentation.presentation);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.ok(Number(await page.getAttribute('[data-testid=sd-undisclosed]', 'data-count')) >= Number(presentation.decoys));
  assert.match(await text(page, 'sd-undisclosed'), /cannot be told apart/);
  const other = byName('object-RS256-sha-256');
  await page.fill('[data-testid=key-input]', JSON.stringify({ ...other.issuer_jwk, n: other.issuer_jwk.n.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }));
  assert.notEqual(await statusBecomes(page, 'invalid'), 'valid');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the encoder issues an SD-JWT with two disclosable claims and a decoy; the decoder verifies it and finds both referenced', async () => {
  const keys = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
  const es256 = keys.find((k) => k.alg === 'ES256');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.click('[data-testid=mode-encoder]');
  await page.waitForSelector('[data-testid=encoder-payload]');
  await page.fill('[data-testid=encoder-payload]', JSON.stringify({ iss: 'https://issuer.example', exp: 1900000000, given_name: 'Erika', address: { locality: 'Köln', country: 'DE' } }, null, 2));
  await page.selectOption('[data-testid=encoder-alg]', 'ES256');
  await page.fill('[data-testid=encoder-key]', es256.keys['pkcs8-pem']);
  await page.check('[data-testid=encoder-sd]');
  await page.fill('[data-testid=encoder-sd-paths]', 'given_name\naddress.locality');
  await page.fill('[data-testid=encoder-sd-decoys]', '1');
  await page.waitForFunction(() => {
    const token = document.querySelector('[data-testid=encoder-token]');
    return token?.dataset.state === 'signed' && token.textContent.includes('~');
  }, null, { timeout: 10000 });
  await page.click('[data-testid=encoder-send]');
  await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached' });
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.waitForSelector('[data-testid=sd-jwt]');
  const seen = await page.$$eval('[data-testid=sd-disclosure]', (items) => items.map((item) => `${item.dataset.claim}:${item.dataset.state}`));
  assert.deepEqual(seen.sort(), ['given_name:referenced', 'locality:referenced']);
  assert.ok(Number(await page.getAttribute('[data-testid=sd-undisclosed]', 'data-count')) >= 1, 'the decoy');
  const processed = JSON.parse(await text(page, 'sd-payload-json'));
  assert.equal(processed.given_name, 'Erika');
  assert.equal(processed.address.locality, 'Köln');
  // A path to no claim is refused with the reason.
  await page.click('[data-testid=mode-encoder]');
  await page.waitForSelector('[data-testid=encoder-sd-paths]');
  await page.fill('[data-testid=encoder-sd-paths]', 'family_name');
  await page.waitForFunction(() => document.querySelector('[data-testid=encoder-status]')?.dataset.state === 'error', null, { timeout: 10000 });
  assert.match(await text(page, 'encoder-status'), /family_name/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the encoder presents one claim with a key binding JWT by the holder; the decoder checks it with the cnf key', async () => {
  const keys = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
  const issuerKey = keys.find((k) => k.alg === 'ES256');
  const holderKey = keys.find((k) => k.alg === 'EdDSA');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.click('[data-testid=mode-encoder]');
  await page.waitForSelector('[data-testid=encoder-payload]');
  await page.fill('[data-testid=encoder-payload]', JSON.stringify({ iss: 'https://issuer.example', exp: 1900000000, given_name: 'Erika', family_name: 'Mustermann' }));
  await page.selectOption('[data-testid=encoder-alg]', 'ES256');
  await page.fill('[data-testid=encoder-key]', issuerKey.keys['pkcs8-pem']);
  await page.check('[data-testid=encoder-sd]');
  await page.fill('[data-testid=encoder-sd-paths]', 'given_name\nfamily_name');
  await page.fill('[data-testid=encoder-sd-present]', 'given_name');
  await page.fill('[data-testid=encoder-sd-holder-key]', holderKey.keys['pkcs8-pem']);
  await page.fill('[data-testid=encoder-sd-aud]', 'https://verifier.example');
  await page.fill('[data-testid=encoder-sd-nonce]', 'n-0S6');
  await page.waitForFunction(() => {
    const token = document.querySelector('[data-testid=encoder-token]');
    return token?.dataset.state === 'signed' && /~[^~]+\.[^~]+\.[^~]+$/.test(token.textContent.trim());
  }, null, { timeout: 10000 });
  await page.click('[data-testid=encoder-send]');
  await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached' });
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await kbBecomes(page, 'valid');
  const seen = await page.$$eval('[data-testid=sd-disclosure]', (items) => items.map((item) => item.dataset.claim));
  assert.deepEqual(seen, ['given_name']);
  assert.equal(await page.getAttribute('[data-testid=sd-undisclosed]', 'data-count'), '1');
  const kb = JSON.parse(await text(page, 'kb-claims'));
  assert.equal(kb.aud, 'https://verifier.example');
  assert.equal(kb.nonce, 'n-0S6');
  assert.deepEqual(session.problems, []);
  await session.close();
});
