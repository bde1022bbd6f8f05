// The side panel "Service cases", the toolbar badge and the keyboard shortcuts (issue 17), in real
// Chromium. The panel is an extension page: loaded here in a tab at its own address (the side
// panel itself cannot be opened without a user gesture). Shortcuts cannot be pressed headless:
// the commands' handler is called through the worker's test hook.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import { DEMO_TOKEN, connectToken, currentWorker, expect, notifications, startFromWidget, test, tick, widget } from './fixtures';

const DIR = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../docs/screenshots/' : '../test-results/screenshots/', import.meta.url));
export const panelUrl = (id: string) => `chrome-extension://${id}/src/pages/sidepanel/index.html`;

async function shoot(target: Locator, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  await target.screenshot({ path: `${DIR}${name}.png`, animations: 'disabled', caret: 'hide' });
}

type Hook = { __tv4boss: { command(name: string, tab?: { id?: number; windowId?: number }): Promise<unknown>; toggleSession(tabId?: number): Promise<boolean> } };

async function badge(ctx: BrowserContext): Promise<{ text: string; colour: number[]; title: string }> {
  const sw: Worker = await currentWorker(ctx);
  return sw.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    colour: [...(await chrome.action.getBadgeBackgroundColor({}))],
    title: await chrome.action.getTitle({}),
  }));
}

/** The id of the tab whose address contains `part` (host permissions show the demo desk's URLs). */
async function tabIdOf(ctx: BrowserContext, part: string): Promise<number> {
  const sw = await currentWorker(ctx);
  return sw.evaluate(async (p) => (await chrome.tabs.query({})).find((t) => t.url?.includes(p))!.id!, part);
}

async function openPanel(ctx: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await ctx.newPage();
  await panel.setViewportSize({ width: 380, height: 760 });
  await panel.goto(panelUrl(extensionId));
  return panel;
}

const BLUE = [10, 110, 189, 255];
const GREEN = [27, 127, 59, 255];

test('the panel lists a case started from the demo desk with a live timer; the customer joins (state, badge); Stop from the panel closes it and the ticket gets its comment on the next visit', async ({ context, page, extensionId, sandbox, desk }) => {
  test.setTimeout(90_000);
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const panel = await openPanel(context, extensionId);
  await expect(panel.getByRole('heading', { name: 'Service cases', level: 1 })).toBeVisible();
  await expect(panel.getByTestId('empty-mine')).toBeVisible();
  expect((await badge(context)).text).toBe('');
  expect((await badge(context)).title).toBe('TeamViewer for BOSS: no open service case');
  const before = (await sandbox.requests()).length;

  const ticket = await context.newPage();
  const code = await startFromWidget(ticket, desk.ticketUrl('1042'));
  await ticket.close();

  // Live: the case appears without a reload, newest first, with its ticket, help desk and code.
  const item = panel.getByTestId('mine').getByTestId('case');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('code')).toHaveText(code);
  await expect(item.getByRole('heading', { level: 3 })).toHaveText('#1042 · Printer on floor 2 not printing');
  await expect(item.getByTestId('state')).toContainText(/Waiting for the customer · expires in 2[34] h/);
  const t1 = await item.getByTestId('timer').textContent();
  await expect(item.getByTestId('timer')).not.toHaveText(t1!, { timeout: 3000 });
  await expect.poll(async () => (await badge(context)).text).toBe('1');
  expect((await badge(context)).colour).toEqual(BLUE);
  expect((await badge(context)).title).toBe('TeamViewer for BOSS: open service cases: 1');

  // The customer joins (the sandbox says so, the watcher sees it): state and badge change.
  await sandbox.call('POST', `/sessions/${code}/online`, {});
  await tick(context);
  await expect(item.getByTestId('state')).toContainText('Customer connected');
  await expect.poll(async () => (await badge(context)).colour).toEqual(GREEN);
  expect((await badge(context)).text).toBe('1');
  expect((await badge(context)).title).toContain('A customer has connected and is waiting: 1');
  await shoot(panel.locator('main'), 'panel-customer-connected');

  // The panel itself asked TeamViewer nothing: the only calls since it opened are the case's own
  // (create), the watcher's tick and the ticket view's device list (issue 19).
  const calls = (await sandbox.requests()).slice(before).map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
  expect(calls.filter((c) => !/^(GET|POST) \/(sessions|groups)$/.test(c) && c !== 'GET /devices')).toEqual([]);

  // Stop from the panel: closed in the sandbox; the comment waits for the ticket's next visit.
  await item.getByRole('button', { name: 'Stop' }).click();
  await expect(panel.getByTestId('mine').getByTestId('empty-mine')).toBeVisible();
  await expect.poll(async () => (await sandbox.state()).sessions.find((s) => s.code === code)?.state).toBe('Closed');
  const ended = panel.getByTestId('today').getByTestId('ended');
  await expect(ended).toHaveCount(1);
  await expect(ended).toContainText('closed');
  await expect(ended).toContainText('comment');
  await expect(panel.getByTestId('today-total')).toContainText('Total today: 1 cases');
  await expect.poll(async () => (await badge(context)).text).toBe('');
  expect(await desk.comments('1042')).toHaveLength(0);
  await shoot(panel.locator('main'), 'panel-today');

  const again = await context.newPage();
  await again.goto(desk.ticketUrl('1042'));
  await expect.poll(async () => (await desk.comments('1042')).length, { timeout: 15_000 }).toBe(1);
  expect((await desk.comments('1042'))[0]!.text).toContain(code);
  await expect(panel.getByTestId('today').getByTestId('ended')).not.toContainText('comment');
});

test('Open ticket focuses the tab that shows it (no second tab); opening the case makes the badge blue again', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const ticket = await context.newPage();
  const code = await startFromWidget(ticket, desk.ticketUrl('1043'));
  await sandbox.call('POST', `/sessions/${code}/online`, {});
  await tick(context);
  await expect.poll(async () => (await badge(context)).colour).toEqual(GREEN);

  const tabId = await tabIdOf(context, '/tickets/1043');
  const active = async () => (await currentWorker(context)).evaluate(async (id) => (await chrome.tabs.get(id)).active, tabId);
  const panel = await openPanel(context, extensionId);
  await panel.bringToFront();
  await expect.poll(active).toBe(false);
  const pages = context.pages().length;
  await panel.getByTestId('mine').getByTestId('case').getByRole('button', { name: 'Open ticket' }).click();
  await expect.poll(active).toBe(true);
  expect(context.pages()).toHaveLength(pages);
  await expect.poll(async () => (await badge(context)).colour).toEqual(BLUE);
});

test('a colleague\'s case is listed with who started it, read-only, and stopped only after the confirmation', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const ticket = await context.newPage();
  await startFromWidget(ticket, desk.ticketUrl('1042'));
  // Arya Stark starts a case on ticket 1043 in her own browser (the same BOSS group).
  const group = (await sandbox.state()).groups.find((g) => g.name === 'BOSS')!;
  const origin = new URL(desk.handle.url).origin;
  const r = await fetch(`${sandbox.handle.apiBase}/sessions`, {
    method: 'POST', headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      groupid: group.id, assigned_userid: 'u22334455', description: 'BOSS ticket #1043',
      custom_api: JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c-arya-1', ticketKey: `${origin}#1043`, ticket: { number: '#1043', title: 'VPN drops every hour' } }),
    }),
  });
  const theirs = ((await r.json()) as { code: string }).code;
  await tick(context);

  const panel = await openPanel(context, extensionId);
  const item = panel.getByTestId('colleagues').getByTestId('case');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('code')).toHaveText(theirs);
  await expect(item.getByTestId('started-by')).toHaveText('Arya Stark');
  // Read-only: no Connect, no customer link; their case does not count on this technician's badge.
  await expect(item.getByRole('button', { name: 'Connect to the customer' })).toHaveCount(0);
  await expect(item.getByTestId('copy-link')).toHaveCount(0);
  await expect(panel.getByTestId('mine').getByTestId('case')).toHaveCount(1);
  expect((await badge(context)).text).toBe('1');
  await shoot(panel.locator('main'), 'panel-colleague');

  await item.getByRole('button', { name: 'Stop' }).click();
  await expect(item.getByTestId('confirm-stop')).toContainText('This service case was started by Arya Stark');
  await item.getByRole('button', { name: 'Cancel' }).click();
  await expect(item.getByTestId('confirm-stop')).toHaveCount(0);
  expect((await sandbox.state()).sessions.find((s) => s.code === theirs)!.state).toBe('Open');
  await item.getByRole('button', { name: 'Stop' }).click();
  await item.getByRole('button', { name: 'Stop it' }).click();
  await expect.poll(async () => (await sandbox.state()).sessions.find((s) => s.code === theirs)?.state).toBe('Closed');
  await expect(panel.getByTestId('colleagues')).toHaveCount(0);
});

test('the start/stop shortcut: on a ticket it starts the case, then asks in the widget before stopping; elsewhere a notification says there is no ticket', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const ticket = await context.newPage();
  await ticket.goto(desk.ticketUrl('1042'));
  const w = widget(ticket);
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  const tabId = await tabIdOf(context, '/tickets/1042');
  const command = async (name: string, id: number) => {
    const sw = await currentWorker(context);
    return sw.evaluate(([n, i]) => (globalThis as unknown as Hook).__tv4boss.command(n as string, { id: i as number }), [name, id] as const);
  };

  expect(await command('toggle-session', tabId)).toBe(true);
  await expect(w.getByTestId('code')).toHaveText(/^s[\d-]+$/);
  expect((await sandbox.state()).sessions).toHaveLength(1);

  // Again: the widget asks first (focus on its "Stop it"); nothing is closed until then.
  expect(await command('toggle-session', tabId)).toBe(true);
  await expect(w.getByTestId('confirm-stop')).toContainText('Stop this TeamViewer session?');
  await expect(w.getByRole('button', { name: 'Stop it' })).toBeFocused();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Open');
  await w.getByRole('button', { name: 'Stop it' }).click();
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Closed');

  // A help-desk page that is not a ticket (no widget), then a page without the content script:
  // a short notification each time, nothing started.
  await ticket.goto(`${desk.handle.url}/`);
  expect(await command('toggle-session', tabId)).toBe(false);
  await expect.poll(async () => Object.keys(await notifications(context))).toContain('no-ticket');
  const optionsTab = await page.evaluate(async () => (await chrome.tabs.getCurrent())!.id!);
  expect(await command('toggle-session', optionsTab)).toBe(false);
  await expect.poll(async () => Object.keys(await notifications(context))).toContain('no-ticket');
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('not connected: the panel says what to do', async ({ context, extensionId }) => {
  const panel = await openPanel(context, extensionId);
  await expect(panel.getByTestId('not-connected')).toContainText('TeamViewer is not connected');
  await expect(panel.getByRole('button', { name: 'Open settings' })).toBeVisible();
});
