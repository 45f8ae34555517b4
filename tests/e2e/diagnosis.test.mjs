// Why it failed (issue 14 §1): a failed verdict is explained next to it, by the worker, without
// changing it. A secret typed in the wrong encoding, a kid the key set lacks, a DER-encoded
// ECDSA signature; the twin with a key that simply does not match finds nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assertAccessible, hs256, open, root, servedApp, statusBecomes } from './harness.mjs';

const app = servedApp();
const keys = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const es256 = keys.find((k) => k.name === 'ES256');
const codes = (page) => page.$$eval('[data-testid=diagnosis]', (items) => items.map((item) => item.dataset.code));
const diagnosed = (page) => page.waitForSelector('[data-testid=diagnosis]', { timeout: 15000 });

function es256Token(header, dsaEncoding) {
  const b64url = (data) => Buffer.from(data).toString('base64url');
  const input = `${b64url(JSON.stringify({ alg: 'ES256', ...header }))}.${b64url(JSON.stringify({ sub: 'diagnosis', iat: 1700000000 }))}`;
  const signature = createSign('SHA256').update(input).sign({ key: es256.keys['pkcs8-pem'], dsaEncoding });
  return `${input}.${signature.toString('base64url')}`;
}

test('a secret in the wrong encoding is named next to the invalid verdict, and choosing it verifies', async () => {
  const secret = Buffer.from('8a01ff7365637265742d62797465732d6f662d612d72616e646f6d2d6b65792d3030', 'hex');
  const token = hs256({ typ: 'JWT' }, { sub: 'diagnosis', iat: 1700000000 }, secret);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=token-input]', token);
  await page.fill('[data-testid=key-input]', secret.toString('base64'));
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await diagnosed(page);
  assert.deepEqual(await codes(page), ['secret-encoding']);
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-status'), 'invalid', 'the verdict stands');
  await assertAccessible(page, 'a diagnosis');
  await page.selectOption('[data-testid=secret-encoding]', 'base64');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=diagnosis]').count(), 0);
  // The twin: a secret that simply differs finds nothing else and says what it tried.
  await page.selectOption('[data-testid=secret-encoding]', 'utf8');
  await page.fill('[data-testid=key-input]', 'a-different-secret-of-enough-length-0000');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.waitForFunction(() => document.querySelector('[data-testid=diagnosis]')?.dataset.code === 'nothing-found', null, { timeout: 15000 });
  assert.match(await page.textContent('[data-testid=diagnosis]'), /Tried:/);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('ES256: a kid the set lacks, and a DER-encoded signature, are named', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', es256.keys.jwks);
  await page.fill('[data-testid=token-input]', es256Token({ kid: 'rotated' }, 'ieee-p1363'));
  await statusBecomes(page, 'key-error');
  await diagnosed(page);
  assert.deepEqual(await codes(page), ['kid-mismatch']);
  await page.fill('[data-testid=key-input]', es256.keys['spki-pem']);
  await page.fill('[data-testid=token-input]', es256Token({}, 'der'));
  assert.notEqual(await statusBecomes(page, 'invalid'), 'valid');
  await page.waitForFunction(() => document.querySelector('[data-testid=diagnosis]')?.dataset.code === 'ecdsa-der', null, { timeout: 15000 });
  // The twin: the fixed-length signature verifies, and nothing is diagnosed.
  await page.fill('[data-testid=token-input]', es256Token({}, 'ieee-p1363'));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=diagnosis]').count(), 0);
  assert.deepEqual(session.problems, []);
  await session.close();
});
