// Opens the reports page (toolbar button, options page, the widget's Reports link): focuses a
// tab that already shows it (runtime.getContexts: no "tabs" permission needed), else opens one.
import browser from 'webextension-polyfill';

export const REPORTS_PAGE = 'src/pages/reports/index.html';

export async function openReportsPage(): Promise<void> {
  const url = browser.runtime.getURL(REPORTS_PAGE);
  try {
    const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.TAB] });
    const open = contexts.find((c) => c.documentUrl?.startsWith(url) && c.tabId >= 0);
    if (open) {
      await browser.tabs.update(open.tabId, { active: true });
      if (open.windowId >= 0) await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
      return;
    }
  } catch {
    // getContexts is Chrome ≥ 116; without it, a new tab.
  }
  await browser.tabs.create({ url });
}
