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

// Forces TurboFan on each constructor and reports whether the code it made was kept.
const probe = `
const at = import.meta.resolve('postgres');
const { default: Result } = await import(new URL('./result.js', at));
const { Query } = await import(new URL('./query.js', at));
const make = {
  Result: () => new Result(),
  Query: () => new Query(['select 1'], [], { debug: false }, null),
};
const out = {};
for (const [name, create] of Object.entries(make)) {
  const ctor = name === 'Result' ? Result : Query;
  %NeverOptimizeFunction(create);
  for (let i = 0; i < 100; i++) create();
  %PrepareFunctionForOptimization(ctor);
  create();
  %OptimizeFunctionOnNextCall(ctor);
  create();
  out[name] = (%GetOptimizationStatus(ctor) & 16) !== 0;
}
out.resultSpecies = new Result().map((x) => x).constructor.name;
out.querySpecies = Query[Symbol.species].name;
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
      Result: true,
      Query: true,
      resultSpecies: 'Array',
      querySpecies: 'Promise',
    });
  });
});
