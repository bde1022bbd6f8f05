// The history database's schema (types only), shared by the store (history.ts) and the reports'
// roll-ups kept in it (rollups.ts).
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { CaseRecord } from '../../shared/case';
import type { RollupRow } from '../../shared/reports/rollup';

export type IndexName = 'byTicket' | 'byState' | 'byRequested' | 'byCreated' | 'byClosed' | 'byTechnician' | 'byOrigin';

/** The zone the roll-ups' days are local to (the one record of the store without a day). */
export interface RollupZone { key: typeof ROLLUP_ZONE_KEY; zone: string }
export const ROLLUP_ZONE_KEY = '~zone';

export interface HistoryDb extends DBSchema {
  cases: { key: string; value: CaseRecord; indexes: Record<IndexName, string> };
  /** Daily roll-ups per (local day, technician): see shared/reports/rollup.ts. */
  rollups: { key: string; value: RollupRow | RollupZone; indexes: { byDay: number } };
}

export type Db = IDBPDatabase<HistoryDb>;
export type UpgradeTx = IDBPTransaction<HistoryDb, ('cases' | 'rollups')[], 'versionchange'>;
export type WriteTx = IDBPTransaction<HistoryDb, ('cases' | 'rollups')[], 'readwrite' | 'versionchange'>;
