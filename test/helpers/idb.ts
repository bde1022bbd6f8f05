// history.ts keeps its IndexedDB connection open for the worker's life, and a delete waits for
// open connections to close: remember every connection so that the database can be deleted
// between tests.
import { vi } from 'vitest';

const connections: IDBDatabase[] = [];
const realOpen = indexedDB.open.bind(indexedDB);
vi.spyOn(indexedDB, 'open').mockImplementation((name: string, version?: number) => {
  const req = realOpen(name, version);
  req.addEventListener('success', () => connections.push(req.result));
  return req;
});

export async function deleteDb(name: string): Promise<void> {
  for (const c of connections.splice(0)) c.close();
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}
