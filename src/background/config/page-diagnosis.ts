// Page diagnosis on demand: the worker injects src/diagnosis (its own IIFE, never part of the
// content script every ticket page loads) into the tab's top frame and calls it. Used by "Test on
// this page" and when a tab's content script says its ticket page never became readable. What comes
// back is page data: sanitised against the tab's origin before it is used.
import browser from 'webextension-polyfill';
import diagnosisFile from '../../diagnosis/main.iife.ts?script';
import { INSPECT_GLOBAL, type InspectRequest } from '../../diagnosis/inspect';
import { sanitizeReport, type PageReport } from '../../shared/profile/report';

/** The tab's report, or undefined when the script cannot run there (no access, tab gone). */
export async function diagnoseTab(tabId: number, origin: string, req: InspectRequest): Promise<PageReport | undefined> {
  const target = { tabId, frameIds: [0] };
  try {
    await browser.scripting.executeScript({ target, files: [diagnosisFile] });
    const [res] = await browser.scripting.executeScript({
      target,
      func: (name: string, r: InspectRequest) => (globalThis as unknown as Record<string, (r: InspectRequest) => unknown>)[name]?.(r) ?? null,
      args: [INSPECT_GLOBAL, req],
    });
    const report = res?.result as PageReport | null | undefined;
    return report && typeof report === 'object' ? sanitizeReport(report, origin) : undefined;
  } catch {
    return undefined;
  }
}
