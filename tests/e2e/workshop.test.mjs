// The key workshop through the page's contract: every kind of key is generated in the worker
// (the page keeps working meanwhile), shown in every form, signs in the encoder and verifies in
// the decoder (a flipped bit does not); pasted keys convert; copy buttons copy; the encoder's
// time helpers set iat, nbf and exp. The workshop is the Keys mode (its testids exist only after
// its tab is chosen); "sign with this key" switches to the encoder, sending to the decoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mode, open, root, servedApp, stateBecomes, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);

const flipLastSignatureChar = (token) => {
  const last = token.at(-1);
  return token.slice(0, -1) + (last === 'A' ? 'Q' : 'A');
};

const selected = (page, name) => page.getAttribute(`[data-testid=mode-${name}]`, 'aria-selected');

test('every kind of key is generated, signs in the encoder and verifies in the decoder', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  assert.equal(await page.$('[data-testid=keygen-run]'), null, 'the workshop is not in the decoder');
  await mode(page, 'keys');
  const kinds = await page.$$eval('[data-testid=keygen-type] option', (options) => options.map((o) => o.value));
  assert.deepEqual(kinds, ['oct-256', 'oct-384', 'oct-512', 'RSA-2048', 'RSA-3072', 'RSA-4096',
    'P-256', 'P-384', 'P-521', 'secp256k1', 'Ed25519', 'Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']);
  const times = [];
  for (const kind of kinds) {
    if (kind !== kinds[0]) await mode(page, 'keys');
    await page.selectOption('[data-testid=keygen-type]', kind);
    await page.click('[data-testid=keygen-run]');
    if (kind === 'RSA-4096') {
      // The page stays usable while the worker works: the decoder answers meanwhile, and the
      // key is there on coming back (how long the key takes varies, so whether it is still
      // working by then is not asserted).
      assert.equal(await page.getAttribute('[data-testid=keygen-status]', 'data-state'), 'working');
      await mode(page, 'decoder');
      await page.fill('[data-testid=token-input]', fixture('HS256').token);
      await page.fill('[data-testid=key-input]', fixture('HS256').keys.utf8);
      assert.equal(await statusBecomes(page, 'valid'), 'valid');
      await mode(page, 'keys');
    }
    assert.equal(await stateBecomes(page, 'keygen-status', 'done', 300000), 'done', `${kind}: ${await text(page, 'keygen-status')}`);
    times.push([kind, Number(await page.getAttribute('[data-testid=keygen-status]', 'data-millis'))]);

    const secret = kind.startsWith('oct');
    const publicJwk = JSON.parse(await text(page, 'keygen-public-jwk'));
    const privateJwk = JSON.parse(await text(page, 'keygen-private-jwk'));
    assert.equal(publicJwk.kid, await text(page, 'keygen-thumbprint'), `${kind}: kid is the thumbprint`);
    assert.equal(publicJwk.use, 'sig');
    if (secret) {
      assert.equal(await page.$('[data-testid=keygen-private-pem]'), null, 'a secret has no PEM');
      assert.equal(Buffer.from(privateJwk.k, 'base64url').length * 8, Number(kind.slice(4)));
    } else {
      assert.match(await text(page, 'keygen-private-pem'), /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/);
      assert.match(await text(page, 'keygen-public-pem'), /^-----BEGIN PUBLIC KEY-----\n/);
      // An AKP (ML-DSA) JWK's private member is its seed, `priv`; every other key's is `d`.
      const privateMember = kind.startsWith('ML-DSA') ? 'priv' : 'd';
      assert.ok(privateJwk[privateMember] && !publicJwk[privateMember], `${kind}: ${privateMember} only in the private JWK`);
      assert.deepEqual(JSON.parse(await text(page, 'keygen-jwks')).keys, [publicJwk]);
    }

    // Sign with it in the encoder (the button switches there), then verify in the decoder.
    await page.click('[data-testid=keygen-use]');
    await page.waitForSelector('[data-testid=panel-encoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
    assert.equal(await selected(page, 'encoder'), 'true', `${kind}: "sign with this key" opens the encoder`);
    assert.equal(await page.$('[data-testid=panel-keys]'), null, `${kind}: the workshop's panel is gone`);
    assert.equal(await page.inputValue('[data-testid=encoder-alg]'), publicJwk.alg, kind);
    assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 60000), 'signed', kind);
    await page.click('[data-testid=encoder-send]');
    assert.equal(await statusBecomes(page, 'valid'), 'valid', `${kind}: ${await text(page, 'verify-status')}`);
    assert.equal(await selected(page, 'decoder'), 'true', `${kind}: sending opens the decoder`);
    // Negative twin: one flipped signature character.
    const token = await page.inputValue('[data-testid=token-input]');
    await page.fill('[data-testid=token-input]', flipLastSignatureChar(token));
    assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${kind} with a flipped signature`);
    // The public JWK alone verifies the token too.
    await page.fill('[data-testid=token-input]', token);
    await page.fill('[data-testid=key-input]', JSON.stringify(publicJwk));
    assert.equal(await statusBecomes(page, 'valid'), 'valid', `${kind} with its public JWK`);
  }
  console.log('key generation in headless Chromium (ms):');
  for (const [kind, millis] of times) console.log(`  ${kind.padEnd(10)} ${millis}`);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('a pasted key converts to every form it has; a broken one says why', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  await mode(page, 'keys');
  const rsa = fixture('RS256');
  const normalise = (pem) => pem.trim().replace(/\r/g, '');

  await page.fill('[data-testid=convert-input]', rsa.keys['pkcs1-private-pem']);
  assert.equal(await stateBecomes(page, 'convert-status', 'done'), 'done', await text(page, 'convert-status'));
  assert.equal(normalise(await text(page, 'convert-public-pem')), normalise(rsa.keys['spki-pem']));
  assert.match(await text(page, 'convert-description'), /RSA 2048-bit public key, with its private key/);
  const fromPrivate = await text(page, 'convert-thumbprint');

  // The public half converts to the same key, without private forms.
  await page.fill('[data-testid=convert-input]', rsa.keys['certificate-pem']);
  assert.equal(await stateBecomes(page, 'convert-status', 'done'), 'done');
  assert.equal(await text(page, 'convert-thumbprint'), fromPrivate);
  assert.equal(await page.$('[data-testid=convert-private-pem]'), null);
  assert.equal(await page.$('[data-testid=convert-private-jwk]'), null);

  // A JWK converts to PEM; its kid stays.
  const ec = fixture('ES384');
  await page.fill('[data-testid=convert-input]', ec.keys.jwk);
  assert.equal(await stateBecomes(page, 'convert-status', 'done'), 'done');
  assert.equal(normalise(await text(page, 'convert-public-pem')), normalise(ec.keys['spki-pem']));
  assert.equal(JSON.parse(await text(page, 'convert-public-jwk')).kid, JSON.parse(ec.keys.jwk).kid);

  // A hex secret becomes an oct JWK once its encoding is chosen.
  await page.fill('[data-testid=convert-input]', fixture('HS256').keys.hex);
  await page.selectOption('[data-testid=convert-encoding]', 'hex');
  assert.equal(await stateBecomes(page, 'convert-status', 'done'), 'done');
  const oct = JSON.parse(await text(page, 'convert-public-jwk'));
  assert.equal(Buffer.from(oct.k, 'base64url').toString('hex'), fixture('HS256').keys.hex.toLowerCase());

  // Negative twins: a broken private key, a bad hex secret.
  await page.fill('[data-testid=convert-input]', '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----');
  assert.equal(await stateBecomes(page, 'convert-status', 'error'), 'error');
  assert.match(await text(page, 'convert-status'), /PKCS#8/);
  await page.fill('[data-testid=convert-input]', 'zz');
  assert.equal(await stateBecomes(page, 'convert-status', 'error'), 'error');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('copy buttons put the form on the clipboard', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  await mode(page, 'keys');
  await page.selectOption('[data-testid=keygen-type]', 'Ed25519');
  await page.click('[data-testid=keygen-run]');
  assert.equal(await stateBecomes(page, 'keygen-status', 'done'), 'done');
  await page.click('[data-testid=keygen-public-pem-copy]');
  assert.equal(await stateBecomes(page, 'keygen-public-pem-copy', 'copied'), 'copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await text(page, 'keygen-public-pem'));
  // A new key has not been copied yet.
  await page.click('[data-testid=keygen-run]');
  assert.equal(await stateBecomes(page, 'keygen-status', 'done'), 'done');
  assert.equal(await page.getAttribute('[data-testid=keygen-public-pem-copy]', 'data-state'), 'idle');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the encoder sets iat, nbf and exp from the clock and explains the claims', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  await mode(page, 'encoder');
  const payload = async () => JSON.parse(await page.inputValue('[data-testid=encoder-payload]'));
  const before = Math.floor(Date.now() / 1000) - 2;
  await page.click('[data-testid=encoder-iat-now]');
  await page.click('[data-testid=encoder-nbf-now]');
  await page.selectOption('[data-testid=encoder-exp-lifetime]', '86400');
  await page.click('[data-testid=encoder-exp-set]');
  const claims = await payload();
  const after = Math.floor(Date.now() / 1000) + 2;
  assert.ok(claims.iat >= before && claims.iat <= after, `iat ${claims.iat} is now`);
  assert.equal(claims.nbf, claims.iat);
  // The page's clock ticks each second, so exp may be a second past iat + 1 day.
  assert.ok(Math.abs(claims.exp - claims.iat - 86400) <= 1, `exp ${claims.exp}`);
  assert.equal(claims.sub, '1234567890', 'other claims stay');
  const hinted = await page.$$eval('[data-testid=encoder-hints] li', (items) => items.map((li) => li.dataset.claim));
  assert.deepEqual(hinted, ['sub', 'name', 'iat', 'nbf', 'exp']);
  assert.match(await page.textContent('[data-testid=encoder-hints] li[data-claim=exp]'), /RFC 7519/);
  // Negative twin: a payload that does not read is left alone.
  await page.fill('[data-testid=encoder-payload]', '{"sub": ');
  await page.click('[data-testid=encoder-iat-now]');
  assert.equal(await page.inputValue('[data-testid=encoder-payload]'), '{"sub": ');
  assert.deepEqual(session.problems, []);
  await session.close();
});
