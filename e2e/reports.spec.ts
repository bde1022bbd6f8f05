// Reports page (issue 10) in real Chromium: cases made through the widget, team-wide sync into a
// second profile, filters, CSV, a worker stopped mid-sync, Spanish labels, empty and error states.
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import {
  test, expect, connectToken, figuresPaint, launchWithExtension, serviceWorkerOf, startFromWidget, stopWorkers, tick, widget, DEMO_TOKEN,
  type SandboxControl,
} from './fixtures';
import { formatDuration } from '../src/shared/duration';
import { mergeSynced } from '../src/shared/reports/merge';
import { toReportCase } from '../src/shared/reports/report-case';
import { aggregate } from '../src/shared/reports/aggregate';
import { BOM, CSV_HEADER } from '../src/shared/reports/csv';
import type { ReportFilter, ReportResult } from '../src/shared/reports/types';
import type { TvConnectionRecord, TvSession } from '../src/shared/teamviewer/types';

const reportsUrl = (id: string, search = '') => `chrome-extension://${id}/src/pages/reports/index.html${search}`;
const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;
const STOP = 'Stop TeamViewer session';
const START = 'Start TeamViewer session';

/** What the reports should say, computed from TeamViewer's own data with the same pure rules. */
async function expected(sandbox: SandboxControl, filter: ReportFilter = {}): Promise<ReportResult> {
  const st = await sandbox.state();
  const reports = st.reports as TvConnectionRecord[];
  const cases = (st.sessions as unknown as TvSession[])
    .map((s) => mergeSynced(undefined, s, reports))
    .flatMap((r) => (r ? [toReportCase(r)!] : []));
  return aggregate(cases, { ...filter, tz: TZ }, { limit: Infinity });
}

/** A history file of n ended cases (about 1 KB each, as an export writes them). */
function bigHistory(n: number): string {
  const origin = 'https://acme.bossdesk.io';
  const techs = ['Marta Gómez', 'Jon Snow', 'Arya Stark'];
  const start = Date.parse('2025-01-01T00:00:00Z');
  const cases = Array.from({ length: n }, (_, i) => {
    const created = start + i * 240_000;
    const id = String(100_000 + i);
    return {
      id: `import-${String(i).padStart(6, '0')}`, ticketKey: `${origin}#${id}`, state: i % 10 === 9 ? 'expired' : 'closed',
      ticket: { origin, id, url: `${origin}/app/en/tickets/${id}`, fields: {
        number: `#${id}`, title: `Printer does not print on floor ${i % 9}`, category: 'Printer', type: 'Incident', priority: 'High',
        source: 'Email', requesterName: `Requester ${i % 97}`, technician: techs[i % 3] } },
      technician: techs[i % 3], requestedAt: new Date(created - 2000).toISOString(), code: `s${100_000_000 + i}`, groupid: 'g123456789',
      createdAt: new Date(created).toISOString(), validUntil: new Date(created + 86_400_000).toISOString(),
      closedAt: new Date(i % 10 === 9 ? created + 86_400_000 : created + 600_000).toISOString(), closedBy: 'stop',
      connection: { seconds: 420, count: 1, devices: ['ANA-LAPTOP'], notes: 'Cleared the print queue and restarted the spooler' },
      updatedAt: new Date(created + 600_000).toISOString(),
    };
  });
  return JSON.stringify({ format: 'tv4boss-history', version: 1, exportedAt: new Date().toISOString(), cases });
}

const dur = (sec: number | undefined) => (sec === undefined ? '—' : formatDuration(sec * 1000));

async function figures(page: Page) {
  const text = async (id: string) => (await page.getByTestId(id).textContent())?.trim();
  return { sessions: await text('fig-sessions'), total: await text('fig-total'), average: await text('fig-average'), median: await text('fig-median') };
}

async function expectFigures(page: Page, r: ReportResult) {
  await expect(page.getByTestId('fig-sessions')).toHaveText(String(r.summary.sessions));
  await expect(page.getByTestId('fig-total')).toHaveText(r.summary.timed ? dur(r.summary.totalSec) : '—');
  await expect(page.getByTestId('fig-average')).toHaveText(dur(r.summary.avgSec));
  await expect(page.getByTestId('fig-median')).toHaveText(dur(r.summary.medianSec));
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync from TeamViewer' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Last sync', { timeout: 30_000 });
}

async function casesThroughWidget(page: Page, context: Parameters<typeof tick>[0], sandbox: SandboxControl, desk: { ticketUrl(id: string): string }) {
  const closed1 = await startFromWidget(page, desk.ticketUrl('1042'));
  await sandbox.call('POST', `/sessions/${closed1}/connect`, { devicename: 'ANA-LAPTOP', minutes: 7 });
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  const closed2 = await startFromWidget(page, desk.ticketUrl('1043'));
  await page.waitForTimeout(1100); // a duration of at least a second
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  const expired = await startFromWidget(page, desk.ticketUrl('1045'));
  await sandbox.call('POST', `/sessions/${expired}/expire`);
  await tick(context);
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  return { closed1, closed2, expired };
}

test.describe('reports', () => {
  test.beforeEach(async ({ page, extensionId, sandbox }) => {
    await connectToken(page, extensionId, sandbox);
    await expect(page.getByTestId('account')).toBeVisible();
  });

  test('cases made through the widget appear with the right counts and durations; the CSV matches the list', async ({ context, page, sandbox, desk, extensionId }) => {
    const codes = await casesThroughWidget(page, context, sandbox, desk);
    // The options page links to the reports.
    await page.goto(`chrome-extension://${extensionId}/src/pages/options/index.html`);
    await page.getByTestId('reports-link').click();
    await expect(page).toHaveURL(reportsUrl(extensionId));
    const want = await expected(sandbox);
    expect(want.summary).toMatchObject({ sessions: 3, timed: 2, expired: 1 });
    const st = await sandbox.state();
    const secs = [codes.closed1, codes.closed2].map((c) => {
      const s = st.sessions.find((x) => x.code === c)!;
      return (Date.parse(s.closed_at!) - Date.parse(s.created_at)) / 1000;
    });
    expect(want.summary.totalSec).toBe(secs[0]! + secs[1]!);
    await expectFigures(page, want);
    await expect(page.getByTestId('expired-note')).toContainText('1 expired case');
    const rows = page.getByTestId('case-row');
    await expect(rows).toHaveCount(3);
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(new Set(listed)).toEqual(new Set(Object.values(codes)));
    await expect(page.getByTestId('case-row').filter({ hasText: codes.expired })).toContainText('Expired');
    // Each row links back to its ticket.
    await expect(page.getByTestId('case-row').filter({ hasText: codes.closed1 }).getByRole('link'))
      .toHaveAttribute('href', desk.ticketUrl('1042'));
    // Tables: a heading and column headers each.
    const byTech = page.getByRole('table', { name: 'By technician' });
    await expect(byTech.getByRole('columnheader')).toHaveText(['Technician', 'Sessions', 'Total duration', 'Average duration']);
    await expect(byTech.getByRole('row', { name: /Marta Gómez/ })).toContainText('3');
    for (const name of ['By category', 'By type', 'By priority', 'By source']) await expect(page.getByRole('table', { name })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith(BOM)).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual([...CSV_HEADER]);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(listed);
    const row = parsed.find((r) => r[0] === codes.closed2)!;
    expect(row.slice(1, 4)).toEqual(['#1043', 'Cannot connect to Wi-Fi in meeting room B', 'Network']);
    expect(row[7]).toBe('Marta Gómez');
    expect(row[13]).toBe('closed');
    expect(Number(row[14])).toBe(secs[1]);
    expect(parsed.find((r) => r[0] === codes.expired)!.slice(13)).toEqual(['expired', '', '', 'service']);
  });

  test('a second browser profile with an empty cache shows the same figures after a sync', async ({ context, page, sandbox, desk, extensionId }) => {
    await casesThroughWidget(page, context, sandbox, desk);
    await page.goto(reportsUrl(extensionId));
    await expect(page.getByTestId('fig-sessions')).toHaveText('3');
    const mine = await figures(page);

    const dir = mkdtempSync(join(tmpdir(), 'tv4boss-b-'));
    const other = await launchWithExtension(dir);
    try {
      const id = new URL((await serviceWorkerOf(other)).url()).host;
      const p2 = other.pages()[0] ?? (await other.newPage());
      await connectToken(p2, id, sandbox, DEMO_TOKEN);
      await expect(p2.getByTestId('account')).toBeVisible();
      await p2.goto(reportsUrl(id));
      await expect(p2.getByTestId('empty')).toBeVisible();
      await syncNow(p2);
      await expect(p2.getByTestId('fig-sessions')).toHaveText('3');
      expect(await figures(p2)).toEqual(mine);
      // The first profile syncs too: its cases are enriched (connection time), never duplicated.
      await syncNow(page);
      await expect(page.getByTestId('fig-connected')).toHaveText('7 min 00 s');
      await expect(p2.getByTestId('fig-connected')).toHaveText('7 min 00 s');
      expect(await figures(page)).toEqual(mine);
      await expect(page.getByTestId('case-row')).toHaveCount(3);
      // A second sync changes nothing.
      await syncNow(p2);
      await expect(p2.getByTestId('sync-status')).toContainText('0 added, 0 updated');
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the technician and date filters change the figures, and live in the address', async ({ page, sandbox, desk, extensionId }) => {
    const today = new Date();
    const start = new Date(today.getTime() - 20 * 86_400_000).toISOString();
    await sandbox.call('POST', '/bulk-sessions', {
      count: 60, foreign: 2, origin: desk.handle.url, start, spanDays: 19, expiredEvery: 7,
      technicians: ['Marta Gómez', 'Jon Snow', 'Arya Stark'],
    });
    await page.goto(reportsUrl(extensionId));
    await syncNow(page);
    await expect(page.getByTestId('foreign-note')).toContainText('2 case(s)');
    await expectFigures(page, await expected(sandbox));

    const techs = page.getByRole('group', { name: 'Technician' });
    await techs.getByLabel('Jon Snow').check();
    await expectFigures(page, await expected(sandbox, { technicians: ['Jon Snow'] }));
    await expect(page).toHaveURL(/[?&]tech=Jon\+Snow/);
    await techs.getByLabel('Arya Stark').check();
    const both = await expected(sandbox, { technicians: ['Jon Snow', 'Arya Stark'] });
    await expectFigures(page, both);
    await expect(page.getByRole('table', { name: 'By technician' }).getByRole('row')).toHaveCount(3); // header + 2

    const day = (d: number) => new Date(today.getTime() - d * 86_400_000).toLocaleDateString('en-CA'); // YYYY-MM-DD, local
    await page.getByLabel('From', { exact: true }).fill(day(15));
    await page.getByLabel('To', { exact: true }).fill(day(8));
    const ranged = await expected(sandbox, { technicians: ['Jon Snow', 'Arya Stark'], from: day(15), to: day(8) });
    expect(ranged.summary.sessions).toBeLessThan(both.summary.sessions);
    expect(ranged.summary.sessions).toBeGreaterThan(0);
    await expectFigures(page, ranged);
    // A bookmarked view shows the same.
    const url = page.url();
    expect(url).toContain(`from=${day(15)}`);
    await page.goto('about:blank');
    const served = await page.goto(url);
    // The worker answered the page's navigation with its figures in the HTML (page-fetch.ts): its
    // first frame held them, before any of the page's code ran (no "Loading" frame first).
    expect(served!.fromServiceWorker()).toBe(true);
    expect(await served!.text()).toMatch(new RegExp(`data-testid="fig-sessions"[^>]*>${ranged.summary.sessions}</dd>`));
    await expectFigures(page, ranged);
    const painted = await figuresPaint(page);
    expect(painted.figures).toBeGreaterThan(0);
    expect(painted.figures).toBe(painted.fcp);
    await expect(techs.getByLabel('Jon Snow')).toBeChecked();
    // Presets.
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expectFigures(page, await expected(sandbox, { technicians: ['Jon Snow', 'Arya Stark'], from: day(6), to: day(0) }));
    await techs.getByLabel('All technicians').check();
    await page.getByRole('button', { name: 'All time' }).click();
    await expectFigures(page, await expected(sandbox));
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync('docs', { recursive: true });
      await page.setViewportSize({ width: 1280, height: 1700 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: 'docs/reports-page.png' });
    }
  });

  test('a worker stopped mid-sync resumes where it left off, without duplicates', async ({ page, sandbox, extensionId, desk }) => {
    await sandbox.call('POST', '/bulk-sessions', { count: 30, origin: desk.handle.url, expiredEvery: 0 });
    await sandbox.call('POST', '/config', { pageSize: 10 });
    // The third page of the sync's list hangs (until the worker is gone). Only the sync's list
    // (state=open,closed): the watcher's own list calls are not counted.
    await sandbox.fault({ method: 'GET', path: '^/sessions$', query: { state: 'open,closed' }, status: 0, delayMs: 20_000, after: 2 });
    await page.goto(reportsUrl(extensionId));
    await page.getByRole('button', { name: 'Sync from TeamViewer' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('20 sessions read (2 pages)', { timeout: 15_000 });
    const syncLists = async () => (await sandbox.requests())
      .map((r) => ({ ...r, query: (r as unknown as { query: Record<string, string> }).query }))
      .filter((r) => r.path === '/sessions' && r.query.state === 'open,closed');
    await expect.poll(async () => (await syncLists()).length).toBe(3);
    await stopWorkers(page);
    // The page reconnects, which starts a new worker; it resumes from the third page.
    await expect(page.getByTestId('sync-status')).toContainText('Last sync', { timeout: 20_000 });
    await expect(page.getByTestId('fig-sessions')).toHaveText('30');
    const offsets = (await syncLists()).map((r) => r.query.offset ?? null);
    expect(offsets).toHaveLength(4);
    expect(offsets[0]).toBeNull();
    expect(offsets[3]).toBe(offsets[2]); // the same page again, not the list from the start
    const codes = await page.getByTestId('case-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(codes).toHaveLength(30);
    expect(new Set(codes).size).toBe(30);
  });

  test('a worker stopped in the connection-reports phase resumes from its page, not from scratch', async ({ page, sandbox, extensionId, desk }) => {
    await sandbox.call('POST', '/bulk-sessions', { count: 30, origin: desk.handle.url, expiredEvery: 0, reportEvery: 1 });
    await sandbox.call('POST', '/config', { pageSize: 10 });
    // The third page of the group's connection reports hangs (until the worker is gone).
    const { groupid } = (await sandbox.state()).sessions[0] as unknown as { groupid: string };
    await sandbox.fault({ method: 'GET', path: '^/reports/connections$', query: { groupid }, status: 0, delayMs: 20_000, after: 2 });
    await page.goto(reportsUrl(extensionId));
    await page.getByRole('button', { name: 'Sync from TeamViewer' }).click();
    const reportPages = async () => (await sandbox.requests())
      .map((r) => (r as unknown as { path: string; query: Record<string, string> }))
      .filter((r) => r.path === '/reports/connections' && r.query.groupid === groupid)
      .map((r) => r.query.offset_id ?? null);
    await expect.poll(reportPages, { timeout: 15_000 }).toHaveLength(3);
    const before = await reportPages();
    await stopWorkers(page);
    // The page reconnects, which starts a new worker; it resumes from the third page.
    await expect(page.getByTestId('sync-status')).toContainText('Last sync', { timeout: 30_000 });
    await expect(page.getByTestId('fig-sessions')).toHaveText('30');
    const after = (await reportPages()).slice(3);
    expect(after[0]).toBe(before[2]); // the page in flight, asked again
    expect(after).not.toContain(before[0]); // the pages read before the stop, never again
    expect(after).not.toContain(before[1]);
    // Every case's connected time, as TeamViewer's reports give it.
    const want = await expected(sandbox);
    expect(want.summary.connectedCases).toBe(30);
    await expect(page.getByTestId('fig-connected')).toHaveText(dur(want.summary.connectedSec));
  });

  // 20 000 cases: ten chunks each way. The 100 000-case import, open and CSV are timed by
  // `npm run bench` (bench/reports-page.ts), where their goals are; here they would cost minutes.
  test('imports and exports a history of 20 000 cases (in chunks, not one message)', async ({ page, extensionId }) => {
    test.setTimeout(300_000);
    const N = 20_000;
    const dir = mkdtempSync(join(tmpdir(), 'tv4boss-history-'));
    try {
      const path = join(dir, 'history.json');
      writeFileSync(path, bigHistory(N));
      await page.goto(reportsUrl(extensionId));
      await expect(page.getByTestId('empty')).toBeVisible();
      const t0 = Date.now();
      await page.getByTestId('import-file').setInputFiles(path);
      await expect(page.getByTestId('notice')).toHaveText(`Imported: ${N} added, 0 updated, 0 unchanged or skipped.`, { timeout: 200_000 });
      const imported = Date.now() - t0;
      await expect(page.getByTestId('fig-sessions')).toHaveText(N.toLocaleString('en'), { timeout: 180_000 });
      const t1 = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Export history (JSON)' }).click()]);
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; cases: { id: string }[] };
      const exported = Date.now() - t1;
      expect(file.format).toBe('tv4boss-history');
      expect(file.cases).toHaveLength(N);
      expect(new Set(file.cases.map((c) => c.id)).size).toBe(N);
      console.log(`${N} cases: import ${imported} ms, export ${exported} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('empty state, then revoked access: the sync says so with a link to the settings', async ({ page, sandbox, extensionId }) => {
    await page.goto(reportsUrl(extensionId));
    await expect(page.getByTestId('empty')).toContainText('No sessions in this period.');
    await expect(page.getByTestId('sync-status')).toContainText('Not synced from TeamViewer yet');
    await sandbox.call('POST', '/revoke', { token: DEMO_TOKEN });
    await page.getByRole('button', { name: 'Sync from TeamViewer' }).click();
    const err = page.getByTestId('sync').getByTestId('error');
    await expect(err).toContainText('TeamViewer access was revoked or the token is invalid');
    await err.getByRole('link', { name: 'Open settings' }).click();
    await expect(page).toHaveURL(/\/src\/pages\/options\/index\.html$/);
  });
});

test.describe('Spanish', () => {
  test.use({ uiLang: 'es' });

  test('Spanish labels under --lang=es', async ({ page, extensionId }) => {
    await page.goto(reportsUrl(extensionId));
    await expect(page.getByRole('heading', { name: 'Informes', level: 1 })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Técnico' })).toBeVisible();
    await expect(page.getByLabel('Desde')).toBeVisible();
    await expect(page.getByLabel('Hasta')).toBeVisible();
    for (const label of ['Sesiones', 'Duración total', 'Duración media']) {
      await expect(page.locator('.figure dt', { hasText: new RegExp(`^${label}$`) })).toBeVisible();
    }
    await expect(page.getByRole('button', { name: 'Exportar CSV' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Últimos 7 días' })).toBeVisible();
    await expect(page.getByTestId('empty')).toContainText('No hay sesiones en este periodo.');
  });
});

