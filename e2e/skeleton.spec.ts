// The walking skeleton, end to end in real Chromium: connect → ticket → play → stop.
import { test, expect, connectToken, widget, parseMeta } from './fixtures';

test('connect, start a case from a ticket, see code, expiry and links, stop it', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toContainText('Jon Snow');
  await expect(page.getByTestId('account')).toContainText('Corporate');

  await page.goto(desk.ticketUrl('1042'));
  const w = widget(page);
  await w.getByRole('button', { name: 'Start TeamViewer session' }).click();

  await expect(w.getByTestId('code')).toHaveText(/^s\d{2,3}-\d{3}-\d{3}$/);
  const code = (await w.getByTestId('code').textContent())!;
  await expect(w.getByTestId('expiry')).toContainText(/\d/);
  await expect(w.getByTestId('customer-link')).toHaveAttribute('href', /^https:\/\/get\.teamviewer\.com\/v15\/s\d+$/);
  // The supporter link carries a secret: not in the page, a Connect button asks the worker instead.
  await expect(w.getByRole('button', { name: 'Connect to the customer' })).toBeVisible();
  await expect(w.locator('a[href*="-"]')).toHaveCount(0);

  await w.getByRole('button', { name: 'Stop TeamViewer session' }).click();
  await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();

  // Effects on the sandbox, not the extension's own word.
  const state = await sandbox.state();
  expect(state.groups.filter((g) => g.name === 'BOSS')).toHaveLength(1);
  expect(state.sessions).toHaveLength(1);
  const s = state.sessions[0]!;
  expect(s.code).toBe(code);
  expect(s.state).toBe('Closed');
  expect(s.closed_at).toBeTruthy();
  expect(s.groupid).toBe(state.groups[0]!.id);
  expect(s.end_customer).toEqual({ name: 'Ana Ruiz', email: 'ana.ruiz@example.com' });
  const meta = parseMeta(s.custom_api);
  expect(meta.ticketKey).toBe(`${new URL(desk.handle.url).origin}#1042`);
  expect(meta.ticket).toMatchObject({
    number: '#1042', title: 'Printer on floor 2 not printing', category: 'Printer', type: 'Incident',
    requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com', technician: 'Marta Gómez', status: 'Open',
  });
  expect(meta.ticket.priority).toBeTruthy();
  expect(meta.ticket.source).toBeTruthy();
});
