// The decoder's toolbars through the contract: the examples menu, clearing the token, the copy
// buttons (checked on the clipboard), the JSON / table views of header and payload, and share
// links (with the key only when it is public).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mode, open, root, said, servedApp, stateBecomes, status, statusBecomes, text, view } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);

/** A page whose clipboard the test may read and write. */
async function withClipboard(url = app.server.url) {
  const session = await open(app.browser, url, app.server.origin);
  await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  return session;
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

/** Waits until the decoded header's `alg` (or, for a JWE, `enc`) reads `want`. */
async function headerSays(page, member, want) {
  await page.waitForFunction(([name, value]) => {
    try {
      return JSON.parse(document.querySelector('[data-testid=header-json]')?.textContent ?? '')[name] === value;
    } catch {
      return false;
    }
  }, [member, want], { timeout: 5000 }).catch(() => {});
}

async function openExamples(page) {
  const isOpen = () => page.$eval('[data-testid=examples]', (el) => (el.closest('details') ?? el.querySelector('details'))?.open === true);
  if (!(await isOpen())) await page.click('[data-testid=examples]');
  assert.ok(await isOpen(), 'clicking examples opens the menu');
}

test('every example fills the token and key boxes and gives its verdict', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  assert.equal(await page.$eval('[data-testid=examples]', (el) => el.tagName), 'DETAILS');
  const items = await page.$$eval('[data-testid=examples] [data-example]', (els) => els.map((e) => [e.tagName, e.dataset.example]));
  assert.deepEqual(items.map(([, name]) => name), ['hs256', 'rs256-jwks', 'es256-pem', 'eddsa', 'jwe', 'broken']);
  assert.ok(items.every(([tag]) => tag === 'BUTTON'), `items are buttons: ${items}`);

  const expected = [
    // [example, header member, its value, verdict, data-strict, what the key box holds]
    ['hs256', 'alg', 'HS256', 'valid', 'fail', /\S/],
    ['rs256-jwks', 'alg', 'RS256', 'valid', undefined, /"keys"\s*:/],
    ['es256-pem', 'alg', 'ES256', 'valid', undefined, /-----BEGIN [A-Z ]+-----/],
    ['eddsa', 'alg', /^(EdDSA|Ed25519)$/, 'valid', undefined, /\S/],
    ['jwe', 'enc', /\S/, 'decrypted', undefined, /\S/],
  ];
  for (const [name, member, value, verdict, strict, key] of expected) {
    await openExamples(page);
    const previous = await page.inputValue('[data-testid=token-input]');
    await page.click(`[data-testid=examples] [data-example=${name}]`);
    await page.waitForFunction((old) => document.querySelector('[data-testid=token-input]')?.value !== old, previous, { timeout: 5000 }).catch(() => {});
    if (typeof value === 'string') await headerSays(page, member, value);
    assert.notEqual(await page.inputValue('[data-testid=token-input]'), previous, `${name}: the token box is filled`);
    assert.match(await page.inputValue('[data-testid=key-input]'), key, `${name}: the key box is filled`);
    const header = JSON.parse(await text(page, 'header-json'));
    assert.match(String(header[member]), value instanceof RegExp ? value : new RegExp(`^${value}$`), `${name}: header ${member}`);
    assert.equal(await statusBecomes(page, verdict, 20000), verdict, `${name}: ${await said(page, 'verify-status')}`);
    if (strict) assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), strict, `${name}: data-strict`);
  }
  // jwt.io's example secret is short: the verdict says to refuse it.
  await openExamples(page);
  await page.click('[data-testid=examples] [data-example=hs256]');
  await headerSays(page, 'alg', 'HS256');
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.match(await text(page, 'verify-status'), /Signature matches, but refuse this token/);

  await openExamples(page);
  await page.click('[data-testid=examples] [data-example=broken]');
  assert.equal(await statusBecomes(page, 'malformed'), 'malformed', await said(page, 'verify-status'));
  assert.ok(await page.$('[data-testid=decode-error]'), 'broken: decode-error is shown');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('an empty page offers every example where the results will be; one click fills both boxes and the offer goes', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.waitForSelector('[data-testid=empty-examples]', { timeout: 5000 });
  const offered = await page.$$eval('[data-testid=empty-examples] [data-example]', (buttons) => buttons.map((b) => b.dataset.example));
  assert.deepEqual(offered, ['hs256', 'rs256-jwks', 'es256-pem', 'eddsa', 'jwe', 'broken']);
  assert.equal(await page.isDisabled('[data-testid=copy-token]'), true, 'nothing to copy yet');
  await page.click('[data-testid=empty-examples] [data-example=es256-pem]');
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  assert.match(await page.inputValue('[data-testid=key-input]'), /-----BEGIN PUBLIC KEY-----/);
  assert.equal(await page.$('[data-testid=empty-examples]'), null, 'the offer goes once there is a token');
  assert.equal(await page.isDisabled('[data-testid=copy-token]'), false);
  // The negative twin: clearing the token brings the offer back.
  await page.click('[data-testid=clear-token]');
  await page.waitForSelector('[data-testid=empty-examples]', { timeout: 5000 });
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('clear-token empties the token box and the verdict is empty', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=token-input]', fixture('HS256').token);
  await page.fill('[data-testid=key-input]', fixture('HS256').keys.utf8);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.click('[data-testid=clear-token]');
  assert.equal(await page.inputValue('[data-testid=token-input]'), '');
  assert.equal(await statusBecomes(page, 'empty'), 'empty', await said(page, 'verify-status'));
  assert.equal(await page.$('[data-testid=token-part-header]'), null, 'nothing decoded is left');
  // The box works again afterwards.
  await page.fill('[data-testid=token-input]', fixture('HS256').token);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('every copy button copies what it is beside and says so', async () => {
  const session = await withClipboard();
  const { page } = session;
  const hs = fixture('HS256');
  await page.fill('[data-testid=token-input]', hs.token);
  await page.fill('[data-testid=key-input]', hs.keys.utf8);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  const wanted = {
    'copy-token': hs.token,
    'copy-header': await text(page, 'header-json'),
    'copy-payload': await text(page, 'payload-json'),
    'copy-signature': hs.token.split('.')[2],
  };
  assert.equal(await text(page, 'signature-segment'), wanted['copy-signature']);
  for (const [button, copied] of Object.entries(wanted)) {
    assert.equal(await page.getAttribute(`[data-testid=${button}]`, 'data-state'), 'idle', `${button} before a click`);
    await page.click(`[data-testid=${button}]`);
    assert.equal(await stateBecomes(page, button, 'copied', 5000), 'copied', button);
    assert.equal(await clipboard(page), copied, `${button}: the clipboard`);
  }
  // The header and payload are copied as shown: pretty-printed JSON equal to the decoded parts.
  assert.deepEqual(JSON.parse(wanted['copy-header']), JSON.parse(Buffer.from(hs.token.split('.')[0], 'base64url')));
  assert.deepEqual(JSON.parse(wanted['copy-payload']), JSON.parse(Buffer.from(hs.token.split('.')[1], 'base64url')));

  await mode(page, 'encoder');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', hs.keys.utf8);
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  const signed = (await text(page, 'encoder-token')).trim();
  assert.equal(await page.getAttribute('[data-testid=copy-encoder-token]', 'data-state'), 'idle');
  await page.click('[data-testid=copy-encoder-token]');
  assert.equal(await stateBecomes(page, 'copy-encoder-token', 'copied', 5000), 'copied');
  assert.equal(await clipboard(page), signed, 'the clipboard holds exactly the signed token');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('copy-plaintext copies a decrypted token\'s plaintext exactly', async () => {
  const session = await withClipboard();
  const { page } = session;
  await openExamples(page);
  await page.click('[data-testid=examples] [data-example=jwe]');
  assert.equal(await statusBecomes(page, 'decrypted', 20000), 'decrypted', await said(page, 'verify-status'));
  await page.waitForSelector('[data-testid=copy-plaintext]', { timeout: 5000 });
  const plaintext = await text(page, 'plaintext');
  assert.equal(plaintext.split('.').length, 3, 'the plaintext is the nested JWS');
  await page.click('[data-testid=copy-plaintext]');
  assert.equal(await stateBecomes(page, 'copy-plaintext', 'copied', 5000), 'copied');
  assert.equal(await clipboard(page), plaintext);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('header and payload show JSON by default; the table view, once chosen, holds as the token changes', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  // Hidden by the `hidden` attribute: on the JSON itself; on the table or the box that holds it.
  const shown = (testid) => page.$eval(`[data-testid=${testid}]`, (el) => (el.tagName === 'PRE' ? !el.hasAttribute('hidden') : !el.closest('[hidden]')));
  const views = { header: ['header-json', 'header-table'], payload: ['payload-json', 'claims-table'] };
  await page.fill('[data-testid=token-input]', fixture('HS256').token);
  await page.waitForSelector('[data-testid=header-json]');

  for (const [part, [json, table]] of Object.entries(views)) {
    const group = `[data-testid=${part}-view]`;
    assert.equal(await page.getAttribute(group, 'role'), 'radiogroup', part);
    assert.deepEqual(await page.$$eval(`${group} label input[type=radio]`, (els) => els.map((e) => e.value)), ['json', 'table'], part);
    assert.equal(await page.getAttribute(group, 'data-value'), 'json', `${part}: JSON is the default`);
    assert.equal(await page.isChecked(`${group} input[value=json]`), true, part);
    assert.equal(await shown(json), true, `${json} shown by default`);
    assert.equal(await shown(table), false, `${table} in the DOM but hidden by default`);
    assert.equal(await page.isVisible(`[data-testid=${table}]`), false, `${table} not visible`);
  }

  await view(page, 'header', 'table');
  await view(page, 'payload', 'table');
  const chosen = async (label) => {
    for (const [part, [json, table]] of Object.entries(views)) {
      assert.equal(await page.getAttribute(`[data-testid=${part}-view]`, 'data-value'), 'table', `${label}: ${part} view`);
      assert.equal(await page.isChecked(`[data-testid=${part}-view] input[value=table]`), true, `${label}: ${part} radio`);
      assert.equal(await shown(table), true, `${label}: ${table} shown`);
      assert.equal(await shown(json), false, `${label}: ${json} hidden`);
      assert.equal(await page.isVisible(`[data-testid=${table}]`), true, `${label}: ${table} visible`);
    }
  };
  await chosen('table chosen');
  assert.ok(await page.$('[data-testid=header-table] tr[data-param=alg]'));
  assert.ok(await page.$('[data-testid=claims-table] tr[data-claim=sub]'));

  // Another token: the choice holds, and the tables are the new token's.
  await page.fill('[data-testid=token-input]', fixture('ES256').token);
  await page.waitForFunction(() => document.querySelector('[data-testid=header-json]')?.textContent.includes('ES256'), null, { timeout: 5000 }).catch(() => {});
  await chosen('after another token');
  assert.match(await page.textContent('[data-testid=header-table] tr[data-param=alg]'), /ES256/);

  // And back to JSON.
  await view(page, 'payload', 'json');
  assert.equal(await page.getAttribute('[data-testid=payload-view]', 'data-value'), 'json');
  assert.equal(await shown('payload-json'), true);
  assert.equal(await shown('claims-table'), false);
  assert.equal(await page.getAttribute('[data-testid=header-view]', 'data-value'), 'table', 'each card keeps its own choice');
  assert.deepEqual(session.problems, []);
  await session.close();
});

/** Fills the key box and waits for the page to have read it (key-detected changes). */
async function setKey(page, key) {
  const before = await said(page, 'key-detected');
  await page.fill('[data-testid=key-input]', key);
  await page.waitForFunction((old) => (document.querySelector('[data-testid=key-detected]')?.textContent ?? '') !== old, before, { timeout: 3000 }).catch(() => {});
}

/** Clicks share-link and returns the link it shows in share-url (checking the clipboard holds it too). */
async function share(page) {
  // A mark on the clipboard first, so the wait ends when the click has replaced it (the link
  // itself may be the one shown before).
  const mark = `not yet shared ${Date.now()}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), mark);
  await page.click('[data-testid=share-link]');
  for (let waited = 0; waited < 5000 && (await clipboard(page)) === mark; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(await page.$('[data-testid=share-url]'), 'share-url is shown');
  assert.equal(await page.$eval('[data-testid=share-url]', (el) => [el.tagName, el.readOnly].join()), 'INPUT,true', 'share-url is a readonly input');
  const link = await page.$eval('[data-testid=share-url]', (el) => el.value);
  assert.equal(await clipboard(page), link, 'the link is on the clipboard');
  return link;
}

const fragment = (link) => Object.fromEntries(new URLSearchParams(link.split('#')[1] ?? ''));

test('share-link makes a #token= link (never a query string) that reproduces token and verdict', async () => {
  const session = await withClipboard();
  const { page } = session;
  const rsa = fixture('RS256');
  await page.fill('[data-testid=token-input]', rsa.token);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  const link = await share(page);
  assert.ok(link.startsWith(app.server.url), `${link} is the page's own URL`);
  assert.ok(link.includes('#token='), link);
  assert.ok(!link.includes('?'), `no "?" in ${link}`);
  assert.equal(fragment(link).token, rsa.token);
  assert.equal(fragment(link).key, undefined, 'no key without a key');
  assert.deepEqual(session.problems, []);
  await session.close();

  const opened = await open(app.browser, link, app.server.origin);
  assert.equal(await opened.page.inputValue('[data-testid=token-input]'), rsa.token);
  assert.equal(await statusBecomes(opened.page, 'no-key'), 'no-key');
  assert.equal(await opened.page.inputValue('[data-testid=key-input]'), '');
  assert.deepEqual(opened.problems, []);
  await opened.close();
});

test('share-include-key is offered for public keys only; with it the link reproduces key and verdict', async () => {
  const session = await withClipboard();
  const { page } = session;
  const rsa = fixture('RS256');
  const es = fixture('ES256');
  const hs = fixture('HS256');
  const privateJwk = JSON.stringify(createPrivateKey(rsa.keys['pkcs8-pem']).export({ format: 'jwk' }));
  const offered = async (label, want) => {
    if (want) await page.waitForSelector('[data-testid=share-include-key]', { state: 'attached', timeout: 3000 }).catch(() => {});
    assert.equal(Boolean(await page.$('[data-testid=share-include-key]')), want, `${label}: share-include-key ${want ? 'present' : 'absent'}`);
  };

  await page.fill('[data-testid=token-input]', rsa.token);
  const cases = [
    ['RSA PEM private key', rsa.token, rsa.keys['pkcs8-pem'], false],
    ['RSA PEM public key', rsa.token, rsa.keys['spki-pem'], true],
    ['RSA PKCS#1 private key', rsa.token, rsa.keys['pkcs1-private-pem'], false],
    ['certificate', rsa.token, rsa.keys['certificate-pem'], true],
    ['private JWK', rsa.token, privateJwk, false],
    ['public JWK Set', rsa.token, rsa.keys.jwks, true],
    ['HMAC secret', hs.token, hs.keys.utf8, false],
    ['public JWK', es.token, es.keys.jwk, true],
    ['secret as a JWK', hs.token, hs.keys.jwk, false],
    ['EC PEM private key', es.token, es.keys['sec1-pem'], false],
  ];
  for (const [label, token, key, want] of cases) {
    if ((await page.inputValue('[data-testid=token-input]')) !== token) await page.fill('[data-testid=token-input]', token);
    await setKey(page, key);
    assert.equal(await statusBecomes(page, 'valid'), 'valid', `${label}: ${await said(page, 'verify-status')}`);
    await offered(label, want);
    if (!want) {
      const link = await share(page);
      assert.equal(fragment(link).key, undefined, `${label}: the key is never in the link`);
    }
  }

  // A public key, not included: the link holds the token only; included: the key too.
  await page.fill('[data-testid=token-input]', rsa.token);
  await setKey(page, rsa.keys['spki-pem']);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await offered('RSA PEM public key', true);
  assert.equal(await page.isChecked('[data-testid=share-include-key]'), false, 'not included unless asked');
  assert.equal(fragment(await share(page)).key, undefined, 'unchecked: no key in the link');
  await page.check('[data-testid=share-include-key]');
  const link = await share(page);
  assert.ok(!link.includes('?'), `no "?" in ${link}`);
  assert.match(link, /#token=[^&]+&key=/, link);
  assert.equal(fragment(link).token, rsa.token);
  assert.equal(fragment(link).key, rsa.keys['spki-pem']);
  const strict = await page.getAttribute('[data-testid=verify-status]', 'data-strict');
  assert.deepEqual(session.problems, []);
  await session.close();

  const opened = await open(app.browser, link, app.server.origin);
  assert.equal(await opened.page.inputValue('[data-testid=token-input]'), rsa.token);
  assert.equal(await opened.page.inputValue('[data-testid=key-input]'), rsa.keys['spki-pem']);
  assert.equal(await statusBecomes(opened.page, 'valid'), 'valid', await said(opened.page, 'verify-status'));
  assert.equal(await opened.page.getAttribute('[data-testid=verify-status]', 'data-strict'), strict);
  assert.equal(await status(opened.page), 'valid');
  assert.deepEqual(opened.problems, []);
  await opened.close();
});
