// Teaching the Hub layout by clicking, for `npm start`'s headless walkthrough (scripts/start.ts):
// plain locators and waits, no test runner. Saves screenshots of the picker panel on the way.
import type { Locator, Page } from '@playwright/test';
import type { DeskHandle } from './servers/desk';

const row = (tab: Page, part: string, state: string) => tab.locator(`tv4boss-picker [data-testid=part][data-part=${part}][data-state=${state}]`);

async function pick(tab: Page, part: string, target: Locator): Promise<void> {
  await row(tab, part, 'picking').waitFor();
  await target.click();
  await row(tab, part, 'picked').waitFor();
}

/** From the options page (`page`, already open): "Teach on this page" for the Hub on ticket 1042,
 *  every part clicked, checked on ticket 1043, saved. `shot(name, locator?)` takes screenshots. */
export async function teachHub(page: Page, hub: DeskHandle, shot: (tab: Page, name: string, el?: Locator) => Promise<void>): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.goto(`${hub.url}/hub/#/tickets/1042`);
  await tab.locator('aside section[aria-label="Integrations"]').waitFor();
  await page.bringToFront();
  await page.getByLabel('Address of a BOSS Support Central server').fill(hub.url);
  await page.locator('form').getByRole('button', { name: 'Teach on this page' }).click();
  const panel = tab.locator('tv4boss-picker .dock');
  await panel.waitFor();
  await tab.bringToFront();
  await shot(tab, '5-teach-start.png');
  const main = tab.locator('body main');
  const dl = main.locator('dl');
  const people = main.locator('table');
  const cell = (label: string) => people.locator('tr', { hasText: label }).locator('td').nth(1);
  const value = (label: string) => dl.locator('div', { has: tab.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  await pick(tab, 'number', main.locator('h1').locator('xpath=preceding-sibling::span'));
  await pick(tab, 'title', main.locator('h1'));
  for (const [part, label] of [['category', 'Category'], ['type', 'Type'], ['priority', 'Priority'], ['source', 'Source']] as const) await pick(tab, part, value(label));
  await pick(tab, 'requesterName', cell('Requester'));
  await pick(tab, 'requesterEmail', cell('Requester email'));
  await pick(tab, 'technician', cell('Technician'));
  await pick(tab, 'status', value('Status'));
  await tab.locator('tv4boss-picker').getByRole('button', { name: 'Skip: Requester\'s computer (asset)' }).click();
  await pick(tab, 'signedInUser', tab.locator('body > header span').last());
  await pick(tab, 'mount', tab.locator('aside section[aria-label="Integrations"] > div'));
  await pick(tab, 'commentField', main.getByPlaceholder('Write a note…'));
  await pick(tab, 'commentSubmit', main.getByRole('button', { name: 'Add note' }));
  await pick(tab, 'commentInternal', main.getByRole('checkbox'));
  await pick(tab, 'replySubject', main.getByPlaceholder('Subject'));
  await pick(tab, 'replyBody', main.getByPlaceholder('Message to the requester'));
  await pick(tab, 'replySend', main.getByRole('button', { name: 'Send' }));
  await pick(tab, 'closeControl', main.getByRole('button', { name: 'Close ticket' }));
  await pick(tab, 'statusSelect', main.getByRole('combobox'));
  await tab.locator('tv4boss-picker').getByRole('button', { name: 'Skip: Close: apply button' }).click();
  await tab.locator('tv4boss-picker').getByRole('button', { name: /^#1043 / }).click();
  await tab.locator('tv4boss-picker [data-testid=check-summary]').waitFor();
  await shot(tab, '6-teach-checked.png', panel);
  // The page beside the panel, scrolled to the first parts: what each pick read, here and there.
  await panel.evaluate((el) => { el.scrollTop = 0; });
  await shot(tab, '7-teach-panel.png');
  await tab.locator('tv4boss-picker').getByRole('button', { name: 'Save' }).click();
  await tab.locator('tv4boss-widget').getByRole('button', { name: /Start TeamViewer session/ }).waitFor();
  await shot(tab, '8-taught-widget.png');
  return tab;
}
