/**
 * `npx tsx bench/profile-top.ts <file.cpuprofile> [n]`: where a `node --cpu-prof` profile (as written
 * by `npm run bench -- --cpu-prof`) spent its busy time: the functions with the most self time, the
 * packages/files with the most self time, and the functions with the most inclusive time (the
 * function and what it called). Idle time is left out of the percentages. A text flame-graph
 * substitute for a machine without a browser.
 */
import { readFile } from 'node:fs/promises';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, n = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top <file.cpuprofile> [n]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries())
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
const busy = [...self].filter(([id]) => !isIdle(id));
const total = busy.reduce((a, [, us]) => a + us, 0);

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  const src = /\/(src\/.*|bench\/.*)$/.exec(url);
  return src ? src[1]! : url || '(native)';
};
const keyOf = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
};
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);

const fns = new Map<string, number>();
const places = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of busy) {
  add(fns, keyOf(id), us);
  add(places, where(byId.get(id)!.callFrame.url), us);
  // Each function on the stack once, however often it recurses.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) seen.add(keyOf(at));
  for (const k of seen) add(inclusive, k, us);
}
const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(n))
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `busy ${(total / 1e6).toFixed(1)} s sampled (idle left out)\n\nby function (self):\n${top(fns)}\n\n` +
    `by package or file (self):\n${top(places)}\n\nby function (inclusive):\n${top(inclusive)}`,
);
