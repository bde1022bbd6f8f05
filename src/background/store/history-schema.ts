// The history database's schema (types only), shared by the store (history.ts) and the reports'
// roll-ups kept in it (rollups.ts).
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CaseRecord } from '../../shared/case';
import type { RollupRow } from '../../shared/reports/rollup';
import type { ReportCase } from '../../shared/reports/types';

export type IndexName = 'byTicket' | 'byState' | 'byRequested' | 'byCreated' | 'byClosed' | 'byTechnician' | 'byOrigin';

/** The zone the roll-ups' days are local to, and their version: bumped by every write to the rows
 *  (absent before the snapshot came). */
export interface RollupZone { key: typeof ROLLUP_ZONE_KEY; zone: string; version?: number }
export const ROLLUP_ZONE_KEY = '~zone';
/** Every row in one string as of the roll-ups' `version` (rollup-snapshot.ts): a worker that starts
 *  reads one record instead of thousands. Like the zone, a record of the store without a day. */
export interface RollupSnapshot { key: typeof ROLLUP_SNAPSHOT_KEY; zone: string; version: number; rows: string }
export const ROLLUP_SNAPSHOT_KEY = '~snapshot';

export interface HistoryDb extends DBSchema {
  cases: { key: string; value: CaseRecord; indexes: Record<IndexName, string> };
  /** Daily roll-ups per (local day, technician): see shared/reports/rollup.ts. */
  rollups: { key: string; value: RollupRow | RollupZone | RollupSnapshot; indexes: { byDay: number } };
  /** The reports' cases of one UTC day, newest first: see report-days.ts. */
  reportDays: { key: number; value: { day: number; cases: ReportCase[] } };
  /** Days whose reportDays record is behind the records ('all': every day). */
  reportStale: { key: number | 'all'; value: { day: number | 'all' } };
}

export type Db = IDBPDatabase<HistoryDb>;
/** Every store: a record write's transaction spans them all (the records and what reports keep of them). */
export const ALL_STORES = ['cases', 'rollups', 'reportDays', 'reportStale'] as const satisfies readonly StoreNames<HistoryDb>[];
export type UpgradeTx = IDBPTransaction<HistoryDb, StoreNames<HistoryDb>[], 'versionchange'>;
export type WriteTx = IDBPTransaction<HistoryDb, StoreNames<HistoryDb>[], 'readwrite' | 'versionchange'>;
