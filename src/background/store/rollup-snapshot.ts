// Every roll-up row in one record (issue 18): a worker that starts (Chrome stops it after 30 s
// idle) reads one string and parses it, instead of a record per (day, technician) row: ~2 200 rows
// for 100 000 cases took 200–330 ms to read, with the page waiting for its figures. The rows stay
// the truth: the snapshot is used only when it is of the rows' current version (the zone record's,
// bumped in every transaction that writes a row), and written again from the worker's memory a
// moment after the rows change.
import type { IDBPObjectStore } from 'idb';
import type { RollupRow } from '../../shared/reports/rollup';
import { ROLLUP_SNAPSHOT_KEY, ROLLUP_ZONE_KEY, type Db, type HistoryDb, type RollupSnapshot } from './history-schema';
import { isRow, isZone, rollupCache, versionOf } from './rollups';

type RollupStore = IDBPObjectStore<HistoryDb, ['rollups'], 'rollups', 'readonly' | 'readwrite'>;

/** The roll-ups' zone and version (their zone record) and the snapshot, read together. */
async function stateOf(store: RollupStore): Promise<{ zone?: string; version: number; snap?: RollupSnapshot }> {
  const [meta, snap] = await Promise.all([store.get(ROLLUP_ZONE_KEY), store.get(ROLLUP_SNAPSHOT_KEY) as Promise<RollupSnapshot | undefined>]);
  return { ...(isZone(meta) ? { zone: meta.zone } : {}), version: versionOf(meta), ...(snap ? { snap } : {}) };
}

/** The snapshot holds the rows of this zone and version. */
const isOf = (snap: RollupSnapshot | undefined, zone: string | undefined, version: number): snap is RollupSnapshot =>
  !!snap && zone !== undefined && version > 0 && snap.zone === zone && snap.version === version;

/** Rows read: from the snapshot when it is current, else from every row record. */
export interface RowsRead { zone?: string; version: number; rows: RollupRow[]; fromSnapshot: boolean }

export async function readRows(d: Db): Promise<RowsRead> {
  const tx = d.transaction('rollups', 'readonly');
  const { zone, version, snap } = await stateOf(tx.store);
  let rows: RollupRow[] | undefined;
  if (isOf(snap, zone, version)) {
    try {
      rows = JSON.parse(snap.rows) as RollupRow[];
    } catch {
      rows = undefined; // a damaged snapshot: the rows themselves
    }
  }
  const fromSnapshot = !!rows;
  // The rows are the records with a day (the index leaves the zone and the snapshot out).
  rows ??= (await tx.store.index('byDay').getAll()).filter(isRow);
  await tx.done;
  return { ...(zone !== undefined ? { zone } : {}), version, rows, fromSnapshot };
}

/** After the rows changed: how long the worker waits for more changes before writing the snapshot. */
export const SNAPSHOT_AFTER_MS = 5000;
let timer: ReturnType<typeof setTimeout> | undefined;

let pending: (() => Promise<Db>) | undefined;

/** Writes the snapshot from the rows in memory a moment from now (writes meanwhile put it off). */
export function snapshotSoon(d: () => Promise<Db>): void {
  pending = d;
  clearTimeout(timer);
  timer = setTimeout(() => {
    pending = undefined;
    void d().then(writeSnapshot).catch(() => undefined);
  }, SNAPSHOT_AFTER_MS);
}

/** A report is being answered: a snapshot due is put off (its JSON of every row would hold the
 *  worker's thread for tens of ms while a technician clicks through the filters). */
export function putOffSnapshot(): void {
  if (pending) snapshotSoon(pending);
}

/** The snapshot of the rows in memory, when they are the database's current version. */
export async function writeSnapshot(d: Db): Promise<boolean> {
  const cache = rollupCache();
  if (!cache || cache.zone === undefined || cache.version === 0) return false;
  const tx = d.transaction('rollups', 'readwrite');
  const { zone, version, snap } = await stateOf(tx.store);
  const due = zone === cache.zone && version === cache.version && !isOf(snap, zone, version);
  if (due) await tx.store.put({ key: ROLLUP_SNAPSHOT_KEY, zone: cache.zone, version: cache.version, rows: JSON.stringify([...cache.rows.values()]) });
  await tx.done;
  return due;
}
