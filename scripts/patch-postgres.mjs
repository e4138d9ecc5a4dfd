/**
 * `postinstall`: moves the `static get [Symbol.species]()` of postgres.js's Query and Result out
 * of their class bodies, to an Object.defineProperty after each class (the same getter: not
 * enumerable, configurable), in the two builds Node loads (src/, ESM, and cjs/src/, CommonJS; cf/,
 * for Cloudflare Workers, is left as it is). Nothing else changes.
 *
 * Why: with the getter in the class body, V8 (Node 20, 22 and 24 alike) cannot optimize the
 * class's constructor: every TurboFan compilation of it, and of every function that inlines it
 * (postgres.js's unsafe(), its message handlers, our own statement calls), ends in "Compilation
 * aborted due to invalid dependency: StableMapDependency", and V8 tries again each time they are
 * hot: thousands of wasted compilations a minute under load, on a machine whose two cores the
 * database also needs. Measured on 200,000 queries through postgres.js: 56 us of client CPU per
 * query unpatched, 36 us patched (bench/README.md, change 22). postgres.js 3.4.10 and 4.2 still
 * have the getters in the class bodies.
 *
 * Idempotent. A file in neither shape (another version of postgres.js) is left alone with a
 * warning; test/postgres-patch.unit.test.ts then fails, which is how a dependency update that
 * drops the patch is noticed.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's directory: its ESM entry is src/index.js.
const root = join(dirname(fileURLToPath(import.meta.resolve('postgres'))), '..');

// The class, what its species returns, and how each build of the module names the class.
const classes = [
  { file: 'query.js', species: 'Promise', esm: 'Query', cjs: 'Query' },
  { file: 'result.js', species: 'Array', esm: 'Result', cjs: 'module.exports' },
];

const getter = (species) => `\n  static get [Symbol.species]() {\n    return ${species}\n  }\n`;
const defined = (name, species) =>
  `\n// Moved out of the class body by Switchboard's scripts/patch-postgres.mjs (see there).\n` +
  `Object.defineProperty(${name}, Symbol.species, { get() { return ${species} }, configurable: true })\n`;

let changed = 0;
for (const [dir, build] of [
  ['src', 'esm'],
  ['cjs/src', 'cjs'],
]) {
  for (const c of classes) {
    const path = join(root, dir, c.file);
    const source = await readFile(path, 'utf8');
    const after = defined(c[build], c.species);
    if (source.includes(after)) continue;
    if (!source.includes(getter(c.species))) {
      console.warn(`patch-postgres: ${path} is not the shape this patch knows; left as it is`);
      continue;
    }
    // A new file renamed over the old one, not the old one rewritten: a package manager that
    // hard-links packages from a shared store (pnpm) keeps its store's copy as it was.
    await writeFile(`${path}.patching`, source.replace(getter(c.species), '\n') + after);
    await rename(`${path}.patching`, path);
    changed++;
  }
}
if (changed > 0)
  console.log(`patch-postgres: patched ${changed} of postgres.js's files (see scripts/patch-postgres.mjs)`);
