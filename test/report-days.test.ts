// The reports' per-day copy of the ended cases (schema 5, issue 18): the list (worker) and the CSV
// (the reports page reads the store itself) read it, a record per UTC day. For random histories
// changed by lifecycle and batch writes, every filter gives the full scan's list (the oracle reads
// the records themselves); writes only mark days stale, and a reader settles just its days.
import { describe, expect, it } from 'vitest';
import { keepOf } from '../src/shared/reports/day-copy';
import type { ReportCase, ReportFilter } from '../src/shared/reports/types';
import { dayString, zoneOf } from '../src/shared/reports/zone';
import { randomRecord, rng, SPAN_DAYS, START, ZONES } from './helpers/random-history';
import { record } from './helpers/report-cases';
import { freshHistoryEachTest } from './helpers/worker-state';
import { expectSameReport } from './helpers/rollup-compare';

freshHistoryEachTest();

async function store() {
  const history = await import('../src/background/store/history');
  const query = await import('../src/background/reports/query');
  const days = await import('../src/background/store/report-days');
  const staleDays = async () => (await (await history.db()).getAllKeys(days.STALE_STORE)).sort();
  return { history, query, days, staleDays };
}

type Q = Awaited<ReturnType<typeof store>>['query'];
/** The CSV's cases as the reports page reads them: the worker settles the days, the page reads the store. */
async function csvCases(query: Q, filter: ReportFilter) {
  const { readDayCopy } = await import('../src/pages/reports/csv-export');
  const span = await query.settleCsvDays(filter);
  const got: ReportCase[] = [];
  await readDayCopy(span, keepOf(filter, zoneOf(filter.tz)), (cases) => got.push(...cases));
  return got;
}

describe('the reports\' per-day copy', () => {
  it('the CSV (read by the page) and the list equal the full scan, for random filters over random histories, between writes', async () => {
    const { history, query } = await store();
    const r = rng(515);
    const ids = Array.from({ length: 300 }, (_, i) => `d${i}`);
    // Ties: several cases of one second, across page ends; a case before 1970 (a negative day).
    const tie = '2025-10-25T12:00:00Z';
    await history.updateCases(ids.slice(0, 12), (id) => record({ id, createdAt: tie, closedAt: '2025-10-25T12:30:00Z' }));
    await history.putCase(record({ id: 'old', createdAt: '1969-12-31T23:00:00Z', closedAt: '1969-12-31T23:20:00Z' }));
    await history.updateCases(ids.slice(12, 250), (id) => randomRecord(r, id));
    const check = async (n: number) => {
      for (let q = 0; q < n; q++) {
        const f: ReportFilter = { tz: r.pick(ZONES) };
        if (r.next() < 0.6) f.from = dayString(Math.floor(START / 86_400_000) - 1 + r.int(SPAN_DAYS + 2));
        if (r.next() < 0.6) f.to = dayString(Math.floor(START / 86_400_000) - 1 + r.int(SPAN_DAYS + 2));
        if (r.next() < 0.4) f.technicians = ['Ana', 'Luis', 'Marta Gómez', ''].filter(() => r.next() < 0.5);
        if (r.next() < 0.2) f.kind = r.pick(['service', 'device'] as const);
        const want = (await query.scanReport(f, Infinity)).result.cases;
        expect(await csvCases(query, f), JSON.stringify(f)).toEqual(want);
        expect(await query.reportCases(f), JSON.stringify(f)).toEqual(want);
        const limit = r.pick([0, 5, 200]);
        const fast = await query.runReportDetailed(f, limit);
        expectSameReport(fast.result, (await query.scanReport(f, limit)).result, JSON.stringify({ f, limit }));
      }
    };
    await check(12);
    // Lifecycle writes: cases move to another day, end, reopen; a batch (sync) changes some.
    for (let i = 0; i < 40; i++) await history.putCase(i % 2 ? randomRecord(r, `d${r.int(300)}`) : { ...randomRecord(r, `d${r.int(12)}`), createdAt: tie });
    await check(6);
    await history.updateCases(ids.slice(100, 300), (id, cur) => (r.next() < 0.5 ? randomRecord(r, id) : cur && { ...cur, ticket: { ...cur.ticket, fields: { ...cur.ticket.fields, title: 'Renamed' } } }));
    await check(6);
    expect((await csvCases(query, {})).map((c) => c.id)).toContain('old');
  }, 60_000);

  it('writes mark only the days whose reported cases change; a reader settles the days it reads and leaves the others', async () => {
    const { history, query, staleDays } = await store();
    // The schema upgrade marks every day: the first reader fills the copy.
    expect(await staleDays()).toEqual(['all']);
    await query.runReportDetailed({}, 10);
    expect(await staleDays()).toEqual([]);
    const open = record({ id: 'o', state: 'open', closedAt: undefined, createdAt: '2025-11-03T10:00:00Z' });
    await history.putCase(open); // not reported while open
    expect(await staleDays()).toEqual([]);
    await history.putCase({ ...open, state: 'closed', closedAt: '2025-11-03T10:20:00Z' });
    const day = Math.floor(Date.parse('2025-11-03T10:00:00Z') / 86_400_000);
    expect(await staleDays()).toEqual([day]);
    await history.putCase({ ...open, state: 'closed', closedAt: '2025-11-03T10:20:00Z', updatedAt: 'later' }); // the same report line
    await history.putCase(record({ id: 'p', createdAt: '2025-11-20T08:00:00Z' }));
    expect(await staleDays()).toEqual([day, day + 17]);
    // The list of 1–3 Nov reads (and settles) those days only.
    const list = await query.runReportDetailed({ from: '2025-11-01', to: '2025-11-03', tz: 'UTC' }, 10);
    expect(list.result.cases.map((c) => c.id)).toEqual(['o']);
    expect(await staleDays()).toEqual([day + 17]);
    expect((await query.reportCases({})).map((c) => c.id)).toEqual(['p', 'o']);
    expect(await staleDays()).toEqual([]);
  });

  it('a settle in the background goes a batch at a time, newest days first: a reader meanwhile waits for one batch, not for the whole', async () => {
    const { history, query, days, staleDays } = await store();
    await query.runReportDetailed({}, 1); // the upgrade's mark settled
    const start = Date.parse('2025-06-01T10:00:00Z');
    const ids = Array.from({ length: 30 }, (_, i) => `b${i}`);
    await history.updateCases(ids, (id) => {
      const t = start + Number(id.slice(1)) * 86_400_000;
      return record({ id, createdAt: new Date(t).toISOString(), closedAt: new Date(t + 600_000).toISOString() });
    }); // an import chunk over 30 days
    expect(await staleDays()).toHaveLength(30);
    const d = await history.db();
    const background = days.settleInBackground(d);
    await new Promise((r) => setTimeout(r, 20)); // the first batch or two are done
    const left = (await staleDays()).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(30);
    expect(await staleDays()).toEqual((await staleDays()).filter((day) => Number(day) <= Math.floor(start / 86_400_000) + left - 1));
    // A reader of the oldest day gets it now (its own settle), while the background is not done.
    const oldest = await query.reportCases({ from: '2025-06-01', to: '2025-06-01', tz: 'UTC' });
    expect(oldest.map((c) => c.id)).toEqual(['b0']);
    expect((await staleDays()).length).toBeGreaterThan(0);
    await background;
    expect(await staleDays()).toEqual([]);
    expect(await query.reportCases({})).toHaveLength(30);
  });
});
