// A report from daily roll-up rows (rollup.ts): the same ReportResult the full scan
// (aggregate.ts, the oracle) computes, from a few thousand rows instead of every case.
import { DIMENSIONS, type Dimension, type GroupRow, type ReportCase, type ReportFilter, type ReportResult } from './types';
import { ROLLED_DIMENSIONS, type RollupRow, type Tally } from './rollup';
import { dayKeyer, dayNumber, dayRange, type DayZone } from './zone';
import { daySeries, rangeOf, rowOrder } from './aggregate';

/** The filter's local days [first, last], either end open; From after To: swapped. */
export function filterDays(filter: ReportFilter): { first?: number; last?: number } {
  let a = dayNumber(filter.from);
  let b = dayNumber(filter.to);
  if (a !== undefined && b !== undefined && a > b) [a, b] = [b, a];
  return { ...(a !== undefined ? { first: a } : {}), ...(b !== undefined ? { last: b } : {}) };
}

const addTally = (m: Map<string, Tally>, k: string, t: Tally) => {
  const a = m.get(k);
  if (a) {
    a[0] += t[0];
    a[1] += t[1];
    a[2] += t[2];
  } else m.set(k, [t[0], t[1], t[2]]);
};

/** How many of the rows' durations are ≤ x (each row's list is sorted: a binary search each). */
function countAtMost(rows: readonly RollupRow[], x: number): number {
  let n = 0;
  for (const r of rows) {
    const d = r.durMs;
    let lo = 0, hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (d[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    n += lo;
  }
  return n;
}

/** The k-th smallest (1-based) of the rows' durations: the least whole ms with k durations at or
 *  under it (durations are whole ms), found by bisection on the value, not by merging them all. */
function kth(rows: readonly RollupRow[], k: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (countAtMost(rows, mid) >= k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The exact median (seconds) of the rows' durations. */
export function medianSec(rows: readonly RollupRow[], count: number): number | undefined {
  if (!count) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) {
    if (!r.durMs.length) continue;
    lo = Math.min(lo, r.durMs[0]!);
    hi = Math.max(hi, r.durMs[r.durMs.length - 1]!);
  }
  const a = kth(rows, Math.floor((count + 1) / 2), lo, hi);
  const ms = count % 2 ? a : (a + kth(rows, count / 2 + 1, a, hi)) / 2;
  return ms / 1000;
}

/**
 * The report of `filter` from roll-up rows in `zone` (rows outside the filter's days are ignored),
 * with `cases`: the filter's newest cases (read apart, see query.ts).
 */
export function resultFromRollups(filter: ReportFilter, zone: DayZone, rows: readonly RollupRow[], cases: ReportCase[]): ReportResult {
  const { first: a, last: b } = filterDays(filter);
  const { startMs, endMs } = dayRange(filter, zone);
  const techs = filter.technicians?.length ? new Set(filter.technicians) : undefined;
  const seenTechs = new Set<string>();
  const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, Tally>()])) as Record<Dimension, Map<string, Tally>>;
  const days = new Map<number, { count: number; totalMs: number }>();
  const mine: RollupRow[] = [];
  let sessions = 0, timed = 0, totalMs = 0, expired = 0, closedElsewhere = 0, closeFailed = 0, connectedMs = 0, connectedCases = 0;
  for (const r of rows) {
    if ((a !== undefined && r.day < a) || (b !== undefined && r.day > b) || r.n <= 0) continue;
    seenTechs.add(r.tech);
    if (techs && !techs.has(r.tech)) continue;
    mine.push(r);
    sessions += r.n;
    timed += r.durMs.length;
    totalMs += r.totalMs;
    expired += r.expired;
    closedElsewhere += r.closedElsewhere;
    closeFailed += r.closeFailed;
    connectedMs += r.connectedMs;
    connectedCases += r.connectedCases;
    addTally(groups.technician, r.tech, [r.n, r.durMs.length, r.totalMs]);
    for (const d of ROLLED_DIMENSIONS) {
      const m = r.by[d];
      for (const k in m) addTally(groups[d], k, m[k]!);
    }
    const dp = days.get(r.day);
    if (dp) {
      dp.count += r.n;
      dp.totalMs += r.totalMs;
    } else days.set(r.day, { count: r.n, totalMs: r.totalMs });
  }
  const median = medianSec(mine, timed);
  const rowsOf = (d: Dimension): GroupRow[] => [...groups[d]].map(([key, [count, n, ms]]) => ({
    key, count, timed: n, totalSec: ms / 1000, ...(n ? { avgSec: ms / 1000 / n } : {}),
  })).sort(rowOrder);
  // As the scan: every day of the range, gaps as zeros (the rows keep whole milliseconds).
  const daySecs = new Map([...days].map(([d, p]) => [d, { count: p.count, totalSec: p.totalMs / 1000 }]));
  const series = daySeries(daySecs, dayKeyer(zone), startMs, endMs);
  const totalSec = totalMs / 1000;
  return {
    filter,
    range: rangeOf(startMs, endMs),
    summary: {
      sessions, timed, totalSec, ...(timed ? { avgSec: totalSec / timed } : {}), ...(median !== undefined ? { medianSec: median } : {}),
      expired, closedElsewhere, closeFailed, connectedSec: connectedMs / 1000, connectedCases,
    },
    by: Object.fromEntries(DIMENSIONS.map((d) => [d, rowsOf(d)])) as Record<Dimension, GroupRow[]>,
    days: series,
    cases,
    casesTotal: sessions,
    technicians: [...seenTechs].sort((x, y) => x.localeCompare(y)),
  };
}

/**
 * How many of the newest days (from `last` down) hold at least `limit` of the filter's cases, by
 * the rows' counts: the first day the list must read from (undefined: every day up to `last`).
 */
export function listStartDay(filter: ReportFilter, rows: readonly RollupRow[], limit: number): number | undefined {
  const { first: a, last: b } = filterDays(filter);
  const techs = filter.technicians?.length ? new Set(filter.technicians) : undefined;
  const perDay = new Map<number, number>();
  for (const r of rows) {
    if ((a !== undefined && r.day < a) || (b !== undefined && r.day > b) || (techs && !techs.has(r.tech))) continue;
    perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.n);
  }
  let sum = 0;
  for (const d of [...perDay.keys()].sort((x, y) => y - x)) {
    sum += perDay.get(d)!;
    if (sum >= limit) return d;
  }
  return a;
}
