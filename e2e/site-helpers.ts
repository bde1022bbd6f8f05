// Helpers for the sites / overlay / policy specs: a second demo desk on 127.0.0.2 (an "on-prem"
// host that the test build's manifest does not inject into: it must be added as a site), the
// options page's Sites section, and the values each layout and language should read.
import { expect, type Page } from '@playwright/test';
import { test as base, DeskControl } from './fixtures';
import { loadSeed, startDesk } from './servers/desk';

export type Layout = 'cloud' | 'onprem';
export type Lang = 'en' | 'es';

export const test = base.extend<{ onprem: DeskControl }, { onpremDesk: DeskControl }>({
  onpremDesk: [async ({}, use) => {
    const handle = await startDesk({ host: '127.0.0.2' });
    await use(new DeskControl(handle));
    await handle.close();
  }, { scope: 'worker' }],
  onprem: async ({ onpremDesk }, use) => {
    await fetch(`${onpremDesk.handle.url}/api/reset`, { method: 'POST' });
    await use(onpremDesk);
  },
});

export const optionsUrl = (extensionId: string) => `chrome-extension://${extensionId}/src/pages/options/index.html`;
export const siteRow = (page: Page, origin: string) => page.locator(`[data-testid=site][data-origin="${origin}"]`);

/** Adds a help-desk site through the options page, as an admin would (the test build already
 *  holds the loopback hosts, so the permission request resolves without a prompt). */
export async function addSite(page: Page, extensionId: string, origin: string): Promise<void> {
  if (!page.url().startsWith(optionsUrl(extensionId))) await page.goto(optionsUrl(extensionId));
  await page.getByLabel('Address of a BOSS Support Central server').fill(origin);
  await page.getByRole('button', { name: 'Add site' }).click();
  await expect(siteRow(page, origin)).toBeVisible();
}

const STATUS_OPEN: Record<Lang, string> = { en: 'Open', es: 'Abierto' };

/** What the extension must read off ticket `id` in that layout and language (seed data). */
export function expectedFields(id: number, layout: Layout, lang: Lang): Record<string, string> {
  const tk = loadSeed().find((t) => t.id === id)!;
  return {
    number: layout === 'onprem' ? `SR-${id}` : `#${id}`,
    title: tk.title[lang], category: tk.category[lang], type: tk.type[lang], priority: tk.priority[lang],
    source: tk.source[lang], requesterName: tk.requester.name, ...(tk.requester.email ? { requesterEmail: tk.requester.email } : {}),
    technician: tk.technician, status: STATUS_OPEN[lang],
  };
}
