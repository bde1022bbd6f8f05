// The requester's own computers (issue 19), in real Chromium against the sandbox and the demo desk:
// the widget lists the requester's devices (online and offline), Connect opens TeamViewer's start
// link in a new tab, the sandbox reports the connection, the comment reaches the ticket with device
// and duration, reports count it under its kind; the profile's asset field; no match; no permission.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, connectToken, tick, widget } from './fixtures';

const DEVICES = [
  { alias: 'PC-ANA-RUIZ', online_state: 'Online', description: 'Finance, floor 2', remotecontrol_id: 'r123456789' },
  { alias: 'LAPTOP-0231', online_state: 'Offline', description: 'Ana Ruiz – laptop', remotecontrol_id: 'r223456789', last_seen: '2026-11-30T08:00:00Z' },
  { alias: 'PC-0417', online_state: 'Online', description: 'Meeting room B', remotecontrol_id: 'r323456789' },
  { alias: 'PC-BOB', online_state: 'Online', description: 'Bob Stone' },
];

const SHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../docs/screenshots/' : '../test-results/screenshots/', import.meta.url));
async function shoot(target: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled', caret: 'hide' });
}

const deviceCalls = async (sandbox: { requests(): Promise<{ path: string }[]> }) => (await sandbox.requests()).filter((r) => r.path === '/devices').length;

test('the requester\'s online and offline computers; Connect, the reported connection, its comment and its kind in reports', async ({ context, page, extensionId, sandbox, desk }) => {
  test.setTimeout(90_000);
  await sandbox.call('POST', '/devices', { devices: DEVICES });
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await expect(page.getByTestId('devices-forbidden')).toHaveCount(0);
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(desk.ticketUrl('1042'));
  const w = widget(page);
  const list = w.getByRole('list', { name: 'The requester\'s computers' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').nth(0)).toContainText('PC-ANA-RUIZ · Online');
  await expect(list.getByRole('listitem').nth(1)).toContainText('LAPTOP-0231 · Offline, last seen');
  await expect(list.getByRole('listitem').nth(1).getByRole('button')).toHaveCount(0);
  // No device id anywhere in the page (the widget's shadow root included).
  const html = await page.evaluate(() => {
    const all = (root: Document | ShadowRoot) => [...root.querySelectorAll('*')]
      .flatMap((e) => [e.textContent ?? '', ...[...e.attributes].map((x) => x.value)]).join(' ');
    return `${all(document)} ${all(document.querySelector('tv4boss-widget')!.shadowRoot!)}`;
  });
  expect(html).not.toMatch(/123456789|223456789|r\d{9}/);
  expect(await deviceCalls(sandbox)).toBe(1);
  const axe = await new AxeBuilder({ page }).include('tv4boss-widget').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await shoot(w, 'widget-devices');

  // Connect: TeamViewer's start link in a new tab (answered locally: no network here).
  await context.route('https://start.teamviewer.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>TeamViewer</title>' }));
  const opened = context.waitForEvent('page');
  await w.getByRole('button', { name: 'Connect to PC-ANA-RUIZ' }).click();
  const tab = await opened;
  await expect.poll(() => tab.url()).toBe('https://start.teamviewer.com/123456789');
  await tab.close();
  await expect(w.getByTestId('device-connection')).toContainText(/Connected to PC-ANA-RUIZ since \d/);
  await expect(w.getByRole('button', { name: /^Done with PC-ANA-RUIZ/ })).toBeVisible();
  // The side panel lists the running connection.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/src/pages/sidepanel/index.html`);
  await expect(panel.getByTestId('device-connection')).toContainText('Connected to PC-ANA-RUIZ since');
  await expect(panel.getByTestId('device-connection').getByRole('heading', { level: 3 })).toHaveText('#1042 · Printer on floor 2 not printing');

  // The connection ends: TeamViewer reports it (no session code); the watcher's tick finds it.
  await sandbox.call('POST', '/devices/r123456789/connect', { minutes: 0.5, notes: 'Reinstalled the printer driver' });
  await tick(context);
  await expect(w.getByTestId('device-connection')).toHaveCount(0);
  await expect(panel.getByTestId('device-connection')).toHaveCount(0);
  await expect(panel.getByTestId('today').locator('[data-kind=device]')).toContainText('Connection to PC-ANA-RUIZ');
  await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
  const [comment] = await desk.comments('1042');
  expect(comment!.text).toContain('TeamViewer connection to the requester\'s computer PC-ANA-RUIZ ended.');
  expect(comment!.text).toContain('Device: PC-ANA-RUIZ');
  expect(comment!.text).toMatch(/Duration: 30 s/);
  expect(comment!.text).toContain('Supporter notes: Reinstalled the printer driver');
  // Play is free: a device connection is not a service case.
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeEnabled();

  // Reports count it under its kind.
  await panel.goto(`chrome-extension://${extensionId}/src/pages/reports/index.html?kind=device`);
  await expect(panel.getByTestId('kind-filter')).toHaveValue('device');
  await expect(panel.getByTestId('case-row')).toHaveCount(1);
  await expect(panel.getByTestId('case-row')).toHaveAttribute('data-kind', 'device');
  await expect(panel.getByTestId('case-row')).toContainText('Device connection');
  await expect(panel.getByTestId('case-row')).toContainText('PC-ANA-RUIZ');
  await panel.getByTestId('kind-filter').selectOption('service');
  await expect(panel).toHaveURL(/kind=service/);
  await expect(panel.getByTestId('case-row')).toHaveCount(0);
});

test('Done writes the comment at once; the profile\'s asset field finds a device whose alias has no name in it', async ({ context, page, extensionId, sandbox, desk }) => {
  await sandbox.call('POST', '/devices', { devices: DEVICES });
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1043')); // Jorge Martín, "Asset: PC-0417"
  const w = widget(page);
  const list = w.getByRole('list', { name: 'The requester\'s computers' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('PC-0417 · Online');
  await context.route('https://start.teamviewer.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>TeamViewer</title>' }));
  const opened = context.waitForEvent('page');
  await w.getByRole('button', { name: 'Connect to PC-0417' }).click();
  await (await opened).close();
  await w.getByRole('button', { name: /^Done with PC-0417/ }).click();
  await expect.poll(async () => (await desk.comments('1043')).length).toBe(1);
  expect((await desk.comments('1043'))[0]!.text).toMatch(/Device: PC-0417[\s\S]*Duration: /);
  await expect(list.getByRole('listitem')).toHaveCount(1);
});

test('no device of the requester: no section, and the list is not read again for her next ticket view', async ({ page, extensionId, sandbox, desk }) => {
  await sandbox.call('POST', '/devices', { devices: DEVICES });
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1044')); // Lucía Fernández: none of hers
  const w = widget(page);
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  await expect.poll(() => deviceCalls(sandbox)).toBe(1);
  await page.reload();
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await deviceCalls(sandbox)).toBe(1); // cached per requester
  await expect(w.getByTestId('devices')).toHaveCount(0);
  await expect(w.getByRole('heading', { name: 'The requester\'s computers' })).toHaveCount(0);
});

test('a token without the Computers & Contacts permission: no section, and the options page says which permission shows it', async ({ page, extensionId, sandbox, desk }) => {
  await sandbox.call('POST', '/devices', { devices: DEVICES });
  await sandbox.call('POST', '/tokens', { token: 'no-devices-token-1', denied: ['devices'] });
  await connectToken(page, extensionId, sandbox, 'no-devices-token-1');
  await expect(page.getByTestId('account')).toBeVisible();
  await expect(page.getByTestId('devices-forbidden')).toHaveCount(0);
  await page.goto(desk.ticketUrl('1042'));
  const w = widget(page);
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  await expect.poll(async () => (await sandbox.requests()).filter((r) => r.path === '/devices' && r.status === 403).length).toBe(1);
  await page.waitForTimeout(500);
  await expect(w.getByTestId('devices')).toHaveCount(0);
  await expect(w.getByTestId('error')).toHaveCount(0); // not an error of the widget's: the section just is not there
  await page.goto(`chrome-extension://${extensionId}/src/pages/options/index.html`);
  await expect(page.getByTestId('devices-forbidden')).toContainText('"Computers & Contacts" permission (view entries)');
});
