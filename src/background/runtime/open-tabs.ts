// Opening things for the technician: the supporter link (a secret: only the worker holds it, and
// only an https link from TeamViewer is opened), a ticket's tab, the reports page (toolbar button,
// options page, the widget's Reports link: an open one is focused, found with runtime.getContexts,
// no "tabs" permission needed).
import browser from 'webextension-polyfill';
import type { CaseRecord } from '../../shared/case';
import { isSafeLink } from '../../shared/links';
import { safeTicketUrl } from '../../shared/reports/report-case';
import { activeCaseOf } from '../store/history';
import { prefetchReport } from '../reports/query';
import { localZoneName } from '../store/rollups';
import { tabOf } from './ports';

export async function openSupporterLinkOf(rec: CaseRecord): Promise<void> {
  if (isSafeLink(rec.supporterLink, __TEST_BUILD__)) await browser.tabs.create({ url: rec.supporterLink });
}

/** "Connect now" in a ticket's widget. */
export async function openSupporterLink(ticketKey: string): Promise<void> {
  const active = await activeCaseOf(ticketKey);
  if (active) await openSupporterLinkOf(active);
}

export async function focusTicket(rec: CaseRecord): Promise<void> {
  const tabId = tabOf(rec.ticketKey);
  if (tabId === undefined) {
    // The page's own address, only on the ticket's help desk (a colleague's case came from custom_api).
    const url = safeTicketUrl(rec.ticket.url, rec.ticket.origin);
    if (url) await browser.tabs.create({ url });
    return;
  }
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

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
  prefetchReport('', localZoneName()).catch(() => undefined); // the new page's first figures, begun before it loads
  await browser.tabs.create({ url });
}
