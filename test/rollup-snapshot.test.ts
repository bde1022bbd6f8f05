// The roll-ups' snapshot (issue 18): a worker that starts reads every row from one record, but only
// while it is of the rows' current version; the rows stay the truth.
import { describe, expect, it, vi } from 'vitest';
import { record } from './helpers/report-cases';
import { freshHistoryEachTest } from './helpers/worker-state';

freshHistoryEachTest();

/** A worker's modules, as after a start (vi.resetModules: nothing in memory; the database stays). */
async function start() {
  vi.resetModules();
  const history = await import('../src/background/store/history');
  const snapshot = await import('../src/background/store/rollup-snapshot');
  const query = await import('../src/background/reports/query');
  const schema = await import('../src/background/store/history-schema');
  return { ...history, ...snapshot, ...query, schema };
}

const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe('the roll-ups\' snapshot', () => {
  it('a worker that starts reads the rows from it, the same rows and figures as from the rows themselves', async () => {
    let w = await start();
    await w.updateCases(['a', 'b', 'c'], (id) => record({ id, technician: `T-${id}`, fields: { technician: `T-${id}` } }));
    await w.putCase(record({ id: 'd', createdAt: '2025-10-02T08:00:00Z', closedAt: '2025-10-02T08:30:00Z' }));
    const fromRows = await w.readRows(await w.db());
    expect(fromRows.fromSnapshot).toBe(false);
    const figures = await w.runReport({ tz: 'UTC' }, 10);
    await w.readAllRollups();
    expect(await w.writeSnapshot(await w.db())).toBe(true);
    expect(await w.writeSnapshot(await w.db())).toBe(false); // already of this version

    w = await start();
    const read = await w.readRows(await w.db());
    expect(read.fromSnapshot).toBe(true);
    expect(byKey(read.rows)).toEqual(byKey(fromRows.rows));
    expect(await w.runReport({ tz: 'UTC' }, 10)).toEqual(figures);
  });

  it('is not used once a row was written after it, nor when damaged; the memory behind the database writes none', async () => {
    let w = await start();
    await w.putCase(record({ id: 'a' }));
    await w.readAllRollups();
    expect(await w.writeSnapshot(await w.db())).toBe(true);

    w = await start();
    await w.putCase(record({ id: 'b' })); // the rows move on; the snapshot stays behind
    w = await start();
    expect((await w.readRows(await w.db())).fromSnapshot).toBe(false);
    expect((await w.runReport({}, 0)).summary.sessions).toBe(2);

    // Current version, unreadable text: the rows themselves.
    await w.readAllRollups();
    expect(await w.writeSnapshot(await w.db())).toBe(true);
    const snap = await (await w.db()).get('rollups', w.schema.ROLLUP_SNAPSHOT_KEY);
    await (await w.db()).put('rollups', { ...snap!, rows: '[{"key":' } as never);
    w = await start();
    const read = await w.readRows(await w.db());
    expect(read.fromSnapshot).toBe(false);
    expect(read.rows.reduce((n, r) => n + r.n, 0)).toBe(2);

    // Rows in memory, then a write by another connection (the memory is behind): no snapshot of them.
    await w.readAllRollups();
    const other = await start();
    await other.putCase(record({ id: 'c' }));
    expect(await w.writeSnapshot(await w.db())).toBe(false);
  });
});
