// The reports' per-day copy of the ended cases (issue 18): its names in the history database, and
// the one rule that keeps a filter's cases out of what is read (the list in the worker, the CSV in
// the reports page; the aggregator applies the same bounds).
import type { ReportCase, ReportFilter } from './types';
import { dayRange, type DayZone } from './zone';

/** The history database (the worker's; the reports page reads the day store of it for the CSV). */
export const HISTORY_DB = 'tv4boss';
/** One record per UTC day: { day, cases } with that day's ReportCases, newest first. */
export const DAYS_STORE = 'reportDays';

export interface ReportDay { day: number; cases: ReportCase[] }

const DAY_MS = 86_400_000;
export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** Newest first: createdAt, then id, descending (the index order the list always had). */
export const newestFirst = (a: ReportCase, b: ReportCase): number =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** What the list and the CSV keep of the cases they read: the filter's exact bounds (the days read
 *  are UTC days around them), its technicians and its kind. */
export interface Keep { startMs?: number; endMs?: number; techs?: ReadonlySet<string>; kind?: ReportFilter['kind'] }

export function keepOf(filter: ReportFilter, zone: DayZone): Keep {
  const { startMs, endMs } = dayRange(filter, zone);
  return {
    ...(startMs !== undefined ? { startMs } : {}), ...(endMs !== undefined ? { endMs } : {}),
    ...(filter.technicians?.length ? { techs: new Set(filter.technicians) } : {}), ...(filter.kind ? { kind: filter.kind } : {}),
  };
}

export function keptCases(cases: readonly ReportCase[], k: Keep): ReportCase[] {
  return cases.filter((c) => {
    const t = Date.parse(c.createdAt);
    if ((k.startMs !== undefined && t < k.startMs) || (k.endMs !== undefined && t >= k.endMs)) return false;
    if (k.techs && !k.techs.has(c.technician ?? '')) return false;
    return !k.kind || (c.kind ?? 'service') === k.kind;
  });
}

/** The UTC days [first, last] (either end open) that hold the times [startMs, endMs). */
export interface DaySpan { first?: number; last?: number }
export const daySpanOf = (k: Pick<Keep, 'startMs' | 'endMs'>): DaySpan => ({
  ...(k.startMs !== undefined ? { first: utcDay(k.startMs) } : {}), ...(k.endMs !== undefined ? { last: utcDay(k.endMs - 1) } : {}),
});
