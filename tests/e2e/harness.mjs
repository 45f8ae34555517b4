// End-to-end harness: serves dist/ under a sub-path on localhost and drives Debian's Chromium.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from '../../tools/node_modules/playwright-core/index.mjs';

/** The repository's root folder, with a trailing slash. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
};

/**
 * Serves `dir` at `base` (e.g. /tools/jwt/) on 127.0.0.1; `mounts` maps further URL prefixes to
 * folders, and `headers` are added to every response. Every other path is a 404, and so is any
 * path for which the returned server's `blocked(path)` says true (to stand in for a file that
 * is missing or offline).
 */
export async function serve(dir, base, mounts = {}, headers = {}) {
  const roots = [...Object.entries(mounts), [base, dir]];
  const control = { blocked: () => false };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (control.blocked(path)) {
      res.writeHead(404).end();
      return;
    }
    const mount = roots.find(([prefix]) => path.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end();
      return;
    }
    const [prefix, folder] = mount;
    let file = normalize(join(folder, path.slice(prefix.length)));
    if (!file.startsWith(normalize(folder))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    close: () => server.close(),
    block: (predicate) => { control.blocked = predicate; },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * Opens a fresh page (after `initScript`, if given) and records what a clean page must not do:
 * console errors, failed or 4xx/5xx requests, and any request to another origin. `contextOptions`
 * are given to the browser context (e.g. a phone's `viewport`, or `colorScheme`).
 */
export async function open(browser, url, origin, initScript = undefined, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  // A script run before the page's own, e.g. to stand in for a browser whose WebCrypto refuses.
  if (initScript) await page.addInitScript(initScript);
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const target = req.url();
    if (!target.startsWith(origin) && !target.startsWith('data:')) problems.push(`foreign request: ${target}`);
  });
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()}`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`${res.status()}: ${res.url()}`); });
  await page.goto(url);
  // The app has started once a mode's panel is there (the bench's reference page has only a
  // verdict).
  await page.waitForSelector('[data-testid^=panel-], [data-testid=verify-status]', { state: 'attached' });
  return { page, problems, close: () => context.close() };
}

export const status = (page) => page.getAttribute('[data-testid=verify-status]', 'data-status');

/** Waits until the verdict reads `expected`, then returns it (or the last value seen). */
export async function statusBecomes(page, expected, timeout = 5000) {
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status') === want,
      expected,
      { timeout },
    );
  } catch {
    // Fall through: the caller's assertion shows what the page says instead.
  }
  return status(page);
}

/** Waits until the element's `data-state` reads `want`, then returns it (or the last value seen). */
export async function stateBecomes(page, testid, want, timeout = 10000) {
  await page.waitForFunction(
    ([id, state]) => document.querySelector(`[data-testid=${id}]`)?.dataset.state === state,
    [testid, want],
    { timeout },
  ).catch(() => {});
  return page.getAttribute(`[data-testid=${testid}]`, 'data-state');
}

export const text = (page, testid) => page.textContent(`[data-testid=${testid}]`);

/** Waits until the encoder shows a signed token whose header names `alg`; returns the token. */
export async function signedWith(page, alg, timeout = 10000) {
  await page.waitForFunction((want) => {
    const token = document.querySelector('[data-testid=encoder-token]');
    if (token?.dataset.state !== 'signed') return false;
    try {
      return JSON.parse(atob(token.textContent.trim().split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).alg === want;
    } catch {
      return false;
    }
  }, alg, { timeout }).catch(() => {});
  return (await text(page, 'encoder-token')).trim();
}

/** The element's text now, or '' when it is not there (for messages: does not wait). */
export const said = (page, testid) => page.evaluate((id) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? '', testid);

/**
 * Switches the page to a mode (`decoder`, `encoder` or `keys`) with its tab, and waits for that
 * mode's panel: only the selected mode's panel is in the DOM, so `encoder-*` testids exist only
 * in the encoder and `keygen-*` / `convert-*` only in the key workshop.
 */
export async function mode(page, name) {
  await page.click(`[data-testid=mode-${name}]`);
  await page.waitForSelector(`[data-testid=panel-${name}]`, { state: 'attached' });
}

/** Chooses the JSON or table view of the header or payload card (`part` = `header` | `payload`). */
export async function view(page, part, value) {
  await page.click(`[data-testid=${part}-view] label:has(input[value=${value}])`);
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid=${id}]`)?.dataset.value === want,
    [`${part}-view`, value],
    { timeout: 5000 },
  ).catch(() => {});
}

let axeSource;

/**
 * Runs axe-core (tools/node_modules/axe-core) over the whole page as it is now and fails with
 * every violation: its rule id, impact, help text and the first few offending elements. `label`
 * names the state of the page in the message.
 */
export async function assertAccessible(page, label) {
  axeSource ??= await readFile(`${root}tools/node_modules/axe-core/axe.min.js`, 'utf8');
  // Evaluated as a script through the driver (not a <script> tag, which the page's CSP governs).
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) {
    await page.evaluate(`${axeSource}\n;undefined`);
    assert.equal(await page.evaluate(() => typeof window.axe?.run), 'function', 'axe-core was injected');
  }
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 3).join(' '),
    }));
  });
  if (violations.length > 0) {
    const lines = violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}; ${v.count} element(s), e.g. ${v.targets.join(', ')}${v.summary ? ` [${v.summary}]` : ''}`);
    assert.fail(`${label}: ${violations.length} accessibility violation(s)\n${lines.join('\n')}`);
  }
}

/**
 * For a test file: serves the release build (dist/) under /tools/jwt/ and launches Chromium
 * before its tests, and stops both after them. The returned object's `server` and `browser` are
 * set once the tests run.
 */
export function servedApp() {
  const app = { server: undefined, browser: undefined };
  before(async () => {
    app.server = await serve(`${root}dist`, '/tools/jwt/');
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

/** jwt.io's example token and the secret it is signed with. */
export const JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
export const JWT_IO_SECRET = 'your-256-bit-secret';

/** A JWT payload of about `bytes` bytes: `sub`, `iat` and numbered claims (for big-token runs). */
export function bigPayload(bytes) {
  const claims = { sub: 'big', iat: 1700000000 };
  for (let i = 0; JSON.stringify(claims).length < bytes; i += 1) claims[`claim_${i}`] = { value: `v${i}`.repeat(4), n: i, ok: i % 2 === 0 };
  return claims;
}

/** An HS256 token over this header (alg added) and payload, signed with `secret`. */
export function hs256(header, payload, secret) {
  const b64url = (data) => Buffer.from(data).toString('base64url');
  const input = `${b64url(JSON.stringify({ alg: 'HS256', ...header }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
