// Every algorithm with its key in every format the key box reads, through the page's contract,
// each with its negative twins: a flipped signature bit, a wrong key of the same type, and a key of
// the wrong family. Fixtures: tests/fixtures/keys.json (made by tests/fixtures/generate.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, root, servedApp, statusBecomes, text } from './harness.mjs';

const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const SECRET_ENCODINGS = new Set(['utf8', 'base64', 'base64url', 'hex']);

const app = servedApp();
let session;
/** One page for the whole file (closed with the browser): keys and tokens change under it. */
async function shared() {
  session ??= await open(app.browser, app.server.url, app.server.origin);
  return session;
}

/** Flips the lowest bit of the signature's first base64url character's value. */
function flipSignatureBit(token) {
  const [h, p, s] = token.split('.');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const flipped = alphabet[alphabet.indexOf(s[0]) ^ 1];
  return `${h}.${p}.${flipped}${s.slice(1)}`;
}

async function enter(page, { token, key, encoding = 'utf8' }) {
  await page.selectOption('[data-testid=secret-encoding]', encoding);
  await page.fill('[data-testid=key-input]', key);
  await page.fill('[data-testid=token-input]', token);
}

for (const fixture of fixtures) {
  test(`${fixture.name}: every key format verifies; flipped bit and wrong key do not`, async () => {
    const { page } = await shared();
    for (const [format, key] of Object.entries(fixture.keys)) {
      const encoding = SECRET_ENCODINGS.has(format) ? format : 'utf8';
      const label = `${fixture.name} with ${format}`;
      await enter(page, { token: fixture.token, key, encoding });
      assert.equal(await statusBecomes(page, 'valid'), 'valid', `${label}: ${await text(page, 'verify-status')}`);
      assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass', label);
      const named = await text(page, 'verified-key');
      if (format === 'jwks') {
        assert.match(named, new RegExp(`key 2 \\(kid "${fixture.kid}"\\)`), label);
      }
      assert.match(await text(page, 'verified-thumbprint'), /^[A-Za-z0-9_-]{43}$/, label);

      await page.fill('[data-testid=token-input]', flipSignatureBit(fixture.token));
      assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${label}, flipped bit`);
      assert.equal(await page.$('[data-testid=verified-key]'), null, `${label}: no key named when invalid`);
    }
    await enter(page, { token: fixture.token, key: fixture.wrong_key });
    assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${fixture.name} with a wrong key`);
    assert.match(await text(page, 'verify-status'), /does not match/);
  });
}

const byName = (name) => fixtures.find((f) => f.name === name);

test('a key of the wrong family or curve is a key error that says what was expected', async () => {
  const { page } = await shared();
  const pairs = [
    ['RS256', 'ES256', /RSA public key/],
    ['ES256', 'ES384', /EC P-256 public key/],
    ['ES256', 'ES256K', /EC P-256 public key/],
    ['EdDSA', 'ES256', /Ed25519 or Ed448 public key/],
    ['ES512', 'EdDSA', /EC P-521 public key/],
    ['PS256', 'HS256', /RSA public key/],
  ];
  for (const [tokenOf, keyOf, expected] of pairs) {
    const keys = byName(keyOf).keys;
    await enter(page, { token: byName(tokenOf).token, key: keys['spki-pem'] ?? keys.jwk });
    assert.equal(await statusBecomes(page, 'key-error'), 'key-error', `${tokenOf} token, ${keyOf} key`);
    assert.match(await text(page, 'verify-status'), expected, `${tokenOf} token, ${keyOf} key`);
  }
});

test('a public key pasted as an HMAC secret is refused, not used as bytes', async () => {
  const { page } = await shared();
  await enter(page, { token: byName('HS256').token, key: byName('RS256').keys['spki-pem'] });
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error');
  assert.match(await text(page, 'verify-status'), /HMAC secret/);
});

test('the key survives token changes across algorithms', async () => {
  const { page } = await shared();
  const jwks = byName('ES256').keys.jwks;
  await enter(page, { token: byName('ES256').token, key: jwks });
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.fill('[data-testid=token-input]', byName('RS256').token);
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error');
  await page.fill('[data-testid=token-input]', byName('ES256').token);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.inputValue('[data-testid=key-input]'), jwks);
  assert.deepEqual(session.problems, []);
});

test('when WebCrypto refuses a key, the worker checks it: RSA and NIST curves still verify', async () => {
  // Stand in for a browser whose WebCrypto will not import the key.
  const refuse = () => {
    crypto.subtle.importKey = () => Promise.reject(new DOMException('refused', 'NotSupportedError'));
  };
  const own = await open(app.browser, app.server.url, app.server.origin, refuse);
  const page = own.page;
  const asked = [];
  page.on('request', (request) => asked.push(request.url()));
  for (const name of ['RS256', 'PS512', 'ES256', 'ES512']) {
    const fixture = fixtures.find((f) => f.name === name);
    await page.fill('[data-testid=key-input]', fixture.keys.jwk);
    await page.fill('[data-testid=token-input]', fixture.token);
    assert.equal(await statusBecomes(page, 'valid'), 'valid', `${name}: ${await text(page, 'verify-status')}`);
    await page.fill('[data-testid=token-input]', flipSignatureBit(fixture.token));
    assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${name} flipped`);
  }
  assert.ok(asked.some((url) => url.endsWith('workshop_loader.js')), 'the worker was asked');
  assert.deepEqual(own.problems, []);
  await own.close();
});
