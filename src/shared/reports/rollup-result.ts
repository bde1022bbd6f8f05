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

/** The exact median (seconds) of the rows' durations: each row's list is sorted already. */
function medianSec(rows: readonly RollupRow[], count: number): number | undefined {
  if (!count) return undefined;
  const all = new Float64Array(count);
  let i = 0;
  for (const r of rows) for (const d of r.durMs) all[i++] = d;
  all.sort();
  const ms = count % 2 ? all[(count - 1) / 2]! : (all[count / 2 - 1]! + all[count / 2]!) / 2;
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
    for (const d of ROLLED_DIMENSIONS) for (const [k, t] of Object.entries(r.by[d])) addTally(groups[d], k, t);
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
