// Every case and its outcome, in the extension's IndexedDB (invisible to content scripts).
// Records are only ever updated, never deleted: history must not lose an entry.
//
// The schema is versioned: UPGRADES[n] takes a database of version n to n + 1, so a profile at any
// earlier version is brought up step by step (test/history-upgrade.test.ts starts from each one).
import { openDB, unwrap } from 'idb';
import { isActive, type CaseRecord } from '../../shared/case';
import { migrateCaseForReports } from '../../shared/reports/migrate';
import type { RollupRow } from '../../shared/reports/rollup';
import type { Db, HistoryDb, UpgradeTx } from './history-schema';
import { applyToRollups, fillRollups, isZone, keepRollupCache, localZoneName, rollupCache, rollupWrites, ROLLUP_STORE, ROLLUP_ZONE_KEY } from './rollups';

export const DB_NAME = 'tv4boss';
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
    },
    // A newer version of the extension wants to upgrade: let it, and reopen on next use.
    blocking() {
      void dbp?.then((d) => d.close());
      dbp = undefined;
    },
  });
  return dbp;
}

/** Writes a record, and its change to the reports' roll-ups in the same transaction. */
export async function putCase(rec: CaseRecord): Promise<CaseRecord> {
  const next = { ...rec, updatedAt: new Date().toISOString() };
  const tx = (await db()).transaction(['cases', 'rollups'], 'readwrite');
  const cur = await tx.objectStore('cases').get(next.id);
  void tx.objectStore('cases').put(next);
  await applyToRollups(tx, [[cur, next]]);
  await tx.done;
  return next;
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

interface IndexRecord { key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }
/** IndexedDB 3.0's getAllRecords (Chrome 141+): a page of records in either direction, one request. */
type IndexWithRecords = IDBIndex & {
  getAllRecords?(o: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }): IDBRequest<IndexRecord[]>;
};

const done = <T>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/**
 * Up to `count` records created within `range` (byCreated), newest first (createdAt, then id,
 * descending: the reports' list order), after `after` ([createdAt, id] of the last one of the
 * page before). getAllRecords where the browser has it (one request a page), else a cursor.
 */
export async function casesNewestFirst(range: IDBKeyRange | undefined, after: readonly [string, string] | undefined, count: number): Promise<{ records: CaseRecord[]; more: boolean }> {
  let query: IDBKeyRange | undefined = range;
  if (after) {
    const lower = range?.lower as string | undefined;
    if (lower !== undefined && (lower > after[0] || (lower === after[0] && range!.lowerOpen))) return { records: [], more: false };
    query = lower !== undefined ? IDBKeyRange.bound(lower, after[0], range!.lowerOpen, false) : IDBKeyRange.upperBound(after[0]);
  }
  const before = (key: IDBValidKey, id: IDBValidKey) => !after || (key as string) < after[0] || (key === after[0] && (id as string) < after[1]);
  const index = (unwrap(await db()) as IDBDatabase).transaction('cases', 'readonly').objectStore('cases').index(CREATED_INDEX) as IndexWithRecords;
  if (index.getAllRecords) {
    // The records of `after`'s own second that were on the page before come first: asked for too.
    for (let extra = 0; ;) {
      const recs = await done(index.getAllRecords({ query: query ?? null, count: count + extra, direction: 'prev' }));
      const kept = recs.filter((r) => before(r.key, r.primaryKey));
      const skipped = recs.length - kept.length;
      const more = recs.length === count + extra;
      if (kept.length >= count || !more || skipped <= extra) return { records: kept.slice(0, count).map((r) => r.value as CaseRecord), more };
      extra = skipped;
    }
  }
  return new Promise((resolve, reject) => {
    const records: CaseRecord[] = [];
    const req = index.openCursor(query ?? null, 'prev');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const c = req.result;
      if (!c) return resolve({ records, more: false });
      if (before(c.key, c.primaryKey)) records.push(c.value as CaseRecord);
      if (records.length === count) return resolve({ records, more: true });
      c.continue();
    };
  });
}

/**
 * Reads and writes several cases in one transaction (so that a lifecycle write cannot fall
 * between the read and the write): `update` gets the stored record and returns the one to store,
 * or undefined to leave it. Returns the ids written.
 */
export async function updateCases(ids: readonly string[], update: (id: string, cur: CaseRecord | undefined) => CaseRecord | undefined): Promise<string[]> {
  const tx = (await db()).transaction(['cases', 'rollups'], 'readwrite');
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
  await applyToRollups(tx, changes); // the reports' figures move with the records, in the same transaction
  await tx.done;
  return written;
}

// ---- The reports' roll-ups (rollups.ts) ----

/**
 * Every roll-up row and the zone of their days. Kept in the worker's memory once read (rollups.ts:
 * patched by every committed write, dropped by a rebuild), so that a filter change reads no row.
 */
export async function readAllRollups(): Promise<{ zone?: string; rows: RollupRow[] }> {
  const cached = rollupCache();
  if (cached) return { ...(cached.zone !== undefined ? { zone: cached.zone } : {}), rows: [...cached.rows.values()] };
  // Queries that come together (the page's figures and its list) share one read.
  const at = rollupWrites();
  if (rowsRead?.at !== at) rowsRead = { at, read: readRollupsFromDb(at).finally(() => (rowsRead = undefined)) };
  return rowsRead.read;
}

let rowsRead: { at: number; read: Promise<{ zone?: string; rows: RollupRow[] }> } | undefined;

async function readRollupsFromDb(at: number): Promise<{ zone?: string; rows: RollupRow[] }> {
  const tx = (await db()).transaction('rollups', 'readonly');
  const [meta, all] = await Promise.all([tx.store.get(ROLLUP_ZONE_KEY), tx.store.getAll()]);
  await tx.done;
  const zone = isZone(meta) ? meta.zone : undefined;
  const rows = all.filter((r): r is RollupRow => !isZone(r));
  keepRollupCache({ ...(zone !== undefined ? { zone } : {}), rows: new Map(rows.map((r) => [r.key, r])) }, at);
  return { ...(zone !== undefined ? { zone } : {}), rows };
}

/**
 * The records created within `range` (the byCreated index): all of them, or, with `techs`, only
 * those whose `technician` is one of them: their ids from the byTechnician index, then only those
 * records read (a technician's newest cases without reading every colleague's).
 */
export async function casesCreatedIn(range: IDBKeyRange | undefined, techs?: readonly string[]): Promise<CaseRecord[]> {
  const tx = (await db()).transaction('cases', 'readonly');
  const byCreated = tx.store.index('byCreated');
  if (!techs) {
    const all = await byCreated.getAll(range);
    await tx.done;
    return all;
  }
  const [ids, mine] = await Promise.all([byCreated.getAllKeys(range), Promise.all(techs.map((t) => tx.store.index('byTechnician').getAllKeys(t)))]);
  const wanted = new Set(mine.flat());
  const recs = await Promise.all(ids.filter((id) => wanted.has(id)).map((id) => tx.store.get(id)));
  await tx.done;
  return recs.filter((r): r is CaseRecord => !!r);
}

/** Rebuilds the roll-ups with days local to `zone` (one transaction: writes wait for it). */
export async function rebuildRollups(zone: string): Promise<number> {
  const tx = (await db()).transaction(['cases', 'rollups'], 'readwrite');
  await tx.objectStore('rollups').clear();
  const n = await fillRollups(tx, zone);
  await tx.done;
  return n;
}
