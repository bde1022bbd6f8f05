// What the page's first script (early.ts) leaves for the page: the figures of the filter in the
// address, asked before the page's code had loaded. The page draws its first frame with them when
// they come in time (one frame with the figures, not a "Loading" frame and then another).
import type { Result } from '../../shared/protocol';
import type { ReportResult } from '../../shared/reports/types';
import { FIRST_FIGURES_ID } from '../../shared/reports/prerendered';
import { within } from '../../shared/within';

export interface FirstFigures {
  /** The address's search part the figures were asked for. */
  search: string;
  answer: Promise<Result<ReportResult>>;
}

declare global {
  // Set by early.ts (a classic script, run before the page's modules); read once by main.tsx.
  var tv4bossFirstFigures: FirstFigures | undefined;
}

/** The first figures, when early.ts asked for this address and they come within `waitMs`. */
export async function firstFigures(waitMs: number): Promise<ReportResult | undefined> {
  const first = globalThis.tv4bossFirstFigures;
  globalThis.tv4bossFirstFigures = undefined;
  if (!first || first.search !== location.search) return undefined;
  const r = await within(first.answer, waitMs);
  return r?.ok ? r.data : undefined;
}

/** The figures the worker wrote into the page's HTML with its first frame (background/reports/
 *  page-fetch.ts), taken once; undefined when it did not. */
export function prerenderedFigures(): ReportResult | undefined {
  const data = document.getElementById(FIRST_FIGURES_ID);
  if (!data) return undefined;
  data.remove();
  try {
    return JSON.parse(data.textContent ?? '') as ReportResult;
  } catch {
    return undefined;
  }
}
