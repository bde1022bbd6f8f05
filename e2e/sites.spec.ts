// Help-desk sites in the options page: an on-prem origin added at run time is injected (and no
// longer after removal); a broken profile shows no widget and the diagnostic names what failed;
// "Test on this page" reports field by field; the profile editor validates, imports, exports.
import { readFileSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { expect, widget } from './fixtures';
import { test, addSite, optionsUrl, siteRow } from './site-helpers';
import { SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';

const registered = (sw: Worker) => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches })));

async function openEditor(page: Page, origin: string) {
  await siteRow(page, origin).getByRole('button', { name: 'Edit profile' }).click();
  await expect(page.getByTestId('profile-editor')).toBeVisible();
}

test('an on-prem origin added in the options page is injected; removed, it no longer is', async ({ page, context, extensionId, sw, onprem }) => {
  const origin = onprem.handle.url; // http://127.0.0.2:PORT: not in the test build's manifest content script
  const ticket = await context.newPage();
  await ticket.goto(onprem.ticketUrl('1042', { layout: 'onprem' }));
  await expect(ticket.locator('#integrationsBox .box-content')).toBeVisible();
  await ticket.waitForTimeout(500);
  await expect(widget(ticket)).toHaveCount(0);

  await page.bringToFront();
  await addSite(page, extensionId, origin);
  await expect(siteRow(page, origin)).toHaveAttribute('data-source', 'added');
  await expect(siteRow(page, origin).getByTestId('site-insecure')).toBeVisible(); // plain http: warned, allowed
  expect(await registered(sw)).toEqual([{ id: `site:${origin}`, matches: [`${origin}/*`] }]);

  await ticket.reload();
  await expect(widget(ticket)).toHaveCount(1);
  await expect(widget(ticket)).toContainText('TeamViewer is not connected');

  page.once('dialog', (d) => void d.accept());
  await siteRow(page, origin).getByRole('button', { name: 'Remove' }).click();
  await expect(siteRow(page, origin)).toHaveCount(0);
  await expect.poll(() => registered(sw)).toEqual([]);
  await ticket.reload();
  await expect(ticket.locator('#integrationsBox .box-content')).toBeVisible();
  await ticket.waitForTimeout(500);
  await expect(widget(ticket)).toHaveCount(0);
});

test('adding refuses what is not an origin, and a site is listed once', async ({ page, extensionId, onprem }) => {
  await page.goto(optionsUrl(extensionId));
  const input = page.getByLabel('Address of a BOSS Support Central server');
  for (const [value, message] of <[string, string][]>[
    ['ftp://desk.corp.local', 'Only https:// and http:// addresses can be added.'],
    ['https://*.corp.local', 'Give one server\'s address, without *.'],
    ['https://', 'That is not a web address.'],
  ]) {
    await input.fill(value);
    await page.getByRole('button', { name: 'Add site' }).click();
    await expect(page.getByTestId('site-add-error')).toContainText(message);
  }
  // A full page address is reduced to its origin; adding it again changes nothing.
  await input.fill(`${onprem.handle.url}/BOSSSupportCentral/ServiceRecords.aspx?lang=en`);
  await page.getByRole('button', { name: 'Add site' }).click();
  await expect(siteRow(page, onprem.handle.url)).toBeVisible();
  await addSite(page, extensionId, onprem.handle.url);
  await expect(page.locator('[data-testid=site][data-source=added]')).toHaveCount(1);
  // The built-in cloud row is always there and cannot be removed.
  await expect(siteRow(page, 'https://*.bossdesk.io').getByRole('button', { name: 'Remove' })).toHaveCount(0);
});

test('a broken profile: no widget, one console line, the options page names what failed', async ({ page, context, extensionId, onprem }) => {
  const origin = onprem.handle.url;
  await addSite(page, extensionId, origin);
  await openEditor(page, origin);
  const broken = structuredClone(SUPPORT_CENTRAL_PROFILE) as typeof SUPPORT_CENTRAL_PROFILE;
  broken.name = 'ACME Support Central';
  broken.mount = ['#noSuchIntegrationsBox'];
  broken.fields.category = { labels: ['Kategorie'] };
  await page.getByLabel('Profile (JSON)').fill(JSON.stringify(broken, null, 2));
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await expect(siteRow(page, origin)).toContainText('ACME Support Central (own profile)');

  const ticket = await context.newPage();
  const lines: string[] = [];
  ticket.on('console', (m) => { if (m.text().includes('TeamViewer for BOSS')) lines.push(`${m.type()}: ${m.text()}`); });
  await ticket.goto(onprem.ticketUrl('1042', { layout: 'onprem', lang: 'es' }));
  await expect(ticket.locator('#integrationsBox .box-content')).toBeVisible();
  // The report comes one settle period (3 s) after load; meanwhile and after: no widget.
  await expect.poll(() => lines.length, { timeout: 8000 }).toBe(1);
  expect(lines[0]).toMatch(/^warning: .*ticket 1042 not recognised: ACME Support Central: mount point did not match; fields not found: category$/);
  await expect(widget(ticket)).toHaveCount(0);

  await page.bringToFront();
  await page.reload();
  await expect(siteRow(page, origin).getByTestId('site-diagnosis'))
    .toContainText(`ACME Support Central at ${origin}: mount point did not match; fields not found: category`);

  // "Test on this page": the ticket tab (most recent help-desk tab), field by field.
  await page.getByRole('button', { name: 'Test on this page', exact: true }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText(onprem.ticketUrl('1042', { layout: 'onprem', lang: 'es' }));
  await expect(result.getByTestId('test-category')).toHaveAttribute('data-ok', 'false');
  await expect(result.getByTestId('test-mount')).toHaveAttribute('data-ok', 'false');
  await expect(result.getByTestId('test-widget')).toHaveAttribute('data-ok', 'false');
  await expect(result.getByTestId('test-number')).toContainText('SR-1042');
  await expect(result.getByTestId('test-priority')).toContainText('Alta');
  await expect(result.getByTestId('test-url')).toContainText('1042');

  // Back to the built-ins: the diagnosis is dropped and the page gets its widget.
  await openEditor(page, origin);
  await page.getByRole('button', { name: 'Use the built-in profiles' }).click();
  await expect(siteRow(page, origin).getByTestId('site-diagnosis')).toHaveCount(0);
  await ticket.reload();
  await expect(widget(ticket)).toHaveCount(1);
});

test('Test on this page: a cloud ticket with the built-in profile, every field found; a fixed draft tests clean', async ({ page, context, extensionId, desk, onprem }) => {
  const ticket = await context.newPage();
  await ticket.goto(desk.ticketUrl('1043', { lang: 'es' }));
  await expect(widget(ticket)).toHaveCount(1);
  await page.bringToFront();
  await page.goto(optionsUrl(extensionId));
  await page.getByRole('button', { name: 'Test on this page', exact: true }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toContainText('BOSSDesk (cloud)');
  for (const part of ['url', 'number', 'title', 'category', 'type', 'priority', 'source', 'requesterName', 'requesterEmail', 'technician', 'status', 'mount', 'comment', 'reply', 'close', 'widget']) {
    await expect(result.getByTestId(`test-${part}`), part).toHaveAttribute('data-ok', 'true');
  }
  await expect(result.getByTestId('test-category')).toContainText('Red');

  // An unsaved draft for an on-prem site, tested on its own ticket before saving.
  await addSite(page, extensionId, onprem.handle.url);
  const onpremTicket = await context.newPage();
  await onpremTicket.goto(onprem.ticketUrl('1043', { layout: 'onprem' }));
  await expect(widget(onpremTicket)).toHaveCount(1);
  await ticket.bringToFront(); // the cloud tab is now the most recent: the draft test still picks its own site's tab
  await page.bringToFront();
  await openEditor(page, onprem.handle.url);
  await page.getByRole('button', { name: 'Test this draft on the page' }).click();
  await expect(result).toContainText(onprem.ticketUrl('1043', { layout: 'onprem' }));
  await expect(result).toContainText('(unsaved draft)');
  await expect(result.getByTestId('test-number')).toContainText('SR-1043');
  await expect(result.getByTestId('test-mount')).toHaveAttribute('data-ok', 'true');
});

test('the profile editor: errors with their paths; export and import round trip', async ({ page, extensionId, onprem }) => {
  const origin = onprem.handle.url;
  await addSite(page, extensionId, origin);
  await openEditor(page, origin);
  const json = page.getByLabel('Profile (JSON)');

  await json.fill('{ "version": 1, ');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('profile-errors')).toContainText('profile: not valid JSON');

  const bad = structuredClone(SUPPORT_CENTRAL_PROFILE) as unknown as Record<string, unknown>;
  bad.version = 2;
  bad.ticketUrl = ['/ServiceRecord\\.aspx\\?id=(\\d+)'];
  (bad.fields as Record<string, unknown>).category = { selector: 'dd:has(' };
  (bad.fields as Record<string, unknown>).department = { labels: ['Department'] };
  await json.fill(JSON.stringify(bad));
  await page.getByRole('button', { name: 'Save profile' }).click();
  const errors = page.getByTestId('profile-errors');
  await expect(errors).toContainText('version: must be 1');
  await expect(errors).toContainText('ticketUrl[0]: regex has no (?<id>…) group');
  await expect(errors).toContainText('fields.category.selector: invalid CSS selector');
  await expect(errors).toContainText('fields.department: unknown field');
  // Nothing was saved.
  await expect(siteRow(page, origin)).toContainText('built-in (BOSSDesk, BOSS Support Central)');

  // Import a valid file, save it, export it again: the same profile comes out.
  const custom = { ...structuredClone(SUPPORT_CENTRAL_PROFILE), id: 'acme', name: 'ACME desk', description: 'Imported' };
  await page.getByTestId('profile-import').setInputFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(custom)) });
  await expect(page.getByText('Profile imported: check it, then save.')).toBeVisible();
  await expect(page.getByTestId('profile-errors')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(siteRow(page, origin)).toContainText('ACME desk (own profile)');

  await page.reload();
  await openEditor(page, origin);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tv4boss-profile-acme.json');
  expect(JSON.parse(readFileSync((await file.path())!, 'utf8'))).toEqual(custom);
});
