// Enterprise policy through a real Chromium policy file: it sets the API address, the watcher
// period and an on-prem site; the options page shows them locked; the site's tickets get the
// widget (content script registered from policy); connecting uses the policy's API address.
//
// A policy file applies to every Chromium on the machine, so this spec runs alone, after all the
// others (project "policy" in playwright.config.ts; run it alone with
// `npx playwright test --project=policy --no-deps`). Needs root (CI runs as root).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { DEMO_TOKEN, currentWorker, expect, launchWithExtension, notifications, serviceWorkerOf, tick, widget } from './fixtures';
import { test, optionsUrl, siteRow } from './site-helpers';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/tv4boss-test.json`;
/** The test build's id, fixed by the manifest `key`. */
const EXTENSION_ID = 'jnolmkmcgfnghfjkmgilbcbinffbikdf';

const removePolicy = () => rmSync(POLICY_FILE, { force: true });
// Left behind, the file would lock every later Chromium run on this machine: remove it however we exit.
process.once('exit', removePolicy);

test.describe.configure({ mode: 'serial' });

/** Chromium reads policy at browser start: write it before launching. */
function writePolicy(policy: Record<string, unknown>): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
}

test.beforeAll(async ({ sandbox, onpremDesk }) => {
  // Before any Chromium of this worker starts: policy is read at browser start.
  writePolicy({ apiBaseUrl: sandbox.handle.apiBase, helpdeskSites: [{ origin: onpremDesk.handle.url }], pollSeconds: 5 });
});

test.afterAll(removePolicy);

test('policy: API address, period and site are applied and shown locked; the site is injected; connect uses the policy address', async ({ page, context, extensionId, sandbox, onprem }) => {
  expect(extensionId).toBe(EXTENSION_ID);
  await page.goto(optionsUrl(extensionId));

  // Locked in the options page.
  await expect(page.getByTestId('policy-api')).toContainText(sandbox.handle.apiBase);
  await expect(page.getByTestId('policy-api')).toContainText('Set by your administrator');
  await expect(page.locator('#poll')).toBeDisabled();
  await expect(page.locator('#poll')).toHaveValue('5');
  await expect(page.getByTestId('poll-locked')).toBeVisible();
  const row = siteRow(page, onprem.handle.url);
  await expect(row).toHaveAttribute('data-source', 'policy');
  await expect(row.getByTestId('site-locked')).toHaveText('Set by your administrator');
  await expect(row.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'View profile' })).toBeVisible();

  // The policy site's tickets get the widget: its content script was registered from policy.
  const ticket = await context.newPage();
  await ticket.goto(onprem.ticketUrl('1042', { layout: 'onprem', lang: 'es' }));
  await expect(widget(ticket)).toHaveCount(1);

  // Connecting uses the policy's API address, whatever the form holds.
  await page.bringToFront();
  await page.getByText('Advanced').click();
  const api = page.getByLabel('TeamViewer API address');
  await expect(api).toBeDisabled();
  await page.getByLabel('TeamViewer script token').fill(DEMO_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('account')).toContainText('Jon Snow');
  expect((await sandbox.requests()).some((r) => r.path.endsWith('/ping'))).toBe(true);
  const view = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'settings/get' }));
  expect(view.data.settings.apiBaseUrl).toBe(sandbox.handle.apiBase);
  expect(view.data.locked).toEqual(['apiBaseUrl', 'pollSeconds']);

  // And the widget on the policy site starts a case against the sandbox.
  await ticket.bringToFront();
  await ticket.reload();
  await widget(ticket).getByRole('button', { name: 'Start TeamViewer session' }).click();
  await expect(widget(ticket).getByTestId('code')).toHaveText(/^s[\d-]+$/);
});

// ---------- Team mode: one token for the whole help desk, distributed by policy ----------

async function profile(): Promise<{ ctx: BrowserContext; id: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tv4boss-team-'));
  const ctx = await launchWithExtension(dir);
  const id = new URL((await serviceWorkerOf(ctx)).url()).host;
  return { ctx, id, dir };
}

test('shared token by policy: the organisation\'s connection, no token anywhere a page can reach, cases assigned to each technician, only the assignee notified, every widget shows the case', async ({ sandbox, desk }) => {
  writePolicy({ apiBaseUrl: sandbox.handle.apiBase, teamviewerToken: DEMO_TOKEN, pollSeconds: 1 });
  const a = await profile();
  const b = await profile();
  try {
    // The options page shows the organisation's connection: no token field, no revoke.
    const optA = a.ctx.pages()[0] ?? (await a.ctx.newPage());
    await optA.goto(optionsUrl(a.id));
    await expect(optA.getByTestId('account')).toContainText('Connected by your organisation');
    await expect(optA.getByTestId('account')).toContainText('Jon Snow');
    await expect(optA.getByLabel('TeamViewer script token')).toHaveCount(0);
    await expect(optA.getByRole('button', { name: /Revoke|Disconnect/ })).toHaveCount(0);
    // The organisation's BOSS group: its sharing is shown read-only (the policy has no allowSharing).
    await expect(optA.getByTestId('sharing-read-only')).toBeVisible();
    await expect(optA.getByTestId('sharing').getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);

    // Each technician picks themselves once.
    await optA.getByLabel('Who are you?').selectOption('u11293276');
    await optA.getByTestId('technician').getByRole('button', { name: 'Save' }).click();
    await expect(optA.getByTestId('technician-chosen')).toContainText('Jon Snow');
    // Arya's help desk shows her as signed in: her options page has her pre-selected.
    const ticketB = await b.ctx.newPage();
    await ticketB.goto(`${desk.ticketUrl('1042')}?user=Arya%20Stark`);
    await expect(widget(ticketB)).toHaveCount(1);
    const optB = b.ctx.pages()[0] ?? (await b.ctx.newPage());
    await optB.goto(optionsUrl(b.id));
    await expect(optB.getByLabel('Who are you?')).toHaveValue('u22334455');
    await expect(optB.getByText('Pre-selected: the user signed in to the help desk.')).toBeVisible();
    await optB.getByTestId('technician').getByRole('button', { name: 'Save' }).click();
    await expect(optB.getByTestId('technician-chosen')).toContainText('Arya Stark');

    // Jon starts a case on ticket 1042: assigned to Jon.
    const ticketA = await a.ctx.newPage();
    await ticketA.goto(desk.ticketUrl('1042'));
    await widget(ticketA).getByRole('button', { name: 'Start TeamViewer session' }).click();
    await expect(widget(ticketA).getByTestId('code')).toHaveText(/^s[\d-]+$/);
    const code = (await widget(ticketA).getByTestId('code').textContent())!;
    const session = (await sandbox.state()).sessions.find((x) => x.code === code) as unknown as { assigned_userid: string };
    expect(session.assigned_userid).toBe('u11293276');
    await expect(widget(ticketA).getByTestId('assigned')).toHaveText('Jon Snow');

    // Arya has the same ticket open: her widget shows Jon's case (from her watcher's list), says
    // who started it, and stops it only after a confirmation.
    await ticketB.bringToFront();
    await tick(b.ctx); // her watcher polls while a ticket is on screen; a tick now, not in a second
    await expect(widget(ticketB).getByTestId('code')).toHaveText(code);
    await expect(widget(ticketB).getByTestId('colleague')).toContainText('Started by Jon Snow');
    await widget(ticketB).getByRole('button', { name: 'Stop TeamViewer session' }).click();
    await expect(widget(ticketB).getByTestId('confirm-stop')).toContainText('This service case was started by Jon Snow');
    await widget(ticketB).getByTestId('confirm-stop').getByRole('button', { name: 'Cancel' }).click();
    await expect(widget(ticketB).getByTestId('confirm-stop')).toHaveCount(0);
    expect((await sandbox.state()).sessions.find((x) => x.code === code)!.state).toBe('Open');

    // The customer joins: only Jon's browser raises the notification; both widgets say so.
    await sandbox.call('POST', `/sessions/${code}/connect`);
    await tick(a.ctx);
    await tick(b.ctx);
    await expect(widget(ticketA).getByTestId('online')).toBeVisible();
    await expect(widget(ticketB).getByTestId('online')).toBeVisible();
    await expect.poll(async () => Object.keys(await notifications(a.ctx)).some((k) => k.startsWith('joined:'))).toBe(true);
    expect(Object.keys(await notifications(b.ctx))).toEqual([]);

    // No token text in any page's DOM, nor in storage.local; content scripts cannot read managed storage.
    for (const p of [optA, optB, ticketA, ticketB]) expect(await p.content()).not.toContain(DEMO_TOKEN);
    for (const ctx of [a.ctx, b.ctx]) {
      const sw = await currentWorker(ctx);
      expect(JSON.stringify(await sw.evaluate(() => chrome.storage.local.get(null)))).not.toContain(DEMO_TOKEN);
    }
    const fromContentScript = await (await currentWorker(a.ctx)).evaluate(async () => {
      const tabs = await chrome.tabs.query({ url: 'http://localhost/*' });
      const [res] = await chrome.scripting.executeScript({
        target: { tabId: tabs[0]!.id! },
        func: async () => { try { return JSON.stringify(await chrome.storage.managed.get(null)); } catch (e) { return `error: ${String(e)}`; } },
      });
      return res?.result as string;
    });
    expect(fromContentScript).not.toContain(DEMO_TOKEN);
  } finally {
    await Promise.all([a.ctx.close(), b.ctx.close()]);
    for (const p of [a, b]) rmSync(p.dir, { recursive: true, force: true });
  }
});
