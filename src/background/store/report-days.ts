// The reports' copy of the ended cases, one IndexedDB record per UTC day holding that day's
// ReportCases newest first (schema 5, issue 18). The list and the CSV read a few hundred records
// instead of one per case: in Chromium a record read costs ~45 µs whatever its size (100 000
// slim records one per case: 5.8 s; in day records: 0.6 s), and a full history record is 1.5 KB.
//
// Record writes only mark the days they change as stale (a blind put in the same transaction, no
// read); a reader first settles the stale days of its range from the records. So an import of
// 2 000 records over a year costs 2 000 tiny writes, not a rewrite of 365 day records.
import type { IDBPDatabase } from 'idb';
import type { CaseRecord } from '../../shared/case';
import { DAYS_STORE, newestFirst, utcDay, type DaySpan } from '../../shared/reports/day-copy';
import { toReportCaseTimed } from '../../shared/reports/report-case';
import type { ReportCase } from '../../shared/reports/types';
import { keyRange } from '../../platform/key-range';
import type { HistoryDb, WriteTx } from './history-schema';

export { DAYS_STORE };
export const STALE_STORE = 'reportStale';
/** A stale mark meaning every day (the schema upgrade that adds the store; a bench that wrote
 *  records around the store). A string: days before 1970 are negative numbers. */
export const ALL_DAYS = 'all';
const DAY_MS = 86_400_000;
/** Days settled per transaction: a lifecycle write waits at most for these, and the worker's thread
 *  is busy for one such read at a time (~50 ms at 300 cases a day), so that a reports page opened
 *  during a settle in the background still gets its figures at once. */
const SETTLE_DAYS_PER_TX = 2;

/** In a record write's transaction: the days whose reported cases the writes change, marked stale. */
export function markStaleDays(tx: WriteTx, changes: readonly (readonly [CaseRecord | undefined, CaseRecord])[]): number {
  const days = new Set<number>();
  for (const [before, after] of changes) {
    const a = before && toReportCaseTimed(before);
    const b = toReportCaseTimed(after);
    if (!a && !b) continue; // open, creating, failed: not reported
    if (a && b && utcDay(a.t) === utcDay(b.t) && JSON.stringify(a.c) === JSON.stringify(b.c)) continue;
    if (a) days.add(utcDay(a.t));
    if (b) days.add(utcDay(b.t));
  }
  const store = tx.objectStore(STALE_STORE);
  for (const day of days) void store.put({ day });
  return days.size;
}

type Db = IDBPDatabase<HistoryDb>;
const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The byCreated range of the times [startMs, endMs) (either end open), a second wider each side
 *  (createdAt strings may or may not carry milliseconds): readers apply the exact bounds. */
export const createdRange = (startMs: number | undefined, endMs: number | undefined): IDBKeyRange | null =>
  keyRange(startMs === undefined ? undefined : isoSecond(startMs - 1000), endMs === undefined ? undefined : isoSecond(endMs + 1000));

/** The byCreated range of UTC days [first, last]; each case is then placed by its parsed time. */
const createdSpan = (first: number, last: number) => createdRange(first * DAY_MS, (last + 1) * DAY_MS);

/** Rewrites days [first, last] from the records (each day put with its cases, or deleted). */
async function writeDays(d: Db, first: number, last: number, stale: readonly number[] | 'span'): Promise<void> {
  const tx = d.transaction(['cases', DAYS_STORE, STALE_STORE], 'readwrite');
  const days = stale === 'span' ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : stale;
  // One read for a run of days close together, else one per day.
  const reads = stale === 'span' || last - first < 2 * days.length
    ? [tx.objectStore('cases').index('byCreated').getAll(createdSpan(first, last))]
    : days.map((day) => tx.objectStore('cases').index('byCreated').getAll(createdSpan(day, day)));
  const byDay = new Map<number, ReportCase[]>(days.map((day) => [day, []]));
  const seen = new Set<string>();
  for (const rec of (await Promise.all(reads)).flat()) {
    const x = toReportCaseTimed(rec);
    const list = x && byDay.get(utcDay(x.t));
    if (!list || seen.has(rec.id)) continue;
    seen.add(rec.id);
    list.push(x.c);
  }
  const store = tx.objectStore(DAYS_STORE);
  for (const [day, cases] of byDay) void (cases.length ? store.put({ day, cases: cases.sort(newestFirst) }) : store.delete(day));
  if (stale !== 'span') for (const day of days) void tx.objectStore(STALE_STORE).delete(day);
  await tx.done;
}

/** Every day again from the records, newest first; days outside the records' span deleted. */
async function rewriteAll(d: Db): Promise<void> {
  const idx = d.transaction('cases').store.index('byCreated');
  const [oldest, newest] = await Promise.all([idx.openCursor(null, 'next'), idx.openCursor(null, 'prev')]);
  const t0 = Date.parse(oldest?.key ?? ''), t1 = Date.parse(newest?.key ?? '');
  const tx = d.transaction(DAYS_STORE, 'readwrite');
  if (Number.isFinite(t0) && Number.isFinite(t1)) {
    void tx.store.delete(IDBKeyRange.upperBound(utcDay(t0) - 1, false));
    void tx.store.delete(IDBKeyRange.lowerBound(utcDay(t1) + 1, false));
  } else void tx.store.clear();
  await tx.done;
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return;
  for (let last = utcDay(t1); last >= utcDay(t0); last -= SETTLE_DAYS_PER_TX) await writeDays(d, Math.max(last - SETTLE_DAYS_PER_TX + 1, utcDay(t0)), last, 'span');
}

let settling: Promise<unknown> = Promise.resolve();
const queue = <T>(job: () => Promise<T>): Promise<T> => {
  const run = settling.then(job);
  settling = run.catch(() => undefined);
  return run;
};

/** The stale days within [first, last], newest first (the days a list shows first); `all`: every day is. */
async function staleDays(d: Db, first?: number, last?: number): Promise<{ all: boolean; days: number[] }> {
  const keys = await d.getAllKeys(STALE_STORE);
  const days = keys.filter((day): day is number => typeof day === 'number' && (first === undefined || day >= first) && (last === undefined || day <= last));
  return { all: keys.includes(ALL_DAYS), days: days.sort((a, b) => b - a) };
}

async function settleBatch(d: Db, days: readonly number[]): Promise<void> {
  await writeDays(d, days[days.length - 1]!, days[0]!, days);
}

async function settleAll(d: Db): Promise<void> {
  await rewriteAll(d);
  await d.delete(STALE_STORE, ALL_DAYS); // marks made meanwhile stay, settled later
}

/**
 * Brings the days of [first, last] (either end open) up to date with the records, and every day
 * when all are stale. One settle at a time: readers of the same days wait for the one in progress.
 */
export function settleDays(d: Db, first?: number, last?: number): Promise<void> {
  return queue(async () => {
    let stale = await staleDays(d, first, last);
    if (stale.all) {
      await settleAll(d);
      stale = await staleDays(d, first, last);
    }
    const { days } = stale;
    for (let i = 0; i < days.length; i += SETTLE_DAYS_PER_TX) await settleBatch(d, days.slice(i, i + SETTLE_DAYS_PER_TX));
  });
}

/** Pause between two batches of a settle in the background: the worker's thread and the machine's
 *  cores stay free for what a technician does meanwhile (a reports page's figures, a ticket). */
const BACKGROUND_PAUSE_MS = 100;

let holdUntil = 0;
/** The settle in the background makes no batch for the next `ms` (a reports page is opening: on
 *  two cores its first frame and the worker's answer otherwise share them with the settle). */
export function holdBackgroundSettle(ms: number): void {
  holdUntil = Math.max(holdUntil, Date.now() + ms);
}

/** Every stale day, a batch at a time with a pause between, each batch its own turn: a reader's
 *  settle waits for one batch at most, not for the whole. Resolves when none is left. */
export async function settleInBackground(d: Db): Promise<void> {
  for (;;) {
    while (Date.now() < holdUntil) await new Promise((r) => setTimeout(r, holdUntil - Date.now()));
    const more = await queue(async () => {
      const { all, days } = await staleDays(d);
      if (all) await settleAll(d);
      else if (days.length) await settleBatch(d, days.slice(0, SETTLE_DAYS_PER_TX));
      return all || days.length > SETTLE_DAYS_PER_TX;
    });
    if (!more) return;
    await new Promise((r) => setTimeout(r, BACKGROUND_PAUSE_MS));
  }
}

/** The reported cases of the days of `span`, newest first, settled first. */
export async function casesOfDays(d: Db, span: DaySpan): Promise<ReportCase[]> {
  await settleDays(d, span.first, span.last);
  const days = await d.getAll(DAYS_STORE, keyRange(span.first, span.last));
  const out: ReportCase[] = [];
  for (let i = days.length - 1; i >= 0; i--) out.push(...days[i]!.cases);
  return out;
}
