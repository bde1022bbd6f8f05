// The overlay on real pages: both layouts × both languages read every field and mount one
// widget; SPA navigation keeps exactly one widget, for the right ticket; pages that are not
// tickets show nothing; the widget lives in a shadow root and follows the page's scheme.
import { expect, connectToken, widget, parseMeta, startFromWidget } from './fixtures';
import { test, addSite, expectedFields, type Lang, type Layout } from './site-helpers';

const COMBOS: [Layout, Lang][] = [['cloud', 'en'], ['cloud', 'es'], ['onprem', 'en'], ['onprem', 'es']];

for (const [layout, lang] of COMBOS) {
  test(`${layout} / ${lang}: every field is read and the widget mounts`, async ({ page, extensionId, sandbox, desk, onprem }) => {
    await connectToken(page, extensionId, sandbox);
    await expect(page.getByTestId('account')).toBeVisible();
    // Cloud-style pages on localhost (the test build's manifest script); on-prem through an added site.
    const d = layout === 'onprem' ? onprem : desk;
    if (layout === 'onprem') await addSite(page, extensionId, onprem.handle.url);

    await startFromWidget(page, d.ticketUrl('1042', { layout, lang }));
    await expect(widget(page)).toHaveCount(1);

    const [s] = (await sandbox.state()).sessions;
    const meta = parseMeta(s!.custom_api);
    expect(meta.ticketKey).toBe(`${d.handle.url}#1042`);
    expect(meta.ticket).toEqual(expectedFields(1042, layout, lang));
    expect(s!.end_customer).toEqual({ name: 'Ana Ruiz', email: 'ana.ruiz@example.com' });
  });
}

for (const [layout, lang] of [['cloud', 'en'], ['onprem', 'es']] as [Layout, Lang][]) {
  test(`${layout} / ${lang}: SPA navigation across three tickets, one widget each time, the right ticket`, async ({ page, extensionId, sandbox, desk, onprem }) => {
    await connectToken(page, extensionId, sandbox);
    await expect(page.getByTestId('account')).toBeVisible();
    const d = layout === 'onprem' ? onprem : desk;
    if (layout === 'onprem') await addSite(page, extensionId, onprem.handle.url);

    await page.goto(d.ticketUrl('1042', { layout, lang }));
    await expect(widget(page).getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
    await page.evaluate(() => Object.assign(window, { __noReload: true }));

    const link = (id: string) => page.locator(layout === 'onprem' ? `a.record-link:text-is("SR-${id}")` : `a.ticket-link[href*="/tickets/${id}"]`);
    const number = (id: string) => page.locator(layout === 'onprem' ? '[id$=lblRecordNumber]' : 'h1 .ticket-number').filter({ hasText: layout === 'onprem' ? `SR-${id}` : `#${id}` });
    for (const id of ['1043', '1044', '1045']) {
      await link(id).click();
      await expect(number(id)).toBeVisible();
      // The widget sits in this ticket's integrations area (the old one went with the old sidebar).
      const area = page.locator(layout === 'onprem' ? '#integrationsBox .box-content' : '.integrations-body');
      await expect(area.locator('tv4boss-widget')).toHaveCount(1);
      await expect(widget(page).getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
      await page.waitForTimeout(300); // a late second mount would show up here
      await expect(widget(page)).toHaveCount(1);
    }
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // Start on the third ticket: the case is for 1045, not for a ticket seen before.
    await widget(page).getByRole('button', { name: 'Start TeamViewer session' }).click();
    await expect(widget(page).getByTestId('code')).toHaveText(/^s[\d-]+$/);
    const [s] = (await sandbox.state()).sessions;
    expect(parseMeta(s!.custom_api).ticketKey).toBe(`${d.handle.url}#1045`);
    expect(parseMeta(s!.custom_api).ticket.number).toBe(layout === 'onprem' ? 'SR-1045' : '#1045');

    // Back (popstate) to 1044: one widget, in the ready state for that ticket.
    await page.goBack();
    await expect(number('1044')).toBeVisible();
    await expect(widget(page)).toHaveCount(1);
    await expect(widget(page).getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();

    // The ticket goes away (list view): so does the widget.
    await page.locator(layout === 'onprem' ? '#menu a[href*="ServiceRecords"]' : 'a.view-all').click();
    await expect(widget(page)).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
}

test('a page that is not a ticket shows nothing and logs no warning', async ({ page, desk }) => {
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  await page.goto(`${desk.handle.url}/app/en/tickets`);
  await expect(page.locator('.data-table')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(widget(page)).toHaveCount(0);
  expect(warnings.filter((w) => w.includes('TeamViewer for BOSS'))).toEqual([]);
});

test('the widget is in an open shadow root, adopts only its own sheet, and follows light and dark pages', async ({ page, desk }) => {
  // Not connected: the widget still mounts (and says so).
  await page.goto(desk.ticketUrl('1042'));
  await expect(widget(page)).toHaveCount(1);
  await expect(widget(page)).toHaveAttribute('data-scheme', 'light');
  const sheets = await page.evaluate(() => {
    const host = document.querySelector('tv4boss-widget')!;
    return { shadow: host.shadowRoot?.adoptedStyleSheets.length, page: document.adoptedStyleSheets.length };
  });
  expect(sheets).toEqual({ shadow: 1, page: 0 });

  await page.goto(`${desk.ticketUrl('1043', { lang: 'es' })}?theme=dark`);
  await expect(widget(page)).toHaveCount(1);
  await expect(widget(page)).toHaveAttribute('data-scheme', 'dark');
});
