// Time from an input event on the token box to the verdict in the DOM, per algorithm, for the
// app (dist/) and the jose reference page, in headless Chromium. Prints a table; asserts nothing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bigPayload, hs256, launch, mode, open, serve } from '../tests/e2e/harness.mjs';
import { keystrokes } from './keystrokes.mjs';
import { PBES2_ALGS, pbes2 } from './pbes2.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_ONLY=typing,pbes2 (say) runs only those sections: algorithms, secrets, typing, big, keygen, pbes2.
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (section) => !ONLY || ONLY.has(section);
const CASES = ['HS256', 'RS256', 'RS256-4096', 'PS256', 'ES256', 'ES384', 'ES512', 'ES256K', 'EdDSA', 'ML-DSA-65', 'Ed448'];
// jose 6 over WebCrypto has no secp256k1, and Chromium's WebCrypto no Ed448, so the reference
// cannot run those two.
const REFERENCE_LACKS = new Set(['ES256K', 'Ed448']);

function flip(token) {
  const [h, p, s] = token.split('.');
  const first = s[0] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${first}${s.slice(1)}`;
}

/** Milliseconds from dispatching `input` to the verdict reading "valid", once per iteration. */
async function measure(page, token, iterations) {
  return page.evaluate(async ({ token, flipped, iterations }) => {
    const area = document.querySelector('[data-testid=token-input]');
    const status = () => document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status');
    const once = (value, want) => new Promise((resolve) => {
      const t0 = performance.now();
      const done = () => { observer.disconnect(); resolve(performance.now() - t0); };
      const observer = new MutationObserver(() => { if (status() === want) done(); });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      if (status() === want) done();
    });
    const times = [];
    for (let i = 0; i < iterations; i++) {
      await once(flipped, 'invalid');
      times.push(await once(token, 'valid'));
    }
    return { times, isolated: crossOriginIsolated };
  }, { token, flipped: flip(token), iterations });
}

const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
// ML-DSA-65 from Python cryptography and Ed448 (EdDSA) from jwcrypto, each with its public JWK.
{
  const mlDsa = JSON.parse(await readFile(`${root}tests/fixtures/ml_dsa_cryptography.json`, 'utf8'))
    .find((fixture) => fixture.alg === 'ML-DSA-65');
  const ed448 = JSON.parse(await readFile(`${root}tests/fixtures/ed448_x448_jwcrypto.json`, 'utf8'))
    .signed.find((fixture) => fixture.alg === 'EdDSA');
  const jwkText = (jwk) => (typeof jwk === 'string' ? jwk : JSON.stringify(jwk));
  fixtures.push({ name: 'ML-DSA-65', token: mlDsa.token, keys: { jwk: jwkText(mlDsa.jwk) } });
  fixtures.push({ name: 'Ed448', token: ed448.token, keys: { jwk: ed448.keys['public-jwk'] } });
}
// Cross-origin isolation gives performance.now() microsecond resolution instead of 100 µs.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
// BENCH_DIST=/path/to/dist measures another build (say, main's) against the same reference.
const app = await serve(process.env.BENCH_DIST ?? `${root}dist`, '/app/', {}, ISOLATED);
const reference = await serve(`${root}bench`, '/ref/', { '/ref/jose/': `${root}tools/node_modules/jose/dist/webapi` }, ISOLATED);
const browser = await launch();
/** Milliseconds from pasting an HS256 token whose secret is in no list to "not found", twice. */
async function knownSecretSearch() {
  const session = await open(browser, app.url, app.origin);
  const fixture = fixtures.find((f) => f.name === 'HS256');
  const runs = [];
  for (const token of [fixture.token, flip(fixture.token)]) {
    runs.push(await session.page.evaluate(async (value) => {
      const area = document.querySelector('[data-testid=token-input]');
      const t0 = performance.now();
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      const state = () => document.querySelector('[data-testid=known-secret-status]')?.dataset.state;
      const reached = (want) => new Promise((resolve) => {
        const poll = () => (want.includes(state()) ? resolve() : setTimeout(poll, 1));
        poll();
      });
      // The previous token's "not-found" stays until this token's search has started.
      await reached(['loading', 'searching']);
      await reached(['not-found']);
      return performance.now() - t0;
    }, token));
  }
  await session.close();
  return runs;
}

/** An HS256 token whose payload is about `bytes` long (numbered claims), and its secret. */
function bigToken(bytes) {
  const secret = 'a secret that is in no public list 5f1e2d0123456789';
  return { secret, token: hs256({ typ: 'JWT' }, bigPayload(bytes), secret) };
}

/** Pastes a big token into a fresh page: ms to the verdict, the longest task within 3 s, elements. */
async function bigPaste(bytes) {
  const { secret, token } = bigToken(bytes);
  const session = await open(browser, app.url, app.origin);
  await session.page.fill('[data-testid=key-input]', secret);
  const result = await session.page.evaluate(async (value) => {
    const tasks = [0];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); }).observe({ type: 'longtask' });
    const area = document.querySelector('[data-testid=token-input]');
    const status = () => document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status');
    const t0 = performance.now();
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => { const poll = () => (status() === 'valid' ? resolve() : setTimeout(poll, 1)); poll(); });
    const verdict = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return { verdict, longest: Math.max(...tasks), elements: document.getElementsByTagName('*').length };
  }, token);
  if (process.env.BENCH_VERBOSE) console.error(bytes, JSON.stringify(result));
  await session.close();
  // A closed page holding a megabyte token is still being torn down for a moment, on the same
  // two cores: the next measurement waits for it rather than sharing the machine with it.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return result;
}

// A prime search takes as long as it takes: RSA's times vary several-fold from key to key.
const KEYGEN_SAMPLES = Number(process.env.BENCH_KEYGEN_SAMPLES ?? 5);

/** WebCrypto's parameters for `generateKey` of each key type the workshop makes. */
const KEYGEN = {
  'RSA-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, hash: 'SHA-256' },
  'RSA-3072': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, hash: 'SHA-256' },
  'RSA-4096': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, hash: 'SHA-256' },
  'P-256': { name: 'ECDSA', namedCurve: 'P-256' },
  'P-384': { name: 'ECDSA', namedCurve: 'P-384' },
  'P-521': { name: 'ECDSA', namedCurve: 'P-521' },
  Ed25519: { name: 'Ed25519' },
};

/** Per key type: ms from clicking keygen-run to every form shown, and `generateKey` called in the same page. */
async function keygen() {
  const session = await open(browser, app.url, app.origin);
  const { page } = session;
  await mode(page, 'keys');
  const times = {};
  // The first key of all also starts the worker: made once before measuring.
  const warmUp = [['P-256', KEYGEN['P-256']]];
  const each = Object.entries(KEYGEN).flatMap((entry) => Array(KEYGEN_SAMPLES).fill(entry));
  for (const [kind, params] of [...warmUp, ...each]) {
    await page.selectOption('[data-testid=keygen-type]', kind);
    const workshop = await page.evaluate(async () => {
      const status = () => document.querySelector('[data-testid=keygen-status]')?.dataset.state;
      // A new key has a new thumbprint: the last run's "done" does not count.
      const thumbprint = () => document.querySelector('[data-testid=keygen-thumbprint]')?.textContent;
      const before = thumbprint();
      const t0 = performance.now();
      document.querySelector('[data-testid=keygen-run]').click();
      await new Promise((resolve) => { const poll = () => (status() === 'done' && thumbprint() !== before ? resolve() : setTimeout(poll, 1)); poll(); });
      return performance.now() - t0;
    });
    const direct = await page.evaluate(async (algorithm) => {
      const t0 = performance.now();
      const rsa = algorithm.modulusLength ? { publicExponent: new Uint8Array([1, 0, 1]) } : {};
      await crypto.subtle.generateKey({ ...algorithm, ...rsa }, true, ['sign', 'verify']);
      return performance.now() - t0;
    }, params);
    (times[kind] ??= []).push({ workshop, direct });
  }
  await session.close();
  return times;
}

const BIG = [100_000, 1_000_000];
const keygenRuns = [];
const typingRuns = [];
const pbes2Runs = [];
const bigRuns = new Map(BIG.map((bytes) => [bytes, []]));
let knownSecretMillis = [];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = new Map(); // "name label" -> times
const pages = [['app', app, ''], ['jose', reference, 'reference.html'], ['panes', reference, 'reference.html?panes']];
try {
  // Rounds interleave the pages, so a slow spell of this 2-core machine hits them all alike.
  for (let round = 0; round < ROUNDS && wanted('algorithms'); round++) {
    for (const name of CASES) {
      const fixture = fixtures.find((f) => f.name === name);
      for (const [label, server, page] of pages) {
        if (label !== 'app' && REFERENCE_LACKS.has(name)) continue;
        const session = await open(browser, server.url + page, server.origin);
        await session.page.fill('[data-testid=key-input]', fixture.keys.jwk);
        const { times, isolated } = await measure(session.page, fixture.token, ITERATIONS);
        if (!isolated) console.warn(`${label}: not cross-origin isolated; timings are rounded to 0.1 ms`);
        const key = `${name} ${label}`;
        samples.set(key, [...(samples.get(key) ?? []), ...times]);
        await session.close();
      }
    }
  }
  if (wanted('secrets')) knownSecretMillis = await knownSecretSearch();
  for (let round = 0; round < ROUNDS; round++) {
    if (wanted('typing')) typingRuns.push(await keystrokes(browser, app));
    if (wanted('big')) for (const bytes of BIG) bigRuns.get(bytes).push(await bigPaste(bytes));
    if (wanted('keygen')) keygenRuns.push(await keygen());
    if (wanted('pbes2')) pbes2Runs.push(await pbes2(browser, app));
  }
} finally {
  await browser.close();
  app.close();
  reference.close();
}
const rows = CASES.map((name) => {
  const row = { name };
  for (const [label] of pages) {
    const times = samples.get(`${name} ${label}`);
    if (times) row[label] = median(times);
  }
  return row;
});

const cell = (value) => (value === undefined ? 'n/a' : value.toFixed(3)).padStart(10);
const ratio = (ours, theirs) => (theirs === undefined ? 'n/a' : (ours / theirs).toFixed(2)).padStart(10);
if (samples.size) {
  console.log(`\nInput event -> verdict in the DOM, median of ${ROUNDS} x ${ITERATIONS}, headless Chromium (ms).`);
  console.log('jose: verify only; jose+panes: also shows the parts and pretty-prints header and payload.\n');
  console.log(`${'algorithm'.padEnd(12)}${'app'.padStart(10)}${'jose'.padStart(10)}${'jose+panes'.padStart(12)}${'app/jose'.padStart(10)}${'app/panes'.padStart(10)}`);
  for (const { name, app: ours, jose, panes } of rows) {
    console.log(`${name.padEnd(12)}${cell(ours)}${cell(jose)}${cell(panes).padStart(12)}${ratio(ours, jose)}${ratio(ours, panes)}`);
  }
}
if (knownSecretMillis.length) console.log(`\nKnown-secret search, the whole list (first with the list download, then cached): ${knownSecretMillis.map((ms) => `${ms.toFixed(0)} ms`).join('; ')}`);

if (bigRuns.get(BIG[0]).length) console.log(`\nA big payload pasted (HS256, median of ${ROUNDS}): ms to the verdict; the longest task within 3 s; elements in the page.`);
for (const [bytes, runs] of bigRuns) {
  if (runs.length === 0) continue;
  const of = (field) => median(runs.map((run) => run[field])).toFixed(0);
  console.log(`${`${bytes / 1000} KB`.padEnd(12)}${`${of('verdict')} ms`.padStart(10)}${`${of('longest')} ms`.padStart(10)}${of('elements').padStart(10)}`);
}

if (typingRuns.length) {
  const of = (field) => median(typingRuns.map((run) => run[field]));
  console.log(`\nTyping a ${typingRuns[0].chars}-character token one character at a time, median ms per keystroke (of ${ROUNDS} pages, 3 passes each):`);
  console.log(`token box ${of('app').toFixed(3)}, bare textarea ${of('bare').toFixed(3)}, cost ${(of('app') - of('bare')).toFixed(3)}`);
}

if (keygenRuns.length) console.log(`\nKey generation, median of ${ROUNDS} x ${KEYGEN_SAMPLES}: the workshop (click to every form shown; the key by WebCrypto in the worker) and generateKey called in the page (ms).`);
for (const kind of keygenRuns.length ? Object.keys(KEYGEN) : []) {
  const of = (field) => median(keygenRuns.flatMap((run) => run[kind].map((sample) => sample[field])));
  console.log(`${kind.padEnd(12)}${of('workshop').toFixed(0).padStart(8)}${of('direct').toFixed(0).padStart(8)}${(of('workshop') / of('direct')).toFixed(2).padStart(8)}`);
}

if (pbes2Runs.length) {
  console.log(`\nPBES2 decryption, 600,000 iterations, median of ${ROUNDS}: paste to "decrypted" and WebCrypto's PBKDF2 alone in the page (ms).`);
  for (const alg of PBES2_ALGS) {
    const of = (field) => median(pbes2Runs.map((run) => run[alg][field]));
    console.log(`${alg.padEnd(20)}${of('decrypt').toFixed(0).padStart(8)}${of('direct').toFixed(0).padStart(8)}${(of('decrypt') / of('direct')).toFixed(2).padStart(8)}`);
  }
}
