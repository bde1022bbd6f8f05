// The sync's first phase (the group's connection reports) is kept page by page in a database of
// its own, so that a worker stopped in the middle of it resumes from the next page instead of
// from scratch (chrome.storage.local holds 10 MB at most; a team's reports may be more). Keyed by
// the report's id: a page read twice (the worker died before saving its place) adds nothing.
// Only the fields a case's connection summary needs are kept, and only while a sync runs.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TvConnectionRecord } from '../../shared/teamviewer/types';

export const STAGING_DB = 'tv4boss-sync';

type Staged = Pick<TvConnectionRecord, 'id' | 'session_code' | 'start_date' | 'end_date' | 'devicename' | 'notes'>;

interface StagingDb extends DBSchema {
  reports: { key: string; value: Staged; indexes: { byCode: string } };
}

let dbp: Promise<IDBPDatabase<StagingDb>> | undefined;

function db(): Promise<IDBPDatabase<StagingDb>> {
  dbp ??= openDB<StagingDb>(STAGING_DB, 1, {
    upgrade(d) {
      d.createObjectStore('reports', { keyPath: 'id' }).createIndex('byCode', 'session_code');
    },
    blocking() {
      void dbp?.then((d) => d.close());
      dbp = undefined;
    },
    terminated() {
      dbp = undefined;
    },
  });
  return dbp;
}

const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Keeps one page of reports (those with a session code), in one transaction. */
export async function stageReports(records: readonly TvConnectionRecord[]): Promise<void> {
  const tx = (await db()).transaction('reports', 'readwrite');
  for (const r of records) {
    if (typeof r.id !== 'string' || typeof r.session_code !== 'string' || !r.session_code) continue;
    const rec: Staged = { id: r.id, session_code: r.session_code };
    const start = str(r.start_date, 40);
    const end = str(r.end_date, 40);
    const device = str(r.devicename, 100);
    const notes = str(r.notes, 4000);
    if (start) rec.start_date = start;
    if (end) rec.end_date = end;
    if (device) rec.devicename = device;
    if (notes) rec.notes = notes;
    void tx.store.put(rec);
  }
  await tx.done;
}

/** The kept reports of these sessions, by session code. */
export async function stagedReports(codes: readonly string[]): Promise<Map<string, TvConnectionRecord[]>> {
  const tx = (await db()).transaction('reports', 'readonly');
  const index = tx.store.index('byCode');
  const lists = await Promise.all(codes.map((c) => index.getAll(c)));
  await tx.done;
  const byCode = new Map<string, TvConnectionRecord[]>();
  codes.forEach((c, i) => {
    if (lists[i]!.length) byCode.set(c, lists[i]!);
  });
  return byCode;
}

/** Forgets the kept reports (a new sync starts, or one ended). */
export async function clearStaged(): Promise<void> {
  await (await db()).clear('reports');
}
