// A report: from the daily roll-ups (issue 18: a few thousand rows, whatever the number of cases)
// plus the newest cases of the list read off the createdAt index; or, when the roll-ups' days are
// not local to the filter's zone (they are being rebuilt for it) or a long list is asked for (the
// CSV, "show all"), filter + aggregate straight off an IndexedDB cursor: over the createdAt index
// for a date range, else a scan of the store. Never an array of every record.
import { createAggregator } from '../../shared/reports/aggregate';
import { toReportCaseTimed } from '../../shared/reports/report-case';
import { filterDays, listStartDay, resultFromRollups } from '../../shared/reports/rollup-result';
import { AppError } from '../../shared/app-error';
import type { CaseRecord } from '../../shared/case';
import type { RollupRow } from '../../shared/reports/rollup';
import type { ReportCase, ReportFilter, ReportResult } from '../../shared/reports/types';
import { dayNumber, dayRange, dayStart, ianaZone, zoneOf } from '../../shared/reports/zone';
import { casesCreatedIn, casesNewestFirst, CREATED_INDEX, readAllRollups, rebuildRollups, scanCases } from '../store/history';
import { localZoneName, zoneNamed } from '../store/rollups';

export { CREATED_INDEX };
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
  if (r.kind === 'service' || r.kind === 'device') f.kind = r.kind;
  return f;
}

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The index range for a filter's days, a second wider each side (createdAt strings may or may
 *  not carry milliseconds); the aggregator applies the exact bounds. */
function createdRange(startMs: number | undefined, endMs: number | undefined): IDBKeyRange | undefined {
  if (startMs === undefined && endMs === undefined) return undefined;
  if (startMs === undefined) return IDBKeyRange.upperBound(isoSecond(endMs! + 1000));
  if (endMs === undefined) return IDBKeyRange.lowerBound(isoSecond(startMs - 1000));
  return IDBKeyRange.bound(isoSecond(startMs - 1000), isoSecond(endMs + 1000));
}

/** What the list and the CSV keep of the records they read: the filter's exact day bounds (the
 *  index range is a second wider), its technicians and its kind. The aggregator applies the same. */
interface Keep { startMs?: number; endMs?: number; techs?: ReadonlySet<string>; kind?: ReportFilter['kind'] }

function keptCases(recs: readonly CaseRecord[], k: Keep): ReportCase[] {
  const out: ReportCase[] = [];
  for (const rec of recs) {
    const x = toReportCaseTimed(rec);
    if (!x || (k.startMs !== undefined && x.t < k.startMs) || (k.endMs !== undefined && x.t >= k.endMs)) continue;
    if (k.techs && !k.techs.has(x.c.technician ?? '')) continue;
    if (k.kind && (x.c.kind ?? 'service') !== k.kind) continue;
    out.push(x.c);
  }
  return out;
}

export interface ReportRun { result: ReportResult; scan: 'rollup' | 'index' | 'store'; visited: number }

/** Lists longer than this are read by the scan (it streams them): the roll-ups serve the page. */
export const ROLLUP_LIST_MAX = 5000;

let rebuilding: Promise<unknown> | undefined;

/** Each day's cases of `techs` (all: undefined) by the rows, within the filter's days. */
function countsPerDay(filter: ReportFilter, rows: readonly RollupRow[], techs: ReadonlySet<string> | undefined, fromDay: number | undefined): number {
  const { first, last } = filterDays(filter);
  let n = 0;
  for (const r of rows) {
    if ((first !== undefined && r.day < first) || (last !== undefined && r.day > last) || (fromDay !== undefined && r.day < fromDay)) continue;
    if (!techs || techs.has(r.tech)) n += r.n;
  }
  return n;
}

/** The report from the roll-ups, or undefined when their days are local to another zone (a
 *  rebuild for this one is then started: the next query gets them). */
async function fromRollups(filter: ReportFilter, limit: number): Promise<ReportRun | undefined> {
  const want = filter.tz && ianaZone(filter.tz) ? filter.tz : localZoneName();
  const read = await readAllRollups();
  if (read.zone !== want) {
    rebuilding ??= rebuildRollups(want).finally(() => (rebuilding = undefined));
    return undefined;
  }
  const zone = zoneNamed(want);
  const { endMs } = dayRange(filter, zone);
  const techs = filter.technicians?.length ? new Set(filter.technicians) : undefined;
  // The list: the newest `limit` cases, read from the first day the rows' counts say is enough.
  let cases: ReportCase[] = [];
  let visited = read.rows.length;
  if (limit > 0) {
    const from = listStartDay(filter, read.rows, limit);
    const startMs = from === undefined ? dayRange(filter, zone).startMs : dayStart(from, zone);
    const range = createdRange(startMs, endMs);
    const pick = (recs: CaseRecord[]) => {
      visited += recs.length;
      return keptCases(recs, { startMs, endMs, techs });
    };
    // A technician filter reads only those technicians' records (byTechnician); a record whose
    // technician is only in its ticket fields is not in that index: then the count falls short of
    // the rows' and every record of the days is read instead.
    const byIndex = techs && !techs.has('');
    cases = pick(await casesCreatedIn(range, byIndex ? [...techs] : undefined));
    if (byIndex && cases.length !== countsPerDay(filter, read.rows, techs, from)) cases = pick(await casesCreatedIn(range));
  }
  cases.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
  return { result: resultFromRollups(filter, zone, read.rows, cases.slice(0, limit)), scan: 'rollup', visited };
}

export async function runReportDetailed(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportRun> {
  // The roll-ups count every kind together: a Kind filter (issue 19) is answered by the scan.
  if (limit <= ROLLUP_LIST_MAX && !filter.kind) {
    const r = await fromRollups(filter, limit);
    if (r) return r;
  }
  return scanReport(filter, limit);
}

/** The full scan (the oracle the roll-ups are tested against; the CSV's path). */
export async function scanReport(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportRun> {
  const agg = createAggregator(filter, { limit });
  let visited = 0;
  const { startMs, endMs } = dayRange(filter, zoneOf(filter.tz));
  const range = createdRange(startMs, endMs);
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

/** Every case of the filter, newest first (tests; the page streams them: reportCasesPage). */
export async function reportCases(filter: ReportFilter): Promise<ReportCase[]> {
  const all: ReportCase[] = [];
  let after: string | undefined;
  do {
    const page = await reportCasesPage(filter, after);
    all.push(...page.cases);
    after = page.next;
  } while (after);
  return all;
}

/** Records read per page of the CSV (a page's message stays near 2 MB). */
export const CSV_PAGE_RECORDS = 5000;

/**
 * A page of the CSV: the filter's cases among the next CSV_PAGE_RECORDS records, newest first,
 * read off the createdAt index (no scan of the whole store, no array of every case). `after` is
 * the `next` of the page before, an opaque position.
 */
export async function reportCasesPage(filter: ReportFilter, after?: unknown, pageRecords = CSV_PAGE_RECORDS): Promise<{ cases: ReportCase[]; next?: string }> {
  let pos: [string, string] | undefined;
  if (after !== undefined) {
    try {
      const p: unknown = typeof after === 'string' && after.length < 1000 ? JSON.parse(after) : undefined;
      if (Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string') pos = [p[0], p[1]];
    } catch {
      // below
    }
    if (!pos) throw AppError.of('bad_request_message', 'after');
  }
  const { startMs, endMs } = dayRange(filter, zoneOf(filter.tz));
  const techs = filter.technicians?.length ? new Set(filter.technicians) : undefined;
  const { records, more } = await casesNewestFirst(createdRange(startMs, endMs), pos, pageRecords);
  const cases = keptCases(records, { startMs, endMs, techs, kind: filter.kind });
  const last = records[records.length - 1];
  return { cases, ...(more && last ? { next: JSON.stringify([last.createdAt, last.id]) } : {}) };
}
