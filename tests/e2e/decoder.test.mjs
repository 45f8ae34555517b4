// The decoder through the page's contract, on the release build served from a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { open, root, servedApp, status, statusBecomes, text } from './harness.mjs';

const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const SECRET = 'your-256-bit-secret';
const [HEADER, PAYLOAD, SIGNATURE] = TOKEN.split('.');
// RFC 7515 A.1: HS256 with a JWK secret (base64url) and a header holding CRLF.
const RFC_A1 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_A1_K = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';

const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const HS256 = fixtures.find((f) => f.name === 'HS256');

const app = servedApp();
let session;

async function fresh(hash = '') {
  await session?.close();
  session = await open(app.browser, app.server.url + hash, app.server.origin);
  return session.page;
}

test('the jwt.io example decodes, colour-codes and matches its short secret, but is refused; screenshot saved', async () => {
  const page = await fresh();
  assert.equal(await status(page), 'empty');
  await page.fill('[data-testid=token-input]', TOKEN);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  assert.equal(await text(page, 'token-part-header'), HEADER);
  assert.equal(await text(page, 'token-part-payload'), PAYLOAD);
  assert.equal(await text(page, 'token-part-signature'), SIGNATURE);
  assert.deepEqual(JSON.parse(await text(page, 'header-json')), { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(JSON.parse(await text(page, 'payload-json')), { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
  const colours = await page.$$eval('[data-testid^=token-part-]', (els) => els.map((e) => getComputedStyle(e).color));
  assert.equal(new Set(colours).size, 3, `three distinct colours, got ${colours}`);

  await page.fill('[data-testid=key-input]', SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  // jwt.io's secret is 19 bytes, shorter than SHA-256's 32: it matches, but strictly it fails.
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail');
  assert.match(await text(page, 'verify-status'), /Signature matches, but refuse this token/);
  assert.doesNotMatch(await text(page, 'verify-status'), /Signature verified/);
  assert.ok(await page.$('[data-testid=strict-problem][data-code=short-secret]'), 'the short secret is the reason');
  await mkdir(`${root}target/e2e`, { recursive: true });
  await page.screenshot({ path: `${root}target/e2e/jwt-io-verified.png`, fullPage: true });
  assert.deepEqual(session.problems, []);
});

test('a token that passes the strict verdict reads "Signature verified"', async () => {
  const page = await fresh();
  await page.fill('[data-testid=token-input]', HS256.token);
  await page.fill('[data-testid=key-input]', HS256.keys.utf8);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'pass');
  assert.match(await text(page, 'verify-status'), /Signature verified/);
  assert.equal(await page.$('[data-testid=strict-problem]'), null);
  // Negative twin: a wrong key reads "Invalid signature".
  await page.fill('[data-testid=key-input]', HS256.wrong_key);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  assert.match(await text(page, 'verify-status'), /Invalid signature/);
  assert.deepEqual(session.problems, []);
});

test('a wrong secret or a flipped signature bit is invalid, and the key survives token changes', async () => {
  const page = await fresh();
  await page.fill('[data-testid=token-input]', TOKEN);
  await page.fill('[data-testid=key-input]', 'not-the-secret');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.fill('[data-testid=key-input]', SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  // "S" -> "T" in the first character flips one bit of the first signature byte.
  await page.fill('[data-testid=token-input]', `${HEADER}.${PAYLOAD}.T${SIGNATURE.slice(1)}`);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  assert.equal(await page.inputValue('[data-testid=key-input]'), SECRET);
  assert.deepEqual(session.problems, []);
});

test('secret encodings: RFC 7515 A.1 verifies with its base64url key, not as UTF-8', async () => {
  const page = await fresh();
  await page.fill('[data-testid=token-input]', RFC_A1);
  await page.fill('[data-testid=key-input]', RFC_A1_K);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.selectOption('[data-testid=secret-encoding]', 'base64url');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await text(page, 'key-length'), '64 bytes');
  await page.selectOption('[data-testid=secret-encoding]', 'hex');
  assert.equal(await statusBecomes(page, 'key-error'), 'key-error');
  assert.match(await text(page, 'verify-status'), /not valid hex/);
  // The CRLF inside the header is shown as received.
  assert.deepEqual(Object.keys(JSON.parse(await text(page, 'header-json'))), ['typ', 'alg']);
});

test('malformed input is located by part, and a broken payload still shows the header', async () => {
  const page = await fresh();
  await page.fill('[data-testid=token-input]', 'abc');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.equal(await page.getAttribute('[data-testid=decode-error]', 'data-part'), 'token');

  await page.fill('[data-testid=token-input]', `${HEADER}.${PAYLOAD.slice(0, 4)}*${PAYLOAD.slice(5)}.${SIGNATURE}`);
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.equal(await page.getAttribute('[data-testid=decode-error]', 'data-part'), 'payload');
  assert.match(await text(page, 'decode-error'), /byte 4 of the payload/);
  assert.deepEqual(JSON.parse(await text(page, 'header-json')), { alg: 'HS256', typ: 'JWT' });

  await page.fill('[data-testid=token-input]', `e30x.${PAYLOAD}.${SIGNATURE}`);
  assert.equal(await page.getAttribute('[data-testid=decode-error]', 'data-part'), 'header');
  assert.ok(await page.$('[data-testid=payload-json]'), 'payload still shown');

  await page.fill('[data-testid=token-input]', TOKEN);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  assert.equal(await page.$('[data-testid=decode-error]'), null);
  assert.deepEqual(session.problems, []);
});

test('pasted wrapping is removed with a note', async () => {
  const page = await fresh();
  await page.fill('[data-testid=token-input]', `  Authorization: Bearer "${TOKEN}"\n`);
  await page.fill('[data-testid=key-input]', SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await text(page, 'token-part-header'), HEADER);
  assert.match(await text(page, 'input-note'), /Bearer/);
});

test('alg none is unsupported, never valid', async () => {
  const page = await fresh();
  await page.fill('[data-testid=key-input]', SECRET);
  await page.fill('[data-testid=token-input]', 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.');
  assert.equal(await statusBecomes(page, 'unsupported'), 'unsupported');
  assert.match(await text(page, 'verify-status'), /unsecured/);
});

test('#token= in the URL fragment fills the token box', async () => {
  const page = await fresh(`#token=${TOKEN}`);
  assert.equal(await page.inputValue('[data-testid=token-input]'), TOKEN);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  assert.equal(await text(page, 'token-part-payload'), PAYLOAD);
  assert.deepEqual(session.problems, []);
});

test('a huge paste leaves the page working', async () => {
  const page = await fresh();
  const huge = `${HEADER}.${'A'.repeat(2_000_000)}.${SIGNATURE}`;
  await page.fill('[data-testid=token-input]', huge);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  await page.fill('[data-testid=token-input]', `${'x'.repeat(1_000_000)}`);
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  await page.fill('[data-testid=token-input]', TOKEN);
  await page.fill('[data-testid=key-input]', SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.deepEqual(session.problems, []);
});

test('the verdict goes first, yet no drawn frame shows it beside the previous token\'s panes', async () => {
  const page = await fresh();
  await page.fill('[data-testid=key-input]', SECRET);
  const signed = (sub) => {
    const input = `${HEADER}.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}`;
    return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
  };
  await page.fill('[data-testid=token-input]', signed('first'));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  // Before the next frame is drawn (an animation frame runs just before it), the panes show the
  // token whose verdict is in the page: for each of several tokens in a row.
  const seen = await page.evaluate(async (tokens) => {
    const area = document.querySelector('[data-testid=token-input]');
    const read = () => ({
      status: document.querySelector('[data-testid=verify-status]').dataset.status,
      payload: document.querySelector('[data-testid=payload-json]')?.textContent ?? '',
      encoded: document.querySelector('[data-testid=encoded-token]')?.textContent ?? '',
    });
    const frames = [];
    for (const token of tokens) {
      area.value = token;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      frames.push(await new Promise((resolve) => requestAnimationFrame(() => resolve(read()))));
    }
    return frames;
  }, [signed('second'), `${signed('third').slice(0, -2)}AA`, signed('fourth')]);
  assert.deepEqual(seen.map((frame) => frame.status), ['valid', 'invalid', 'valid']);
  for (const [index, sub] of ['second', 'third', 'fourth'].entries()) {
    assert.match(seen[index].payload, new RegExp(`"${sub}"`), `frame ${index}`);
  }
  assert.ok(seen[2].encoded.includes(signed('fourth')), 'the coloured token is the new one too');
});
