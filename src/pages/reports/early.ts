// The reports page's first script: a classic async script at the top of its head (vite.config.ts),
// run as soon as it is read, some 50 ms before the page's modules and stylesheet have loaded. It
// asks the worker for the figures of the filter in the address (and to begin the first list), and
// leaves the answer for the page (first-figures.ts): issue 18, figures on screen ≤ 200 ms after
// the page opens, when the worker did not write them into the page's HTML already (background/
// reports/page-fetch.ts). It also wakes a stopped worker while the page loads. Types only are imported:
// the file is emitted alone, with no module syntax.
import type { Message, Result } from '../../shared/protocol';
import type { ReportResult } from '../../shared/reports/types';
import type {} from './first-figures';

let tz: string | undefined;
try {
  tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
} catch {
  // as the page: its questions then go without one
}
const search = location.search;
// The worker wrote the first frame and its figures into the page (its data block, FIRST_FIGURES_ID
// in shared/reports/prerendered.ts, comes before this script): nothing to ask. The page's code loads
// in the frame that paints the parsed page, and runs after it (a hidden tab paints none: at once).
const given = document.getElementById('tv4boss-first-figures');
const main = given?.dataset.main;
if (main) {
  const load = () => void import(main);
  const inFrame = () => (document.visibilityState === 'visible' ? requestAnimationFrame(load) : load());
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', inFrame, { once: true });
  else inFrame();
} else {
  const prefetch: Message<'reports/prefetch'> = { type: 'reports/prefetch', search, ...(tz ? { tz } : {}) };
  const answer = (chrome.runtime.sendMessage(prefetch) as Promise<Result<ReportResult>>).catch(
    (e: unknown): Result<ReportResult> => ({ ok: false, error: { code: 'internal', detail: String(e) } }),
  );
  globalThis.tv4bossFirstFigures = { search, answer };
}
