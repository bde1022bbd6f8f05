// The last step of `npm run bench`: one table of every figure the benches wrote (bench/figures.ts),
// grouped as the issues asked for them, each with its goal. A group no bench measured says so.
//   tsx bench/table.ts           print the table (also written to .artifacts/bench/table.md)
//   tsx bench/table.ts --reset   forget the figures of earlier runs (the first step of npm run bench)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, GROUPS, readFigures, resetFigures, type Group } from './figures.ts';

/** Why a group may have no figures yet. */
const NOT_YET: Partial<Record<Group, string>> = {};

if (process.argv.includes('--reset')) {
  resetFigures();
} else {
  const files = readFigures();
  const all = files.flatMap((f) => f.figures.map((x) => ({ ...x, source: f.source })));
  const head = ['Figure', 'median / value', 'p90', 'max', 'goal', 'verdict'];
  const rows: string[][] = [];
  for (const [group, title] of Object.entries(GROUPS) as [Group, string][]) {
    const mine = all.filter((x) => x.group === group);
    rows.push([`**${title}**`, '', '', '', '', '']);
    if (!mine.length) rows.push([`  ${NOT_YET[group] ?? 'not measured in this run'}`, '—', '', '', '', '']);
    for (const x of mine) rows.push([`  ${x.label}`, x.value, x.p90 ?? '', x.max ?? '', x.goal ?? '', x.verdict ?? '']);
  }
  const unknown = all.filter((x) => !(x.group in GROUPS));
  for (const x of unknown) rows.push([`  ${x.label} (${x.source}: unknown group ${x.group})`, x.value, x.p90 ?? '', x.max ?? '', x.goal ?? '', x.verdict ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const table = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  const sources = files.map((f) => `${f.source} (${f.at})`).join(', ') || 'none';
  console.log(`\n== All benchmarks (figures from: ${sources}) ==\n${table}`);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(join(BENCH_DIR, 'table.md'), `${table}\n`);
}
