// Daily roll-ups (issue 18 §3): for random histories and random filters, the figures from the
// roll-ups equal the full scan's (aggregate.ts is the oracle), after records change too; and the
// worker keeps them in step with every write (lifecycle, sync/import batches) in IndexedDB.
import { describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../src/shared/case';
import { aggregate } from '../src/shared/reports/aggregate';
import { toReportCaseTimed } from '../src/shared/reports/report-case';
import { applyContribution, buildRows, contributionOf, emptyRow, type RollupRow } from '../src/shared/reports/rollup';
import { medianSec, resultFromRollups } from '../src/shared/reports/rollup-result';
import type { ReportCase, ReportFilter } from '../src/shared/reports/types';
import { dayKeyer, dayString, ianaZone } from '../src/shared/reports/zone';
import { randomRecord, rng, SPAN_DAYS, START, ZONES } from './helpers/random-history';
import { expectSameReport } from './helpers/rollup-compare';
import { freshHistoryEachTest } from './helpers/worker-state';

function randomFilter(r: ReturnType<typeof rng>, tz: string): ReportFilter {
  const day = () => dayString(Math.floor(START / 86_400_000) - 2 + r.int(SPAN_DAYS + 4));
  const f: ReportFilter = { tz };
  if (r.next() < 0.7) f.from = day();
  if (r.next() < 0.7) f.to = day();
  if (r.next() < 0.5) f.technicians = ['Ana', 'Luis', 'Marta Gómez', '', 'Nobody'].filter(() => r.next() < 0.4);
  return f;
}

const reportCases = (recs: Iterable<CaseRecord>): ReportCase[] => [...recs].flatMap((rec) => {
  const x = toReportCaseTimed(rec);
  return x ? [x.c] : [];
});

describe('roll-ups equal the full scan (property)', () => {
  it('for random filters over random histories, with records changed after the roll-ups were built', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const tz = r.pick(ZONES);
      const zone = ianaZone(tz)!;
      const dayOf = dayKeyer(zone);
      const contribution = (rec: CaseRecord) => {
        const x = toReportCaseTimed(rec);
        return x ? contributionOf(x.c, dayOf(x.t)) : undefined;
      };
      const recs = new Map<string, CaseRecord>();
      for (let i = 0; i < 20 + r.int(300); i++) recs.set(`c${i}`, randomRecord(r, `c${i}`));
      const rows = buildRows([...recs.values()].flatMap((rec) => contribution(rec) ?? []));
      // Then writes as the lifecycle, a sync or an import make them: a record replaced by another
      // version (its old contribution out, the new one in), rows left empty deleted.
      for (let k = 0; k < 60; k++) {
        const id = `c${r.int(recs.size + 10)}`;
        const before = recs.get(id);
        const after = randomRecord(r, id);
        recs.set(id, after);
        for (const [c, sign] of [[before && contribution(before), -1], [contribution(after), 1]] as const) {
          if (!c) continue;
          let row = rows.get(c.key);
          if (!row) rows.set(c.key, (row = emptyRow(c.day, c.tech)));
          applyContribution(row, c, sign);
          if (row.n === 0) rows.delete(c.key);
        }
      }
      for (const row of rows.values()) expect([...row.durMs].sort((a, b) => a - b), 'durations stay sorted').toEqual(row.durMs);
      const cases = reportCases(recs.values());
      for (let q = 0; q < 15; q++) {
        const filter = randomFilter(r, tz);
        const want = aggregate(cases, filter, { limit: 50, zone });
        const got = resultFromRollups(filter, zone, [...rows.values()], want.cases);
        expectSameReport(got, want, `seed ${seed} ${JSON.stringify(filter)}`);
      }
    }
  }, 60_000);

  it('an exact median: an even count averages the two middle durations, to the millisecond', () => {
    const zone = ianaZone('UTC')!;
    const c = (id: string, min: number, ms = 0): ReportCase => ({
      id, code: id, helpdesk: 'https://a.bossdesk.io', createdAt: '2025-11-03T10:00:00Z', outcome: 'closed', durationSec: min * 60 + ms / 1000, technician: id.slice(0, 1),
    });
    const cases = [c('a1', 3), c('b1', 10, 1), c('a2', 7), c('b2', 50)];
    const rows = buildRows(cases.map((x) => contributionOf(x, 20_395)));
    const got = resultFromRollups({}, zone, [...rows.values()] as RollupRow[], []);
    expect(got.summary.medianSec).toBe((7 * 60 + 10 * 60 + 0.001) / 2);
    expect(got.summary.medianSec).toBe(aggregate(cases, {}, { zone }).summary.medianSec);
  });
});

describe('the median by bisection on the value', () => {
  it('equals the middle of every duration merged and sorted, for random rows (ties, one row, empty rows, odd and even counts)', () => {
    const r = rng(5);
    for (let round = 0; round < 300; round++) {
      const rows = Array.from({ length: 1 + r.int(8) }, (_, i) => {
        const row = emptyRow(i, 't');
        row.durMs = Array.from({ length: r.int(6) }, () => (r.next() < 0.3 ? 60_000 : r.int(round % 2 ? 50 : 9_000_000))).sort((a, b) => a - b);
        return row;
      });
      const all = rows.flatMap((x) => x.durMs).sort((a, b) => a - b);
      const n = all.length;
      const want = n ? (n % 2 ? all[(n - 1) / 2]! : (all[n / 2 - 1]! + all[n / 2]!) / 2) / 1000 : undefined;
      expect(medianSec(rows, n), JSON.stringify(all)).toBe(want);
    }
  });
});

describe('the worker keeps its roll-ups in step with the history', () => {
  freshHistoryEachTest();

  it('lifecycle writes and batch writes (sync, import) move the figures; the page\'s queries read the roll-ups, equal to the scan', async () => {
    const history = await import('../src/background/store/history');
    const query = await import('../src/background/reports/query');
    const { localZoneName } = await import('../src/background/store/rollups');
    const tz = localZoneName();
    const r = rng(99);
    const ids = Array.from({ length: 400 }, (_, i) => `w${i}`);
    await history.updateCases(ids.slice(0, 300), (id) => randomRecord(r, id)); // an import chunk
    for (const id of ids.slice(250, 330)) await history.putCase(randomRecord(r, id)); // lifecycle writes, some over existing records
    await history.updateCases(ids.slice(100, 400), (id, cur) => (r.next() < 0.5 ? randomRecord(r, id) : cur && { ...cur })); // a sync
    for (let q = 0; q < 25; q++) {
      const filter = randomFilter(r, tz);
      const fast = await query.runReportDetailed(filter, 200);
      const full = await query.scanReport(filter, 200);
      expect(fast.scan).toBe('rollup');
      expectSameReport(fast.result, full.result, JSON.stringify(filter));
    }
  }, 30_000);

  it('the rows kept in memory follow every write: queries between writes equal the scan, a technician\'s list included (also for records whose technician is only in their ticket fields)', async () => {
    const history = await import('../src/background/store/history');
    const query = await import('../src/background/reports/query');
    const { localZoneName, rollupCache } = await import('../src/background/store/rollups');
    const tz = localZoneName();
    const r = rng(2024);
    const check = async (n: number) => {
      for (let q = 0; q < n; q++) {
        const filter = randomFilter(r, tz);
        if (r.next() < 0.5) filter.technicians = [r.pick(['Ana', 'Luis', 'Marta Gómez'])];
        const limit = r.pick([0, 3, 10, 200]);
        const fast = await query.runReportDetailed(filter, limit);
        expect(fast.scan).toBe('rollup');
        expectSameReport(fast.result, (await query.scanReport(filter, limit)).result, JSON.stringify({ filter, limit }));
      }
    };
    await history.updateCases(Array.from({ length: 150 }, (_, i) => `m${i}`), (id) => randomRecord(r, id));
    await check(5);
    expect(rollupCache()).toBeDefined(); // read once, then kept
    for (let i = 0; i < 30; i++) {
      const id = `m${r.int(200)}`;
      const rec = randomRecord(r, id);
      // Every third write: a record whose technician is only in its ticket fields (not in byTechnician).
      await history.putCase(i % 3 ? rec : { ...rec, technician: undefined });
      await check(2);
    }
    await history.updateCases(Array.from({ length: 60 }, (_, i) => `m${i * 3}`), (id) => randomRecord(r, id));
    await check(10);
  }, 30_000);

  it('a page in another time zone: answered by the scan while the roll-ups are rebuilt for its days, then by them', async () => {
    const history = await import('../src/background/store/history');
    const query = await import('../src/background/reports/query');
    const { localZoneName } = await import('../src/background/store/rollups');
    const r = rng(7);
    await history.updateCases(Array.from({ length: 200 }, (_, i) => `z${i}`), (id) => randomRecord(r, id));
    const tz = localZoneName() === 'Pacific/Chatham' ? 'Asia/Kolkata' : 'Pacific/Chatham';
    const filter: ReportFilter = { from: '2025-10-25', to: '2025-11-02', tz };
    const first = await query.runReportDetailed(filter);
    expect(first.scan).not.toBe('rollup');
    await vi.waitFor(async () => expect((await query.runReportDetailed(filter)).scan).toBe('rollup'));
    expectSameReport((await query.runReportDetailed(filter)).result, first.result);
    // And writes after the rebuild keep the new zone's days.
    await history.putCase(randomRecord(r, 'z-new'));
    expectSameReport((await query.runReportDetailed(filter)).result, (await query.scanReport(filter)).result);
  });
});
