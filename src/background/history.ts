// Every case and its outcome, in the extension's IndexedDB (invisible to content scripts).
// Records are only ever updated, never deleted: history must not lose an entry.
import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import { isActive, type CaseRecord } from '../shared/case';

interface HistoryDb extends DBSchema {
  cases: { key: string; value: CaseRecord; indexes: { byTicket: string; byState: string } };
}

let dbp: Promise<IDBPDatabase<HistoryDb>> | undefined;

function db() {
  dbp ??= openDB<HistoryDb>('tv4boss', 1, {
    upgrade(d) {
      const s = d.createObjectStore('cases', { keyPath: 'id' });
      s.createIndex('byTicket', 'ticketKey');
      s.createIndex('byState', 'state');
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

// ---- Reports (issue 10): a scan without an array of everything, and a batch update; no schema change ----

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
export async function updateCases(ids: readonly string[], update: (id: string, cur: CaseRecord | undefined) => CaseRecord | undefined): Promise<string[]> {
  const tx = (await db()).transaction('cases', 'readwrite');
  const written: string[] = [];
  const now = new Date().toISOString();
  for (const id of ids) {
    const next = update(id, await tx.store.get(id));
    if (next) {
      await tx.store.put({ ...next, updatedAt: now });
      written.push(id);
    }
  }
  await tx.done;
  return written;
}
