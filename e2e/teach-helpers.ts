// Helpers for "Teach on this page" specs: the Hub layout (every class generated, hash routes) on
// 127.0.0.2 (an origin that must be added as a site), and the picker panel in the ticket's tab.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { startDesk, type DeskHandle } from './servers/desk';
import { optionsUrl } from './site-helpers';

export const hubTicket = (desk: DeskHandle, id: string) => `${desk.url}/hub/#/tickets/${id}`;
export const startHub = (port?: number) => startDesk({ host: '127.0.0.2', ...(port ? { port } : {}) });

/** The picker's panel (its shadow root is open: Playwright's locators pierce it). */
export const picker = (tab: Page) => tab.locator('tv4boss-picker');
export const partRow = (tab: Page, part: string) => picker(tab).locator(`[data-testid=part][data-part=${part}]`);

/** Opens a ticket of the Hub, then "Teach on this page" from the options page's add form (the
 *  site is added from the same click). Returns the ticket's tab. */
export async function openPicker(page: Page, extensionId: string, hub: DeskHandle, ticket = '1042'): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.goto(hubTicket(hub, ticket));
  await expect(tab.locator('aside section[aria-label="Integrations"]')).toBeVisible();
  await page.bringToFront();
  if (!page.url().startsWith(optionsUrl(extensionId))) await page.goto(optionsUrl(extensionId));
  await page.getByLabel('Address of a BOSS Support Central server').fill(hub.url);
  await page.locator('form').getByRole('button', { name: 'Teach on this page' }).click();
  await expect(page.locator('form').getByTestId('teach-result')).toHaveText("The picker is open in the ticket's tab: click each part there.");
  await expect(picker(tab).getByRole('dialog', { name: 'Teach this page' })).toBeVisible();
  return tab;
}

/** Clicks `target` on the page while `part` is being picked; the row then shows what was read. */
export async function pick(tab: Page, part: string, target: Locator, value?: string | RegExp): Promise<void> {
  await expect(partRow(tab, part)).toHaveAttribute('data-state', 'picking');
  await target.click();
  await expect(partRow(tab, part)).toHaveAttribute('data-state', 'picked');
  if (value !== undefined) await expect(partRow(tab, part).getByTestId('part-value')).toHaveText(value);
}

/** The README's picture of the picker (docs/screenshots/teach-on-this-page.png with
 *  UPDATE_SCREENSHOTS=1, else under test-results/, as e2e/screenshots.spec.ts does). */
export async function shootPicker(tab: Page): Promise<void> {
  const dir = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../docs/screenshots/' : '../test-results/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  await tab.locator('tv4boss-picker .dock').evaluate((el) => { el.scrollTop = 0; });
  await tab.screenshot({ path: `${dir}teach-on-this-page.png`, animations: 'disabled', caret: 'hide' });
}
