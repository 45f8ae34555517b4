// Time from an input event on the token box to the verdict in the DOM, per algorithm, for the
// app (dist/) and the jose reference page, in headless Chromium. Prints a table; asserts nothing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from '../tests/e2e/harness.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const CASES = ['HS256', 'RS256', 'RS256-4096', 'PS256', 'ES256', 'ES384', 'ES512', 'ES256K', 'EdDSA'];
// jose 6 over WebCrypto has no secp256k1, so the reference cannot run ES256K.
const REFERENCE_LACKS = new Set(['ES256K']);

function flip(token) {
  const [h, p, s] = token.split('.');
  const first = s[0] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${first}${s.slice(1)}`;
}

/** Median milliseconds from dispatching `input` to the verdict reading "valid". */
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
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], isolated: crossOriginIsolated };
  }, { token, flipped: flip(token), iterations });
}

const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
// Cross-origin isolation gives performance.now() microsecond resolution instead of 100 µs.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const app = await serve(`${root}dist`, '/app/', {}, ISOLATED);
const reference = await serve(`${root}bench`, '/ref/', { '/ref/jose/': `${root}tools/node_modules/jose/dist/webapi` }, ISOLATED);
const browser = await launch();
const rows = [];
try {
  for (const name of CASES) {
    const fixture = fixtures.find((f) => f.name === name);
    const row = { name };
    const pages = [['app', app, ''], ['jose', reference, 'reference.html'], ['panes', reference, 'reference.html?panes']];
    for (const [label, server, page] of pages) {
      if (label !== 'app' && REFERENCE_LACKS.has(name)) continue;
      const session = await open(browser, server.url + page, server.origin);
      await session.page.fill('[data-testid=key-input]', fixture.keys.jwk);
      const { median, isolated } = await measure(session.page, fixture.token, ITERATIONS);
      if (!isolated) console.warn(`${label}: not cross-origin isolated; timings are rounded to 0.1 ms`);
      row[label] = median;
      await session.close();
    }
    rows.push(row);
  }
} finally {
  await browser.close();
  app.close();
  reference.close();
}

const cell = (value) => (value === undefined ? 'n/a' : value.toFixed(3)).padStart(10);
const ratio = (ours, theirs) => (theirs === undefined ? 'n/a' : (ours / theirs).toFixed(2)).padStart(10);
console.log(`\nInput event -> verdict in the DOM, median of ${ITERATIONS}, headless Chromium (ms).`);
console.log('jose: verify only; jose+panes: also shows the parts and pretty-prints header and payload.\n');
console.log(`${'algorithm'.padEnd(12)}${'app'.padStart(10)}${'jose'.padStart(10)}${'jose+panes'.padStart(12)}${'app/jose'.padStart(10)}${'app/panes'.padStart(10)}`);
for (const { name, app: ours, jose, panes } of rows) {
  console.log(`${name.padEnd(12)}${cell(ours)}${cell(jose)}${cell(panes).padStart(12)}${ratio(ours, jose)}${ratio(ours, panes)}`);
}
