/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): self time by function and by file, and the
 * inclusive time of the functions named on the command line, so "where the time goes" is read
 * from a profile rather than guessed. Usage:
 *   tsx bench/support/profile-summary.ts FILE.cpuprofile [--top N] [--match SUBSTRING ...] [--under SUBSTRING]
 * --match prints the inclusive time of each function whose label contains SUBSTRING; --under
 * restricts every table to the samples taken inside such a function; --from S --to S to the samples
 * taken between S seconds after the profile started (e.g. the measured part of a load test).
 * A timeline of busy time per second is printed to find that window.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args[0];
const top = Number(args[args.indexOf('--top') + 1]) || 25;
const matches: string[] = [];
args.forEach((a, i) => a === '--match' && matches.push(args[i + 1]));
const under = args.includes('--under') ? args[args.indexOf('--under') + 1] : null;
// --from/--to: seconds since the profile started; only samples in that window count.
const from = args.includes('--from') ? Number(args[args.indexOf('--from') + 1]) * 1e6 : -Infinity;
const to = args.includes('--to') ? Number(args[args.indexOf('--to') + 1]) * 1e6 : Infinity;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/packages\//, 'packages/')
    .replace(/.*\/bench\//, 'bench/');
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const onStack = (id: number, m: string) => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
    if (label(byId.get(cur)!).includes(m)) return true;
  return false;
};
const selfUs = new Map<number, number>();
let clock = 0;
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0;
  if (clock < from || clock > to) return;
  if (under && !onStack(id, under)) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function table(title: string, totals: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    );
}

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + us);
  const f = shortUrl(n.callFrame.url) || `(${n.callFrame.functionName})`;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
  const pkg = f.startsWith('nm:')
    ? f
        .slice(3)
        .split('/')
        .slice(0, f.slice(3).startsWith('@') ? 2 : 1)
        .join('/')
    : f.startsWith('packages/')
      ? f.split('/').slice(0, 4).join('/')
      : f.startsWith('node:')
        ? 'node:*'
        : f;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
{
  // busy (not idle) main-thread milliseconds in each second of the profile
  const perSecond: number[] = [];
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const s = Math.floor(t / 1e6);
    perSecond[s] = (perSecond[s] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  console.log(`busy ms per second: ${Array.from(perSecond, (v) => Math.round(v ?? 0)).join(' ')}`);
}
console.log(
  `${file}: ${(total / 1000).toFixed(0)} ms sampled on the main thread${under ? ` inside ${under}` : ''}`,
);
table('self time by package / folder', byPackage);
table('self time by file', byFile);
table('self time by function', byFunction);

// Inclusive time: a sample counts for a matched function when it appears anywhere on the stack.
for (const m of matches) {
  let us = 0;
  for (const [id, t] of selfUs) if (onStack(id, m)) us += t;
  console.log(`inclusive ${m}: ${((100 * us) / total).toFixed(1)}% (${(us / 1000).toFixed(0)} ms)`);
}
