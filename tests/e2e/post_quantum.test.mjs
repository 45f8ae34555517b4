// Post-quantum and fully specified algorithms in the page (issue 15): ML-DSA-44/65/87 and Ed448
// are checked by the worker (the page's first load carries none of their code), the verdict
// `pending` meanwhile; ESP256/384/512 by WebCrypto like ES256/384/512. Tokens from independent
// implementations: jwt.io's own ML-DSA examples (tests/vectors/ml-dsa/), Python cryptography's
// (tests/fixtures/ml_dsa_cryptography.json) and jwcrypto's Ed448 (ed448_x448_jwcrypto.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, mode, open, root, servedApp, signedWith, statusBecomes, stateBecomes, text } from './harness.mjs';

const vectors = `${root}tests/vectors/ml-dsa/`;
const jwtIo = await Promise.all([44, 65, 87].map(async (level) => ({
  alg: `ML-DSA-${level}`,
  token: (await readFile(`${vectors}jwtio_${level}.token`, 'utf8')).trim(),
  jwk: JSON.stringify({ kty: 'AKP', alg: `ML-DSA-${level}`, pub: (await readFile(`${vectors}jwtio_${level}.pub`, 'utf8')).trim() }),
  privatePem: await readFile(`${vectors}jwtio_${level}.private.pem`, 'utf8'),
})));
const cryptography = JSON.parse(await readFile(`${root}tests/fixtures/ml_dsa_cryptography.json`, 'utf8'));
const ed448 = JSON.parse(await readFile(`${root}tests/fixtures/ed448_x448_jwcrypto.json`, 'utf8')).signed;
const classical = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));

const app = servedApp();

function flipSignatureBit(token) {
  const [h, p, s] = token.split('.');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return `${h}.${p}.${alphabet[alphabet.indexOf(s[0]) ^ 1]}${s.slice(1)}`;
}

async function enter(page, token, key) {
  await page.fill('[data-testid=key-input]', key);
  await page.fill('[data-testid=token-input]', token);
}

test("jwt.io's ML-DSA examples verify with their AKP JWKs; flipped, other-set and private keys do not", async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  for (const example of jwtIo) {
    await enter(page, example.token, example.jwk);
    assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${example.alg}: ${await text(page, 'verify-status')}`);
    assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass', example.alg);
    assert.match(await text(page, 'verified-thumbprint'), /^[A-Za-z0-9_-]{43}$/, example.alg);
    await page.fill('[data-testid=token-input]', flipSignatureBit(example.token));
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${example.alg}, flipped bit`);
  }
  await assertAccessible(page, 'an ML-DSA token whose signature does not match');
  // A key of another parameter set names the one the token needs.
  await enter(page, jwtIo[1].token, jwtIo[0].jwk);
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error', await text(page, 'verify-status'));
  assert.match(await text(page, 'verify-status'), /ML-DSA-65/);
  // A private key is not read in the page (its public half needs ML-DSA's code): it says so.
  await enter(page, jwtIo[1].token, jwtIo[1].privatePem);
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error', await text(page, 'verify-status'));
  assert.match(await text(page, 'verify-status'), /public key/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test("Python cryptography's ML-DSA tokens verify with SPKI PEM and JWK Set; the wrong key does not", async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  for (const fixture of cryptography) {
    await enter(page, fixture.token, fixture['spki-pem']);
    assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${fixture.alg} SPKI: ${await text(page, 'verify-status')}`);
    const jwk = typeof fixture.jwk === 'string' ? JSON.parse(fixture.jwk) : fixture.jwk;
    await enter(page, fixture.token, JSON.stringify({ keys: [{ ...jwk, kid: 'other' }, { ...jwk, kid: JSON.parse(Buffer.from(fixture.token.split('.')[0], 'base64url')).kid }] }));
    assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${fixture.alg} JWK Set: ${await text(page, 'verify-status')}`);
    assert.match(await text(page, 'verified-key'), /key 2/, `${fixture.alg}: the set's key with the token's kid`);
    await enter(page, fixture.token, fixture['wrong-key']);
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${fixture.alg} with the wrong key`);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});

test("jwcrypto's Ed448 tokens (EdDSA and Ed448) verify in every key form; flipped and other-curve keys do not", async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  for (const fixture of ed448) {
    for (const form of ['public-jwk', 'spki-pem']) {
      await enter(page, fixture.token, fixture.keys[form]);
      assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${fixture.name} ${form}: ${await text(page, 'verify-status')}`);
    }
    await page.fill('[data-testid=token-input]', flipSignatureBit(fixture.token));
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${fixture.name}, flipped bit`);
    await enter(page, fixture.token, fixture.wrong_key);
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${fixture.name}, wrong key`);
  }
  // The fully specified Ed448 refuses an Ed25519 key by name.
  const specified = ed448.find((fixture) => fixture.alg === 'Ed448');
  await enter(page, specified.token, specified.other_curve_key);
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error', await text(page, 'verify-status'));
  assert.match(await text(page, 'verify-status'), /Ed448/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the encoder signs ESP256/384/512 and ML-DSA, the decoder verifies them; a key on another curve is refused', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const byName = (name) => classical.find((fixture) => fixture.name === name);
  const cases = [
    ['ESP256', byName('ES256').keys['pkcs8-pem']],
    ['ESP384', byName('ES384').keys['pkcs8-pem']],
    ['ESP512', byName('ES512').keys['pkcs8-pem']],
    ['ML-DSA-65', cryptography.find((fixture) => fixture.alg === 'ML-DSA-65')['pkcs8-pem']],
  ];
  for (const [alg, privateKey] of cases) {
    await mode(page, 'encoder');
    await page.selectOption('[data-testid=encoder-alg]', alg);
    await page.fill('[data-testid=encoder-key]', privateKey);
    const token = await signedWith(page, alg, 30000);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg, alg, `${alg}: ${token.slice(0, 80)}`);
    await page.click('[data-testid=encoder-send]');
    assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${alg}: ${await text(page, 'verify-status')}`);
    await page.fill('[data-testid=token-input]', flipSignatureBit(await page.inputValue('[data-testid=token-input]')));
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${alg}, flipped bit`);
  }
  // ESP256 pins P-256: a P-384 key is refused by name, in the encoder and in the decoder.
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'ESP256');
  await page.fill('[data-testid=encoder-key]', byName('ES384').keys['pkcs8-pem']);
  assert.equal(await stateBecomes(page, 'encoder-status', 'error', 10000), 'error');
  assert.match(await text(page, 'encoder-status'), /P-256/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test("a browser without WebCrypto's ML-DSA gets the same verdicts from the worker's RustCrypto check", async () => {
  // Stands in for a browser whose WebCrypto has no ML-DSA: importing such a key is refused.
  const noMlDsa = () => {
    const importKey = SubtleCrypto.prototype.importKey;
    SubtleCrypto.prototype.importKey = function (format, data, algorithm, ...rest) {
      if (String(algorithm?.name ?? algorithm).startsWith('ML-DSA')) {
        return Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'));
      }
      return importKey.call(this, format, data, algorithm, ...rest);
    };
  };
  const session = await open(app.browser, app.server.url, app.server.origin, noMlDsa);
  const { page } = session;
  for (const example of jwtIo) {
    await enter(page, example.token, example.jwk);
    assert.equal(await statusBecomes(page, 'valid', 15000), 'valid', `${example.alg}: ${await text(page, 'verify-status')}`);
    await page.fill('[data-testid=token-input]', flipSignatureBit(example.token));
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${example.alg}, flipped bit`);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});

test("jwcrypto's X448 ECDH-ES JWEs decrypt in the page with the private JWK and PKCS#8 PEM; the wrong key does not", async () => {
  const encrypted = JSON.parse(await readFile(`${root}tests/fixtures/ed448_x448_jwcrypto.json`, 'utf8')).encrypted;
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  for (const fixture of encrypted) {
    for (const form of ['private-jwk', 'pkcs8-pem']) {
      await enter(page, fixture.token, fixture.keys[form]);
      assert.equal(await statusBecomes(page, 'decrypted', 15000), 'decrypted', `${fixture.name} ${form}: ${await text(page, 'verify-status')}`);
      assert.equal(await text(page, 'plaintext'), fixture.plaintext, fixture.name);
    }
    await enter(page, fixture.token, fixture.wrong_key);
    assert.equal(await statusBecomes(page, 'invalid', 15000), 'invalid', `${fixture.name} with the wrong key: ${await text(page, 'verify-status')}`);
    assert.equal(await page.$('[data-testid=plaintext]'), null, fixture.name);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});
