// ML-DSA-44/65/87 against @noble/post-quantum (tools/package.json), an independent JavaScript
// implementation of FIPS 204, pure ML-DSA with the empty context (draft-ietf-cose-dilithium).
//
//   node tests/interop/ml_dsa_noble.mjs             verifies the tokens this project signs
//       (target/interop/ml_dsa.json, written by `cargo test --test ml_dsa`, the file
//       tests/interop/verify_ml_dsa.py reads), the key read from the AKP JWK's `pub` and from
//       the SPKI PEM; each token with one signature bit flipped must fail.
//   node tests/interop/ml_dsa_noble.mjs --generate  writes tests/fixtures/ml_dsa_noble.json:
//       one token per parameter set signed by noble from a fixed seed, deterministically
//       (extraEntropy: false), so the same command writes the same file. tests/ml_dsa.rs
//       verifies them with the core.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '../../tools/node_modules/@noble/post-quantum/ml-dsa.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const noblePackage = JSON.parse(
  readFileSync(join(root, 'tools/node_modules/@noble/post-quantum/package.json'), 'utf8'),
);
const NOBLE = `@noble/post-quantum ${noblePackage.version}`;
const SETS = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 };
const SIGNED = join(root, 'target/interop/ml_dsa.json');
const FIXTURE = join(root, 'tests/fixtures/ml_dsa_noble.json');

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const unb64url = (text) => new Uint8Array(Buffer.from(text, 'base64url'));
const utf8 = (text) => new TextEncoder().encode(text);
const hex = (bytes) => Buffer.from(bytes).toString('hex');

/** The SPKI PEM's subjectPublicKey: the DER's last `length` bytes, after a BIT STRING header. */
function spkiPublicKey(pem, length) {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const der = new Uint8Array(Buffer.from(body, 'base64'));
  const key = der.slice(der.length - length);
  // The byte before the key is the BIT STRING's zero unused-bits count.
  if (der[der.length - length - 1] !== 0) throw new Error('not an SPKI with a whole-byte key');
  return key;
}

function verifyOurs() {
  const cases = JSON.parse(readFileSync(SIGNED, 'utf8'));
  let passed = 0;
  let failed = 0;
  const expect = (ok, what) => {
    if (ok) passed += 1;
    else {
      failed += 1;
      console.log(`FAIL ${what}`);
    }
  };
  for (const { alg, token, jwk, 'spki-pem': spki } of cases) {
    const dsa = SETS[alg];
    const [head, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(head, 'base64url'))['alg'] === alg, `${alg}: header alg`);
    const message = utf8(`${head}.${payload}`);
    const sig = unb64url(signature);
    expect(sig.length === dsa.lengths.signature, `${alg}: signature length ${sig.length}`);
    const fromJwk = unb64url(jwk.pub);
    const fromSpki = spkiPublicKey(spki, dsa.lengths.publicKey);
    expect(hex(fromJwk) === hex(fromSpki), `${alg}: the JWK and the SPKI hold one key`);
    for (const [form, publicKey] of [['JWK', fromJwk], ['SPKI', fromSpki]]) {
      // noble's order: signature, message, public key; no options = the empty context.
      expect(dsa.verify(sig, message, publicKey), `${alg} (${form}): noble rejects our token`);
      const flipped = sig.slice();
      flipped[0] ^= 1;
      expect(!dsa.verify(flipped, message, publicKey), `${alg} (${form}): noble accepts a flipped signature`);
    }
  }
  console.log(`${NOBLE} verified ${cases.length} ML-DSA tokens signed here and refused their flipped twins`);
  console.log(`ml-dsa-noble: ${passed} passed, ${failed} failed`);
  return failed === 0 && cases.length === 3 ? 0 : 1;
}

/** The fixed seed for a set: 32 bytes counting up from the set's number (44, 65, 87). */
const seedFor = (alg) => Uint8Array.from({ length: 32 }, (_, i) => (Number(alg.slice(-2)) + i) & 0xff);

function generate() {
  const tokens = Object.entries(SETS).map(([alg, dsa]) => {
    const seed = seedFor(alg);
    const { publicKey, secretKey } = dsa.keygen(seed);
    const header = JSON.stringify({ alg, typ: 'JWT' });
    const payload = JSON.stringify({ sub: 'noble', iss: NOBLE, alg_under_test: alg });
    const input = `${b64url(utf8(header))}.${b64url(utf8(payload))}`;
    const sig = dsa.sign(utf8(input), secretKey, { extraEntropy: false });
    if (!dsa.verify(sig, utf8(input), publicKey)) throw new Error(`${alg}: noble's own check`);
    return {
      alg,
      seed: hex(seed),
      header,
      payload,
      token: `${input}.${b64url(sig)}`,
      jwk: { kty: 'AKP', alg, pub: b64url(publicKey) },
    };
  });
  const fixture = {
    source: `${NOBLE}: keygen from the fixed seed, sign with extraEntropy: false (deterministic, the empty context); written by node tests/interop/ml_dsa_noble.mjs --generate`,
    tokens,
  };
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`wrote ${FIXTURE}: ${tokens.length} tokens by ${NOBLE}`);
  return 0;
}

process.exit(process.argv.includes('--generate') ? generate() : verifyOurs());
