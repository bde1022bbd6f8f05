// What the help-desk adapter reads off a ticket page. All of it is untrusted page text.
import { isEmailAddress } from './email-address';

export const TICKET_FIELDS = [
  'number', 'title', 'category', 'type', 'priority', 'source',
  'requesterName', 'requesterEmail', 'technician', 'status',
  // The requester's computer (issue 19): only where the site profile names such a field.
  'asset',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export interface Ticket {
  /** Help desk origin, e.g. https://acme.bossdesk.io */
  origin: string;
  /** The id from the URL (stable across renames and languages). */
  id: string;
  url: string;
  fields: Partial<Record<TicketField, string>>;
}

/** One active case per ticket: the key is the help desk origin plus the ticket id. */
export function ticketKey(t: Pick<Ticket, 'origin' | 'id'>): string {
  return `${t.origin}#${t.id}`;
}

/** The origin part of a ticket key; '' for anything that is not a key. */
export function originOfKey(key: string): string {
  const i = key.indexOf('#');
  return i > 0 ? key.slice(0, i) : '';
}

const MAX_FIELD = 500;

/** Bounds and normalises untrusted field text before it travels or is stored. */
export function sanitizeTicket(t: Ticket): Ticket {
  const fields: Ticket['fields'] = {};
  for (const [k, v] of Object.entries(t.fields)) {
    if (typeof v === 'string' && (TICKET_FIELDS as readonly string[]).includes(k)) {
      const value = v.replace(/\s+/g, ' ').trim().slice(0, MAX_FIELD);
      // A requester email that is not an address was read off the wrong element: never sent on.
      if (k === 'requesterEmail' && !isEmailAddress(value)) continue;
      fields[k as TicketField] = value;
    }
  }
  return { origin: String(t.origin).slice(0, 200), id: String(t.id).slice(0, 100), url: String(t.url).slice(0, 2000), fields };
}

/** How a ticket is named to the technician (notifications, lists): "#1042 · Printer on floor 2". */
export function ticketLabel(fields: Ticket['fields'], id?: string): string {
  return [fields.number ?? id, fields.title].filter(Boolean).join(' · ');
}
