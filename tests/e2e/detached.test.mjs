// A JWS whose content is detached (RFC 7520 §4.5) or unencoded (RFC 7797 §4.2): the payload box
// appears, the signature is checked over what is typed there (as text or as base64url), and the
// verdict names the payload it was checked over; a changed payload does not verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { JWT_IO, assertAccessible, open, root, servedApp, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const vector = async (path) => JSON.parse(await readFile(`${root}tests/vectors/${path}`, 'utf8'));
const base64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

test('RFC 7520 4.5 compact and JSON: verified over the payload box, as text or base64url', async () => {
  const example = await vector('rfc7520/jws/4_5.signature_with_detached_content.json');
  const payload = example.input.payload;
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(example.input.key));
  await page.fill('[data-testid=token-input]', example.output.compact);
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed', 'no payload yet');
  assert.match(await text(page, 'verify-status'), /payload is detached/);
  assert.equal(await page.locator('[data-testid=decode-error]').count(), 0, 'the token itself decodes');
  const source = page.locator('[data-testid=detached-payload-source]');
  assert.equal(await source.getAttribute('data-source'), 'missing');
  assert.match(await text(page, 'verify-status'), /Give the detached payload/);
  assert.equal(await page.locator('[data-testid=payload-pane]').count(), 0, 'no payload to show yet');
  await assertAccessible(page, 'a detached JWS waiting for its payload');

  await page.fill('[data-testid=detached-payload]', payload);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=verify-payload]').getAttribute('data-source'), 'text');
  assert.match(await text(page, 'verify-payload'), new RegExp(`${Buffer.byteLength(payload)} bytes, read as text`));
  assert.match(await text(page, 'payload-text'), /dangerous business, Frodo/, 'the payload pane shows the given payload');

  await page.fill('[data-testid=detached-payload]', payload.replace('Frodo', 'Frodi'));
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');

  await page.fill('[data-testid=detached-payload]', base64url(payload));
  await page.selectOption('[data-testid=detached-payload-encoding]', 'base64url');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=verify-payload]').getAttribute('data-source'), 'base64url');
  await page.fill('[data-testid=detached-payload]', 'SXQ+bad');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed');
  assert.match(await text(page, 'detached-payload-source'), /'\+' at byte 3/);

  // The general JSON serialization without "payload", with the payload box kept.
  await page.fill('[data-testid=detached-payload]', base64url(payload));
  await page.fill('[data-testid=token-input]', JSON.stringify(example.output.json, null, 2));
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.waitForFunction(() => document.querySelector('[data-testid=jws-signature]')?.dataset.status === 'valid');
  await page.selectOption('[data-testid=detached-payload-encoding]', 'text');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid', 'the base64url read as text is another payload');

  // An ordinary token has no payload box.
  await page.fill('[data-testid=token-input]', JWT_IO);
  await page.waitForFunction(() => !document.querySelector('[data-testid=detached-payload]'));
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('RFC 7797 4.2: an unencoded detached payload "$.02" verifies as is; "$.03" does not', async () => {
  const examples = await vector('rfc/rfc7797_examples.json');
  const example = examples.find((e) => e.source === 'RFC 7797 4.2');
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', JSON.stringify(example.key));
  await page.fill('[data-testid=token-input]', example.token);
  await page.fill('[data-testid=detached-payload]', '$.02');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.locator('[data-testid=verify-status]').getAttribute('data-strict'), 'pass');
  await page.fill('[data-testid=detached-payload]', '$.03');
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  assert.deepEqual(session.problems, []);
  await session.close();
});
