// The issuer's keys as links the user opens (the page requests nothing), and providers' claims
// explained in their own tokens, through the page's contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { assertAccessible, hs256, open, servedApp, statusBecomes, text, view } from './harness.mjs';

const app = servedApp();
const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const SECRET = 'a secret that is in no public list 5f1e2d';
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** An ES256 token with these claims: issuers publish public keys, so only such tokens get links. */
function es256(payload) {
  const b64url = (data) => Buffer.from(JSON.stringify(data)).toString('base64url');
  const input = `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

test('an Entra ID token links to its JWK Set and discovery document, and its claims are explained as Entra ID\'s', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const claims = { iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, oid: 'o', tid: TENANT, xms_cc: ['cp1'], realm_access: {} };
  const token = es256(claims);
  await page.fill('[data-testid=token-input]', token);
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  const jwks = page.locator('[data-testid=issuer-jwks-link]');
  assert.equal(await jwks.getAttribute('href'), `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`);
  assert.equal(await jwks.getAttribute('target'), '_blank');
  assert.equal(await jwks.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(
    await page.getAttribute('[data-testid=issuer-discovery-link]', 'href'),
    `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
  );
  assert.match(await text(page, 'issuer-keys'), /login\.microsoftonline\.com \(by its address, Microsoft Entra ID\)/);
  assert.match(await text(page, 'issuer-keys-trust'), /whoever controls login\.microsoftonline\.com/);

  await view(page, 'payload', 'table');
  assert.equal(await page.getAttribute('[data-testid=claims-table]', 'data-provider'), 'entra-id');
  const meaning = (claim) => page.textContent(`[data-testid=claims-table] tr[data-claim="${claim}"] .claims-meaning`);
  assert.match(await meaning('oid'), /Object ID/);
  assert.match(await meaning('xms_cc'), /xms_ prefix/);
  assert.equal((await meaning('realm_access')).trim(), '', "Keycloak's claim is not explained in an Entra ID token");
  await assertAccessible(page, 'an Entra ID token with its issuer links');

  // An HS256 token names no public key: no links, but the provider's claims are still explained.
  await page.fill('[data-testid=token-input]', hs256({ typ: 'JWT' }, claims, SECRET));
  await page.waitForSelector('[data-testid=issuer-keys]', { state: 'detached' });
  assert.equal(await page.getAttribute('[data-testid=claims-table]', 'data-provider'), 'entra-id');
  assert.match(await meaning('oid'), /Object ID/);
  // Nothing was fetched from the issuer (or anywhere but the page's own origin).
  assert.deepEqual(requests.filter((url) => !url.startsWith(app.server.origin)), []);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('an issuer that is not an https URL gets no links and says why; an unknown one only its discovery document', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await page.fill('[data-testid=token-input]', es256({ iss: 'http://login.example.com' }));
  assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
  assert.match(await text(page, 'issuer-keys-none'), /not an https URL/);
  assert.equal(await page.$('[data-testid=issuer-discovery-link]'), null);

  await page.fill('[data-testid=token-input]', es256({ iss: 'https://id.example.com/' }));
  await page.waitForSelector('[data-testid=issuer-discovery-link]');
  assert.equal(await page.getAttribute('[data-testid=issuer-discovery-link]', 'href'), 'https://id.example.com/.well-known/openid-configuration');
  assert.equal(await page.$('[data-testid=issuer-jwks-link]'), null);
  await view(page, 'payload', 'table');
  assert.equal(await page.getAttribute('[data-testid=claims-table]', 'data-provider'), null);

  await page.fill('[data-testid=token-input]', es256({ sub: 'no issuer' }));
  await page.waitForSelector('[data-testid=issuer-keys]', { state: 'detached' });
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('on a phone the issuer\'s keys come after the key box, the verdict still on the first screen', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin, undefined, { viewport: { width: 390, height: 844 } });
  const { page } = session;
  await page.fill('[data-testid=token-input]', es256({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, sub: 's' }));
  await page.waitForSelector('[data-testid=issuer-keys]');
  const top = (testid) => page.$eval(`[data-testid=${testid}]`, (element) => element.getBoundingClientRect().top);
  const verdict = await top('verify-status');
  assert.ok(verdict < 844, `verdict at ${verdict}px`);
  assert.ok(await top('key-input') < await top('issuer-keys'), 'the key box first');
  assert.ok(verdict < await top('issuer-keys'));
  await session.close();
});
