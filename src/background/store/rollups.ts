// The reports' daily roll-ups in the history database (rows: shared/reports/rollup.ts). Kept up to
// date in the same transaction as every record write (the lifecycle, a sync, an import), built
// from every record by the schema upgrade that adds them, and rebuilt when the page's time zone
// is not the one their days are local to.
import type { CaseRecord } from '../../shared/case';
import { toReportCaseTimed } from '../../shared/reports/report-case';
import { applyContribution, buildRows, contributionOf, emptyRow, sameContribution, type Contribution, type RollupRow } from '../../shared/reports/rollup';
import { dayKeyer, ianaZone, localZone, localZoneName, type DayZone } from '../../shared/reports/zone';
import { ROLLUP_ZONE_KEY, type RollupSnapshot, type RollupZone, type WriteTx } from './history-schema';

export { ROLLUP_ZONE_KEY };

export const ROLLUP_STORE = 'rollups';
const BATCH = 2000;

export { localZoneName };

export const zoneNamed = (name: string): DayZone => (name && ianaZone(name)) || localZone;

export const isZone = (v: RollupRow | RollupZone | RollupSnapshot | undefined): v is RollupZone => !!v && v.key === ROLLUP_ZONE_KEY;
export const isRow = (v: RollupRow | RollupZone | RollupSnapshot | undefined): v is RollupRow => !!v && 'day' in v;
/** The roll-ups' version in their zone record (0: none yet, or written before versions). */
export const versionOf = (meta: RollupRow | RollupZone | RollupSnapshot | undefined): number => (isZone(meta) ? meta.version ?? 0 : 0);

// ---- The rows in the worker's memory (issue 18: a filter change reads no row from IndexedDB) ----

/** `version`: the roll-ups' version the rows are (the zone record's). */
export interface RollupCache { zone?: string; version: number; rows: Map<string, RollupRow> }
let cache: RollupCache | undefined;
/** Bumped when a write to the roll-ups starts: a read that saw one begin is not kept. */
let writes = 0;
let dropTimer: ReturnType<typeof setTimeout> | undefined;
/** Rows not used for this long leave the memory (the worker stays light between reports). */
export const ROLLUP_CACHE_MS = 5 * 60_000;

function touch(): void {
  clearTimeout(dropTimer);
  dropTimer = setTimeout(() => (cache = undefined), ROLLUP_CACHE_MS);
}

/** The rows as the database has them after every committed write, when read before. */
export function rollupCache(): RollupCache | undefined {
  if (cache) touch();
  return cache;
}

export const rollupWrites = (): number => writes;

/** Keeps rows read from the database, unless a write began since `writesAtRead`. */
export function keepRollupCache(c: RollupCache, writesAtRead: number): void {
  if (writesAtRead !== writes) return;
  cache = c;
  touch();
}

/** Once `tx` commits, its rows (n 0: deleted) are what the database has at `version`: so does the
 *  memory, when it had the version before (else it is dropped: the next read is from the database). */
function patchOnCommit(tx: WriteTx, rows: Iterable<RollupRow>, zone: string, version: number): void {
  writes++;
  const changed = [...rows];
  tx.done.then(() => {
    if (!cache) return;
    if (cache.version !== version - 1) return void (cache = undefined);
    for (const row of changed) {
      if (row.n > 0) cache.rows.set(row.key, row);
      else cache.rows.delete(row.key);
    }
    cache.zone = zone;
    cache.version = version;
  }, () => (cache = undefined));
}

function contributionOfRecord(rec: CaseRecord | undefined, dayOf: (ms: number) => number): Contribution | undefined {
  const x = rec && toReportCaseTimed(rec);
  return x ? contributionOf(x.c, dayOf(x.t)) : undefined;
}

/** Fills the (empty) roll-up store from every record, with days local to `zone`. */
export async function fillRollups(tx: WriteTx, zone: string): Promise<number> {
  writes++;
  cache = undefined;
  const dayOf = dayKeyer(zoneNamed(zone));
  const cases = tx.objectStore('cases');
  const contributions: Contribution[] = [];
  for (let after: string | undefined, batch: CaseRecord[] = []; ; ) {
    batch = await cases.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), BATCH);
    for (const rec of batch) {
      const c = contributionOfRecord(rec, dayOf);
      if (c) contributions.push(c);
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  const store = tx.objectStore('rollups');
  const rows = buildRows(contributions);
  for (const row of rows.values()) void store.put(row);
  await store.put({ key: ROLLUP_ZONE_KEY, zone, version: 1 });
  return rows.size;
}

/**
 * Brings the roll-ups in line with record writes of this transaction: [stored before, written]
 * for each. Only rows whose figures change are read and written.
 */
export async function applyToRollups(tx: WriteTx, changes: readonly (readonly [CaseRecord | undefined, CaseRecord])[]): Promise<void> {
  const store = tx.objectStore('rollups');
  const meta = await store.get(ROLLUP_ZONE_KEY);
  const dayOf = dayKeyer(zoneNamed(isZone(meta) ? meta.zone : localZoneName()));
  const deltas: [Contribution, 1 | -1][] = [];
  for (const [before, after] of changes) {
    const a = contributionOfRecord(before, dayOf);
    const b = contributionOfRecord(after, dayOf);
    if (sameContribution(a, b)) continue;
    if (a) deltas.push([a, -1]);
    if (b) deltas.push([b, 1]);
  }
  if (!deltas.length) return;
  const keys = [...new Set(deltas.map(([c]) => c.key))];
  const got = await Promise.all(keys.map((k) => store.get(k)));
  const rows = new Map<string, RollupRow>();
  keys.forEach((k, i) => {
    const r = got[i];
    if (isRow(r)) rows.set(k, r);
  });
  for (const [c, sign] of deltas) {
    let row = rows.get(c.key);
    if (!row) rows.set(c.key, (row = emptyRow(c.day, c.tech)));
    applyContribution(row, c, sign);
  }
  for (const row of rows.values()) void (row.n > 0 ? store.put(row) : store.delete(row.key));
  const zone = isZone(meta) ? meta.zone : localZoneName();
  const version = versionOf(meta) + 1;
  void store.put({ key: ROLLUP_ZONE_KEY, zone, version });
  patchOnCommit(tx, rows.values(), zone, version);
}
