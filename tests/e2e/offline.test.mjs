// Offline: after a first visit the service worker (dist/sw.js, written by scripts/build-sw.mjs)
// serves the page with the network gone, and it decodes, verifies, finds the known secret,
// signs (encoder) and generates keys (workshop). And the worker's version follows the build:
// a different file list or file gives a new cache name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServiceWorker } from '../../scripts/build-sw.mjs';
import { cp } from 'node:fs/promises';
import { JWT_IO, JWT_IO_SECRET, launch, mode, open, root, serve, servedApp, stateBecomes, statusBecomes } from './harness.mjs';

const app = servedApp();


/** What an element says, for a failure's message (at once, without waiting for it to exist). */
const say = (page, testid) =>
  page.evaluate((id) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? `(no ${id})`, testid);

/** The BUILD object a generated sw.js carries. */
const buildOf = (source) => JSON.parse(source.match(/^const BUILD = (.*);$/m)[1]);

async function fakeBuild(files) {
  const dir = await mkdtemp(join(tmpdir(), 'sw-build-'));
  for (const [name, body] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), body);
  }
  return dir;
}

test('the service worker version follows the build: another file list or file content gives a new cache name', async () => {
  const first = {
    'index.html': '<!DOCTYPE html><script src="./jwt-debugger-0123456789abcdef.js"></script>',
    'jwt-debugger-0123456789abcdef.js': 'export default 1;',
    'jwt-debugger-0123456789abcdef_bg.wasm': 'wasm',
    'app-fedcba9876543210.css': 'body{}',
    'workshop.js': 'worker',
    'workshop_loader.js': 'loader',
    'manifest.webmanifest': '{}',
    'jwt.secrets.list': 'secret\n',
    'LICENSE.wallarm-jwt-secrets': 'MIT',
    'sw.js': 'an older worker, never part of the list or the version',
  };
  const second = { ...first, 'jwt-debugger-1111111111111111.js': 'export default 2;' };
  delete second['jwt-debugger-0123456789abcdef.js'];
  const dirs = [await fakeBuild(first), await fakeBuild(second), await fakeBuild(first),
    await fakeBuild({ ...first, 'workshop.js': 'worker, rebuilt' }),
    await fakeBuild({ ...first, 'jwt.secrets.list': 'secret\nanother\n', 'sw.js': 'different' })];
  try {
    const [a, b, again, worker, list] = await Promise.all(dirs.map((dir) => buildServiceWorker(dir)));
    assert.match(a.version, /^[0-9a-f]{16}$/);
    assert.notEqual(a.version, b.version, 'a renamed (rehashed) file is a new build');
    assert.equal(a.version, again.version, 'the same files give the same version');
    assert.notEqual(a.version, worker.version, 'a file with a fixed name that changed is a new build');
    assert.notEqual(a.version, list.version, 'so is a new known-secrets list, which is cached when first fetched');

    // What is precached: everything but the worker itself and what is fetched on demand.
    assert.deepEqual(a.files, ['app-fedcba9876543210.css', 'index.html', 'jwt-debugger-0123456789abcdef.js',
      'jwt-debugger-0123456789abcdef_bg.wasm', 'manifest.webmanifest', 'workshop.js', 'workshop_loader.js']);
    assert.deepEqual(a.hashed, ['app-fedcba9876543210.css', 'jwt-debugger-0123456789abcdef.js',
      'jwt-debugger-0123456789abcdef_bg.wasm']);
    assert.deepEqual(buildOf(a.source), { version: a.version, files: a.files, hashed: a.hashed });
    assert.ok(b.files.includes('jwt-debugger-1111111111111111.js') && !b.files.includes('jwt-debugger-0123456789abcdef.js'));
    // The generated worker is a valid classic script.
    assert.doesNotThrow(() => new Function(a.source));
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
});

test('dist/sw.js precaches every built file except the on-demand ones', async () => {
  const dist = `${root}dist/`;
  const build = buildOf(await readFile(`${dist}sw.js`, 'utf8'));
  const built = (await readdir(dist)).filter((name) => name !== 'sw.js').sort();
  const onDemand = built.filter((name) => !build.files.includes(name));
  assert.deepEqual(onDemand, ['LICENSE.wallarm-jwt-secrets', 'jwt.secrets.list']);
  for (const name of ['index.html', 'manifest.webmanifest', 'workshop_loader.js', 'icon.svg']) {
    assert.ok(build.files.includes(name), name);
  }
  assert.ok(build.files.some((name) => /^workshop.*\.wasm$/.test(name)), 'the worker bundle');
  assert.ok(build.hashed.some((name) => /^jwt-debugger-[0-9a-f]{12,16}_bg\.wasm$/.test(name)), 'the page wasm, hashed');
  assert.ok(build.hashed.some((name) => name.endsWith('.css')), 'the styles, hashed');
  const index = await readFile(`${dist}index.html`, 'utf8');
  assert.match(index, /register\("\.\/sw\.js"\)/);
  assert.match(index, /<link rel="?manifest"? href="?manifest\.webmanifest"?/);
});

test('after one visit the page loads, decodes, verifies, signs and generates keys offline', { timeout: 120000 }, async () => {
  const { page, close } = await open(app.browser, app.server.url, app.server.origin);
  try {
    // The first visit installs the worker; it takes the page over once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!(await controlled())) {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5000 }).catch(() => {});
    }
    if (!(await controlled())) {
      await page.reload();
      await page.waitForSelector('[data-testid=verify-status]', { state: 'attached' });
    }
    assert.ok(await controlled(), 'the service worker controls the page');

    // Online, once: an HS token fetches the known-secrets list, which the worker then keeps.
    await page.fill('[data-testid=token-input]', JWT_IO);
    await page.fill('[data-testid=key-input]', JWT_IO_SECRET);
    assert.equal(await statusBecomes(page, 'valid'), 'valid');
    assert.equal(await stateBecomes(page, 'known-secret-status', 'found', 15000), 'found');

    // Only this copy's own files are stored, under a cache named after its path and build.
    const stored = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls = [];
      for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return { names, urls };
    });
    const { version } = buildOf(await readFile(`${root}dist/sw.js`, 'utf8'));
    assert.deepEqual(stored.names, [`jwt-debugger /tools/jwt/ ${version}`]);
    assert.ok(stored.urls.every((url) => url.startsWith(app.server.url)), stored.urls.join(' '));
    assert.ok(stored.urls.includes(`${app.server.url}jwt.secrets.list`), 'the list is kept once fetched');

    // Offline: the browser has no network, and the server would refuse anything that still got
    // through, so what loads comes from the worker's cache.
    await page.context().setOffline(true);
    app.server.block(() => true);
    try {
      await page.reload();
      await page.waitForSelector('[data-testid=verify-status]', { state: 'attached', timeout: 15000 });
      assert.equal(await page.evaluate(() => navigator.onLine), false);

      await page.fill('[data-testid=token-input]', JWT_IO);
      await page.fill('[data-testid=key-input]', JWT_IO_SECRET);
      assert.equal(await statusBecomes(page, 'valid'), 'valid', await say(page, 'verify-status'));
      assert.equal(await stateBecomes(page, 'known-secret-status', 'found', 15000), 'found',
        'the known-secrets list comes from the cache');

      // The encoder signs in its worker (workshop_loader.js, workshop.js and its wasm, cached).
      await mode(page, 'encoder');
      await page.fill('[data-testid=encoder-key]', 'a-32-byte-secret-for-hs256-sign!');
      assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 30000), 'signed',
        await say(page, 'encoder-status'));

      // The key workshop generates keys in the same worker.
      await mode(page, 'keys');
      await page.click('[data-testid=keygen-run]');
      assert.equal(await stateBecomes(page, 'keygen-status', 'done', 60000), 'done',
        await say(page, 'keygen-status'));
    } finally {
      app.server.block(() => false);
      await page.context().setOffline(false);
    }
  } finally {
    await close();
  }
});

test('a new build replaces the installed one: its worker installs, takes over and deletes the old cache', { timeout: 60000 }, async () => {
  // A copy of dist/ that can be rebuilt in place: one fixed-name file changes, sw.js is rewritten.
  const dir = await mkdtemp(join(tmpdir(), 'sw-dist-'));
  await cp(`${root}dist`, dir, { recursive: true });
  const server = await serve(dir, '/apps/jwt/');
  const { page, close } = await open(app.browser, server.url, server.origin);
  try {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5000 });
    const cacheNames = () => page.evaluate(() => caches.keys());
    const first = buildOf(await readFile(join(dir, 'sw.js'), 'utf8')).version;
    assert.deepEqual(await cacheNames(), [`jwt-debugger /apps/jwt/ ${first}`]);

    const loader = join(dir, 'workshop_loader.js');
    await writeFile(loader, `${await readFile(loader, 'utf8')}// rebuilt\n`);
    const rebuilt = await buildServiceWorker(dir);
    await writeFile(join(dir, 'sw.js'), rebuilt.source);
    assert.notEqual(rebuilt.version, first);

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration.update()));
    const want = `jwt-debugger /apps/jwt/ ${rebuilt.version}`;
    // Polled from here: the old worker's cache goes only once the new one has activated.
    for (let waited = 0; waited < 15000; waited += 200) {
      const names = await cacheNames();
      if (names.length === 1 && names[0] === want) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(await cacheNames(), [want]);
    const cachedLoader = await page.evaluate(async (url) => (await (await caches.match(url)).text()), `${server.url}workshop_loader.js`);
    assert.ok(cachedLoader.endsWith('// rebuilt\n'), 'the new cache holds the new build');
  } finally {
    await close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// Where each part of the empty page is: the same in the static shell (index.html, painted before
// the WebAssembly arrives) and once the app has mounted.
const boxes = (page) => page.evaluate(() => {
  const selectors = ['.app-bar', '#theme', '.app-tabs', '.app-tab', '.card-token', '.card-token .card-tools', '.tool-button',
    '.token-input-area', '.card-key', '.key-input-area', '.key-input-row', '.verdict', '.verdict-headline'];
  return Object.fromEntries(selectors.map((selector) => [selector, [...document.querySelectorAll(selector)].map((element) => {
    const r = element.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round).join(',');
  })]));
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`the static shell paints the empty page where the app then draws it (${viewport.width}px): nothing shifts`, async () => {
    const browser = app.browser;
    // The shell alone: the page's WebAssembly never arrives.
    app.server.block((path) => path.endsWith('_bg.wasm'));
    const shellContext = await browser.newContext({ viewport, serviceWorkers: 'block' });
    let shell;
    try {
      const page = await shellContext.newPage();
      await page.goto(app.server.url);
      await page.waitForLoadState('load');
      assert.equal(await page.$('[data-testid=verify-status]'), null, 'the shell has no test ids (tests wait for the app)');
      assert.equal(await page.textContent('.verdict-headline'), 'Paste a token to decode and verify it');
      assert.equal(await page.getAttribute('.token-input-area', 'placeholder'), 'Paste a JWT here (a Bearer prefix or quotes are fine)');
      shell = await boxes(page);
    } finally {
      app.server.block(() => false);
      await shellContext.close();
    }

    const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__shifts += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(app.server.url);
      await page.waitForSelector('[data-testid=verify-status]', { state: 'attached' });
      assert.deepEqual(await boxes(page), shell);
      assert.equal(await page.evaluate(() => window.__shifts), 0, 'cumulative layout shift');
    } finally {
      await context.close();
    }
  });
}

test('the theme select works where storage is refused (privacy modes)', async () => {
  const refuse = () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  const { page, problems, close } = await open(app.browser, app.server.url, app.server.origin, refuse);
  try {
    assert.equal(await page.inputValue('[data-testid=theme]'), 'system');
    await page.selectOption('[data-testid=theme]', 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.deepEqual(await page.$$eval('meta[name=theme-color]', (metas) => metas.map((m) => m.content)), ['#1a1d24', '#1a1d24']);
    await page.selectOption('[data-testid=theme]', 'light');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
