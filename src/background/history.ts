// Every case and its outcome, in the extension's IndexedDB (invisible to content scripts).
// Records are only ever updated, never deleted: history must not lose an entry.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
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
