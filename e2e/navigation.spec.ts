// A desk that loads the next ticket after pushState (demo desk swapDelay=MS: the URL changes first,
// the outgoing ticket's DOM stays, then it is swapped): nothing for the new ticket may happen on the
// old ticket's page. Cloud (BOSSDesk profile, numberInUrl false: waits for the content swap) and
// on-prem (Support Central profile: the record number's digits are the URL's id).
import { test, expect, connectToken, widget, startFromWidget, type DeskControl } from './fixtures';
import type { Page } from '@playwright/test';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';
const SWAP_MS = 1500;

type Layout = 'cloud' | 'onprem';
const withFlags = (url: string, flags: string) => `${url}${url.includes('?') ? '&' : '?'}${flags}`;
const link = (page: Page, layout: Layout, id: string) =>
  page.locator(layout === 'onprem' ? `a.record-link:text-is("SR-${id}")` : `a.ticket-link[href*="/tickets/${id}"]`);
const number = (page: Page, layout: Layout) => page.locator(layout === 'onprem' ? '[id$=lblRecordNumber]' : 'h1 .ticket-number');

test.beforeEach(async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
});

/** A case on `id` whose closing comment could not be posted (comment form gone): pending. */
async function pendingComment(page: Page, desk: DeskControl, layout: Layout, id: string): Promise<void> {
  await startFromWidget(page, desk.ticketUrl(id, { layout }));
  await page.locator(layout === 'onprem' ? '[id$=txtNote]' : '.comment-form').evaluate((f) => f.remove());
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByTestId('comment-pending')).toBeVisible();
  expect(await desk.comments(id)).toHaveLength(0);
}

for (const layout of ['cloud', 'onprem'] as Layout[]) {
  test(`${layout}: a pending comment for ticket B is not posted on A's page left under B's URL, and is posted on B once B is shown`, async ({ page, desk }) => {
    await pendingComment(page, desk, layout, '1043');
    await page.goto(withFlags(desk.ticketUrl('1042', { layout }), `swapDelay=${SWAP_MS}`));
    await expect(widget(page).getByRole('button', { name: START })).toBeVisible();

    await link(page, layout, '1043').click();
    const clicked = Date.now();
    await expect(page).toHaveURL(/1043/);
    // A's ticket is still on screen under B's URL: no widget for B (A's went with A's URL).
    await expect(number(page, layout)).toContainText('1042');
    await expect(widget(page)).toHaveCount(0);
    // Half-way to the swap, counted from the click (the checks above take a while on a busy machine).
    await page.waitForTimeout(Math.max(0, clicked + SWAP_MS / 2 - Date.now()));
    await expect(number(page, layout)).toContainText('1042');
    await expect(widget(page)).toHaveCount(0);

    // B is swapped in: its widget mounts and its pending comment goes to B, never to A.
    await expect(number(page, layout)).toContainText('1043');
    await expect.poll(async () => (await desk.comments('1043')).length).toBe(1);
    await expect(widget(page).getByTestId('comment-pending')).toHaveCount(0);
    expect(await desk.comments('1042')).toHaveLength(0);
    await expect(widget(page)).toHaveCount(1);
  });
}

test('cloud, a desk that renders the next ticket before changing the address: B mounts, and A\'s pending comment is not posted on B\'s page', async ({ page, desk }) => {
  // A's closing comment is pending (its form was gone), the page stays on A.
  await page.goto(withFlags(desk.ticketUrl('1042'), 'renderFirst=1'));
  await startFromWidget(page, withFlags(desk.ticketUrl('1042'), 'renderFirst=1'));
  await page.locator('.comment-form').evaluate((f) => f.remove());
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByTestId('comment-pending')).toBeVisible();

  // B is rendered under A's address first (A's sidebar and widget go), then the address changes.
  await link(page, 'cloud', '1043').click();
  await expect(page).toHaveURL(/1043/);
  await expect(number(page, 'cloud')).toContainText('1043');
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(widget(page)).toHaveCount(1);
  expect(await desk.comments()).toHaveLength(0); // A's comment never went into B's form

  // Back on A (popstate), A's comment is posted on A.
  await page.goBack();
  await expect(number(page, 'cloud')).toContainText('1042');
  await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
  expect(await desk.comments('1043')).toHaveLength(0);
});

test('play is refused when the page no longer shows the widget\'s ticket', async ({ page, desk, sandbox }) => {
  await page.goto(desk.ticketUrl('1042'));
  const play = widget(page).getByRole('button', { name: START });
  await expect(play).toBeVisible();
  // The desk rewrote the ticket in place (another ticket's content, same URL, same sidebar).
  await page.locator('h1 .ticket-number').evaluate((n) => { n.textContent = '#1046'; });
  await play.click();
  await expect(widget(page).getByTestId('page-changed')).toHaveText('This page no longer shows this ticket. Reload the page and try again.');
  await page.waitForTimeout(500);
  expect((await sandbox.state()).sessions).toHaveLength(0);
  // After a reload the page shows the ticket again: play works.
  await page.reload();
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('a page task checks the page again right before acting: not on a page that no longer shows the ticket', async ({ page, desk }) => {
  await startFromWidget(page, desk.ticketUrl('1042'));
  await page.locator('h1 .ticket-number').evaluate((n) => { n.textContent = '#1046'; });
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  await expect(widget(page).getByTestId('comment-pending')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await desk.comments()).toHaveLength(0);
  await page.reload();
  await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
  expect(await desk.comments()).toHaveLength(1);
});
