// The ticket whose widget opened the options page, for the email template's preview. Kept in
// storage.session: extension contexts only, gone with the browser session.
import browser from 'webextension-polyfill';
import { sanitizeTicket, type Ticket } from '../../shared/ticket';
import { SESSION_KEYS } from '../store/keys';

export async function rememberPreviewTicket(ticket: Ticket): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.previewTicket]: sanitizeTicket(ticket).fields });
}

export async function previewTicket(): Promise<Ticket['fields'] | null> {
  const r = await browser.storage.session.get(SESSION_KEYS.previewTicket);
  return (r[SESSION_KEYS.previewTicket] as Ticket['fields'] | undefined) ?? null;
}
