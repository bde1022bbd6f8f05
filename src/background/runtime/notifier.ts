// Browser notifications for the technician: customer joined, case expired (told by the case
// events), and what a click on one does.
import browser from 'webextension-polyfill';
import type { CaseRecord } from '../../shared/case';
import { ticketLabel } from '../../shared/ticket';
import { isMine } from '../../shared/panel';
import { currentTechnician } from '../account/technician';
import { getSettings } from '../config/settings';
import { on } from '../events';
import { getCase } from '../store/history';
import { focusTicket, openSupporterLinkOf } from './open-tabs';
import { markSeen } from './badge';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const icon = () => browser.runtime.getURL('icons/icon128.png');

async function notifyJoined(rec: CaseRecord): Promise<void> {
  await browser.notifications.create(`joined:${rec.id}`, {
    type: 'basic',
    iconUrl: icon(),
    title: t('notifyJoinedTitle'),
    message: ticketLabel(rec.ticket.fields, rec.ticket.id),
    contextMessage: rec.code ?? '',
    buttons: [{ title: t('notifyOpenSupporter') }, { title: t('notifyShowTicket') }],
    requireInteraction: true,
  } as browser.Notifications.CreateNotificationOptions);
}

async function notifyExpired(rec: CaseRecord): Promise<void> {
  if (!(await getSettings()).notifyOnExpiry) return;
  await browser.notifications.create(`expired:${rec.id}`, {
    type: 'basic', iconUrl: icon(), title: t('notifyExpiredTitle'), message: ticketLabel(rec.ticket.fields, rec.ticket.id),
  });
}

/** Click on the notification body → supporter link; buttons: 0 "Connect to the customer" (the
 *  supporter link), 1 "Open ticket". Either way the case counts as seen (the badge's colour). */
export async function onNotificationClick(id: string, button?: number): Promise<void> {
  const [kind, caseId] = id.split(':');
  const rec = caseId ? await getCase(caseId) : undefined;
  if (!rec) return;
  await browser.notifications.clear(id);
  await markSeen(rec.id);
  if (kind === 'joined' && (button === undefined || button === 0)) await openSupporterLinkOf(rec);
  else await focusTicket(rec);
}

/** With a shared token every technician's browser sees every case: only the browser of the
 *  technician a case is assigned to is told (anyone with the ticket open still sees the widget). */
async function mine(rec: CaseRecord): Promise<boolean> {
  return isMine(rec, (await currentTechnician())?.userid);
}

export function notifyOnCaseEvents(): void {
  on('customer-joined', async ({ record }) => {
    if (await mine(record)) await notifyJoined(record);
  });
  on('case-expired', async ({ record }) => {
    if (await mine(record)) await notifyExpired(record);
  });
}
