// The claims table, the lifetime picture and the findings through the page's contract, updating
// as the token, the key and the check settings change; the known-secret search in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { open, root, servedApp, statusBecomes, text, view } from './harness.mjs';

const app = servedApp();
const b64url = (data) => Buffer.from(data).toString('base64url');
const NOW = Math.floor(Date.now() / 1000);
const JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const STRONG = 'a secret that is in no public list 5f1e2d';

function hs(header, payload, secret, alg = 'HS256') {
  const input = `${b64url(JSON.stringify({ alg, ...header }))}.${b64url(JSON.stringify(payload))}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

async function page() {
  const session = await open(app.browser, app.server.url, app.server.origin);
  return session;
}

const codes = (p) => p.$$eval('[data-testid=finding]', (items) => items.map((i) => i.dataset.code));
const claimState = (p, name) => p.getAttribute(`[data-testid=claims-table] tr[data-claim=${name}]`, 'data-state');
const searchBecomes = (p, want) => p.waitForFunction(
  (state) => document.querySelector('[data-testid=known-secret-status]')?.dataset.state === state,
  want,
  { timeout: 20000 },
);

test('claims are described, times judged and shown, and the check time moves them', async () => {
  const session = await page();
  const p = session.page;
  const token = hs({ typ: 'JWT' }, { iss: 'https://id.example', aud: ['api', 'web'], sub: 'u1', iat: NOW - 60, exp: NOW + 840, role: 'x' }, STRONG);
  await p.fill('[data-testid=token-input]', token);
  // The payload card shows JSON by default; the claims table is its other view.
  await view(p, 'payload', 'table');
  await p.waitForSelector('[data-testid=claims-table]');
  const names = await p.$$eval('[data-testid=claims-table] tr[data-claim]', (rows) => rows.map((r) => r.dataset.claim));
  assert.deepEqual(names, ['iss', 'aud', 'sub', 'iat', 'exp', 'role']);
  assert.match(await p.textContent('tr[data-claim=exp]'), /Expiration time/);
  assert.match(await p.textContent('tr[data-claim=exp]'), /expires in 1[34] min/);
  assert.match(await p.textContent('tr[data-claim=exp] [data-testid=claim-utc]'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(await claimState(p, 'exp'), 'ok');
  assert.equal(await claimState(p, 'iat'), 'ok');
  assert.equal(await p.getAttribute('tr[data-claim=role]', 'data-state'), null, 'not a time claim');
  assert.ok(await p.$('[data-testid=lifetime] [data-mark=now]'));
  assert.ok(await p.$('[data-testid=lifetime] [data-mark=exp]'));
  assert.ok(await p.$('[data-testid=header-table] tr[data-param=alg]'));

  // Check an hour later: expired; with a two-hour leeway: fine again.
  await p.fill('[data-testid=check-time-input]', new Date((NOW + 3600) * 1000).toISOString());
  await p.waitForFunction(() => document.querySelector('tr[data-claim=exp]')?.dataset.state === 'expired');
  assert.match(await p.textContent('tr[data-claim=exp]'), /expired \d+ min ago/);
  assert.ok((await codes(p)).includes('expired'));
  await p.fill('[data-testid=leeway-input]', '7200');
  await p.waitForFunction(() => document.querySelector('tr[data-claim=exp]')?.dataset.state === 'ok');
  assert.ok(!(await codes(p)).includes('expired'));
  // An hour before issue: issued in the future.
  await p.fill('[data-testid=leeway-input]', '0');
  await p.fill('[data-testid=check-time-input]', new Date((NOW - 3600) * 1000).toISOString());
  await p.waitForFunction(() => document.querySelector('tr[data-claim=iat]')?.dataset.state === 'issued-in-future');

  // Expected issuer and audience: mismatches are shown on their rows.
  await p.fill('[data-testid=check-time-input]', '');
  await p.fill('[data-testid=expected-iss-input]', 'https://other.example');
  await p.fill('[data-testid=expected-aud-input]', 'web');
  await p.waitForSelector('tr[data-claim=iss] [data-testid=claim-mismatch]');
  assert.equal(await p.$('tr[data-claim=aud] [data-testid=claim-mismatch]'), null, 'aud includes web');
  await p.fill('[data-testid=expected-aud-input]', 'billing');
  await p.waitForSelector('tr[data-claim=aud] [data-testid=claim-mismatch]');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('milliseconds and strings in time claims are invalid', async () => {
  const session = await page();
  const p = session.page;
  await p.fill('[data-testid=token-input]', hs({}, { exp: (NOW + 60) * 1000, nbf: 'soon' }, STRONG));
  await p.waitForSelector('tr[data-claim=exp]', { state: 'attached' });
  assert.equal(await claimState(p, 'exp'), 'invalid');
  assert.equal(await claimState(p, 'nbf'), 'invalid');
  assert.match(await p.textContent('tr[data-claim=exp]'), /milliseconds/);
  assert.ok((await codes(p)).includes('time-format'));
  await session.close();
});

test('findings render with codes and severities and update with the token and key', async () => {
  const session = await page();
  const p = session.page;
  const risky = hs({ kid: '../../dev/null', jku: 'https://evil.example/jwks' }, { sub: 'u', password: 'hunter2' }, STRONG);
  await p.fill('[data-testid=token-input]', risky);
  await p.waitForSelector('[data-testid=finding]');
  const found = await p.$$eval('[data-testid=finding]', (items) => items.map((i) => [i.dataset.code, i.dataset.severity]));
  for (const pair of [['kid-injection', 'warning'], ['embedded-key', 'warning'], ['missing-exp', 'warning'], ['sensitive-data', 'warning']]) {
    assert.ok(found.some(([code, severity]) => code === pair[0] && severity === pair[1]), `${pair} in ${found}`);
  }
  // An RS public key for an HS token: key confusion.
  const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
  await p.fill('[data-testid=key-input]', fixtures.find((f) => f.name === 'RS256').keys['spki-pem']);
  await p.waitForFunction(() => [...document.querySelectorAll('[data-testid=finding]')].some((i) => i.dataset.code === 'key-confusion'));
  assert.equal(await p.getAttribute('[data-testid=finding][data-code=key-confusion]', 'data-severity'), 'error');
  // A clean token: none of those.
  await p.fill('[data-testid=key-input]', STRONG);
  await p.fill('[data-testid=token-input]', hs({ typ: 'JWT' }, { sub: 'u', iat: NOW, exp: NOW + 600 }, STRONG));
  assert.equal(await statusBecomes(p, 'valid'), 'valid');
  await searchBecomes(p, 'not-found');
  assert.deepEqual(await codes(p), []);
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('the known-secret search finds the jwt.io secret and secrets from the middle and end of the list', async () => {
  const list = (await readFile(`${root}assets/jwt.secrets.list`, 'utf8')).split(/\r?\n/).filter((l) => l !== '');
  const session = await page();
  const p = session.page;
  await p.fill('[data-testid=token-input]', JWT_IO);
  await searchBecomes(p, 'found');
  assert.match(await p.textContent('[data-testid=finding][data-code=known-secret]'), /your-256-bit-secret/);
  assert.equal(await p.getAttribute('[data-testid=finding][data-code=known-secret]', 'data-severity'), 'error');
  for (const [secret, alg] of [[list[Math.floor(list.length / 2)], 'HS384'], [list[list.length - 1], 'HS512']]) {
    await p.fill('[data-testid=token-input]', hs({}, { sub: 'x', exp: NOW + 60 }, secret, alg));
    await searchBecomes(p, 'found');
    assert.ok((await p.textContent('[data-testid=finding][data-code=known-secret]')).includes(JSON.stringify(secret)), secret);
  }
  // Typing is not held up while a search runs: the verdict follows each keystroke.
  await p.fill('[data-testid=token-input]', hs({}, { sub: 'y' }, STRONG));
  await p.fill('[data-testid=key-input]', STRONG);
  assert.equal(await statusBecomes(p, 'valid'), 'valid');
  await searchBecomes(p, 'not-found');
  assert.match(await text(p, 'known-secret-status'), /Not signed with any of \d{1,3}(,\d{3})* publicly known secrets \(checked in \d[^)]* (ms|s|min)\)/);
  assert.deepEqual(session.problems, []);
  await session.close();
});
