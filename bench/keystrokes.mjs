// What typing costs: a 1 KB token typed one character at a time into the token box, against the
// same keystrokes into a bare textarea on the same page. Each keystroke is timed from its input
// event until the page's thread is free again (a message posted after the event arrives), so the
// app's render and its synchronous checks count; asynchronous verification that lands later in
// its own task is not a keystroke's cost.
import { bigPayload, hs256, open } from '../tests/e2e/harness.mjs';

const SECRET = 'a secret that is in no public list 5f1e2d0123456789';

/** An HS256 token of about 1 KB. */
export function kilobyteToken() {
  let bytes = 600;
  let token = hs256({ typ: 'JWT' }, bigPayload(bytes), SECRET);
  while (token.length < 1024) token = hs256({ typ: 'JWT' }, bigPayload((bytes += 20)), SECRET);
  return token;
}

/** Median ms per keystroke in the token box and in a bare textarea, one page. */
export async function keystrokes(browser, app) {
  const session = await open(browser, app.url, app.origin);
  await session.page.fill('[data-testid=key-input]', SECRET);
  const result = await session.page.evaluate(async (token) => {
    const idle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
    const type = async (area) => {
      const times = [];
      for (let i = 1; i <= token.length; i++) {
        const t0 = performance.now();
        area.value = token.slice(0, i);
        area.dispatchEvent(new Event('input', { bubbles: true }));
        await idle();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    };
    const bare = document.createElement('textarea');
    bare.setAttribute('aria-label', 'bare');
    document.body.append(bare);
    const app = document.querySelector('[data-testid=token-input]');
    // Alternating passes, so a slow spell of the machine falls on both.
    const runs = { app: [], bare: [] };
    for (let pass = 0; pass < 3; pass++) {
      runs.bare.push(await type(bare));
      app.value = '';
      app.dispatchEvent(new Event('input', { bubbles: true }));
      await idle();
      runs.app.push(await type(app));
    }
    const median = (values) => values.sort((a, b) => a - b)[1];
    return { app: median(runs.app), bare: median(runs.bare), chars: token.length };
  }, kilobyteToken());
  await session.close();
  return result;
}
