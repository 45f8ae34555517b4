// A token's x5c chain: every certificate shown with its link check; with Apple's root CA in the
// key box the App Store notification is anchored and verified with its leaf key, the verdict
// naming the anchor; a generated chain with a tampered intermediate is broken and refused; the
// x5t thumbprints are compared with the leaf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const pem = (base64) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
const header = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
const links = (page) => page.$$eval('[data-testid=x5c-cert]', (items) => items.map((item) => item.dataset.link));
const chainBecomes = (page, want) => page.waitForFunction(
  (value) => document.querySelector('[data-testid=x5c-chain]')?.dataset.chain === value, want, { timeout: 10000 },
);

test('the App Store notification: anchored at Apple Root CA - G3 and verified with its leaf; unanchored without it', async () => {
  const cases = JSON.parse(await readFile(`${root}tests/vectors/real-world/cases.json`, 'utf8'));
  const apple = cases.find((c) => c.id === 'apple-app-store-notification-es256-x5c');
  const appleRoot = pem(header(apple.token).x5c[2]);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=token-input]', apple.token);
  // Today the leaf has expired; at 2024-06-01, inside its validity, the links hold.
  await chainBecomes(page, 'broken');
  await page.fill('[data-testid=check-time-input]', '2024-06-01T00:00:00Z');
  await chainBecomes(page, 'unanchored');
  assert.equal(await page.locator('[data-testid=x5c-cert]').count(), 3);
  assert.match(await text(page, 'x5c-chain-status'), /Paste its root CA certificate/);

  // Apple's root as the trust anchor.
  await page.fill('[data-testid=key-input]', appleRoot);
  await chainBecomes(page, 'anchored');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass');
  assert.match(await text(page, 'verified-anchor'), /Apple Root CA - G3/);
  assert.deepEqual(await links(page), ['ok', 'ok', 'anchor']);
  assert.match(await text(page, 'x5c-chain'), /Prod ECC Mac App Store and iTunes Store Receipt Signing/);
  assert.match(await text(page, 'x5c-chain'), /([0-9A-F]{2}:){31}[0-9A-F]{2}/, 'SHA-256 fingerprints');
  await assertAccessible(page, 'an anchored certificate chain');

  // Checked today, the leaf has expired: broken, and a careful verifier refuses.
  await page.fill('[data-testid=check-time-input]', '');
  await chainBecomes(page, 'broken');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail');
  assert.equal(await page.getAttribute('[data-testid=x5c-cert][data-index="0"]', 'data-link'), 'expired');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('generated chains: RSA anchored with x5t#S256 matching; a tampered intermediate is broken; a leaf that issued a certificate is not a CA', async () => {
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/chain/chains.json`, 'utf8'));
  const byId = (id) => fixtures.cases.find((c) => c.id === id);
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const rsa = byId('rsa-pkcs1');
  await page.fill('[data-testid=token-input]', rsa.token);
  await page.fill('[data-testid=check-time-input]', new Date(rsa.check_time * 1000).toISOString());
  await page.fill('[data-testid=key-input]', rsa.anchor_pem);
  await chainBecomes(page, 'anchored');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass');
  const thumbprints = await page.$$eval('[data-testid=x5t-check]', (items) => items.map((item) => item.dataset.result));
  assert.ok(thumbprints.length > 0 && thumbprints.every((result) => result === 'match'), thumbprints.join());
  await page.fill('[data-testid=token-input]', rsa.token_thumbprint_mismatch);
  await page.waitForSelector('[data-testid=x5t-check][data-result=mismatch]');

  for (const [id, code] of [['tampered-intermediate', 'bad-signature'], ['leaf-as-issuer', 'not-a-ca']]) {
    const broken = byId(id);
    await page.fill('[data-testid=check-time-input]', new Date(broken.check_time * 1000).toISOString());
    await page.fill('[data-testid=key-input]', broken.anchor_pem);
    await page.fill('[data-testid=token-input]', broken.token);
    await chainBecomes(page, 'broken');
    assert.ok((await links(page)).includes(code), `${id}: ${(await links(page)).join()}`);
    assert.equal(await statusBecomes(page, 'valid'), 'valid', id);
    assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail', id);
    assert.match(await text(page, 'strict-problems'), /does not reach your trust anchor/, id);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});
