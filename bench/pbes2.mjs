// PBES2 decryption in the decoder: a token jose made with 600,000 PBKDF2 iterations (the count
// OWASP advises for PBKDF2-HMAC-SHA256, and the encoder's default) pasted with its password,
// timed to the "decrypted" verdict; beside it WebCrypto's PBKDF2 alone, called in the same page.
import { CompactEncrypt } from '../tools/node_modules/jose/dist/webapi/index.js';
import { open } from '../tests/e2e/harness.mjs';

const PASSWORD = 'correct horse battery staple';
const P2C = 600_000;
export const PBES2_ALGS = ['PBES2-HS256+A128KW', 'PBES2-HS512+A256KW'];

/** A token whose plaintext is `marker`, so its own decryption is told from the last one's. */
async function token(alg, p2c, marker) {
  return new CompactEncrypt(new TextEncoder().encode(marker))
    .setProtectedHeader({ alg, enc: 'A128GCM' })
    .setKeyManagementParameters({ p2c })
    .encrypt(new TextEncoder().encode(PASSWORD));
}

/** Per algorithm: ms from pasting the token to "decrypted", and PBKDF2 by WebCrypto alone. */
export async function pbes2(browser, app) {
  const session = await open(browser, app.url, app.origin);
  const { page } = session;
  await page.fill('[data-testid=key-input]', PASSWORD);
  const paste = (value, marker) => page.evaluate(async ({ value, marker }) => {
    const area = document.querySelector('[data-testid=token-input]');
    const opened = () => document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status') === 'decrypted'
      && document.querySelector('[data-testid=plaintext]')?.textContent.includes(marker);
    const t0 = performance.now();
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => { const poll = () => (opened() ? resolve() : setTimeout(poll, 1)); poll(); });
    return performance.now() - t0;
  }, { value, marker });
  const marker = (alg) => `pbes2 bench ${alg} ${Math.random()}`;
  // The first decryption also starts the worker.
  const warm = marker('warm-up');
  await paste(await token(PBES2_ALGS[0], 1000, warm), warm);
  const times = {};
  for (const alg of PBES2_ALGS) {
    const mark = marker(alg);
    const decrypt = await paste(await token(alg, P2C, mark), mark);
    const direct = await page.evaluate(async ({ alg, password, p2c }) => {
      const hash = alg.includes('HS512') ? 'SHA-512' : 'SHA-256';
      const t0 = performance.now();
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: new Uint8Array(24), iterations: p2c }, key, 256);
      return performance.now() - t0;
    }, { alg, password: PASSWORD, p2c: P2C });
    times[alg] = { decrypt, direct };
  }
  await session.close();
  return times;
}
