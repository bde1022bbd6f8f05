// Service-case lifecycle in real Chromium against the sandbox and the demo desk.
import dayjs from 'dayjs';
import {
  test, expect, connectToken, widget, tick, notifications, notificationClick, stopWorkers, startFromWidget, currentWorker,
} from './fixtures';
import { formatStamp } from '../src/shared/closing-comment';
import { formatDuration } from '../src/shared/duration';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';

test.beforeEach(async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
});

test('double click and a second tab on the same ticket make one case, shown in both tabs', async ({ context, page, sandbox, desk }) => {
  const url = desk.ticketUrl('1043');
  await page.goto(url);
  const other = await context.newPage();
  await other.goto(url);
  // Slow the create down so that every click lands while the first is in flight.
  await sandbox.fault({ method: 'POST', path: '^/sessions$', status: 0, delayMs: 800 });
  const play1 = widget(page).getByRole('button', { name: START });
  const play2 = widget(other).getByRole('button', { name: START });
  // Both buttons live before the clicks, or the test proves nothing.
  await expect(play1).toBeEnabled();
  await expect(play2).toBeEnabled();
  // Real clicks (the widget ignores clicks made by page script): a double click with no wait
  // between its two clicks and, at the same moment, the other tab's click.
  // Raw mouse input (no actionability waits): the first click's 'creating' view may reach the
  // other tab before its click, and a locator click would then wait for a button that is gone.
  const [box1, box2] = [(await play1.boundingBox())!, (await play2.boundingBox())!];
  await Promise.all([
    page.mouse.dblclick(box1.x + box1.width / 2, box1.y + box1.height / 2),
    other.mouse.click(box2.x + box2.width / 2, box2.y + box2.height / 2),
  ]);
  await expect(widget(page).getByTestId('code')).toBeVisible();
  const code = await widget(page).getByTestId('code').textContent();
  await expect(widget(other).getByTestId('code')).toHaveText(code!, { timeout: 1_000 });
  const state = await sandbox.state();
  expect(state.sessions).toHaveLength(1);
  expect((await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/sessions')).toHaveLength(1);
});

test('customer joins: notification, widget says so, click opens the supporter link', async ({ context, page, sandbox, desk }) => {
  const code = await startFromWidget(page, desk.ticketUrl('1042'));
  // Not read from the page: the widget no longer holds the supporter link (it carries a secret).
  const supporter = (await sandbox.state()).sessions.find((x) => x.code === code)?.supporter_link;
  await sandbox.call('POST', `/sessions/${code}/online`, {});
  await tick(context);
  await expect(widget(page).getByTestId('online')).toHaveText(/Customer is waiting/);
  const all = await notifications(context);
  const ids = Object.keys(all).filter((id) => id.startsWith('joined:'));
  expect(ids).toHaveLength(1);
  // A second tick does not notify again.
  await tick(context);
  expect(Object.keys(await notifications(context)).filter((id) => id.startsWith('joined:'))).toHaveLength(1);
  // No network here: answer the supporter link locally so the opened tab keeps its URL.
  await context.route('https://get.teamviewer.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>TeamViewer</title>' }));
  const opened = context.waitForEvent('page');
  await notificationClick(context, ids[0]!);
  const tab = await opened;
  await expect.poll(() => tab.url()).toContain(supporter!.replace('https://', ''));
  await expect(tab).toHaveTitle('TeamViewer');
  // The other button brings the ticket's tab to the front.
  await notificationClick(context, ids[0]!, 1);
  await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('visible');
});

test('stop writes one comment with code, start, end and duration from the server, plus the device', async ({ context, page, sandbox, desk }) => {
  const code = await startFromWidget(page, desk.ticketUrl('1042'));
  await sandbox.call('POST', `/sessions/${code}/connect`, { devicename: 'ANA-LAPTOP', minutes: 7, notes: 'Cleared the print queue' });
  await tick(context);
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
  const [comment] = await desk.comments('1042');
  const s = (await sandbox.state()).sessions[0]!;
  const text = comment!.text;
  expect(text).toContain(code);
  expect(text).toContain(`Start: ${formatStamp(s.created_at, 'en')}`);
  expect(text).toContain(`End: ${formatStamp(s.closed_at!, 'en')}`);
  expect(text).toContain(`Duration: ${formatDuration(dayjs(s.closed_at).diff(s.created_at))}`);
  expect(text).toContain('Device: ANA-LAPTOP');
  expect(text).toContain('Connection time: 7 min 00 s');
  expect(text).toContain('Cleared the print queue');
  expect(text).not.toContain(s.supporter_link);
  // History in the widget.
  await expect(widget(page).getByTestId('history-item')).toHaveAttribute('data-outcome', 'closed');
});

test('closing the ticket is refused while a case is open and allowed after', async ({ page, desk }) => {
  await startFromWidget(page, desk.ticketUrl('1044'));
  await page.getByRole('button', { name: 'Close ticket' }).click();
  await expect(widget(page).getByTestId('close-refused')).toHaveText('Close the TeamViewer service case before closing this ticket.');
  await page.locator('#status-select').selectOption('resolved');
  await page.locator('.status-control button').click();
  const changes = await desk.get<unknown[]>('/api/status-changes?ticket=1044');
  expect(changes).toHaveLength(0);

  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await page.getByRole('button', { name: 'Close ticket' }).click();
  await expect.poll(async () => (await desk.get<{ to: string }[]>('/api/status-changes?ticket=1044')).map((c) => c.to)).toEqual(['closed']);
});

test('expiry: the watcher alarm frees the play button, history says expired, the technician is told', async ({ context, page, sandbox, desk, extensionId }) => {
  const code = await startFromWidget(page, desk.ticketUrl('1045'));
  // A 1 s watcher period (the test build allows it) so that the real alarm does the work.
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extensionId}/src/pages/options/index.html`);
  await options.getByLabel('Check TeamViewer every (seconds)').fill('1');
  await options.getByLabel('Check TeamViewer every (seconds)').blur();
  await options.close();
  await sandbox.call('POST', `/sessions/${code}/expire`);
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible({ timeout: 15_000 });
  await expect(widget(page).getByTestId('history-item').first()).toHaveAttribute('data-outcome', 'expired');
  expect(Object.keys(await notifications(context)).filter((id) => id.startsWith('expired:'))).toHaveLength(1);
});

test('a case closed in the Management Console is followed by the widget', async ({ context, page, sandbox, desk }) => {
  const code = await startFromWidget(page, desk.ticketUrl('1046'));
  await sandbox.call('POST', `/sessions/${code}/close`);
  await tick(context);
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await expect(widget(page).getByTestId('history-item').first()).toHaveAttribute('data-outcome', 'closed');
});

test('worker stopped between the API call and the write: the case is found again, alarms survive', async ({ context, page, sandbox, desk }) => {
  await page.goto(desk.ticketUrl('1042'));
  await sandbox.fault({ method: 'POST', path: '^/sessions$', status: 0, delayMs: 2500 });
  await widget(page).getByRole('button', { name: START }).click();
  await expect.poll(async () => (await sandbox.requests()).some((r) => r.method === 'POST' && r.path === '/sessions')).toBe(true);
  await stopWorkers(page);
  await expect(widget(page).getByTestId('code')).toBeVisible({ timeout: 20_000 });
  const state = await sandbox.state();
  expect(state.sessions).toHaveLength(1);
  await expect(widget(page).getByTestId('code')).toHaveText(state.sessions[0]!.code);
  // The restarted worker re-armed the watcher from stored state.
  await stopWorkers(page);
  await page.reload();
  await expect(widget(page).getByTestId('code')).toHaveText(state.sessions[0]!.code);
  const sw = await currentWorker(context);
  const alarms = await sw.evaluate(() => chrome.alarms.getAll());
  expect(alarms.map((a) => a.name)).toContain('watch');
});

test('a closing comment that cannot be posted stays pending and is posted on the next visit', async ({ page, desk }) => {
  await startFromWidget(page, desk.ticketUrl('1043'));
  // The comment form is gone (another view of the ticket, a layout change…).
  await page.locator('.comment-form').evaluate((f) => f.remove());
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByTestId('comment-pending')).toBeVisible();
  expect(await desk.comments('1043')).toHaveLength(0);
  await page.reload();
  await expect.poll(async () => (await desk.comments('1043')).length).toBe(1);
  await expect(widget(page).getByTestId('comment-pending')).toHaveCount(0);
  // Posted once only, even after another visit.
  await page.reload();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  expect(await desk.comments('1043')).toHaveLength(1);
});

test('keyboard and screen readers: named buttons reachable by keyboard, state changes announced', async ({ page, desk }) => {
  await page.goto(desk.ticketUrl('1042'));
  const w = widget(page);
  const status = w.getByTestId('status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText('Ready to start a TeamViewer session');
  await w.getByRole('button', { name: START }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^Service case s[\d-]+ is open$/);
  await w.getByRole('button', { name: 'Copy session code' }).focus();
  await page.keyboard.press('Tab');
  await expect(w.getByRole('button', { name: 'Connect to the customer' })).toBeFocused();
  await w.getByRole('button', { name: STOP }).focus();
  await page.keyboard.press('Space');
  await expect(status).toHaveText('Ready to start a TeamViewer session');
});
