// The page's three modes (decoder, encoder, key workshop) through the contract: a tab bar whose
// selected tab is the only panel in the DOM, the mode in the URL fragment (never a query string),
// links that reproduce token, key and mode, and tokens moved between modes only by a button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mode, open, root, said, servedApp, stateBecomes, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);
const MODES = ['decoder', 'encoder', 'keys'];
const decodePart = (segment) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/** What the tab bar and the panels say: each tab's aria-selected and the panels in the DOM. */
async function tabs(page) {
  return page.evaluate((modes) => ({
    selected: Object.fromEntries(modes.map((m) => [m, document.querySelector(`[data-testid=mode-${m}]`)?.getAttribute('aria-selected')])),
    panels: [...document.querySelectorAll('[data-testid^=panel-]')].map((p) => p.dataset.testid),
    hash: location.hash,
    search: location.search,
    href: location.href,
  }), MODES);
}

function assertMode(seen, name, label) {
  assert.deepEqual(seen.selected, Object.fromEntries(MODES.map((m) => [m, String(m === name)])), `${label}: aria-selected`);
  assert.deepEqual(seen.panels, [`panel-${name}`], `${label}: only the ${name} panel is in the DOM`);
  assert.equal(seen.search, '', `${label}: no query string`);
  assert.ok(!seen.href.includes('?'), `${label}: no "?" in ${seen.href}`);
}

/** The fragment's parameters (`#a=1&b=2`), decoded. */
const fragment = (hash) => Object.fromEntries(new URLSearchParams(hash.replace(/^#/, '')));

test('a tab bar of five tabs; only the selected mode\'s panel is in the DOM; the mode is in the fragment', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const bar = await page.$$eval('[role=tablist] [role=tab]', (items) => items.map((t) => t.dataset.testid));
  assert.deepEqual(bar, ['mode-decoder', 'mode-encoder', 'mode-keys', 'mode-compare', 'mode-attacks']);
  assert.ok(await page.$('.app-tabs[role=tablist]'), 'the tab bar is .app-tabs');

  // The decoder is the default, and says nothing in the fragment.
  let seen = await tabs(page);
  assertMode(seen, 'decoder', 'on opening');
  assert.equal(await page.getAttribute('[data-testid=panel-decoder]', 'role'), 'tabpanel');
  assert.equal(fragment(seen.hash).mode, undefined, 'nothing in the fragment for the decoder');
  assert.ok(await page.$('[data-testid=token-input]'));
  assert.equal(await page.$('[data-testid^=encoder-]'), null, 'no encoder testids in the decoder');
  assert.equal(await page.$('[data-testid^=keygen-], [data-testid^=convert-]'), null, 'no workshop testids in the decoder');

  await mode(page, 'encoder');
  seen = await tabs(page);
  assertMode(seen, 'encoder', 'encoder');
  assert.equal(await page.getAttribute('[data-testid=panel-encoder]', 'role'), 'tabpanel');
  assert.equal(fragment(seen.hash).mode, 'encoder', `fragment ${seen.hash}`);
  assert.ok(await page.$('[data-testid=encoder-key]'));
  assert.equal(await page.$('[data-testid=token-input]'), null, 'no decoder in the encoder');
  assert.equal(await page.$('[data-testid^=keygen-], [data-testid^=convert-]'), null, 'no workshop testids in the encoder');

  await mode(page, 'keys');
  seen = await tabs(page);
  assertMode(seen, 'keys', 'keys');
  assert.equal(await page.getAttribute('[data-testid=panel-keys]', 'role'), 'tabpanel');
  assert.equal(fragment(seen.hash).mode, 'keys', `fragment ${seen.hash}`);
  assert.ok(await page.$('[data-testid=keygen-run]'));
  assert.ok(await page.$('[data-testid=convert-input]'));
  assert.equal(await page.$('[data-testid^=encoder-]'), null, 'no encoder testids in the workshop');
  assert.equal(await page.$('[data-testid=token-input]'), null, 'no decoder in the workshop');

  await mode(page, 'decoder');
  seen = await tabs(page);
  assertMode(seen, 'decoder', 'back to the decoder');
  assert.equal(fragment(seen.hash).mode, undefined, `no mode in ${seen.hash} for the decoder`);

  // With a token in the box, switching modes still never makes a query string.
  await page.fill('[data-testid=token-input]', fixture('HS256').token);
  for (const name of ['encoder', 'keys', 'decoder']) {
    await mode(page, name);
    assertMode(await tabs(page), name, `${name} with a token`);
  }
  assert.equal(await page.inputValue('[data-testid=token-input]'), fixture('HS256').token, 'the token survives a trip through the modes');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('opening #mode=keys opens the key workshop, and #mode=encoder the encoder', async () => {
  for (const name of ['keys', 'encoder']) {
    const session = await open(app.browser, `${app.server.url}#mode=${name}`, app.server.origin);
    const { page } = session;
    await page.waitForSelector(`[data-testid=panel-${name}]`, { state: 'attached', timeout: 5000 }).catch(() => {});
    assertMode(await tabs(page), name, `#mode=${name}`);
    assert.deepEqual(session.problems, []);
    await session.close();
  }
});

test('a #token=…&key=…&mode=… link reproduces the token, the key and the mode', async () => {
  const rsa = fixture('RS256');
  const link = `${app.server.url}#token=${encodeURIComponent(rsa.token)}&key=${encodeURIComponent(rsa.keys['spki-pem'])}&mode=encoder`;
  const session = await open(app.browser, link, app.server.origin);
  const { page } = session;
  await page.waitForSelector('[data-testid=panel-encoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assertMode(await tabs(page), 'encoder', 'the link\'s mode');
  await mode(page, 'decoder');
  assert.equal(await page.inputValue('[data-testid=token-input]'), rsa.token);
  assert.equal(await page.inputValue('[data-testid=key-input]'), rsa.keys['spki-pem']);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  assert.deepEqual(session.problems, []);
  await session.close();

  // The decoder's own link: token and key, no mode.
  const es = fixture('ES256');
  const plain = await open(app.browser, `${app.server.url}#token=${encodeURIComponent(es.token)}&key=${encodeURIComponent(es.keys.jwk)}`, app.server.origin);
  assertMode(await tabs(plain.page), 'decoder', 'a link without a mode');
  assert.equal(await plain.page.inputValue('[data-testid=token-input]'), es.token);
  assert.equal(await plain.page.inputValue('[data-testid=key-input]'), es.keys.jwk);
  assert.equal(await statusBecomes(plain.page, 'valid'), 'valid', await said(plain.page, 'verify-status'));
  assert.deepEqual(plain.problems, []);
  await plain.close();
});

test('encoder-send moves the token to the decoder with a note, and restore-previous puts back what the decoder had', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const before = fixture('HS256');
  await page.fill('[data-testid=token-input]', before.token);
  await page.fill('[data-testid=key-input]', before.keys.utf8);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(await page.$('[data-testid=moved-note]'), null, 'no note before anything moved');

  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'ES256');
  await page.fill('[data-testid=encoder-key]', fixture('ES256').keys['pkcs8-pem']);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  const signed = (await text(page, 'encoder-token')).trim();
  await page.click('[data-testid=encoder-send]');

  await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assertMode(await tabs(page), 'decoder', 'after encoder-send');
  assert.equal(await page.inputValue('[data-testid=token-input]'), signed);
  assert.match(await page.inputValue('[data-testid=key-input]'), /PUBLIC KEY|"kty"/, 'the verifying key came along');
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  await page.waitForSelector('[data-testid=moved-note]', { timeout: 5000 }).catch(() => {});
  assert.ok(await page.$('[data-testid=moved-note]'), 'moved-note is shown');
  assert.match(await text(page, 'moved-note'), /encoder/i, 'the note says where the token came from');
  assert.ok(await page.$('[data-testid=moved-note] [data-testid=restore-previous]'), 'the note holds restore-previous');

  await page.click('[data-testid=restore-previous]');
  await page.waitForFunction((token) => document.querySelector('[data-testid=token-input]')?.value === token, before.token, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.inputValue('[data-testid=token-input]'), before.token, 'the previous token is back');
  assert.equal(await page.inputValue('[data-testid=key-input]'), before.keys.utf8, 'the previous key is back');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.equal(JSON.parse(await text(page, 'header-json')).alg, 'HS256');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('edit-in-encoder fills the encoder\'s header, payload and alg from a decoded RS256 token and asks for a key', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const rsa = fixture('RS256');
  const [header, payload] = rsa.token.split('.');
  await page.fill('[data-testid=token-input]', rsa.token);
  await page.fill('[data-testid=key-input]', rsa.keys['spki-pem']);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.click('[data-testid=edit-in-encoder]');

  await page.waitForSelector('[data-testid=panel-encoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assertMode(await tabs(page), 'encoder', 'after edit-in-encoder');
  assert.deepEqual(JSON.parse(await page.inputValue('[data-testid=encoder-header]')), decodePart(header));
  assert.deepEqual(JSON.parse(await page.inputValue('[data-testid=encoder-payload]')), decodePart(payload));
  assert.equal(await page.inputValue('[data-testid=encoder-alg]'), 'RS256');
  assert.equal(await page.inputValue('[data-testid=encoder-key]'), '', 'the key is not carried');
  assert.equal(await stateBecomes(page, 'encoder-status', 'no-key'), 'no-key', await said(page, 'encoder-status'));
  // Given its private key, the encoder signs the same header and payload again.
  await page.fill('[data-testid=encoder-key]', rsa.keys['pkcs8-pem']);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed');
  const [againHeader, againPayload] = (await text(page, 'encoder-token')).trim().split('.');
  assert.deepEqual(decodePart(againHeader), decodePart(header));
  assert.deepEqual(decodePart(againPayload), decodePart(payload));
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('edit-in-encoder does not carry the encoder\'s earlier key either: it asks for one', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', fixture('HS256').keys.utf8);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed');

  await mode(page, 'decoder');
  const es = fixture('ES256');
  await page.fill('[data-testid=token-input]', es.token);
  await page.click('[data-testid=edit-in-encoder]');
  await page.waitForSelector('[data-testid=panel-encoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assertMode(await tabs(page), 'encoder', 'after edit-in-encoder');
  assert.equal(await page.inputValue('[data-testid=encoder-alg]'), 'ES256');
  assert.deepEqual(JSON.parse(await page.inputValue('[data-testid=encoder-header]')), decodePart(es.token.split('.')[0]));
  assert.equal(await stateBecomes(page, 'encoder-status', 'no-key'), 'no-key', await said(page, 'encoder-status'));
  assert.deepEqual(session.problems, []);
  await session.close();
});
