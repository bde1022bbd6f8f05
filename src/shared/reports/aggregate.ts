// Streaming aggregation: the worker feeds it one case at a time from an IndexedDB cursor, so a
// report over 100 000 cases never holds 100 000 records (only the durations, for the median,
// and the newest `limit` cases for the list).
import { DIMENSIONS, type DayPoint, type Dimension, type GroupRow, type ReportCase, type ReportFilter, type ReportResult } from './types';
import { dayKeyer, dayRange, dayString, zoneOf, type DayZone } from './zone';

export interface Aggregator {
  /** Offers a case; those outside the filter are ignored. `createdMs`: Date.parse(c.createdAt), when known. */
  add(c: ReportCase, createdMs?: number): void;
  /** Whether a creation time is in the filter's range (a cheap test before building a case). */
  inRange(createdMs: number): boolean;
  result(): ReportResult;
}

interface Acc { count: number; timed: number; totalSec: number }

const newest = (a: ReportCase, b: ReportCase) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1);

export function createAggregator(filter: ReportFilter, opts: { limit?: number; zone?: DayZone } = {}): Aggregator {
  const zone = opts.zone ?? zoneOf(filter.tz);
  const { startMs, endMs } = dayRange(filter, zone);
  const techs = filter.technicians?.length ? new Set(filter.technicians) : undefined;
  const limit = opts.limit ?? Infinity;
  const dayOf = dayKeyer(zone);

  const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, Acc>()])) as Record<Dimension, Map<string, Acc>>;
  const days = new Map<number, { count: number; totalSec: number }>();
  const seenTechs = new Set<string>();
  const durations: number[] = [];
  let list: ReportCase[] = [];
  let sessions = 0, totalSec = 0, expired = 0, closedElsewhere = 0, closeFailed = 0, connectedSec = 0, connectedCases = 0;

  const bump = (d: Dimension, key: string | undefined, sec: number | undefined) => {
    const m = groups[d];
    const k = key ?? '';
    let a = m.get(k);
    if (!a) m.set(k, (a = { count: 0, timed: 0, totalSec: 0 }));
    a.count++;
    if (sec !== undefined) {
      a.timed++;
      a.totalSec += sec;
    }
  };

  return {
    inRange(t) {
      return !((startMs !== undefined && t < startMs) || (endMs !== undefined && t >= endMs));
    },

    add(c, createdMs) {
      const t = createdMs ?? Date.parse(c.createdAt);
      if (!Number.isFinite(t) || (startMs !== undefined && t < startMs) || (endMs !== undefined && t >= endMs)) return;
      if (filter.kind && (c.kind ?? 'service') !== filter.kind) return;
      const tech = c.technician ?? '';
      seenTechs.add(tech);
      if (techs && !techs.has(tech)) return;
      sessions++;
      const sec = c.durationSec;
      if (sec !== undefined) {
        durations.push(sec);
        totalSec += sec;
      }
      if (c.outcome === 'expired') expired++;
      else if (c.outcome === 'closed_elsewhere') closedElsewhere++;
      else if (c.outcome === 'close_failed') closeFailed++;
      if (c.connectedSec !== undefined) {
        connectedSec += c.connectedSec;
        connectedCases++;
      }
      bump('technician', c.technician, sec);
      bump('category', c.category, sec);
      bump('type', c.type, sec);
      bump('priority', c.priority, sec);
      bump('source', c.source, sec);
      const day = dayOf(t);
      let dp = days.get(day);
      if (!dp) days.set(day, (dp = { count: 0, totalSec: 0 }));
      dp.count++;
      if (sec !== undefined) dp.totalSec += sec;
      if (limit > 0) {
        list.push(c);
        if (list.length >= 2 * limit + 64) list = list.sort(newest).slice(0, limit);
      }
    },

    result() {
      const sorted = durations.sort((a, b) => a - b);
      const n = sorted.length;
      const median = n ? (n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2) : undefined;
      const rows = (d: Dimension): GroupRow[] => [...groups[d]].map(([key, a]) => ({
        key, count: a.count, timed: a.timed, totalSec: a.totalSec, ...(a.timed ? { avgSec: a.totalSec / a.timed } : {}),
      })).sort(rowOrder);
      return {
        filter,
        range: rangeOf(startMs, endMs),
        summary: {
          sessions, timed: n, totalSec, ...(n ? { avgSec: totalSec / n } : {}), ...(median !== undefined ? { medianSec: median } : {}),
          expired, closedElsewhere, closeFailed, connectedSec, connectedCases,
        },
        by: Object.fromEntries(DIMENSIONS.map((d) => [d, rows(d)])) as Record<Dimension, GroupRow[]>,
        days: daySeries(days, dayOf, startMs, endMs),
        cases: list.sort(newest).slice(0, limit),
        casesTotal: sessions,
        technicians: [...seenTechs].sort((a, b) => a.localeCompare(b)),
      };
    },
  };
}

/** All in one go, for tests and small lists. */
export function aggregate(cases: Iterable<ReportCase>, filter: ReportFilter, opts?: { limit?: number; zone?: DayZone }): ReportResult {
  const a = createAggregator(filter, opts);
  for (const c of cases) a.add(c);
  return a.result();
}

/** Group rows as the page shows them: most cases first, then most time, then by name. */
export const rowOrder = (x: GroupRow, y: GroupRow): number => y.count - x.count || y.totalSec - x.totalSec || x.key.localeCompare(y.key);

export function rangeOf(startMs?: number, endMs?: number): ReportResult['range'] {
  return {
    ...(startMs !== undefined ? { start: new Date(startMs).toISOString() } : {}),
    ...(endMs !== undefined ? { end: new Date(endMs).toISOString() } : {}),
  };
}

/** Every day of the range, gaps as zeros; an open end stops at the first/last day with cases. */
export function daySeries(days: ReadonlyMap<number, { count: number; totalSec: number }>, dayOf: (ms: number) => number, startMs?: number, endMs?: number): DayPoint[] {
  const keys = [...days.keys()];
  const first = startMs !== undefined ? dayOf(startMs) : keys.length ? Math.min(...keys) : undefined;
  const last = endMs !== undefined ? dayOf(endMs - 1) : keys.length ? Math.max(...keys) : undefined;
  const series: DayPoint[] = [];
  if (first !== undefined && last !== undefined && last - first < 20_000) {
    for (let d = first; d <= last; d++) series.push({ day: dayString(d), count: days.get(d)?.count ?? 0, totalSec: days.get(d)?.totalSec ?? 0 });
  }
  return series;
}
