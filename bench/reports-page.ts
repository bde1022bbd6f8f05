// The reports page as a user meets it (issue 18 §3): time to figures when it opens, and from a
// filter change (a click) to the new figures in the page, in real Chromium.
import type { BrowserContext, Page } from '@playwright/test';
import { figuresPaint } from '../e2e/fixtures.ts';

export const reportsUrl = (id: string, search = '') => `chrome-extension://${id}/src/pages/reports/index.html${search}`;

/** When the page's figures were on screen, ms from navigation start: `painted`, the browser's
 *  Element Timing of the sessions figure (the frame that showed it); `rendered`, the page's own mark,
 *  set once its own render is done (what this bench measured before issue 18's Element Timing).
 *  When the worker wrote the first frame into the page's HTML, that render is the hydration after
 *  the paint: the page's code is live from then on. */
export async function figuresTimes(page: Page): Promise<{ painted: number; rendered: number }> {
  await page.getByTestId('fig-sessions').waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => performance.getEntriesByName('tv4boss-figures').length > 0);
  const { figures } = await figuresPaint(page);
  return { painted: figures, rendered: await page.evaluate(() => performance.getEntriesByName('tv4boss-figures')[0]!.startTime) };
}

/** Opens the reports page: ms from navigation start to the figures painted (and rendered). */
export async function openToFigures(ctx: BrowserContext, id: string, search = ''): Promise<{ page: Page; ms: number; rendered: number }> {
  const page = await ctx.newPage();
  // tsx (esbuild keepNames) wraps named inner functions in __name(): give the page a no-op one.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(reportsUrl(id, search));
  const t = await figuresTimes(page);
  if (!Number.isFinite(t.painted)) throw new Error('no Element Timing entry for the figures');
  return { page, ms: t.painted, rendered: t.rendered };
}

/**
 * Clicks the element `selector` (index `nth`) and times until the sessions figure shows another
 * number (a MutationObserver in the page: the figures are in the document, painted on the next frame).
 */
export async function timeFilterChange(page: Page, selector: string, nth = 0): Promise<{ ms: number; sessions: string }> {
  return page.evaluate(async ([selector, nth]) => {
    const fig = () => document.querySelector('[data-testid="fig-sessions"]')?.textContent ?? '';
    const before = fig();
    const target = document.querySelectorAll<HTMLElement>(selector)[nth];
    if (!target) throw new Error(`no ${selector} #${nth}`);
    const t0 = performance.now();
    return new Promise<{ ms: number; sessions: string }>((resolve, reject) => {
      const done = () => {
        if (fig() === before) return false;
        obs.disconnect();
        resolve({ ms: performance.now() - t0, sessions: fig() });
        return true;
      };
      const obs = new MutationObserver(() => void done());
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => {
        obs.disconnect();
        reject(new Error(`figures did not change after ${selector} #${nth}`));
      }, 60_000);
      target.click();
    });
  }, [selector, nth] as const);
}

/** The filter changes a user makes, each changing the sessions figure: one technician, all again,
 *  the last 30 days, all time again. */
export const FILTER_CHANGES: readonly { name: string; selector: string; nth: number }[] = [
  { name: 'one technician', selector: 'fieldset.techs input[type=checkbox]', nth: 1 },
  { name: 'all technicians', selector: 'fieldset.techs input[type=checkbox]', nth: 0 },
  { name: 'last 30 days', selector: 'fieldset.presets button', nth: 2 },
  { name: 'all time', selector: 'fieldset.presets button', nth: 4 },
];

const listsShown = (page: Page) => page.evaluate(() => performance.getEntriesByName('tv4boss-list').length);

/** Until the page has shown more than `n` lists (its mark) and painted twice since: a settled page,
 *  as a technician's next click finds it. */
async function settled(page: Page, n: number): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('tv4boss-list').length > n, n, { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every change of FILTER_CHANGES `rounds` times on an open page, each from a settled page (the
 *  list of the change before on screen): the times, in ms. */
export async function filterChanges(page: Page, rounds: number): Promise<number[]> {
  const times: number[] = [];
  await settled(page, 0);
  for (let i = 0; i < rounds; i++) {
    for (const c of FILTER_CHANGES) {
      const n = await listsShown(page);
      times.push((await timeFilterChange(page, c.selector, c.nth)).ms);
      await settled(page, n);
    }
  }
  return times;
}
