// Browser notifications for the technician: customer joined, case expired.
import browser from 'webextension-polyfill';
import type { CaseRecord } from '../shared/case';
import { getCase } from './history';
import { getSettings } from './settings-store';
import { tabOf } from './tabs';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const icon = () => browser.runtime.getURL('icons/icon128.png');
const ticketLabel = (rec: CaseRecord) => `${rec.ticket.fields.number ?? rec.ticket.id} · ${rec.ticket.fields.title ?? ''}`.trim();

export async function notifyJoined(rec: CaseRecord): Promise<void> {
  await browser.notifications.create(`joined:${rec.id}`, {
    type: 'basic',
    iconUrl: icon(),
    title: t('notifyJoinedTitle'),
    message: ticketLabel(rec),
    contextMessage: rec.code ?? '',
    buttons: [{ title: t('notifyOpenSupporter') }, { title: t('notifyShowTicket') }],
    requireInteraction: true,
  } as browser.Notifications.CreateNotificationOptions);
}

export async function notifyExpired(rec: CaseRecord): Promise<void> {
  if (!(await getSettings()).notifyOnExpiry) return;
  await browser.notifications.create(`expired:${rec.id}`, {
    type: 'basic', iconUrl: icon(), title: t('notifyExpiredTitle'), message: ticketLabel(rec),
  });
}

async function openSupporterLink(rec: CaseRecord) {
  if (rec.supporterLink) await browser.tabs.create({ url: rec.supporterLink });
}

async function focusTicket(rec: CaseRecord) {
  const tabId = tabOf(rec.ticketKey);
  if (tabId === undefined) {
    await browser.tabs.create({ url: rec.ticket.url });
    return;
  }
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

/** Click on the notification body → supporter link; buttons: 0 supporter link, 1 the ticket. */
export async function onNotificationClick(id: string, button?: number): Promise<void> {
  const [kind, caseId] = id.split(':');
  const rec = caseId ? await getCase(caseId) : undefined;
  if (!rec) return;
  await browser.notifications.clear(id);
  if (kind === 'joined' && (button === undefined || button === 0)) await openSupporterLink(rec);
  else await focusTicket(rec);
}
