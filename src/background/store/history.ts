// Every case and its outcome, in the extension's IndexedDB (invisible to content scripts).
// Records are only ever updated, never deleted: history must not lose an entry.
//
// The schema is versioned: UPGRADES[n] takes a database of version n to n + 1, so a profile at any
// earlier version is brought up step by step (test/history-upgrade.test.ts starts from each one).
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { isActive, type CaseRecord } from '../../shared/case';

export const DB_NAME = 'tv4boss';

type IndexName = 'byTicket' | 'byState' | 'byRequested' | 'byCreated' | 'byClosed' | 'byTechnician' | 'byOrigin';

interface HistoryDb extends DBSchema {
  cases: { key: string; value: CaseRecord; indexes: Record<IndexName, string> };
}

type Db = IDBPDatabase<HistoryDb>;
type UpgradeTx = IDBPTransaction<HistoryDb, 'cases'[], 'versionchange'>;
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

export async function putCase(rec: CaseRecord): Promise<CaseRecord> {
  const next = { ...rec, updatedAt: new Date().toISOString() };
  await (await db()).put('cases', next);
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
