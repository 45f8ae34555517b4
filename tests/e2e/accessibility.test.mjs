// axe-core (tools/node_modules/axe-core) over the whole page in each state a person meets: empty,
// verified, with findings, malformed, each mode, a generated key, a long payload, an encrypted
// token, the dark theme and a phone. Any violation fails with its rule, impact and elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, hs256, JWT_IO, mode, open, root, said, servedApp, stateBecomes, statusBecomes, view } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);
const STRONG = 'a secret that is in no public list 5f1e2d';
const NOW = Math.floor(Date.now() / 1000);
/** A token with findings of every severity: kid injection, an embedded jku, a password, no exp. */
const RISKY = hs256({ kid: '../../dev/null', jku: 'https://evil.example/jwks', typ: 'at+jwt+weird' }, { sub: 'u', password: 'hunter2', iat: NOW + 86400 }, STRONG);

/** Opens a fresh page (with `contextOptions`, e.g. a phone's viewport), runs `arrange`, then axe. */
async function check(label, arrange = async () => {}, contextOptions = {}) {
  const session = await open(app.browser, app.server.url, app.server.origin, undefined, contextOptions);
  try {
    await arrange(session.page);
    await assertAccessible(session.page, label);
    assert.deepEqual(session.problems, [], label);
  } finally {
    await session.close();
  }
}

async function verified(page, token = fixture('HS256').token, key = fixture('HS256').keys.utf8) {
  await page.fill('[data-testid=token-input]', token);
  await page.fill('[data-testid=key-input]', key);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
}

async function withFindings(page) {
  await page.fill('[data-testid=token-input]', RISKY);
  await page.fill('[data-testid=key-input]', STRONG);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  await page.waitForSelector('[data-testid=finding]', { timeout: 5000 });
  await stateBecomes(page, 'known-secret-status', 'not-found', 20000);
}

test('accessible: the empty page', () => check('empty page'));

test('accessible: a token verified with its key', () => check('verified token', (page) => verified(page)));

test('accessible: a token with findings and a strict failure', () => check('findings', async (page) => {
  await withFindings(page);
  // jwt.io's example: its secret is short and publicly known (strict failure, error findings).
  await page.fill('[data-testid=token-input]', JWT_IO);
  await page.fill('[data-testid=key-input]', 'your-256-bit-secret');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await stateBecomes(page, 'known-secret-status', 'found', 20000);
  await page.waitForSelector('[data-testid=strict-problem]', { state: 'attached', timeout: 5000 });
}));

test('accessible: the risky token\'s findings alone', () => check('risky findings', withFindings));

test('accessible: a malformed token', () => check('malformed token', async (page) => {
  const [header, payload, signature] = JWT_IO.split('.');
  await page.fill('[data-testid=token-input]', `${header}.${payload.slice(0, 4)}*${payload.slice(5)}.${signature}`);
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  await page.waitForSelector('[data-testid=decode-error]', { timeout: 5000 });
}));

test('accessible: a token that is not a JWT at all', () => check('not a token', async (page) => {
  await page.fill('[data-testid=token-input]', 'abc');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
}));

test('accessible: the encoder, empty and with a signed token', () => check('encoder', async (page) => {
  await mode(page, 'encoder');
  await assertAccessible(page, 'encoder without a key');
  await page.selectOption('[data-testid=encoder-alg]', 'ES256');
  await page.fill('[data-testid=encoder-key]', fixture('ES256').keys['pkcs8-pem']);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  await assertAccessible(page, 'encoder with a signed token');
  await page.check('[data-testid=encoder-encrypt]');
  await page.waitForSelector('[data-testid=encoder-jwe-key]', { timeout: 5000 });
}));

test('accessible: the key workshop', () => check('key workshop', (page) => mode(page, 'keys')));

test('accessible: a generated key and a converted one', () => check('generated key', async (page) => {
  await mode(page, 'keys');
  await page.selectOption('[data-testid=keygen-type]', 'P-256');
  await page.click('[data-testid=keygen-run]');
  assert.equal(await stateBecomes(page, 'keygen-status', 'done', 60000), 'done', await said(page, 'keygen-status'));
  await assertAccessible(page, 'generated P-256 key');
  await page.fill('[data-testid=convert-input]', fixture('RS256').keys['pkcs1-private-pem']);
  assert.equal(await stateBecomes(page, 'convert-status', 'done', 20000), 'done', await said(page, 'convert-status'));
}));

test('accessible: a token whose payload has 200 claims, in both views', () => check('long payload', async (page) => {
  const payload = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`claim_${i}`, i % 3 === 0 ? `value number ${i}` : i]));
  Object.assign(payload, { iss: 'https://id.example', sub: 'many', iat: NOW, exp: NOW + 600 });
  await verified(page, hs256({ typ: 'JWT' }, payload, STRONG), STRONG);
  await assertAccessible(page, 'long payload as JSON');
  await view(page, 'payload', 'table');
  await view(page, 'header', 'table');
  // The table shows its first 100 rows until asked for all.
  await page.click('[data-testid=claims-more] button');
  await page.waitForSelector('[data-testid=claims-table] tr[data-claim=claim_199]', { timeout: 5000 });
}));

test('accessible: a decrypted JWE with its nested token', () => check('decrypted JWE', async (page) => {
  const nesting = JSON.parse(await readFile(`${root}tests/vectors/rfc7520/6.nesting_signatures_and_encryption.json`, 'utf8'));
  await page.fill('[data-testid=token-input]', nesting.encrypt.output.compact);
  await page.fill('[data-testid=key-input]', JSON.stringify(nesting.encrypt.input.key));
  assert.equal(await statusBecomes(page, 'decrypted', 20000), 'decrypted', await said(page, 'verify-status'));
  await page.waitForSelector('[data-testid=inner-token]', { timeout: 5000 });
}));

test('accessible: the examples menu open, and a token moved from the encoder', () => check('examples and moved note', async (page) => {
  await page.click('[data-testid=examples]');
  await page.waitForSelector('[data-testid=examples] [data-example=hs256]', { timeout: 5000 });
  await assertAccessible(page, 'examples menu open');
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', fixture('HS256').keys.utf8);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  await page.click('[data-testid=encoder-send]');
  await page.waitForSelector('[data-testid=moved-note]', { timeout: 5000 });
}));

test('accessible: the dark theme, in every mode', () => check('dark theme', async (page) => {
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await withFindings(page);
  await assertAccessible(page, 'dark theme, decoder with findings');
  await page.fill('[data-testid=token-input]', JWT_IO);
  await page.fill('[data-testid=key-input]', 'not-the-secret');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await assertAccessible(page, 'dark theme, invalid signature');
  await mode(page, 'encoder');
  await assertAccessible(page, 'dark theme, encoder');
  await mode(page, 'keys');
}, { colorScheme: 'dark' }));

test('accessible: the light theme chosen explicitly under a dark preference', () => check('light theme', async (page) => {
  await page.selectOption('[data-testid=theme]', 'light');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, { timeout: 3000 });
  await withFindings(page);
}, { colorScheme: 'dark' }));

test('accessible: a phone', () => check('phone', async (page) => {
  await assertAccessible(page, 'phone, empty');
  await withFindings(page);
  await assertAccessible(page, 'phone, findings');
  await mode(page, 'encoder');
}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 }));
