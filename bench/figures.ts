// The benchmarks' figures, for the one table `npm run bench` ends with (bench/table.ts). Each bench
// writes what it measured to .artifacts/bench/<source>.json; `npm run bench` empties that folder
// first, so the table only shows figures of this run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(fileURLToPath(new URL('..', import.meta.url)), '.artifacts', 'bench');

/** The figures the issues asked for, in the table's order. A bench names the group of each figure. */
export const GROUPS = {
  'content-script': 'Content-script size',
  injection: 'Injection: sidebar / navigation → widget',
  'calls-per-action': 'TeamViewer API calls per action',
  watcher: 'Watcher: API calls per tick',
  churn: 'Churn overhead (DOM-churning page)',
  reports: 'Reports at 100 000 cases',
  sync: 'History sync',
  team: 'Team mode: one shared token, many browsers (simulated)',
  worker: 'Service worker: start and memory',
  panel: 'Side panel: service cases',
} as const;
export type Group = keyof typeof GROUPS;

export interface Figure {
  group: Group;
  label: string;
  /** The median, or the one value. */
  value: string;
  p90?: string;
  max?: string;
  /** As the issue put it (e.g. "≤ 15.00 KB"); empty: reported, no goal. */
  goal?: string;
  /** PASS / OVER / a ratio…; empty without a goal. */
  verdict?: string;
}

export interface FigureFile { source: string; at: string; figures: Figure[] }

export function writeFigures(source: string, figures: Figure[]): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(join(BENCH_DIR, `${source}.json`), `${JSON.stringify({ source, at: new Date().toISOString(), figures } satisfies FigureFile, null, 2)}\n`);
}

export function readFigures(): FigureFile[] {
  let names: string[];
  try {
    names = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((f) => JSON.parse(readFileSync(join(BENCH_DIR, f), 'utf8')) as FigureFile);
}

export const resetFigures = () => rmSync(BENCH_DIR, { recursive: true, force: true });
