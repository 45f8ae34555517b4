// The encoder through the page's contract: for every algorithm, sign with the fixture's private
// key in the workshop worker, send the token and its public key to the decoder, and read
// "valid"; weak keys, public keys and broken JSON are refused with the reason. The encoder is a
// mode of its own (its testids exist only after its tab is chosen); sending switches to the decoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mode, open, root, servedApp, signedWith, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));

const encoderState = (page) => page.getAttribute('[data-testid=encoder-status], [data-testid=encoder-token]', 'data-state');
async function encoderBecomes(page, want) {
  await page.waitForFunction(
    (state) => document.querySelector('[data-testid=encoder-status], [data-testid=encoder-token]')?.dataset.state === state,
    want,
    { timeout: 10000 },
  ).catch(() => {});
  return encoderState(page);
}

const selected = (page, name) => page.getAttribute(`[data-testid=mode-${name}]`, 'aria-selected');

test('every algorithm signs in the encoder and verifies in the decoder', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  assert.equal(await page.$('[data-testid=encoder-key]'), null, 'the encoder is not in the decoder');
  await mode(page, 'encoder');
  assert.equal(await encoderState(page), 'no-key');
  const algs = await page.$$eval('[data-testid=encoder-alg] option', (options) => options.map((o) => o.value));
  assert.ok(!algs.includes('none'), 'the encoder never makes alg none');
  for (const fixture of fixtures) {
    if (fixture !== fixtures[0]) await mode(page, 'encoder');
    const privateKey = fixture.keys['pkcs8-pem'] ?? fixture.keys.jwk;
    await page.selectOption('[data-testid=encoder-alg]', fixture.alg);
    await page.fill('[data-testid=encoder-key]', privateKey);
    assert.equal(await encoderBecomes(page, 'signed'), 'signed', fixture.name);
    const token = await signedWith(page, fixture.alg);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg, fixture.alg, fixture.name);
    await page.click('[data-testid=encoder-send]');
    // Sending switches to the decoder by itself.
    await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
    assert.equal(await selected(page, 'decoder'), 'true', `${fixture.name}: the decoder's tab is selected`);
    assert.equal(await page.$('[data-testid=panel-encoder]'), null, `${fixture.name}: the encoder's panel is gone`);
    assert.equal(await statusBecomes(page, 'valid'), 'valid', `${fixture.name}: ${await text(page, 'verify-status')}`);
    assert.equal(await page.inputValue('[data-testid=token-input]'), token);
    // Negative twin: the fixture's wrong key does not verify the token.
    await page.fill('[data-testid=key-input]', fixture.wrong_key);
    assert.equal(await statusBecomes(page, 'invalid'), 'invalid', `${fixture.name} with the wrong key`);
  }
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('weak keys, public keys and broken JSON are refused with the reason', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const page = session.page;
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', 'too-short');
  assert.equal(await encoderBecomes(page, 'error'), 'error');
  assert.match(await text(page, 'encoder-status'), /at least 32/);
  await page.fill('[data-testid=encoder-key]', '0123456789abcdef0123456789abcdef');
  assert.equal(await encoderBecomes(page, 'signed'), 'signed');

  const rsa = fixtures.find((f) => f.name === 'RS256');
  await page.selectOption('[data-testid=encoder-alg]', 'RS256');
  await page.fill('[data-testid=encoder-key]', rsa.keys['spki-pem']);
  assert.equal(await encoderBecomes(page, 'error'), 'error');
  assert.match(await text(page, 'encoder-status'), /cannot sign/);

  await page.fill('[data-testid=encoder-key]', rsa.keys['pkcs8-pem']);
  await page.fill('[data-testid=encoder-payload]', '{"sub": "x",}');
  assert.equal(await encoderBecomes(page, 'error'), 'error');
  assert.match(await text(page, 'encoder-status'), /payload is not valid JSON at line 1, column \d+/);
  // Editing the header's alg chooses it.
  await page.fill('[data-testid=encoder-payload]', '{"sub": "x"}');
  await page.fill('[data-testid=encoder-header]', '{"alg": "PS384", "typ": "JWT"}');
  assert.equal(await page.inputValue('[data-testid=encoder-alg]'), 'PS384');
  assert.equal(await encoderBecomes(page, 'signed'), 'signed');
  assert.deepEqual(session.problems, []);
  await session.close();
});
