// Reports, worker side (issue 10): team-wide sync against the real sandbox (paging, idempotence,
// resumption), the cursor query, history import/export, and the router's sender rule.
import { describe, it, expect } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { freshWorkerState } from './helpers/worker-state';
import { record } from './helpers/report-cases';
import { sanitizeTicket } from '../src/shared/ticket';
import { exportInPages, importInChunks, NotAHistoryFile } from '../src/shared/reports/history-stream';
import type { HistoryFile } from '../src/shared/reports/types';
import type { DaySpan } from '../src/shared/reports/day-copy';
import { toCsv } from '../src/shared/reports/csv';

const fx = useSandbox();
const { ctl, requests } = fx;

async function worker() {
  const account = await import('../src/background/account/account');
  const history = await import('../src/background/store/history');
  const sync = await import('../src/background/reports/sync');
  const query = await import('../src/background/reports/query');
  const exp = await import('../src/background/reports/export');
  const router = await import('../src/background/runtime/router');
  await account.connect(DEMO_TOKEN, fx.sb.apiBase);
  return { ...history, ...sync, ...query, ...exp, ...router };
}

describe('team-wide sync', () => {
  it('pages through the group, imports ended cases, counts foreign and open ones; a second sync changes nothing', async () => {
    const w = await worker();
    await ctl('/bulk-sessions', { count: 23, foreign: 3, expiredEvery: 5, start: '2025-11-01T00:00:00Z', spanDays: 5 });
    // One case still open (created now, valid for 24 h): left for a later sync.
    const { groupid } = await ctl('/bulk-sessions', { count: 1, start: new Date().toISOString(), spanDays: 0, expiredEvery: 1, seed: 7 });
    await ctl('/config', { pageSize: 10 });
    await ctl('/clear-requests');
    const first = await w.runSync('full');
    expect(first).toMatchObject({ running: false, seen: 27, added: 23, updated: 0, foreign: 3, open: 1, pages: 3 });
    expect(first.lastSyncAt).toEqual(expect.any(String));
    expect(first.error).toBeUndefined();
    const log = await requests();
    const lists = log.filter((r) => r.path === '/sessions');
    expect(lists.map((r) => r.query.offset ?? null)).toEqual([null, expect.any(String), expect.any(String)]);
    expect(lists.every((r) => r.query.groupid === groupid && r.query.state === 'open,closed' && r.query.full_list === 'true')).toBe(true);
    expect(log.filter((r) => r.path === '/reports/connections').every((r) => r.query.groupid === groupid)).toBe(true);
    expect(await w.allCases()).toHaveLength(23);

    const before = JSON.stringify((await w.allCases()).sort((a, b) => a.id.localeCompare(b.id)));
    const second = await w.runSync('full');
    expect(second).toMatchObject({ added: 0, updated: 0, foreign: 3, open: 1 });
    expect(JSON.stringify((await w.allCases()).sort((a, b) => a.id.localeCompare(b.id)))).toBe(before);

    const r = await w.runReport({});
    expect(r.summary.sessions).toBe(23);
    expect(r.summary.expired).toBe(Math.floor(23 / 5) + 0);
    expect(r.summary.connectedCases).toBeGreaterThan(0);
  });

  it('resumes a sync that a stopped worker left half done, from the saved page, without duplicates', async () => {
    await ctl('/bulk-sessions', { count: 30, expiredEvery: 0, start: '2025-11-01T00:00:00Z', spanDays: 3 });
    await ctl('/config', { pageSize: 10 });
    let w = await worker();
    // A sync whose third page hangs; the worker "dies" (modules dropped) while it waits.
    await ctl('/faults', { method: 'GET', path: '^/sessions$', status: 0, delayMs: 1500, after: 2 });
    const dying = w.runSync('full');
    await expect.poll(async () => (await w.syncStatus()).pages, { timeout: 5000 }).toBe(2);
    const saved = await w.syncStatus();
    expect(saved).toMatchObject({ running: true, phase: 'sessions', pages: 2, added: 20 });
    const { vi } = await import('vitest');
    vi.resetModules();
    await ctl('/clear-requests');
    const w2 = await import('../src/background/reports/sync');
    await w2.resumeSync();
    const done = await w2.syncStatus();
    expect(done).toMatchObject({ running: false, pages: 3, seen: 30 });
    // The new worker asked for the third page only (plus the connection reports again).
    const lists = (await requests()).filter((r) => r.path === '/sessions');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.query.offset).toEqual(expect.any(String));
    await dying.catch(() => undefined); // the old run ends too; merging again is harmless
    w = await worker();
    const all = await w.allCases();
    expect(all).toHaveLength(30);
    expect(new Set(all.map((c) => c.code)).size).toBe(30);
  });

  it('an hourly "recent" sync keeps the connected time of a case older than its window (45 min over 2 stays so)', async () => {
    const w = await worker();
    // A case created 60 h ago (a first connection of its own), and a second connection now: the
    // recent sync reads reports from 48 h before the last sync, so only the second one.
    const { groupid } = await ctl('/bulk-sessions', { count: 1, start: new Date(Date.now() - 60 * 3600_000).toISOString(), spanDays: 0, expiredEvery: 0, reportEvery: 1 });
    const { sessions } = await fx.state();
    await ctl(`/sessions/${sessions[0]!.code}/connect`, { minutes: 30 });
    expect(await w.runSync('full')).toMatchObject({ added: 1 });
    const [full] = await w.allCases();
    expect(full!.connection!.count).toBe(2);
    await ctl('/clear-requests');
    const recent = await w.runSync('recent');
    expect(recent).toMatchObject({ mode: 'recent' });
    const reportCalls = (await requests()).filter((r) => r.path === '/reports/connections');
    expect(reportCalls[0]!.query).toMatchObject({ groupid, from_date: expect.any(String) });
    const [after] = await w.allCases();
    expect(after!.connection).toEqual(full!.connection);
    expect(recent.updated).toBe(0);
  });

  it('judges expiry by TeamViewer\'s clock, not this machine\'s', async () => {
    const w = await worker();
    // Listed as open, valid for one more hour by this machine's clock; TeamViewer's is 2 h ahead.
    await ctl('/bulk-sessions', { count: 1, start: new Date(Date.now() - 23 * 3600_000).toISOString(), spanDays: 0, expiredEvery: 1 });
    await ctl('/clock', { offsetMs: 2 * 3600_000 });
    expect(await w.runSync('full')).toMatchObject({ added: 1, open: 0 });
    expect((await w.allCases())[0]).toMatchObject({ state: 'expired', via: 'sync' });
  });

  it('never creates the BOSS group: with none, it syncs nothing and creates nothing', async () => {
    const w = await worker();
    expect(await w.runSync('full')).toMatchObject({ running: false, seen: 0 });
    expect((await fx.state()).groups).toEqual([]);
    expect((await requests()).some((r) => r.method === 'POST' && r.path === '/groups')).toBe(false);
  });

  it('resumes a worker stopped in the connection-reports phase from the next page, with every report kept', async () => {
    await ctl('/bulk-sessions', { count: 30, expiredEvery: 0, reportEvery: 1, start: '2025-11-01T00:00:00Z', spanDays: 3 });
    await ctl('/config', { pageSize: 10 });
    const w = await worker();
    await ctl('/clear-requests');
    await ctl('/faults', { method: 'GET', path: '^/reports/connections$', status: 0, delayMs: 1500, after: 2 });
    const dying = w.runSync('full');
    await expect.poll(async () => (await requests()).filter((r) => r.path === '/reports/connections').length, { timeout: 5000 }).toBe(3);
    expect(await w.syncStatus()).toMatchObject({ running: true, phase: 'reports' });
    const fetched = (await requests()).filter((r) => r.path === '/reports/connections').map((r) => r.query.offset_id ?? null);
    const { vi } = await import('vitest');
    vi.resetModules();
    await ctl('/clear-requests');
    const w2 = await import('../src/background/reports/sync');
    await w2.resumeSync();
    expect(await w2.syncStatus()).toMatchObject({ running: false, seen: 30 });
    const again = (await requests()).filter((r) => r.path === '/reports/connections').map((r) => r.query.offset_id ?? null);
    // The page in flight is asked again; the two read before it are not.
    expect(again[0]).toBe(fetched[2]);
    expect(again).not.toContain(fetched[0]);
    expect(again).not.toContain(fetched[1]);
    await dying.catch(() => undefined);
    const h = await import('../src/background/store/history');
    const all = await h.allCases();
    expect(all).toHaveLength(30);
    expect(all.every((c) => c.connection?.count === 1)).toBe(true);
  });

  it('reports revoked access as the sync\'s error', async () => {
    const w = await worker();
    await ctl('/revoke', { token: DEMO_TOKEN });
    const s = await w.runSync('full');
    expect(s).toMatchObject({ running: false, error: { code: 'invalid_token' } });
  });
});

describe('query', () => {
  it('aggregates the per-day copy of the filter\'s days when the roll-ups are local to another zone; the scan reads only the range through the byCreated index', async () => {
    const w = await worker();
    const recs = [
      record({ createdAt: '2025-11-10T10:00:00Z', closedAt: '2025-11-10T10:10:00Z' }),
      record({ createdAt: '2025-11-20T10:00:00Z', closedAt: '2025-11-20T10:20:00Z' }),
      record({ state: 'open', closedAt: undefined }),
    ];
    for (const r of recs) await w.putCase(r);
    const filter = { from: '2025-11-15', to: '2025-11-30', tz: 'Europe/Madrid' };
    const run = await w.runReportDetailed(filter);
    expect(run.scan).toBe((await import('../src/background/store/rollups')).localZoneName() === 'Europe/Madrid' ? 'rollup' : 'days');
    expect(run.result.summary).toMatchObject({ sessions: 1, totalSec: 1200 });
    const scan = await w.scanReport(filter);
    expect(scan.scan).toBe('index'); // history version 2 has byCreated: only the range is read
    expect(scan.visited).toBeLessThan(3);
    expect(scan.result.summary).toEqual(run.result.summary);
    expect(scan.result.cases).toEqual(run.result.cases);
    expect((await w.runReport({})).summary.sessions).toBe(2);
    expect(await w.reportCases({})).toHaveLength(2);
  });
});

describe('CSV, read by the page from the per-day copy', () => {
  it('the worker settles the filter\'s days; the page\'s file lists the full scan\'s cases: ties of one second, filters, zones', async () => {
    const w = await worker();
    const { csvOfDayCopy } = await import('../src/pages/reports/csv-export');
    const times = ['2025-11-10T10:00:00Z', '2025-11-12T08:00:00Z', '2025-11-12T08:00:00.500Z', '2025-11-20T10:00:00Z', '2025-11-28T23:30:00Z'];
    const recs = Array.from({ length: 41 }, (_, i) => record({
      createdAt: times[i % times.length]!, closedAt: '2025-11-29T10:00:00Z',
      ...(i % 7 === 0 ? { state: 'open' as const, closedAt: undefined } : {}),
      ...(i % 3 === 0 ? { technician: 'Jon Snow', fields: { technician: 'Jon Snow' } } : {}),
      ...(i % 5 === 0 ? { kind: 'device' as const } : {}),
    }));
    await w.updateCases(recs.map((r) => r.id), (id) => recs.find((r) => r.id === id));
    const page = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/pages/reports/index.html' } as Runtime.MessageSender;
    const filters = [{}, { from: '2025-11-12', to: '2025-11-20', tz: 'UTC' }, { technicians: ['Jon Snow'] }, { from: '2025-11-13', tz: 'Europe/Madrid' },
      { kind: 'device' as const }, { kind: 'service' as const, technicians: ['Jon Snow'] }];
    for (const filter of filters) {
      const want = (await w.scanReport(filter, Infinity)).result.cases;
      const span = await w.handleMessage({ type: 'reports/csv-days', filter }, page);
      if (!span.ok) throw new Error(span.error.code);
      expect((await csvOfDayCopy(filter, span.data as DaySpan)).join(''), JSON.stringify(filter)).toBe(toCsv(want));
    }
  });
});

describe('history export and import', () => {
  // As the reports page does it: pages of records out, chunks in, over the router.
  const page = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/pages/reports/index.html' } as Runtime.MessageSender;
  type W = Awaited<ReturnType<typeof worker>>;
  const via = async <T,>(w: W, m: unknown): Promise<T> => {
    const r = await w.handleMessage(m, page);
    if (!r.ok) throw new Error(r.error.code);
    return r.data as T;
  };
  const exportFile = async (w: W) => {
    const calls: unknown[] = [];
    const parts = await exportInPages((after) => {
      calls.push(after ?? null);
      return via(w, { type: 'reports/export-page', ...(after ? { after } : {}) });
    });
    return { file: JSON.parse(parts.join('')) as HistoryFile, calls };
  };
  const importFile = (w: W, f: unknown) => importInChunks(f, (cases) => via(w, { type: 'reports/import-chunk', cases }));

  it('exports without secrets and imports into another profile: adds, then changes nothing', async () => {
    let w = await worker();
    const rec = record();
    await w.putCase(rec);
    const { file } = await exportFile(w);
    expect(JSON.stringify(file)).not.toContain('SECRET');
    await freshWorkerState(fx.sb.url);
    w = await worker();
    expect(await importFile(w, JSON.parse(JSON.stringify(file)))).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect(await importFile(w, file)).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect((await w.runReport({})).summary).toMatchObject({ sessions: 1, totalSec: 900 });
    await expect(importFile(w, { format: 'other' })).rejects.toThrow(NotAHistoryFile);
    expect(sanitizeTicket(rec.ticket)).toEqual(rec.ticket);
  });

  it('goes in pages and chunks, never one message: 4 500 records out in 3 pages and back in 3 chunks', { timeout: 60_000 }, async () => {
    let w = await worker();
    const recs = Array.from({ length: 4500 }, (_, i) => record({ id: `bulk-${String(i).padStart(5, '0')}` }));
    await w.updateCases(recs.map((r) => r.id), (id) => recs.find((r) => r.id === id));
    const { file, calls } = await exportFile(w);
    expect(calls).toEqual([null, 'bulk-01999', 'bulk-03999']);
    expect(file.cases).toHaveLength(4500);
    await freshWorkerState(fx.sb.url);
    w = await worker();
    const chunks: number[] = [];
    const spy = async (cases: unknown[]) => {
      chunks.push(cases.length);
      return w.importCases(cases);
    };
    expect(await importInChunks(file, spy)).toEqual({ added: 4500, updated: 0, skipped: 0 });
    expect(chunks).toEqual([2000, 2000, 500]);
    expect((await w.allCases())).toHaveLength(4500);
    // The worker refuses a chunk larger than the page sends.
    await expect(w.importCases(new Array(2001).fill({}))).rejects.toThrow();
  });
});

describe('router', () => {
  const ID = 'test-extension-id';
  const pageSender = { id: ID, url: `chrome-extension://${ID}/src/pages/reports/index.html` } as Runtime.MessageSender;
  const content = { id: ID, url: 'https://acme.bossdesk.io/app/tickets/1', tab: { id: 7 }, frameId: 0 } as Runtime.MessageSender;

  it('serves history to extension pages only', async () => {
    const w = await worker();
    await w.putCase(record());
    const ok = await w.handleMessage({ type: 'reports/query', filter: {} }, pageSender);
    expect(ok).toMatchObject({ ok: true, data: { summary: { sessions: 1 } } });
    // What the page receives has no email body, links or requester email.
    const text = JSON.stringify(ok);
    for (const s of ['SECRET', 'Dear Ana', 'ana@example.com', 'supporterLink', 'customerLink']) expect(text).not.toContain(s);
    for (const type of ['reports/query', 'reports/csv-days', 'reports/sync', 'reports/sync-status', 'reports/export-page', 'reports/import-chunk']) {
      const r = await w.handleMessage({ type, filter: {}, cases: [] }, content);
      expect(r, type).toEqual({ ok: false, error: { code: 'bad_request_message', detail: 'sender not allowed' } });
    }
  });

  it('lets the widget open the reports page', async () => {
    const w = await worker();
    const { fakeBrowser } = await import('@webext-core/fake-browser');
    expect(await w.handleMessage({ type: 'reports/open' }, content)).toEqual({ ok: true, data: null });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.some((t) => t.url?.endsWith('/src/pages/reports/index.html'))).toBe(true);
  });
});
