// Daily roll-ups (issue 18 §3): the reports' figures kept per (local day, technician), so that a
// report over 100 000 cases reads a few thousand small rows instead of every record. Pure: the
// worker keeps the rows in IndexedDB, in the same transaction as each record it writes.
//
// Why (day, technician) and not one row per (day, technician, category, type, priority, source):
// the page filters on days and technicians only; every other dimension is only shown as a
// breakdown, so a row keeps a small tally per value of each (far fewer rows, same figures).
//
// Exact figures: durations are kept in whole milliseconds (a case's duration is the difference of
// two ISO times, so it is a whole number of ms), sums are integer sums (no drift however often a
// case is taken out and put back), and each row keeps its cases' durations sorted, so that the
// median over any set of rows is the exact median of those cases.
import type { ReportCase } from './types';

export type RolledDimension = 'category' | 'type' | 'priority' | 'source';
export const ROLLED_DIMENSIONS: readonly RolledDimension[] = ['category', 'type', 'priority', 'source'];

/** [cases, of them with a duration, their total duration in ms] */
export type Tally = [number, number, number];

export interface RollupRow {
  /** `${day}|${tech}` */
  key: string;
  /** Local day number (days since 1970-01-01 in the roll-ups' zone). */
  day: number;
  /** '' for no technician. */
  tech: string;
  n: number;
  expired: number;
  closedElsewhere: number;
  closeFailed: number;
  connectedMs: number;
  connectedCases: number;
  /** Durations (ms) of the row's timed cases, ascending. */
  durMs: number[];
  totalMs: number;
  by: Record<RolledDimension, Record<string, Tally>>;
}

/** What one case adds to its row. */
export interface Contribution {
  key: string;
  day: number;
  tech: string;
  outcome: ReportCase['outcome'];
  durMs?: number;
  connMs?: number;
  dims: Record<RolledDimension, string>;
}

export const rowKey = (day: number, tech: string): string => `${day}|${tech}`;

export function contributionOf(c: ReportCase, day: number): Contribution {
  const tech = c.technician ?? '';
  return {
    key: rowKey(day, tech), day, tech, outcome: c.outcome,
    ...(c.durationSec !== undefined ? { durMs: Math.round(c.durationSec * 1000) } : {}),
    ...(c.connectedSec !== undefined ? { connMs: Math.round(c.connectedSec * 1000) } : {}),
    dims: { category: c.category ?? '', type: c.type ?? '', priority: c.priority ?? '', source: c.source ?? '' },
  };
}

export function sameContribution(a: Contribution | undefined, b: Contribution | undefined): boolean {
  if (!a || !b) return a === b;
  return a.key === b.key && a.outcome === b.outcome && a.durMs === b.durMs && a.connMs === b.connMs
    && ROLLED_DIMENSIONS.every((d) => a.dims[d] === b.dims[d]);
}

export function emptyRow(day: number, tech: string): RollupRow {
  return {
    key: rowKey(day, tech), day, tech, n: 0, expired: 0, closedElsewhere: 0, closeFailed: 0, connectedMs: 0, connectedCases: 0,
    durMs: [], totalMs: 0, by: { category: {}, type: {}, priority: {}, source: {} },
  };
}

/** Index of the first element ≥ x in an ascending array. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds (sign 1) or takes out (sign -1) a case's contribution; the row is changed in place. */
export function applyContribution(row: RollupRow, c: Contribution, sign: 1 | -1): void {
  row.n += sign;
  if (c.outcome === 'expired') row.expired += sign;
  else if (c.outcome === 'closed_elsewhere') row.closedElsewhere += sign;
  else if (c.outcome === 'close_failed') row.closeFailed += sign;
  if (c.connMs !== undefined) {
    row.connectedMs += sign * c.connMs;
    row.connectedCases += sign;
  }
  if (c.durMs !== undefined) {
    const at = lowerBound(row.durMs, c.durMs);
    if (sign > 0) row.durMs.splice(at, 0, c.durMs);
    else if (row.durMs[at] === c.durMs) row.durMs.splice(at, 1);
    row.totalMs += sign * c.durMs;
  }
  for (const d of ROLLED_DIMENSIONS) {
    const m = row.by[d];
    const k = c.dims[d];
    const t = (m[k] ??= [0, 0, 0]);
    t[0] += sign;
    if (c.durMs !== undefined) {
      t[1] += sign;
      t[2] += sign * c.durMs;
    }
    if (t[0] <= 0) delete m[k];
  }
}

/** Rows from scratch (a migration, a rebuild): every case's contribution added. */
export function buildRows(contributions: Iterable<Contribution>): Map<string, RollupRow> {
  const rows = new Map<string, RollupRow>();
  for (const c of contributions) {
    let row = rows.get(c.key);
    if (!row) rows.set(c.key, (row = emptyRow(c.day, c.tech)));
    // Durations appended, sorted once at the end (not one insertion each).
    const { durMs, ...rest } = c;
    applyContribution(row, rest, 1);
    if (durMs !== undefined) {
      row.durMs.push(durMs);
      row.totalMs += durMs;
      for (const d of ROLLED_DIMENSIONS) {
        const t = row.by[d][c.dims[d]]!;
        t[1]++;
        t[2] += durMs;
      }
    }
  }
  for (const row of rows.values()) row.durMs.sort((a, b) => a - b);
  return rows;
}
