// Keys a token carries in its header are shown, never fetched or used; verifying with the very
// key the token carries is valid but fails the strict verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { open, servedApp, statusBecomes, text } from './harness.mjs';

const b64url = (data) => Buffer.from(data).toString('base64url');
const SECRET = '0123456789abcdef0123456789abcdef';
const OTHER = 'another secret, also 32 bytes!!!';
const octJwk = (secret) => ({ kty: 'oct', k: b64url(secret) });

function hs256(header, payload, secret) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const app = servedApp();

test('jku, x5u and jwk are listed with a warning and nothing is fetched', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const header = { alg: 'HS256', jku: 'https://attacker.example/jwks.json', x5u: 'https://attacker.example/chain.pem', jwk: octJwk(OTHER) };
  await page.fill('[data-testid=token-input]', hs256(header, { sub: 'x' }, SECRET));
  await page.fill('[data-testid=key-input]', JSON.stringify(octJwk(SECRET)));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass');
  const parameters = await page.$$eval('[data-testid=embedded-key]', (items) => items.map((i) => i.dataset.parameter));
  assert.deepEqual(parameters, ['jku', 'jwk', 'x5u']);
  assert.match(await text(page, 'embedded-keys'), /proves nothing/);
  assert.match(await text(page, 'embedded-keys'), /https:\/\/attacker\.example\/jwks\.json/);
  assert.deepEqual(session.problems, [], 'no request left the page');
  await session.close();
});

test('verifying with the key the token carries fails the strict verdict; a plain token shows no list', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(octJwk(SECRET)));
  await page.fill('[data-testid=token-input]', hs256({ alg: 'HS256', jwk: octJwk(SECRET) }, { sub: 'x' }, SECRET));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail');
  assert.equal(await page.getAttribute('[data-testid=strict-problem]', 'data-code'), 'key-from-token');

  await page.fill('[data-testid=token-input]', hs256({ alg: 'HS256' }, { sub: 'x' }, SECRET));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass');
  assert.equal(await page.$('[data-testid=embedded-keys]'), null);
  await session.close();
});
