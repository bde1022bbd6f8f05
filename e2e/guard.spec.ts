// The close guard on a desk whose status drop-down saves as soon as it changes (demo desk ui=2:
// no Update button). The built-in BOSSDesk profile names an apply button that this page does not
// have, so the drop-down itself is guarded.
import { test, expect, connectToken, widget, startFromWidget, parseMeta } from './fixtures';

const STOP = 'Stop TeamViewer session';
const START = 'Start TeamViewer session';

test.beforeEach(async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
});

test('a status drop-down that saves on change cannot be set to closed while a case is open, and can after stop', async ({ page, desk, sandbox }) => {
  await startFromWidget(page, `${desk.ticketUrl('1044')}?ui=2`);
  // This page labels the technician "Assigned agent": still read as the technician.
  const [s] = (await sandbox.state()).sessions;
  expect(parseMeta(s!.custom_api).ticket.technician).toBe('Marta Gómez');

  const select = page.locator('#status-select');
  const ticketStatus = async () => (await desk.get<{ status: string }>('/api/tickets/1044')).status;
  const changes = async () => (await desk.get<{ to: string }[]>('/api/status-changes?ticket=1044')).map((c) => c.to);

  // By the page's own means (input + change events, as a script or Playwright sends them)…
  await select.selectOption('closed');
  await expect(widget(page).getByTestId('close-refused')).toHaveText('Close the TeamViewer service case before closing this ticket.');
  await expect(select).toHaveValue('open');
  await select.selectOption('resolved');
  await expect(select).toHaveValue('open');
  // …and by the keyboard (trusted events): End picks the last option, Closed.
  await select.focus();
  await page.keyboard.press('End');
  await expect(select).toHaveValue('open');
  await page.waitForTimeout(300); // a save would have been sent by now
  expect(await changes()).toEqual([]);
  expect(await ticketStatus()).toBe('open');

  // Other statuses still save on change.
  await select.selectOption('in_progress');
  await expect.poll(changes).toEqual(['in_progress']);

  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await expect(widget(page).getByTestId('close-refused')).toHaveCount(0);
  // The same keys as before (so the refused attempt above was a real one) now close the ticket.
  await select.focus();
  await page.keyboard.press('End');
  await expect.poll(ticketStatus).toBe('closed');
  expect(await changes()).toEqual(['in_progress', 'closed']);
});
