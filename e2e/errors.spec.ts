// Every failure row of the lifecycle: a clear message in the widget, nothing lost, no duplicate case.
import { test, expect, connectToken, widget, tick, startFromWidget, DEMO_TOKEN } from './fixtures';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';

test.beforeEach(async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
});

const createFault = (status: number, extra: Record<string, unknown> = {}) => ({ method: 'POST', path: '^/sessions$', status, ...extra });

test('revoked token: says so, links to the options page, creates nothing', async ({ page, sandbox, desk }) => {
  await sandbox.call('POST', '/revoke', { token: DEMO_TOKEN });
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  const err = widget(page).getByTestId('error');
  await expect(err).toContainText('TeamViewer access was revoked or the token is invalid.');
  const opened = page.context().waitForEvent('page');
  await err.getByRole('button', { name: 'Open settings' }).click();
  expect((await opened).url()).toContain('/src/pages/options/index.html');
  expect((await sandbox.state()).sessions).toHaveLength(0);
});

test('403: names the missing permission', async ({ page, sandbox, desk }) => {
  await sandbox.fault(createFault(403, { body: { error: 'invalid_permission', error_description: 'Permission denied: sessions', error_code: 403 } }));
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('error')).toContainText('lacks a permission');
  await expect(widget(page).getByTestId('error')).toContainText('Missing: Session management (create, view all, edit all)');
  await expect(widget(page).getByTestId('error')).toContainText('Edit profile → Apps');
});

test('licence limit: concurrent session limit message, play again afterwards', async ({ page, sandbox, desk }) => {
  await sandbox.fault(createFault(400, { body: { error: 'invalid_request', error_description: 'Session could not be created due to license limitations.', error_code: 400 } }));
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('error')).toContainText('concurrent session limit of your TeamViewer licence');
  await widget(page).getByTestId('error').getByRole('button', { name: 'Try again' }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('404 on stop: the case is treated as closed elsewhere', async ({ page, sandbox, desk }) => {
  await startFromWidget(page, desk.ticketUrl('1042'));
  await sandbox.fault({ method: 'PUT', path: '^/sessions/', status: 404 });
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await expect(widget(page).getByTestId('history-item').first()).toHaveAttribute('data-outcome', 'closed');
});

test('429: waits for Retry-After, shows it is waiting, then succeeds with one case', async ({ page, sandbox, desk }) => {
  await sandbox.fault(createFault(429, { headers: { 'Retry-After': '2' } }));
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('waiting')).toBeVisible();
  await expect(widget(page).getByTestId('code')).toBeVisible({ timeout: 8_000 });
  const posts = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/sessions');
  expect(posts.map((p) => p.status)).toEqual([429, 200]);
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('5xx: retried with backoff, then an error with a retry button that works', async ({ page, sandbox, desk }) => {
  await sandbox.fault(createFault(503, { count: 4 }));
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('error')).toContainText('TeamViewer had a server error', { timeout: 15_000 });
  expect((await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/sessions')).toHaveLength(4);
  await widget(page).getByTestId('error').getByRole('button', { name: 'Try again' }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('answer lost after the case was created: found again, never created twice', async ({ context, page, sandbox, desk }) => {
  // The server creates the case but the connection drops before the answer arrives.
  await sandbox.fault(createFault(-2));
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible({ timeout: 15_000 });
  // Chromium may resend the POST by itself on a dropped kept-alive connection: any twin is removed
  // by the watcher's next tick (the twin net lives there since one create is one call).
  await tick(context);
  const open = (await sandbox.state()).sessions.filter((s) => s.state === 'Open');
  expect(open).toHaveLength(1);
  await expect(widget(page).getByTestId('code')).toHaveText(open[0]!.code);
});

test('network down: clear message; the watcher catches up when it returns', async ({ context, page, sandbox, desk }) => {
  const code = await startFromWidget(page, desk.ticketUrl('1043'));
  await sandbox.call('POST', `/sessions/${code}/online`, {});
  await sandbox.fault({ method: 'GET', path: '^/sessions$', status: -1, count: 100 });
  await tick(context); // every attempt of this tick fails
  await expect(widget(page).getByTestId('online')).toHaveCount(0);
  await sandbox.call('DELETE', '/faults');
  await tick(context);
  await expect(widget(page).getByTestId('online')).toBeVisible();

  await sandbox.fault({ method: 'PUT', path: '^/sessions/', status: -1, count: 100 });
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByTestId('error')).toContainText('TeamViewer cannot be reached', { timeout: 15_000 });
  // Nothing lost: the case is still open and can be stopped once the network is back.
  await sandbox.call('DELETE', '/faults');
  await widget(page).getByTestId('error').getByRole('button', { name: 'Try again' }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Closed');
});
