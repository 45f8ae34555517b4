#!/usr/bin/env node
// Writes the service worker: assets/sw.js with its `const BUILD = …;` line replaced by this
// build's file list and version. Run by Trunk as a post_build hook (Trunk.toml), when the staging
// folder ($TRUNK_STAGING_DIR) holds every built file and the final index.html; or by hand as
// `node scripts/build-sw.mjs DIR`.
//
// The version is a hash of every file's name and contents (those fetched only on demand too)
// and of the template, so any change to the build gives the worker a new cache name.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE = fileURLToPath(new URL('../assets/sw.js', import.meta.url));
export const OUTPUT = 'sw.js';

/** Files not precached: the worker itself, and what the page fetches only on demand (the
 *  490 KB known-secrets list, its licence), which the worker stores when first fetched. */
const ON_DEMAND = [/^sw\.js$/, /^jwt\.secrets\.list$/, /^LICENSE/, /\.map$/, /(^|\/)\./];

/** Trunk's hashed names: `name-<hex>.ext` (and `_bg.wasm`). The hash is a 64-bit number written
 *  without leading zeros, so one build in sixteen has 15 digits (or fewer). */
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;

const MARKER = /^const BUILD = .*;$/m;

async function walk(dir, base = dir) {
  const names = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) names.push(...(await walk(path, base)));
    else if (entry.isFile()) names.push(relative(base, path).split(sep).join('/'));
  }
  return names;
}

/**
 * Reads the built files in `dir` and returns the worker's source for them, with its version and
 * the files it precaches (`hashed` being those with a content hash in their name).
 */
export async function buildServiceWorker(dir, templatePath = TEMPLATE) {
  const template = await readFile(templatePath, 'utf8');
  if (!MARKER.test(template)) throw new Error(`${templatePath}: no "const BUILD = …;" line to fill in`);
  const all = (await walk(dir)).filter((name) => name !== OUTPUT).sort();
  const hash = createHash('sha256').update(template);
  for (const name of all) {
    const digest = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
    hash.update(`${name}\0${digest}\n`);
  }
  const version = hash.digest('hex').slice(0, 16);
  const files = all.filter((name) => !ON_DEMAND.some((pattern) => pattern.test(name)));
  const hashed = files.filter((name) => HASHED.test(name));
  const build = { version, files, hashed };
  const source = template.replace(MARKER, () => `const BUILD = ${JSON.stringify(build)};`);
  return { version, files, hashed, source };
}

async function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('usage: node scripts/build-sw.mjs DIR (or run as a Trunk hook)');
  const { version, files, source } = await buildServiceWorker(dir);
  await writeFile(join(dir, OUTPUT), source);
  console.log(`sw.js: version ${version}, ${files.length} files precached`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`build-sw: ${error.message}`);
    process.exit(1);
  });
}
