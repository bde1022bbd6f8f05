// Page tasks (closing comment, customer email) count as done only when the page shows they went
// through: the note appears or the form is cleared, or, on a desk that posts the whole page back
// (demo on-prem postback=1, WebForms style), the text is on the page at the next load. A comment the
// desk silently drops stays pending. One postback per load: a second would cancel the first.
import { test, expect, connectToken, widget, startFromWidget, type DeskControl } from './fixtures';
import { CONFIRM_MS } from '../src/content/actions';
import type { Page } from '@playwright/test';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';
type Layout = 'cloud' | 'onprem';

test.beforeEach(async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
});

const control = (desk: DeskControl, body: Record<string, unknown>) =>
  fetch(`${desk.handle.url}/api/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function stop(page: Page): Promise<void> {
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
}

for (const layout of ['cloud', 'onprem'] as Layout[]) {
  test(`${layout}: a comment the desk silently drops stays pending, and is posted (once) on the next visit`, async ({ page, desk }) => {
    test.setTimeout(60_000);
    await startFromWidget(page, desk.ticketUrl('1042', { layout }));
    await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'sent');
    await control(desk, { dropComments: true });
    await stop(page);
    // The click happened, the page never showed the note: after the confirmation time it is still pending.
    await page.waitForTimeout(CONFIRM_MS + 1500);
    await expect(widget(page).getByTestId('comment-pending')).toBeVisible();
    await expect(widget(page).getByTestId('history-item').locator('.tv-pending')).toHaveCount(1);
    expect(await desk.comments()).toHaveLength(0);

    await control(desk, { dropComments: false });
    await page.reload();
    await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
    await expect(widget(page).getByTestId('comment-pending')).toHaveCount(0);
    await page.reload();
    await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
    await page.waitForTimeout(500);
    expect(await desk.comments()).toHaveLength(1);
  });
}

test('postback desk: the customer email is sent once and confirmed on the next load, where the page lists it', async ({ page, desk }) => {
  await startFromWidget(page, `${desk.ticketUrl('1042', { layout: 'onprem' })}&postback=1`);
  // The send button posted the page back; the reloaded page shows the e-mail in the record's notes.
  await expect.poll(async () => (await desk.replies('1042')).length).toBe(1);
  await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'sent');
  await expect(page.locator('.tag-email')).toHaveCount(1);
  await page.waitForTimeout(1000);
  expect(await desk.replies('1042')).toHaveLength(1);
});

test('postback desk: two pending comments, one postback per load, each posted once', async ({ page, desk }) => {
  // Two cases on 1043 whose closing comments could not be posted (the note box is gone).
  await startFromWidget(page, desk.ticketUrl('1043', { layout: 'onprem' }));
  await page.locator('[id$=txtNote]').evaluate((f) => f.remove());
  await stop(page);
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  await stop(page);
  await expect(widget(page).getByTestId('history-item').locator('.tv-pending')).toHaveCount(2);
  expect(await desk.comments('1043')).toHaveLength(0);

  // On the postback page: the first comment posts the page back; the second waits for the next load.
  await page.goto(`${desk.ticketUrl('1043', { layout: 'onprem' })}&postback=1`);
  await expect.poll(async () => (await desk.comments('1043')).length, { timeout: 20_000 }).toBe(2);
  await expect(widget(page).getByTestId('comment-pending')).toHaveCount(0, { timeout: 15_000 });
  const texts = (await desk.comments('1043')).map((c) => c.text);
  expect(new Set(texts).size).toBe(2);
  for (const text of texts) expect(text).toMatch(/^TeamViewer service case s[\d-]+ closed\./);
  await page.waitForTimeout(1000);
  expect(await desk.comments('1043')).toHaveLength(2);
});

// A desk whose forms only clear their fields once sent (`field.value = ''`: no DOM mutation).
for (const layout of ['cloud', 'onprem'] as Layout[]) {
  test(`${layout}, forms that only clear: Stop puts the closing comment on the page within 1 s, right after the email`, async ({ page, desk }) => {
    const url = `${desk.ticketUrl('1042', { layout })}${layout === 'cloud' ? '?' : '&'}clearOnly=1`;
    await startFromWidget(page, url);
    // The email went out a moment ago: Stop right away.
    await expect.poll(async () => (await desk.replies('1042')).length, { intervals: [50] }).toBe(1);
    // Measured from the click as the page got it to the comment as the desk stored it (one clock).
    await page.evaluate(() => document.addEventListener('click', () => {
      (window as unknown as { stopAt: number }).stopAt = Date.now();
    }, { capture: true, once: true }));
    await widget(page).getByRole('button', { name: STOP }).click();
    await expect.poll(async () => (await desk.comments('1042')).length, { intervals: [50], timeout: 5000 }).toBe(1);
    const stopAt = await page.evaluate(() => (window as unknown as { stopAt: number }).stopAt);
    const [comment] = await desk.get<{ at: string }[]>('/api/comments?ticket=1042');
    const ms = Date.parse(comment!.at) - stopAt;
    console.log(`${layout}: Stop → comment on the page in ${ms} ms`);
    expect(ms).toBeLessThanOrEqual(1000);
    await expect(widget(page).getByTestId('comment-pending')).toHaveCount(0);
    expect(await desk.replies('1042')).toHaveLength(1);
  });
}
