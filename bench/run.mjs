// Time from an input event on the token box to the verdict in the DOM, per algorithm, for the
// app (dist/) and the jose reference page, in headless Chromium. Prints a table; asserts nothing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from '../tests/e2e/harness.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
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
    return times[Math.floor(times.length / 2)];
  }, { token, flipped: flip(token), iterations });
}

const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const app = await serve(`${root}dist`, '/app/');
const reference = await serve(`${root}bench`, '/ref/', { '/ref/jose/': `${root}tools/node_modules/jose/dist/webapi` });
const browser = await launch();
const rows = [];
try {
  for (const name of CASES) {
    const fixture = fixtures.find((f) => f.name === name);
    const row = { name };
    for (const [label, server, page] of [['app', app, ''], ['jose', reference, 'reference.html']]) {
      if (label === 'jose' && REFERENCE_LACKS.has(name)) continue;
      const session = await open(browser, server.url + page, server.origin);
      await session.page.fill('[data-testid=key-input]', fixture.keys.jwk);
      row[label] = await measure(session.page, fixture.token, ITERATIONS);
      await session.close();
    }
    rows.push(row);
  }
} finally {
  await browser.close();
  app.close();
  reference.close();
}

console.log(`\nInput event -> verdict in the DOM, median of ${ITERATIONS}, headless Chromium (ms):\n`);
console.log(`${'algorithm'.padEnd(12)}${'app'.padStart(9)}${'jose 6'.padStart(9)}${'app/jose'.padStart(10)}`);
for (const { name, app: ours, jose } of rows) {
  const reference = jose === undefined ? 'n/a' : jose.toFixed(2);
  const ratio = jose === undefined ? 'n/a' : (ours / jose).toFixed(2);
  console.log(`${name.padEnd(12)}${ours.toFixed(2).padStart(9)}${reference.padStart(9)}${ratio.padStart(10)}`);
}
