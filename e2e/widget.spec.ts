// The widget against the page it lives in: its shadow root is open (the page can reach it), so
// clicks made by page script are ignored while real clicks work, and an address from the API goes
// into an href only when it is https.
import { test, expect, connectToken, widget, currentWorker } from './fixtures';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';

/** Clicks a widget button from page script, through the open shadow root. */
const scriptClick = (page: import('@playwright/test').Page, selector: string) =>
  page.evaluate((sel) => {
    const b = document.querySelector('tv4boss-widget')?.shadowRoot?.querySelector<HTMLButtonElement>(sel);
    if (!b || b.disabled) return false;
    b.click();
    return true;
  }, selector);

test('page script cannot click play or stop; a real click can', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1042'));
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();

  expect(await scriptClick(page, '.tv-play')).toBe(true);
  await page.waitForTimeout(1000);
  expect((await sandbox.state()).sessions).toHaveLength(0);
  await expect(widget(page).getByRole('button', { name: START })).toBeEnabled();

  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);

  expect(await scriptClick(page, '.tv-stop')).toBe(true);
  await page.waitForTimeout(1000);
  expect((await sandbox.state()).sessions[0]!.state).not.toBe('Closed');
  await expect(widget(page).getByTestId('code')).toBeVisible();

  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Closed');
});

test('page script cannot open the settings from the widget; a real click can', async ({ context, page, desk }) => {
  // Not connected: the widget offers "Open settings".
  await page.goto(desk.ticketUrl('1042'));
  const open = widget(page).getByRole('button', { name: 'Open settings' });
  await expect(open).toBeVisible();
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  expect(await scriptClick(page, '.tv-notice button')).toBe(true);
  await page.waitForTimeout(1000);
  expect(opened).toEqual([]);
  const options = context.waitForEvent('page');
  await open.click();
  expect((await options).url()).toContain('/src/pages/options/index.html');
});

test('a customer link that is not https is shown as text, not as a link', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  // The API answers a case with a script URL as its customer link.
  await context.route(`${sandbox.handle.apiBase}/sessions`, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const response = await route.fetch();
    const json = await response.json();
    await route.fulfill({ response, json: { ...json, end_customer_link: 'javascript:alert(document.domain)' } });
  });
  await page.goto(desk.ticketUrl('1045')); // no requester email: no reply to send with that link
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  const link = widget(page).getByTestId('customer-link');
  await expect(link).toHaveText('javascript:alert(document.domain)');
  expect(await link.evaluate((el) => el.tagName)).toBe('SPAN');
  await expect(widget(page).locator('a[href^="javascript:" i]')).toHaveCount(0);
});

test('an https customer link is a link', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1045'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('customer-link')).toHaveAttribute('href', /^https:\/\/get\.teamviewer\.com\/v15\/s\d+$/);
});

test('the supporter link is nowhere in the page; Connect asks the worker, with the ticket key, on a real click only', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1042'));
  await widget(page).getByRole('button', { name: START }).click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  const supporter = (await sandbox.state()).sessions[0]!.supporter_link;
  const secret = supporter.split('-').pop()!;
  const inPage = await page.evaluate(() => {
    const root = document.querySelector('tv4boss-widget')!.shadowRoot!;
    const attrs = [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value));
    return `${attrs.join(' ')} ${root.textContent} ${new XMLSerializer().serializeToString(document)}`;
  });
  expect(inPage).not.toContain(supporter);
  expect(inPage).not.toContain(secret);

  // What the worker is asked (a listener next to the router's).
  const sw = await currentWorker(context);
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __seen: unknown[] };
    g.__seen = [];
    chrome.runtime.onMessage.addListener((m: unknown) => { g.__seen.push(m); });
  });
  const seen = () => sw.evaluate(() => (globalThis as unknown as { __seen: { type: string }[] }).__seen.filter((m) => m.type === 'case/connect'));
  expect(await scriptClick(page, '[data-testid=connect]')).toBe(true);
  await page.waitForTimeout(1000);
  expect(await seen()).toEqual([]);
  await widget(page).getByRole('button', { name: 'Connect to the customer' }).click();
  await expect.poll(seen).toEqual([{ type: 'case/connect', ticketKey: `${new URL(desk.handle.url).origin}#1042` }]);
});
