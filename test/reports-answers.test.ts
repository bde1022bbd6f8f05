// The reports' answers kept until the history is written again (issue 18: figures on screen soon
// after the page opens), the page's first figures asked before its code loads (reports/prefetch),
// the opening of the reports page from the widget, and the settle in the background holding off
// while a page opens.
import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { ReportResult } from '../src/shared/reports/types';
import { record } from './helpers/report-cases';
import { freshHistoryEachTest } from './helpers/worker-state';

freshHistoryEachTest();

async function worker() {
  const history = await import('../src/background/store/history');
  const query = await import('../src/background/reports/query');
  const answers = await import('../src/background/reports/answers');
  const days = await import('../src/background/store/report-days');
  const router = await import('../src/background/runtime/router');
  return { ...history, ...query, ...answers, days, ...router };
}

const ID = 'test-extension-id';
const page = { id: ID, url: `chrome-extension://${ID}/src/pages/reports/index.html` } as Runtime.MessageSender;
const content = { id: ID, url: 'https://acme.bossdesk.io/app/tickets/1', tab: { id: 7 }, frameId: 0 } as Runtime.MessageSender;
const sessions = (r: unknown) => (r as { data: ReportResult }).data.summary.sessions;
type Worker = Awaited<ReturnType<typeof worker>>;
const staleDays = async (w: Worker) => (await (await w.db()).getAllKeys(w.days.STALE_STORE)).length;
/** A settle in the background begun now leaves the `stale` days alone for `ms`, then settles them all. */
async function expectSettleHeld(w: Worker, ms: number, stale: number): Promise<void> {
  const background = w.days.settleInBackground(await w.db());
  await new Promise((r) => setTimeout(r, ms));
  expect(await staleDays(w)).toBe(stale);
  await background;
  expect(await staleDays(w)).toBe(0);
}

describe('kept answers', () => {
  it('one run for the same question until the history is written; then the new record is in the answer', async () => {
    const w = await worker();
    await w.putCase(record());
    let runs = 0;
    const ask = () => w.keptAnswer({ tz: 'UTC' }, 0, () => (runs++, w.runReport({ tz: 'UTC' }, 0)));
    expect((await ask()).summary.sessions).toBe(1);
    expect((await ask()).summary.sessions).toBe(1);
    expect(runs).toBe(1);
    await w.putCase(record());
    expect((await ask()).summary.sessions).toBe(2);
    expect(runs).toBe(2);
    // Another filter or list size is another question.
    await w.keptAnswer({ tz: 'UTC' }, 200, () => (runs++, w.runReport({ tz: 'UTC' }, 200)));
    expect(runs).toBe(3);
  });

  it('an answer begun while a write runs is not kept; a failed one is not kept; long lists are never kept', async () => {
    const w = await worker();
    let runs = 0;
    const writing = w.putCase(record()); // under way: the answer below may or may not see it
    const during = await w.keptAnswer({}, 0, () => (runs++, w.runReport({}, 0)));
    await writing;
    const after = await w.keptAnswer({}, 0, () => (runs++, w.runReport({}, 0)));
    expect(runs).toBe(2);
    expect(after.summary.sessions).toBe(1);
    expect(during.summary.sessions).toBeLessThanOrEqual(1);
    await expect(w.keptAnswer({ tz: 'X' }, 0, () => (runs++, Promise.reject(new Error('boom'))))).rejects.toThrow('boom');
    await w.keptAnswer({ tz: 'X' }, 0, () => (runs++, w.runReport({}, 0)));
    expect(runs).toBe(4);
    for (let i = 0; i < 2; i++) await w.keptAnswer({}, w.KEEP_LIST_MAX + 1, () => (runs++, w.runReport({}, w.KEEP_LIST_MAX + 1)));
    expect(runs).toBe(6);
  });
});

describe('reports/prefetch', () => {
  it('answers the figures of the filter in the page\'s address, and the page\'s own questions get the same', async () => {
    const w = await worker();
    await w.putCase(record({ technician: 'Marta Gómez' }));
    await w.putCase(record({ technician: 'Jon Snow', fields: { technician: 'Jon Snow' } }));
    const pre = await w.handleMessage({ type: 'reports/prefetch', search: '?tech=Jon+Snow&from=2025-11-01&junk=1', tz: 'UTC' }, page);
    const filter = { from: '2025-11-01', technicians: ['Jon Snow'], tz: 'UTC' };
    expect(pre).toEqual({ ok: true, data: await w.runReport(filter, 0) });
    expect(sessions(pre)).toBe(1);
    const list = await w.handleMessage({ type: 'reports/query', filter, limit: 200 }, page);
    expect((list as { data: ReportResult }).data.cases).toHaveLength(1);
    // A record written after it is in the next answer.
    await w.putCase(record({ technician: 'Jon Snow', fields: { technician: 'Jon Snow' } }));
    expect(sessions(await w.handleMessage({ type: 'reports/query', filter, limit: 0 }, page))).toBe(2);
  });

  it('is refused to a help-desk page', async () => {
    const w = await worker();
    expect(await w.handleMessage({ type: 'reports/prefetch', search: '' }, content)).toEqual({ ok: false, error: { code: 'bad_request_message', detail: 'sender not allowed' } });
  });

  it('holds the settle in the background off while the page opens', async () => {
    const w = await worker();
    await w.runReportDetailed({}, 1); // the upgrade's mark settled
    const start = Date.parse('2025-06-01T10:00:00Z');
    await w.updateCases(Array.from({ length: 12 }, (_, i) => `b${i}`), (id) => {
      const t = start + Number(id.slice(1)) * 86_400_000;
      return record({ id, createdAt: new Date(t).toISOString(), closedAt: new Date(t + 600_000).toISOString() });
    });
    expect(await staleDays(w)).toBe(12);
    w.days.holdBackgroundSettle(300);
    await expectSettleHeld(w, 150, 12);
  });

  it('a page\'s question (a filter change) holds the settle in the background off too', async () => {
    const w = await worker();
    await w.runReportDetailed({}, 1);
    await w.updateCases(['q1', 'q2', 'q3'], (id) => record({ id, createdAt: `2025-06-0${id.slice(1)}T10:00:00Z`, closedAt: `2025-06-0${id.slice(1)}T10:10:00Z` }));
    expect(await staleDays(w)).toBe(3);
    await w.handleMessage({ type: 'reports/query', filter: { technicians: ['Marta Gómez'] }, limit: 0 }, page);
    await expectSettleHeld(w, 300, 3);
  });

  it('opening the reports page from the widget begins its first figures', async () => {
    const w = await worker();
    await w.putCase(record());
    await w.handleMessage({ type: 'reports/open' }, content);
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    let runs = 0;
    const got = await w.keptAnswer({ tz }, 0, () => (runs++, w.runReport({ tz }, 0)));
    expect(runs).toBe(0); // the page's question found it begun
    expect(got.summary.sessions).toBe(1);
  });

  it('an import or a sync keeps the roll-ups in memory for the page that follows', async () => {
    const w = await worker();
    const rollups = await import('../src/background/store/rollups');
    await w.updateCases(Array.from({ length: 120 }, (_, i) => `w${i}`), (id) => record({ id }));
    for (let i = 0; i < 50 && !rollups.rollupCache(); i++) await new Promise((r) => setTimeout(r, 10));
    expect([...rollups.rollupCache()!.rows.values()].reduce((n, row) => n + row.n, 0)).toBe(120);
  });
});
