// Filter + aggregate straight off an IndexedDB cursor: over the createdAt index for a date range
// when the versioned history has it, else a scan of the store. Never an array of every record.
import { createAggregator } from '../../shared/reports/aggregate';
import { toReportCaseTimed } from '../../shared/reports/report-case';
import type { ReportCase, ReportFilter, ReportResult } from '../../shared/reports/types';
import { dayNumber, dayRange, zoneOf } from '../../shared/reports/zone';
import { scanCases } from '../store/history';

/** The index on `createdAt` (added by the versioned history); the scan falls back without it. */
export const CREATED_INDEX = 'byCreated';
export const DEFAULT_LIST_LIMIT = 500;

/** A filter from a message: only known keys, only sane values. */
export function cleanFilter(raw: unknown): ReportFilter {
  const f: ReportFilter = {};
  if (!raw || typeof raw !== 'object') return f;
  const r = raw as Record<string, unknown>;
  if (typeof r.from === 'string' && dayNumber(r.from) !== undefined) f.from = r.from;
  if (typeof r.to === 'string' && dayNumber(r.to) !== undefined) f.to = r.to;
  if (Array.isArray(r.technicians)) {
    const t = r.technicians.filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 500)).slice(0, 200);
    if (t.length) f.technicians = t;
  }
  if (typeof r.tz === 'string' && r.tz.length <= 64) f.tz = r.tz;
  return f;
}

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The index range for a filter's days, a second wider each side (createdAt strings may or may
 *  not carry milliseconds); the aggregator applies the exact bounds. */
function createdRange(filter: ReportFilter): IDBKeyRange | undefined {
  const { startMs, endMs } = dayRange(filter, zoneOf(filter.tz));
  if (startMs === undefined && endMs === undefined) return undefined;
  if (startMs === undefined) return IDBKeyRange.upperBound(isoSecond(endMs! + 1000));
  if (endMs === undefined) return IDBKeyRange.lowerBound(isoSecond(startMs - 1000));
  return IDBKeyRange.bound(isoSecond(startMs - 1000), isoSecond(endMs + 1000));
}

export interface ReportRun { result: ReportResult; scan: 'index' | 'store'; visited: number }

export async function runReportDetailed(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportRun> {
  const agg = createAggregator(filter, { limit });
  let visited = 0;
  const range = createdRange(filter);
  const scan = await scanCases((rec) => {
    visited++;
    if (range) {
      // Out of the date range: skipped before anything is built (all a store scan can do).
      const t = Date.parse(rec.createdAt ?? '');
      if (!(t >= 0) || !agg.inRange(t)) return;
    }
    const x = toReportCaseTimed(rec);
    if (x) agg.add(x.c, x.t);
  }, range ? { index: CREATED_INDEX, range } : {});
  return { result: agg.result(), scan, visited };
}

export async function runReport(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportResult> {
  return (await runReportDetailed(filter, limit)).result;
}

/** Every case of the filter, newest first (for the CSV). */
export async function reportCases(filter: ReportFilter): Promise<ReportCase[]> {
  return (await runReport(filter, Infinity)).cases;
}
