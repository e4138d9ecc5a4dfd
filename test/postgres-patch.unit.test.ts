/**
 * postgres.js as scripts/patch-postgres.mjs leaves it at install: V8 can optimize the constructors
 * of its Query and Result classes (run for every query), and their species are what they were.
 *
 * Unpatched, `static get [Symbol.species]()` in the class bodies makes V8 (Node 20, 22 and 24)
 * abort every optimization of the constructor and of every function that inlines it ("invalid
 * dependency: StableMapDependency"), and try again whenever they are hot: see the script.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// Forces TurboFan on each constructor, in each build Node loads (ESM: src/, CommonJS: cjs/src/),
// and reports whether the code it made was kept (bit 16 of the status: "optimized").
const probe = `
import { createRequire } from 'node:module';
const at = import.meta.resolve('postgres');
const cjs = createRequire(import.meta.url);
const builds = {
  esm: { Result: (await import(new URL('./result.js', at))).default, Query: (await import(new URL('./query.js', at))).Query },
  cjs: { Result: cjs(new URL('../cjs/src/result.js', at).pathname), Query: cjs(new URL('../cjs/src/query.js', at).pathname).Query },
};
const out = {};
for (const [build, { Result, Query }] of Object.entries(builds)) {
  const make = {
    Result: [Result, () => new Result()],
    Query: [Query, () => new Query(['select 1'], [], { debug: false }, null)],
  };
  for (const [name, [ctor, create]] of Object.entries(make)) {
    %NeverOptimizeFunction(create);
    for (let i = 0; i < 100; i++) create();
    %PrepareFunctionForOptimization(ctor);
    create();
    %OptimizeFunctionOnNextCall(ctor);
    create();
    out[build + ' ' + name] = (%GetOptimizationStatus(ctor) & 16) !== 0;
  }
  out[build + ' species'] = [new Result().map((x) => x).constructor.name, Query[Symbol.species].name];
}
console.log(JSON.stringify(out));
`;

describe('postgres.js, patched at install', () => {
  it('lets V8 optimize Query and Result, whose species stay Promise and Array', async () => {
    const { stdout } = await run(process.execPath, [
      '--allow-natives-syntax',
      '--input-type=module',
      '-e',
      probe,
    ]);
    expect(JSON.parse(stdout)).toEqual({
      'esm Result': true,
      'esm Query': true,
      'esm species': ['Array', 'Promise'],
      'cjs Result': true,
      'cjs Query': true,
      'cjs species': ['Array', 'Promise'],
    });
  });
});
