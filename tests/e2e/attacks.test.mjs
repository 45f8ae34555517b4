// The attack lab (issue 14 §2): from the decoder's RS256 token and public key, every kind of
// attack token is made in the page (the worker), each with what a correct verifier does; the
// jku/x5u tokens name the URL the tester types; without a key there is no key confusion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, open, root, servedApp, statusBecomes } from './harness.mjs';

const app = servedApp();
const keys = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const rs256 = keys.find((k) => k.name === 'RS256');
const made = (page) => page.waitForSelector('[data-testid=attacks-status][data-state=made]', { timeout: 20000 });
const kinds = (page) => page.$$eval('[data-testid=attack]', (items) => [...new Set(items.map((item) => item.dataset.attack))]);
const header = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

test('the lab makes every attack from the decoder token and key, and names the URL typed', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=token-input]', rs256.token);
  await page.fill('[data-testid=key-input]', rs256.keys['spki-pem']);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.click('[data-testid=mode-attacks]');
  await made(page);
  assert.deepEqual((await kinds(page)).sort(), ['alg-none', 'embedded-jwk', 'empty-key', 'jku', 'key-confusion', 'kid-sql', 'kid-traversal', 'null-signature', 'psychic', 'x5u']);
  const tokens = await page.$$eval('[data-testid=attack][data-attack=alg-none] [data-testid=attack-token]', (items) => items.map((item) => item.textContent));
  assert.deepEqual([...new Set(tokens.map((t) => header(t).alg))].sort(), ['NONE', 'None', 'nOnE', 'none']);
  assert.ok(tokens.some((t) => t.endsWith('.')), 'a signature dropped');
  assert.ok(await page.locator('[data-testid=attack][data-attack=key-confusion]').count() >= 15);
  assert.match(await page.textContent('.attacks-warning'), /allowed to test/);
  await assertAccessible(page, 'the attack lab');

  await page.fill('[data-testid=attack-url]', 'https://tester.example/jwks.json');
  await page.waitForFunction(() => {
    const token = document.querySelector('[data-testid=attack][data-attack=jku] [data-testid=attack-token]')?.textContent ?? '';
    try { return JSON.parse(atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).jku === 'https://tester.example/jwks.json'; } catch { return false; }
  }, null, { timeout: 20000 });
  const jwks = JSON.parse(await page.textContent('[data-testid=attack][data-attack=jku] [data-testid=attack-host]'));
  assert.equal(jwks.keys[0].kid, 'attacker-key');

  // Without a key there is nothing to confuse: the rest is still made.
  await page.click('[data-testid=mode-decoder]');
  await page.fill('[data-testid=key-input]', '');
  await page.click('[data-testid=mode-attacks]');
  await made(page);
  assert.equal(await page.locator('[data-testid=attack][data-attack=key-confusion]').count(), 0);
  assert.ok(await page.locator('[data-testid=attack][data-attack=psychic]').count() === 3);
  assert.deepEqual(session.problems, []);
  await session.close();
});
