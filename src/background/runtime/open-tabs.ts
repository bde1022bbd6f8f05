// Opening things for the technician: the supporter link (a secret: only the worker holds it, and
// only an https link from TeamViewer is opened) and a ticket's tab.
import browser from 'webextension-polyfill';
import type { CaseRecord } from '../../shared/case';
import { isSafeLink } from '../../shared/links';
import { activeCaseOf } from '../store/history';
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
    if (/^https?:\/\//i.test(rec.ticket.url)) await browser.tabs.create({ url: rec.ticket.url }); // the page's own address
    return;
  }
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}
