// Encrypted tokens (JWE) through the page's contract: the RFC 7520 §5 examples decrypt in the
// workshop worker with their keys or password, show their parts and plaintext, and fail with a
// flipped bit; the §6 nested token's inner signature verifies with its own key box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { compactDecrypt } from '../../tools/node_modules/jose/dist/webapi/index.js';
import { mode, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const dir = `${root}tests/vectors/rfc7520/jwe/`;
const examples = [];
for (const name of (await readdir(dir)).sort()) {
  const example = JSON.parse(await readFile(dir + name, 'utf8'));
  if (example.output.compact) examples.push({ name, ...example });
}
const nesting = JSON.parse(await readFile(`${root}tests/vectors/rfc7520/6.nesting_signatures_and_encryption.json`, 'utf8'));
const keyText = (input) => input.pwd ?? JSON.stringify(input.key);

/** Flips one bit in the middle of part `index` of a compact token (as base64url). */
function flip(token, index) {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[bytes.length >> 1] ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

test('the RFC 7520 examples decrypt with their keys; a flipped tag or ciphertext bit does not', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  assert.ok(examples.length >= 9, `${examples.length} compact examples`);
  for (const example of examples) {
    const token = example.output.compact;
    await page.fill('[data-testid=key-input]', '');
    await page.fill('[data-testid=token-input]', token);
    assert.equal(await statusBecomes(page, 'no-key'), 'no-key', example.name);
    assert.equal(await page.getAttribute('[data-testid=token-part-tag]', 'data-testid'), 'token-part-tag');
    const ivBytes = Buffer.from(token.split('.')[2], 'base64url').length;
    assert.equal(await page.getAttribute('[data-testid=jwe-parts] li[data-part=iv]', 'data-bytes'), String(ivBytes));
    await page.fill('[data-testid=key-input]', keyText(example.input));
    assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted', `${example.name}: ${await text(page, 'verify-status')}`);
    assert.equal(await text(page, 'plaintext'), example.input.plaintext, example.name);
    const said = await text(page, 'verify-status');
    assert.ok(said.includes(example.input.alg) && said.includes(example.input.enc), said);
    for (const index of [3, 4]) {
      await page.fill('[data-testid=token-input]', flip(token, index));
      assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${example.name} with part ${index} flipped`);
      assert.equal(await page.$('[data-testid=plaintext]'), null);
    }
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('a key of the wrong kind says what is needed; RSA1_5 is flagged as deprecated', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  const rsa15 = examples.find((e) => e.input.alg === 'RSA1_5');
  const kw = examples.find((e) => e.input.alg === 'A128KW');
  await page.fill('[data-testid=token-input]', rsa15.output.compact);
  // A key whose JWK names another algorithm is refused for that; without it, for its kind.
  await page.fill('[data-testid=key-input]', keyText(kw.input));
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error');
  assert.match(await text(page, 'verify-status'), /"alg" is "A128KW"/);
  const { alg, ...unlabelled } = kw.input.key;
  await page.fill('[data-testid=key-input]', JSON.stringify(unlabelled));
  await page.waitForFunction(() => /RSA private key/.test(document.querySelector('[data-testid=verify-status]').textContent), null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-status'), 'key-error');
  assert.match(await text(page, 'verify-status'), /RSA private key/);
  await page.fill('[data-testid=key-input]', keyText(rsa15.input));
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  assert.match(await text(page, 'verify-status'), /deprecated/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('a nested token decrypts and its inner signature verifies with its own key', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  await page.fill('[data-testid=token-input]', nesting.encrypt.output.compact);
  await page.fill('[data-testid=key-input]', JSON.stringify(nesting.encrypt.input.key));
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  assert.equal(await text(page, 'plaintext'), nesting.encrypt.input.plaintext);
  assert.equal(JSON.parse(await text(page, 'inner-header-json')).alg, 'PS256');
  assert.equal(await text(page, 'inner-part-payload'), nesting.encrypt.input.plaintext.split('.')[1]);
  assert.equal(JSON.parse(await text(page, 'inner-payload-json')).iss, 'hobbiton.example');
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'no-key');
  // The inner token's findings join the list, named as the inner token's (it expired in 2011).
  const findings = await page.$$eval('[data-testid=finding]', (items) => items.map((item) => [item.dataset.code, item.textContent]));
  assert.ok(findings.some(([code, words]) => code === 'expired' && words.includes('Inner token')), JSON.stringify(findings));
  await page.fill('[data-testid=inner-key-input]', JSON.stringify(nesting.sign.input.key));
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'valid');
  // Negative twin: the outer (encryption) key does not verify the inner signature.
  await page.fill('[data-testid=inner-key-input]', JSON.stringify(nesting.encrypt.input.key));
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'invalid');
  // The inner key survives a new token.
  await page.fill('[data-testid=token-input]', examples[0].output.compact);
  await page.fill('[data-testid=token-input]', nesting.encrypt.output.compact);
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  assert.equal(await page.inputValue('[data-testid=inner-key-input]'), JSON.stringify(nesting.encrypt.input.key));
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the encoder signs then encrypts; the decoder decrypts it and verifies the inner token', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
  const rsa = fixtures.find((f) => f.name === 'RS256');
  const encoderState = () => page.getAttribute('[data-testid=encoder-status], [data-testid=encoder-token]', 'data-state');
  const signed = async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=encoder-token]')?.dataset.state === 'signed', null, { timeout: 20000 }).catch(() => {});
    return encoderState();
  };
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', 'a-string-secret-at-least-256-bits-long');
  await page.check('[data-testid=encoder-encrypt]');
  assert.equal(await encoderState(), 'no-key', 'waits for the recipient key');
  assert.ok(!(await page.$$eval('[data-testid=encoder-jwe-alg] option', (o) => o.map((x) => x.value))).includes('RSA1_5'));

  // A shared key-wrapping secret: the decoder gets it and decrypts at once.
  const kek = JSON.stringify({ kty: 'oct', k: Buffer.alloc(32, 7).toString('base64url') });
  await page.selectOption('[data-testid=encoder-jwe-alg]', 'A256KW');
  await page.selectOption('[data-testid=encoder-jwe-enc]', 'A128CBC-HS256');
  await page.fill('[data-testid=encoder-jwe-key]', kek);
  assert.equal(await signed(), 'signed');
  const jwe = (await text(page, 'encoder-token')).trim();
  assert.equal(jwe.split('.').length, 5);
  assert.deepEqual(JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url')), { cty: 'JWT', alg: 'A256KW', enc: 'A128CBC-HS256' });
  await page.click('[data-testid=encoder-send]');
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted', await text(page, 'verify-status'));
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'valid');
  // Negative twin: another key-wrapping secret does not decrypt it.
  await page.fill('[data-testid=key-input]', JSON.stringify({ kty: 'oct', k: Buffer.alloc(32, 8).toString('base64url') }));
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');

  // Encrypted to a public key: the decoder asks for the private key, then decrypts.
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-jwe-alg]', 'RSA-OAEP-256');
  await page.fill('[data-testid=encoder-jwe-key]', rsa.keys['spki-pem']);
  await page.waitForFunction(() => document.querySelector('[data-testid=encoder-token]')?.textContent.startsWith('eyJjdHkiOiJKV1QiLCJhbGciOiJSU0EtT0FFUC0yNTYi'), null, { timeout: 20000 });
  await page.click('[data-testid=encoder-send]');
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  await page.fill('[data-testid=key-input]', rsa.keys['pkcs8-pem']);
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted', await text(page, 'verify-status'));
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'valid');

  // Encrypted to a password (PBES2, 600,000 PBKDF2 iterations by the worker's WebCrypto): jose
  // opens it with the password, as does the decoder; another password opens it in neither.
  const password = 'correct horse battery staple';
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-jwe-alg]', 'PBES2-HS512+A256KW');
  await page.fill('[data-testid=encoder-jwe-key]', password);
  await page.waitForFunction(() => document.querySelector('[data-testid=encoder-token]')?.dataset.state === 'signed'
    && JSON.parse(atob(document.querySelector('[data-testid=encoder-token]').textContent.split('.')[0])).alg.startsWith('PBES2'), null, { timeout: 20000 });
  const sealed = (await text(page, 'encoder-token')).trim();
  const sealedHeader = JSON.parse(Buffer.from(sealed.split('.')[0], 'base64url'));
  assert.equal(sealedHeader.p2c, 600000);
  const opened = await compactDecrypt(sealed, new TextEncoder().encode(password), { maxPBES2Count: 600000, keyManagementAlgorithms: ['PBES2-HS512+A256KW'] });
  assert.equal(opened.protectedHeader.cty, 'JWT');
  assert.equal(new TextDecoder().decode(opened.plaintext).split('.').length, 3, 'the signed token inside');
  await assert.rejects(compactDecrypt(sealed, new TextEncoder().encode(`${password}!`), { maxPBES2Count: 600000, keyManagementAlgorithms: ['PBES2-HS512+A256KW'] }));
  await page.click('[data-testid=encoder-send]');
  assert.equal(await statusBecomes(page, 'decrypted', 20000), 'decrypted', await text(page, 'verify-status'));
  assert.equal(await page.getAttribute('[data-testid=inner-verify-status]', 'data-status'), 'valid');
  await page.fill('[data-testid=key-input]', `${password}!`);
  assert.equal(await statusBecomes(page, 'invalid', 20000), 'invalid');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('JSON serializations, flattened and general, are read and decrypted; broken JSON says why', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  const all = [];
  for (const name of (await readdir(dir)).sort()) all.push({ name, ...JSON.parse(await readFile(dir + name, 'utf8')) });
  const multi = all.find((e) => e.name.startsWith('5_13'));
  // Pretty-printed, as people paste it; the set holds every recipient's key.
  await page.fill('[data-testid=token-input]', JSON.stringify(multi.output.json, null, 2));
  await page.fill('[data-testid=key-input]', JSON.stringify({ keys: multi.input.key }));
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted', await text(page, 'verify-status'));
  assert.equal(await text(page, 'plaintext'), multi.input.plaintext);
  assert.equal((await page.$$('[data-testid=jwe-recipients] li[data-part=encrypted-key]')).length, 3);
  assert.equal(JSON.parse(await text(page, 'header-json')).enc, 'A128CBC-HS256');
  const flat = all.find((e) => e.name.startsWith('5_8'));
  await page.fill('[data-testid=token-input]', JSON.stringify(flat.output.json_flat));
  await page.fill('[data-testid=key-input]', JSON.stringify(flat.input.key));
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  assert.equal(await text(page, 'plaintext'), flat.input.plaintext);
  // Negative twins: an altered tag, JSON that is not a JWE, and JSON that does not parse.
  const altered = { ...flat.output.json_flat, tag: flat.output.compact.split('.')[4].replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
  await page.fill('[data-testid=token-input]', JSON.stringify(altered));
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.fill('[data-testid=token-input]', '{"protected": "e30"}');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.match(await text(page, 'verify-status'), /no "ciphertext"/);
  await page.fill('[data-testid=token-input]', '{"protected": ');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('tokens encrypted by jwcrypto decrypt in the page, one per key management algorithm', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  const { cases } = JSON.parse(await readFile(`${root}tests/fixtures/jwe_jwcrypto.json`, 'utf8'));
  const seen = new Set();
  // One case per alg (with a varying enc), plus zip and the JSON serializations.
  const sample = cases.filter((c) => {
    const alg = c.name.split(' ')[0];
    if (seen.has(alg) && !/zip|JSON/.test(c.name)) return false;
    seen.add(alg);
    return true;
  });
  assert.ok(sample.length >= 20, `${sample.length} cases`);
  for (const c of sample) {
    await page.fill('[data-testid=key-input]', '');
    await page.fill('[data-testid=token-input]', c.token);
    await page.fill('[data-testid=key-input]', c.key);
    assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted', `${c.name}: ${await text(page, 'verify-status')}`);
    assert.equal(await text(page, 'plaintext'), c.plaintext, c.name);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the known-secret search also looks at the HS token inside a decrypted JWE', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  const leaked = '#$Vby8o5ey+vbaio7vzw63v)273eyowhsukdt36iwu';
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', leaked);
  await page.check('[data-testid=encoder-encrypt]');
  await page.selectOption('[data-testid=encoder-jwe-alg]', 'dir');
  await page.selectOption('[data-testid=encoder-jwe-enc]', 'A128GCM');
  await page.fill('[data-testid=encoder-jwe-key]', JSON.stringify({ kty: 'oct', k: Buffer.alloc(16, 3).toString('base64url') }));
  await page.waitForFunction(() => document.querySelector('[data-testid=encoder-token]')?.dataset.state === 'signed', null, { timeout: 20000 });
  const first = await text(page, 'encoder-token');
  await page.click('[data-testid=encoder-send]');
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  await page.waitForFunction(() => document.querySelector('[data-testid=known-secret-status]')?.dataset.state === 'found', null, { timeout: 15000 }).catch(() => {});
  const finding = await text(page, 'finding][data-code=known-secret');
  assert.ok(finding.includes('Inner token') && finding.includes(leaked), finding);
  // Negative twin: a secret that is not on the list is searched and not found.
  await mode(page, 'encoder');
  await page.fill('[data-testid=encoder-key]', 'not-a-published-secret-'.padEnd(40, 'x'));
  await page.waitForFunction((old) => {
    const token = document.querySelector('[data-testid=encoder-token]');
    return token?.dataset.state === 'signed' && token.textContent !== old;
  }, first, { timeout: 20000 });
  await page.click('[data-testid=encoder-send]');
  assert.equal(await statusBecomes(page, 'decrypted'), 'decrypted');
  await page.waitForFunction(() => document.querySelector('[data-testid=known-secret-status]')?.dataset.state === 'not-found', null, { timeout: 15000 }).catch(() => {});
  assert.equal(await page.getAttribute('[data-testid=known-secret-status]', 'data-state'), 'not-found');
  assert.equal(await page.$('[data-testid=finding][data-code=known-secret]'), null);
  assert.deepEqual(session.problems, []);
  await session.close();
});
