// Every case and its outcome, in the extension's IndexedDB (invisible to content scripts).
// Records are only ever updated, never deleted: history must not lose an entry.
//
// The schema is versioned: UPGRADES[n] takes a database of version n to n + 1, so a profile at any
// earlier version is brought up step by step (test/history-upgrade.test.ts starts from each one).
import { openDB, unwrap } from 'idb';
import { isActive, type CaseRecord } from '../../shared/case';
import { migrateCaseForReports } from '../../shared/reports/migrate';
import type { RollupRow } from '../../shared/reports/rollup';
import { ALL_STORES, type Db, type HistoryDb, type UpgradeTx } from './history-schema';
import { applyToRollups, fillRollups, keepRollupCache, localZoneName, rollupCache, rollupWrites, ROLLUP_STORE } from './rollups';
import { putOffSnapshot, readRows, snapshotSoon } from './rollup-snapshot';
import { ALL_DAYS, DAYS_STORE, markStaleDays, settleDays, settleInBackground, STALE_STORE } from './report-days';
import { HISTORY_DB } from '../../shared/reports/day-copy';

export const DB_NAME = HISTORY_DB;
/** The index on `createdAt` (schema version 2). */
export const CREATED_INDEX = 'byCreated';

type Upgrade = (db: Db, tx: UpgradeTx) => void | Promise<void>;

const UPGRADES: Upgrade[] = [
  // 0 → 1: the lifecycle's store.
  (db) => {
    const s = db.createObjectStore('cases', { keyPath: 'id' });
    s.createIndex('byTicket', 'ticketKey');
    s.createIndex('byState', 'state');
  },
  // 1 → 2: what reports filter and sort on (date ranges, technician, help desk).
  (_db, tx) => {
    const s = tx.objectStore('cases');
    s.createIndex('byRequested', 'requestedAt');
    s.createIndex('byCreated', 'createdAt');
    s.createIndex('byClosed', 'closedAt');
    s.createIndex('byTechnician', 'technician');
    s.createIndex('byOrigin', 'ticket.origin');
  },
  // 2 → 3: what reports read, filled in on records written before them (technician, end of
  // expired cases); a record keeps every field it had.
  async (_db, tx) => {
    for (let cursor = await tx.objectStore('cases').openCursor(); cursor; cursor = await cursor.continue()) {
      const next = migrateCaseForReports(cursor.value);
      if (next !== cursor.value) await cursor.update(next);
    }
  },
  // 3 → 4: the reports' daily roll-ups (issue 18), built from every record, days local to the
  // worker's time zone.
  async (db, tx) => {
    db.createObjectStore(ROLLUP_STORE, { keyPath: 'key' }).createIndex('byDay', 'day');
    await fillRollups(tx, localZoneName());
  },
  // 4 → 5: the reports' per-day copy of the ended cases (report-days.ts), every day marked stale:
  // the first reader fills it, not the upgrade.
  async (db) => {
    db.createObjectStore(DAYS_STORE, { keyPath: 'day' });
    await db.createObjectStore(STALE_STORE, { keyPath: 'day' }).put({ day: ALL_DAYS });
  },
];

export const DB_VERSION = UPGRADES.length;

let dbp: Promise<Db> | undefined;
let upgradedFrom: number | undefined;

/** The version this worker's open upgraded the database from (0: created); undefined: no upgrade ran. */
export const historyUpgradedFrom = (): number | undefined => upgradedFrom;

export function db(): Promise<Db> {
  dbp ??= openDB<HistoryDb>(DB_NAME, DB_VERSION, {
    async upgrade(d, oldVersion, _newVersion, tx) {
      upgradedFrom = oldVersion;
      for (let v = oldVersion; v < DB_VERSION; v++) await UPGRADES[v]!(d, tx);
      if (oldVersion > 0) settleSoon(); // the reports' per-day copy (4 → 5) is filled in the background, not by the upgrade
    },
    // A newer version of the extension wants to upgrade: let it, and reopen on next use.
    blocking() {
      void dbp?.then((d) => d.close());
      dbp = undefined;
    },
  });
  return dbp;
}

/** Moves at the start and at the end of every write to the records (what was answered from them
 *  before it, or while it ran, is not the history's any more: reports/answers.ts). */
let writes = 0;
export const historyWrites = (): number => writes;

async function writing<T>(write: () => Promise<T>): Promise<T> {
  writes++;
  try {
    return await write();
  } finally {
    writes++;
    if (rollupCache()) snapshotSoon(db); // the roll-ups' snapshot follows the rows in memory
  }
}

/** Writes a record, and its change to the reports' roll-ups in the same transaction. */
export function putCase(rec: CaseRecord): Promise<CaseRecord> {
  return writing(async () => {
    const next = { ...rec, updatedAt: new Date().toISOString() };
    const tx = (await db()).transaction([...ALL_STORES], 'readwrite');
    const cur = await tx.objectStore('cases').get(next.id);
    void tx.objectStore('cases').put(next);
    markStaleDays(tx, [[cur, next]]);
    await applyToRollups(tx, [[cur, next]]);
    await tx.done;
    return next;
  });
}

export async function getCase(id: string): Promise<CaseRecord | undefined> {
  return (await db()).get('cases', id);
}

/** Cases of a ticket, newest first. */
export async function casesOfTicket(ticketKey: string): Promise<CaseRecord[]> {
  const all = await (await db()).getAllFromIndex('cases', 'byTicket', ticketKey);
  return all.sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

export async function activeCaseOf(ticketKey: string): Promise<CaseRecord | undefined> {
  return (await casesOfTicket(ticketKey)).find((c) => isActive(c.state));
}

export async function activeCases(): Promise<CaseRecord[]> {
  const d = await db();
  const lists = await Promise.all(['creating', 'open', 'closing'].map((s) => d.getAllFromIndex('cases', 'byState', s)));
  return lists.flat();
}

export async function allCases(): Promise<CaseRecord[]> {
  return (await db()).getAll('cases');
}

/** Up to `limit` cases after case id `after`, in id order (a page of the history export). */
export async function casesPage(after: string | undefined, limit: number): Promise<CaseRecord[]> {
  return (await db()).getAll('cases', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), limit);
}

// ---- For reports: a scan without an array of everything, and a batch update ----

const SCAN_BATCH = 500;

/**
 * Visits cases without building an array of them all: those within `range` of `index` when the
 * store has that index (e.g. byCreated; a cursor), else every case (getAll in batches of 500 by
 * primary key: far fewer round trips than a cursor step per record). Plain IndexedDB callbacks,
 * not idb's promise per step: this is the reports' hot loop. Resolves with how it read.
 */
export async function scanCases(visit: (rec: CaseRecord) => void, opts: { index?: string; range?: IDBKeyRange } = {}): Promise<'index' | 'store'> {
  const raw = unwrap(await db()) as IDBDatabase;
  return new Promise((resolve, reject) => {
    const tx = raw.transaction('cases', 'readonly');
    const store = tx.objectStore('cases');
    const byIndex = !!opts.index && store.indexNames.contains(opts.index);
    const fail = (e: unknown) => {
      reject(e);
      tx.abort();
    };
    if (byIndex) {
      const req = store.index(opts.index!).openCursor(opts.range);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return;
        try {
          visit(cursor.value as CaseRecord);
        } catch (e) {
          return fail(e);
        }
        cursor.continue();
      };
    } else {
      const next = (after?: string) => {
        const req = store.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), SCAN_BATCH);
        req.onsuccess = () => {
          const batch = req.result as CaseRecord[];
          try {
            for (const rec of batch) visit(rec);
          } catch (e) {
            return fail(e);
          }
          if (batch.length === SCAN_BATCH) next(batch[batch.length - 1]!.id);
        };
      };
      next();
    }
    tx.oncomplete = () => resolve(byIndex ? 'index' : 'store');
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/**
 * Reads and writes several cases in one transaction (so that a lifecycle write cannot fall
 * between the read and the write): `update` gets the stored record and returns the one to store,
 * or undefined to leave it. Returns the ids written.
 */
export function updateCases(ids: readonly string[], update: (id: string, cur: CaseRecord | undefined) => CaseRecord | undefined): Promise<string[]> {
  return writing(async () => {
    const tx = (await db()).transaction([...ALL_STORES], 'readwrite');
    const cases = tx.objectStore('cases');
    const written: string[] = [];
    const changes: [CaseRecord | undefined, CaseRecord][] = [];
    const now = new Date().toISOString();
    // Every read asked at once and every write queued without waiting for each (one transaction keeps
    // their order): a chunk of 2 000 imported records costs one round of requests, not 4 000 in turn.
    const current = await Promise.all(ids.map((id) => cases.get(id)));
    ids.forEach((id, i) => {
      const next = update(id, current[i]);
      if (next) {
        const rec = { ...next, updatedAt: now };
        void cases.put(rec);
        changes.push([current[i], rec]);
        written.push(id);
      }
    });
    const staleDays = markStaleDays(tx, changes);
    await applyToRollups(tx, changes); // the reports' figures move with the records, in the same transaction
    await tx.done;
    if (staleDays >= BULK_DAYS) settleSoon();
    // An import or a sync: the roll-ups are read into memory now (once; later writes patch them),
    // so that the reports page opened after it does not wait for them.
    if (written.length >= WARM_AFTER_WRITES && !rollupCache()) void readAllRollups().catch(() => undefined);
    return written;
  });
}

// ---- The reports' per-day copy of the ended cases (report-days.ts) ----

/** A write that marks this many days stale is a bulk one (an import or sync chunk): the copy is
 *  settled in the background once the writes pause, so that the next CSV finds it ready. */
const BULK_DAYS = 8;
/** A write of this many records is part of an import or a sync. */
const WARM_AFTER_WRITES = 100;
const SETTLE_AFTER_MS = 3000;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
function settleSoon(): void {
  clearTimeout(settleTimer);
  // On this connection only: one closed meanwhile (an upgrade by a newer version) is not reopened.
  settleTimer = setTimeout(() => void dbp?.then((d) => settleInBackground(d)).catch(() => undefined), SETTLE_AFTER_MS);
}

/** Every day of the reports' copy rebuilt from the records (a bench that wrote records around the store). */
export function rebuildReportDays(): Promise<void> {
  return writing(async () => {
    const d = await db();
    await d.put(STALE_STORE, { day: ALL_DAYS });
    await settleDays(d);
  });
}

// ---- The reports' roll-ups (rollups.ts) ----

/**
 * Every roll-up row and the zone of their days. Kept in the worker's memory once read (rollups.ts:
 * patched by every committed write, dropped by a rebuild), so that a filter change reads no row.
 */
export async function readAllRollups(): Promise<{ zone?: string; rows: RollupRow[] }> {
  const cached = rollupCache();
  putOffSnapshot();
  if (cached) return { ...(cached.zone !== undefined ? { zone: cached.zone } : {}), rows: [...cached.rows.values()] };
  // Queries that come together (the page's figures and its list) share one read.
  const at = rollupWrites();
  if (rowsRead?.at !== at) rowsRead = { at, read: readRollupsFromDb(at).finally(() => (rowsRead = undefined)) };
  return rowsRead.read;
}

let rowsRead: { at: number; read: Promise<{ zone?: string; rows: RollupRow[] }> } | undefined;

async function readRollupsFromDb(at: number): Promise<{ zone?: string; rows: RollupRow[] }> {
  const { zone, version, rows, fromSnapshot } = await readRows(await db());
  keepRollupCache({ ...(zone !== undefined ? { zone } : {}), version, rows: new Map(rows.map((r) => [r.key, r])) }, at);
  if (!fromSnapshot) snapshotSoon(db);
  return { ...(zone !== undefined ? { zone } : {}), rows };
}

/** Rebuilds the roll-ups with days local to `zone` (one transaction: writes wait for it). */
export function rebuildRollups(zone: string): Promise<number> {
  return writing(async () => {
    const tx = (await db()).transaction([...ALL_STORES], 'readwrite');
    await tx.objectStore('rollups').clear();
    const n = await fillRollups(tx, zone);
    await tx.done;
    return n;
  });
}
