// A history database as 0.1.0 wrote it (version 1: src/background/history.ts at commit 8f4bfae),
// for the upgrade tests.
import { openDB } from 'idb';
import type { CaseRecord } from '../../src/shared/case';

export async function writeHistoryV1(records: CaseRecord[]): Promise<void> {
  const db = await openDB('tv4boss', 1, {
    upgrade(d) {
      const s = d.createObjectStore('cases', { keyPath: 'id' });
      s.createIndex('byTicket', 'ticketKey');
      s.createIndex('byState', 'state');
    },
  });
  for (const r of records) await db.put('cases', r);
  db.close();
}
