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

test('a real click on a button the technician cannot see does nothing: transparent widget, decoy over it (click-through or keyboard)', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1042'));
  const start = widget(page).getByRole('button', { name: START });
  await expect(start).toBeVisible();
  const box = (await start.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const noCase = async () => {
    await page.waitForTimeout(800);
    expect((await sandbox.state()).sessions).toHaveLength(0);
  };

  // The page makes the widget transparent and lets the technician click "something else" there.
  await page.evaluate(() => { document.querySelector<HTMLElement>('tv4boss-widget')!.style.opacity = '0'; });
  await page.mouse.click(cx, cy);
  await noCase();
  await page.evaluate(() => { document.querySelector<HTMLElement>('tv4boss-widget')!.style.opacity = ''; });
  // The technician is told why nothing happened.
  await expect(widget(page).getByTestId('hidden-click')).toBeVisible();

  // A decoy over the button that lets clicks through to it (pointer-events: none).
  const decoy = (through: boolean) => page.evaluate(([x, y, w, h, t]) => {
    const d = document.createElement('div');
    d.id = 'decoy';
    d.textContent = 'Claim your prize';
    Object.assign(d.style, { position: 'fixed', left: `${x - 10}px`, top: `${y - 10}px`, width: `${w + 20}px`, height: `${h + 20}px`,
      background: '#fc0', zIndex: '99999', pointerEvents: t ? 'none' : 'auto' });
    document.body.append(d);
  }, [box.x, box.y, box.width, box.height, through] as const);
  await decoy(true);
  await page.waitForTimeout(300); // what the page shows has been painted
  await page.mouse.click(cx, cy);
  await noCase();
  await page.evaluate(() => document.getElementById('decoy')!.remove());

  // A decoy that takes the clicks, while the button has the keyboard focus: Enter does nothing.
  await decoy(false);
  await start.focus();
  await page.keyboard.press('Enter');
  await noCase();
  await page.evaluate(() => document.getElementById('decoy')!.remove());

  // Visible again: the same real click starts the case.
  await page.waitForTimeout(300);
  await page.mouse.click(cx, cy);
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);
});

test('a widget below the fold: a click or a key press right after it scrolls into view is taken', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  // Short window: the integrations area starts out of view.
  await page.setViewportSize({ width: 900, height: 300 });
  await page.goto(desk.ticketUrl('1042'));
  const start = widget(page).getByRole('button', { name: START });
  await expect(start).toBeEnabled();
  const outOfView = () => start.evaluate((b) => b.getBoundingClientRect().top > innerHeight);
  expect(await outOfView()).toBe(true);
  // Playwright scrolls the button into view and clicks at once, before the visibility observer
  // (100 ms delay) has seen it in view.
  await start.click();
  await expect(widget(page).getByTestId('code')).toBeVisible();
  expect((await sandbox.state()).sessions).toHaveLength(1);

  // Back to the top; the keyboard focus scrolls Stop into view, Enter comes right after.
  await page.evaluate(() => scrollTo(0, 0));
  const stop = widget(page).getByRole('button', { name: STOP });
  await expect.poll(() => stop.evaluate((b) => b.getBoundingClientRect().top > innerHeight)).toBe(true);
  await page.waitForTimeout(300); // the observer has seen it out of view
  await stop.press('Enter');
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Closed');
});
