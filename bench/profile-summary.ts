/**
 * Sums the self time of a V8 CPU profile (`node --cpu-prof`) per function and per file, and prints the
 * largest: `npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const fileOf = (n: ProfileNode) =>
  n.callFrame.url.replace(/^.*\/(src|bench|eval|node_modules)\//, '$1/') || '(native)';
const nameOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
const perFunction = new Map<string, number>();
const perFile = new Map<string, number>();
/** Time with everything a function called (each function counted once per sample). */
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  total += us;
  perFunction.set(nameOf(node), (perFunction.get(nameOf(node)) ?? 0) + us);
  perFile.set(fileOf(node), (perFile.get(fileOf(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const key = nameOf(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
});

const print = (title: string, m: Map<string, number>) => {
  console.log(`${title} (self time, total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`,
    );
};
print('per function', perFunction);
console.log('');
print('per file', perFile);
console.log('');
print('inclusive, per function', inclusive);
