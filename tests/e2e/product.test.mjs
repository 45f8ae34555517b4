// What a person sees, through the contract: the token's summary in words, the encoder's
// "allow weak keys" (and the findings its tokens then get), the theme (system, light, dark),
// the layout on a desktop and on a phone, and verdicts that look different when they mean
// different things (a strict failure is amber, never green).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { hs256, JWT_IO, JWT_IO_SECRET, mode, open, root, said, servedApp, stateBecomes, statusBecomes, text } from './harness.mjs';

const app = servedApp();
const fixtures = JSON.parse(await readFile(`${root}tests/fixtures/keys.json`, 'utf8'));
const fixture = (name) => fixtures.find((f) => f.name === name);
const RSA_1024 = await readFile(`${root}tests/fixtures/rsa-1024-private.pem`, 'utf8');
const STRONG = 'a secret that is in no public list 5f1e2d';
const NOW = Math.floor(Date.now() / 1000);
/** An element's background colour as sRGB [r, g, b, a] (0–255), whatever CSS colour syntax made it. */
const background = (page, selector) => page.$eval(selector, (el) => {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = getComputedStyle(el).backgroundColor;
  ctx.fillRect(0, 0, 1, 1);
  return [...ctx.getImageData(0, 0, 1, 1).data];
});

/** The page's own background as a person sees it: the body's, or the root's when the body has none. */
async function pageBackground(page) {
  const body = await background(page, 'body');
  return body[3] > 0 ? body : background(page, 'html');
}

/** Hue in degrees and saturation (0–1) of an sRGB colour. */
function hueOf([r, g, b]) {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const delta = max - min;
  const lightness = (max + min) / 2;
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1));
  let hue = 0;
  if (delta !== 0) {
    if (max === R) hue = 60 * (((G - B) / delta) % 6);
    else if (max === G) hue = 60 * ((B - R) / delta + 2);
    else hue = 60 * ((R - G) / delta + 4);
  }
  return { hue: (hue + 360) % 360, saturation };
}
const isGreen = (rgba) => {
  const { hue, saturation } = hueOf(rgba);
  return saturation > 0.1 && hue >= 75 && hue <= 170;
};

/** Lets CSS transitions settle before a colour is read. */
const settle = (page) => page.waitForTimeout(600);

test('token-summary says in words what the token is, and the verdict once a key is given', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const token = hs256({ typ: 'JWT', kid: 'signing-key-7' }, { iss: 'https://login.example.org', aud: 'orders-api', sub: 'user-4711', iat: NOW - 60, exp: NOW + 3600 }, STRONG);
  await page.fill('[data-testid=token-input]', token);
  await page.waitForSelector('[data-testid=token-summary]', { timeout: 5000 }).catch(() => {});
  assert.ok(await page.$('[data-testid=token-summary]'), 'token-summary is shown');
  assert.equal(await page.$eval('[data-testid=token-summary]', (el) => el.tagName), 'P');
  const summary = await text(page, 'token-summary');
  for (const part of ['login.example.org', 'orders-api', 'user-4711', 'HS256', 'signing-key-7']) {
    assert.ok(summary.includes(part), `the summary names ${part}: ${summary}`);
  }
  assert.match(summary, /expir/i, `the summary gives the expiry: ${summary}`);

  await page.fill('[data-testid=key-input]', STRONG);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.waitForFunction((old) => document.querySelector('[data-testid=token-summary]')?.textContent !== old, summary, { timeout: 5000 }).catch(() => {});
  const withKey = await text(page, 'token-summary');
  assert.notEqual(withKey, summary, 'the summary changes once a key is given');
  assert.match(withKey, /verif|valid/i, `the summary gives the verdict: ${withKey}`);
  // Negative twin: a wrong key is not called verified.
  await page.fill('[data-testid=key-input]', `${STRONG}!`);
  assert.equal(await statusBecomes(page, 'invalid'), 'invalid');
  await page.waitForFunction((old) => document.querySelector('[data-testid=token-summary]')?.textContent !== old, withKey, { timeout: 5000 }).catch(() => {});
  assert.match(await text(page, 'token-summary'), /invalid|not match|does not|fail/i, await said(page, 'token-summary'));

  // An expired token says so.
  await page.fill('[data-testid=token-input]', hs256({}, { iss: 'https://old.example', exp: NOW - 7200 }, STRONG));
  await page.waitForFunction(() => document.querySelector('[data-testid=token-summary]')?.textContent.includes('old.example'), null, { timeout: 5000 }).catch(() => {});
  assert.match(await text(page, 'token-summary'), /expired/i, await said(page, 'token-summary'));
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('encoder-allow-weak: a 10-byte HS256 secret and a 1024-bit RSA key are refused without it and sign with it; the decoder flags them', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  await mode(page, 'encoder');
  assert.equal(await page.isChecked('[data-testid=encoder-allow-weak]'), false, 'off by default');
  await page.selectOption('[data-testid=encoder-alg]', 'HS256');
  await page.fill('[data-testid=encoder-key]', '0123456789');
  assert.equal(await stateBecomes(page, 'encoder-status', 'error'), 'error', await said(page, 'encoder-status'));
  assert.equal(await page.$('[data-testid=encoder-token][data-state=signed]'), null, 'nothing signed with a weak secret');

  await page.check('[data-testid=encoder-allow-weak]');
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  const weak = (await text(page, 'encoder-token')).trim();
  await page.click('[data-testid=encoder-send]');
  await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assert.equal(await page.inputValue('[data-testid=token-input]'), weak);
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail');
  await page.waitForSelector('[data-testid=finding][data-code=short-secret]', { timeout: 5000 }).catch(() => {});
  assert.ok(await page.$('[data-testid=findings] [data-testid=finding][data-code=short-secret]'), 'the short-secret finding');
  assert.equal(await page.getAttribute('[data-testid=finding][data-code=short-secret]', 'data-severity'), 'error');

  // RSA under 2048 bits: refused without the box, signed with it, flagged as weak-rsa.
  await mode(page, 'encoder');
  await page.uncheck('[data-testid=encoder-allow-weak]');
  await page.selectOption('[data-testid=encoder-alg]', 'RS256');
  await page.fill('[data-testid=encoder-key]', RSA_1024);
  assert.equal(await stateBecomes(page, 'encoder-status', 'error'), 'error', await said(page, 'encoder-status'));
  assert.match(await text(page, 'encoder-status'), /2048/);
  await page.check('[data-testid=encoder-allow-weak]');
  assert.equal(await stateBecomes(page, 'encoder-token', 'signed', 20000), 'signed', await said(page, 'encoder-status'));
  await page.click('[data-testid=encoder-send]');
  await page.waitForSelector('[data-testid=panel-decoder]', { state: 'attached', timeout: 5000 }).catch(() => {});
  assert.equal(await statusBecomes(page, 'valid'), 'valid', await said(page, 'verify-status'));
  assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), 'fail');
  await page.waitForSelector('[data-testid=finding][data-code=weak-rsa]', { timeout: 5000 }).catch(() => {});
  assert.ok(await page.$('[data-testid=finding][data-code=weak-rsa]'), 'the weak-rsa finding');
  assert.equal(await page.getAttribute('[data-testid=finding][data-code=weak-rsa]', 'data-severity'), 'error');
  assert.deepEqual(session.problems, []);
  await session.close();
});

test('theme: system follows prefers-color-scheme, light and dark override it, and the choice is kept', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin, () => {
    document.addEventListener('DOMContentLoaded', () => { window.themeAtLoad = document.documentElement.dataset.theme; });
  }, { colorScheme: 'light' });
  const { page } = session;
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const themeBecomes = async (want) => {
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, want, { timeout: 3000 }).catch(() => {});
    return theme();
  };
  assert.equal(await page.$eval('[data-testid=theme]', (el) => el.tagName), 'SELECT');
  assert.deepEqual(await page.$$eval('[data-testid=theme] option', (os) => os.map((o) => o.value)), ['system', 'light', 'dark']);
  assert.equal(await page.inputValue('[data-testid=theme]'), 'system', 'system is the default');
  assert.ok(await page.$('header.app-bar [data-testid=theme]'), 'the theme select is in the header');
  assert.equal(await theme(), 'light');

  // System follows the media query as it changes.
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await themeBecomes('dark'), 'dark', 'system follows a dark preference');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await themeBecomes('light'), 'light', 'system follows a light preference');

  // An explicit choice wins over the preference.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.selectOption('[data-testid=theme]', 'light');
  assert.equal(await themeBecomes('light'), 'light', 'light despite a dark preference');
  await settle(page);
  const light = await pageBackground(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.selectOption('[data-testid=theme]', 'dark');
  assert.equal(await themeBecomes('dark'), 'dark', 'dark despite a light preference');
  await settle(page);
  const dark = await pageBackground(page);
  assert.notDeepEqual(light, dark, `the page's background differs: light ${light}, dark ${dark}`);
  const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  assert.ok(luminance(dark) < luminance(light), `the dark background is darker: light ${light}, dark ${dark}`);

  // The choice is kept in localStorage `theme` (the only thing stored) and applied before the app.
  await page.fill('[data-testid=token-input]', fixture('HS256').token);
  await page.fill('[data-testid=key-input]', fixture('HS256').keys.utf8);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  assert.deepEqual(await page.evaluate(() => Object.entries(localStorage)), [['theme', 'dark']]);
  await page.reload();
  await page.waitForSelector('[data-testid=verify-status]', { state: 'attached' });
  assert.equal(await page.inputValue('[data-testid=theme]'), 'dark', 'the choice survives a reload');
  assert.equal(await page.evaluate(() => window.themeAtLoad), 'dark', 'applied before the page finished loading');
  assert.equal(await theme(), 'dark');

  await page.selectOption('[data-testid=theme]', 'system');
  assert.equal(await themeBecomes('light'), 'light', 'back to system: the light preference');
  assert.deepEqual(session.problems, []);
  await session.close();
});

/** The boxes of the decoder's parts, in the contract's DOM order. */
const ORDER = ['token-input', 'verify-status', 'token-summary', 'key-input', 'findings', 'header-json', 'payload-json', 'signature-segment'];
const boxes = (page) => page.evaluate((ids) => ids.map((id) => {
  const el = document.querySelector(`[data-testid=${id}]`);
  const r = el?.getBoundingClientRect();
  return r && { id, x: r.x, y: r.y + window.scrollY, right: r.right, bottom: r.bottom + window.scrollY };
}), ORDER);

async function decoded(page) {
  await page.fill('[data-testid=token-input]', JWT_IO);
  await page.fill('[data-testid=key-input]', JWT_IO_SECRET);
  assert.equal(await statusBecomes(page, 'valid'), 'valid');
  await page.waitForSelector('[data-testid=findings]', { state: 'attached', timeout: 5000 }).catch(() => {});
}

/**
 * Tabs through the decoder from the token box and returns each focused element's box (page
 * coordinates), until focus leaves the decoder's panel.
 */
async function tabStops(page) {
  await page.focus('[data-testid=token-input]');
  const stops = [];
  for (let i = 0; i < 80; i += 1) {
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el?.closest('[data-testid=panel-decoder]')) return null;
      const r = el.getBoundingClientRect();
      return { what: el.dataset.testid ?? `${el.tagName.toLowerCase()}.${el.className}`, x: r.x, y: r.y + window.scrollY, right: r.right, bottom: r.bottom + window.scrollY, width: r.width };
    });
    if (!stop) break;
    if (stop.width > 0) stops.push(stop);
    await page.keyboard.press('Tab');
  }
  return stops;
}

for (const [width, height, columns] of [[1280, 900, 2], [390, 844, 1]]) {
  test(`tab order follows the visual order (${width}×${height}: ${columns === 2 ? 'the left column, then the right' : 'top to bottom'})`, async () => {
    const session = await open(app.browser, app.server.url, app.server.origin, undefined, { viewport: { width, height } });
    const { page } = session;
    await decoded(page);
    const stops = await tabStops(page);
    assert.ok(stops.length >= 8, `at least 8 tab stops in the decoder (${stops.map((s) => s.what)})`);
    const middle = width / 2;
    const column = (stop) => (columns === 2 && stop.x >= middle ? 1 : 0);
    for (let i = 1; i < stops.length; i += 1) {
      const [before, after] = [stops[i - 1], stops[i]];
      const where = `${before.what} (${Math.round(before.x)}, ${Math.round(before.y)}) then ${after.what} (${Math.round(after.x)}, ${Math.round(after.y)})`;
      assert.ok(column(after) >= column(before), `focus never goes back to the left column: ${where}`);
      if (column(after) === column(before)) {
        // Down the column, or along one row of a toolbar.
        const sameRow = after.y < before.bottom - 1 && after.bottom > before.y + 1;
        assert.ok(after.y >= before.bottom - 1 || (sameRow && after.x >= before.right - 1), `focus moves down or right: ${where}`);
      }
    }
    if (columns === 2) assert.ok(stops.some((stop) => column(stop) === 1), 'focus reaches the right column');
    assert.deepEqual(session.problems, []);
    await session.close();
  });
}

for (const width of [1280, 860]) {
  test(`desktop (${width} px): token and key on the left, the rest on the right`, async () => {
    const session = await open(app.browser, app.server.url, app.server.origin, undefined, { viewport: { width, height: 900 } });
    const { page } = session;
    await decoded(page);
    const seen = await boxes(page);
    const [token, , , key] = seen;
    const leftEdge = Math.max(token.right, key.right);
    for (const box of seen.filter((b) => !['token-input', 'key-input'].includes(b.id))) {
      assert.ok(box.x >= leftEdge - 1, `${box.id} (x ${box.x}) is right of the token and key (right edge ${leftEdge})`);
    }
    assert.ok(key.y > token.y, 'the key is below the token');
    assert.ok(seen[1].y < 900, `the verdict is on the first screen (top ${seen[1].y})`);
    assert.deepEqual(session.problems, []);
    await session.close();
  });
}

for (const [width, height] of [[390, 844], [859, 900]]) {
  test(`${width < 500 ? 'phone' : 'narrow window'} (${width}×${height}): one column in DOM order, the verdict on the first screen, no sideways scrolling`, async () => {
    const session = await open(app.browser, app.server.url, app.server.origin, undefined, {
      viewport: { width, height },
      ...(width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {}),
    });
    const { page } = session;
    await page.fill('[data-testid=token-input]', JWT_IO);
    assert.equal(await statusBecomes(page, 'no-key'), 'no-key');
    const verdict = await page.$('[data-testid=verify-status]').then((el) => el.boundingBox());
    assert.ok(verdict.y < height, `verify-status top ${verdict.y} < ${height}`);

    await page.fill('[data-testid=key-input]', JWT_IO_SECRET);
    assert.equal(await statusBecomes(page, 'valid'), 'valid');
    await page.waitForSelector('[data-testid=findings]', { state: 'attached', timeout: 5000 }).catch(() => {});
    const seen = await boxes(page);
    for (let i = 1; i < seen.length; i += 1) {
      assert.ok(seen[i] && seen[i - 1], `${ORDER[i - 1]} and ${ORDER[i]} are shown`);
      assert.ok(seen[i].y >= seen[i - 1].bottom - 1, `${seen[i].id} (top ${seen[i].y}) is below ${seen[i - 1].id} (bottom ${seen[i - 1].bottom})`);
    }
    const widths = await page.evaluate(() => [...document.querySelectorAll('.decoder .card, .decoder .verdict, .decoder .summary')]
      .map((el) => [el.className, Math.round(el.getBoundingClientRect().width)]));
    const column = Math.max(...widths.map(([, width]) => width));
    for (const [name, width] of widths) assert.equal(width, column, `${name} spans the column (${width} of ${column} px)`);
    const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(overflow[0] <= overflow[1], `no sideways scrolling: scrollWidth ${overflow[0]} > clientWidth ${overflow[1]}`);
    assert.deepEqual(session.problems, []);
    await session.close();
  });
}

test('verdicts look different: verified, "matches but refuse" (amber, not green) and invalid', async () => {
  const session = await open(app.browser, app.server.url, app.server.origin);
  const { page } = session;
  const looks = {};
  const hs = fixture('HS256');
  const states = [
    ['verified', hs.token, hs.keys.utf8, 'valid', 'pass', /Signature verified/],
    ['refuse', JWT_IO, JWT_IO_SECRET, 'valid', 'fail', /Signature matches, but refuse this token/],
    ['invalid', JWT_IO, 'not-the-secret', 'invalid', undefined, /Invalid signature/],
  ];
  for (const [name, token, key, verdict, strict, words] of states) {
    await page.fill('[data-testid=token-input]', token);
    await page.fill('[data-testid=key-input]', key);
    if (strict) {
      await page.waitForFunction((s) => document.querySelector('[data-testid=verify-status]')?.dataset.strict === s, strict, { timeout: 5000 }).catch(() => {});
    }
    assert.equal(await statusBecomes(page, verdict), verdict, name);
    if (strict) assert.equal(await page.getAttribute('[data-testid=verify-status]', 'data-strict'), strict, name);
    assert.match(await text(page, 'verify-status'), words, name);
    await settle(page);
    looks[name] = await background(page, '[data-testid=verify-status]');
  }
  const seen = Object.values(looks).map(String);
  assert.equal(new Set(seen).size, 3, `three different backgrounds: ${JSON.stringify(looks)}`);
  assert.ok(!isGreen(looks.refuse), `"refuse" is not green: ${looks.refuse} (hue ${hueOf(looks.refuse).hue.toFixed(0)})`);
  const { hue, saturation } = hueOf(looks.refuse);
  assert.ok(saturation > 0.1 && hue >= 15 && hue <= 70, `"refuse" is amber: ${looks.refuse} (hue ${hue.toFixed(0)}, saturation ${saturation.toFixed(2)})`);
  assert.deepEqual(session.problems, []);
  await session.close();
});
