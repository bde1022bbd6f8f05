// A report: from the daily roll-ups (issue 18: a few thousand rows, whatever the number of cases)
// plus the newest cases of the list read from the reports' per-day copy (report-days.ts: a record
// per day, not per case); or, for a Kind filter, a long list ("show all") or roll-ups local to
// another zone (they are being rebuilt for it), the aggregator over the per-day copy. The full scan
// of the records (over the createdAt index for a date range, else the store) is the tests' oracle
// and the benches' baseline. Never an array of every record.
import { createAggregator } from '../../shared/reports/aggregate';
import { toReportCaseTimed } from '../../shared/reports/report-case';
import { casesOfDays, createdRange, holdBackgroundSettle, settleDays } from '../store/report-days';
import { daySpanOf, keepOf, keptCases, type DaySpan } from '../../shared/reports/day-copy';
import { listStartDay, resultFromRollups } from '../../shared/reports/rollup-result';
import { PAGE_LIST_LIMIT, type ReportCase, type ReportFilter, type ReportResult } from '../../shared/reports/types';
import { filterFromSearch } from '../../shared/reports/filter-url';
import { keptAnswer } from './answers';
import { dayNumber, dayRange, dayStart, ianaZone, zoneOf } from '../../shared/reports/zone';
import { CREATED_INDEX, db, readAllRollups, rebuildRollups, scanCases } from '../store/history';
import { localZoneName, zoneNamed } from '../store/rollups';

export { CREATED_INDEX };
export const DEFAULT_LIST_LIMIT = 500;
/** How long a reports page that opens keeps the per-day copy's settle in the background waiting. */
const PAGE_OPENING_MS = 2000;
/** And each of a page's questions (a filter change): its answer does not wait behind a batch. */
const PAGE_QUESTION_MS = 1000;

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


export interface ReportRun { result: ReportResult; scan: 'rollup' | 'days' | 'index' | 'store'; visited: number }

/** Lists longer than this are read by the scan (it streams them): the roll-ups serve the page. */
export const ROLLUP_LIST_MAX = 5000;

let rebuilding: Promise<unknown> | undefined;

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
  // The list: the newest `limit` cases, read from the first day the rows' counts say is enough.
  let cases: ReportCase[] = [];
  let visited = read.rows.length;
  if (limit > 0) {
    const from = listStartDay(filter, read.rows, limit);
    const keep = keepOf(filter, zone);
    if (from !== undefined) keep.startMs = dayStart(from, zone);
    const days = await casesOfDays(await db(), daySpanOf(keep));
    visited += days.length;
    cases = keptCases(days, keep); // newest first, as the days are
  }
  return { result: resultFromRollups(filter, zone, read.rows, cases.slice(0, limit)), scan: 'rollup', visited };
}

export async function runReportDetailed(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportRun> {
  // The roll-ups count every kind together: a Kind filter (issue 19) is answered from the days.
  if (limit <= ROLLUP_LIST_MAX && !filter.kind) {
    const r = await fromRollups(filter, limit);
    if (r) return r;
  }
  return fromDays(filter, limit);
}

/** The aggregator over the per-day copy's cases of the filter's days (a Kind filter, a long list,
 *  roll-ups local to another zone): a record a day read, not one a case. */
async function fromDays(filter: ReportFilter, limit: number): Promise<ReportRun> {
  const agg = createAggregator(filter, { limit });
  const cases = await casesOfDays(await db(), daySpanOf(keepOf(filter, zoneOf(filter.tz))));
  for (const c of cases) agg.add(c);
  return { result: agg.result(), scan: 'days', visited: cases.length };
}

/** The full scan of the records themselves (the oracle the roll-ups and the per-day copy are tested
 *  against; the benches' baseline). */
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
      if (!Number.isFinite(t) || !agg.inRange(t)) return;
    }
    const x = toReportCaseTimed(rec);
    if (x) agg.add(x.c, x.t);
  }, range ? { index: CREATED_INDEX, range } : {});
  return { result: agg.result(), scan, visited };
}

export async function runReport(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportResult> {
  return (await runReportDetailed(filter, limit)).result;
}

/** A page's question: the answer kept since the last write to the history, else a new one (answers.ts);
 *  the settle in the background waits meanwhile. */
export function answerReport(filter: ReportFilter, limit = DEFAULT_LIST_LIMIT): Promise<ReportResult> {
  holdBackgroundSettle(PAGE_QUESTION_MS);
  return keptAnswer(filter, limit, () => runReport(filter, limit));
}

/** The reports page's first figures for the filter in its address, and its first list begun (the
 *  page asks for that one itself, a moment later). */
export function prefetchReport(search: string, tz: unknown): Promise<ReportResult> {
  holdBackgroundSettle(PAGE_OPENING_MS); // the page's first frames get the worker's thread
  const filter = cleanFilter({ ...filterFromSearch(search.slice(0, 4000)), tz });
  answerReport(filter, PAGE_LIST_LIMIT).catch(() => undefined); // the page's own question says what failed
  return answerReport(filter, 0);
}

/** Every case of the filter, newest first (what the CSV lists; tests). */
export async function reportCases(filter: ReportFilter): Promise<ReportCase[]> {
  const keep = keepOf(filter, zoneOf(filter.tz));
  return keptCases(await casesOfDays(await db(), daySpanOf(keep)), keep);
}

/**
 * Before the reports page reads the filter's cases for the CSV from the per-day copy itself (one
 * IndexedDB record a day, no message per case: Chrome's messages move ~6 MB/s, 100 000 cases took
 * 6–7 s): the days of the filter brought up to date. Answers which UTC days to read.
 */
export async function settleCsvDays(filter: ReportFilter): Promise<DaySpan> {
  const span = daySpanOf(keepOf(filter, zoneOf(filter.tz)));
  await settleDays(await db(), span.first, span.last);
  return span;
}
