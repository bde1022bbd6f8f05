// The side panel's and the toolbar badge's pure logic (issue 17): whose case is whose, what the
// panel lists, what the badge says. Unit-tested (test/panel.test.ts); the worker feeds it records.
import { isActive, type CaseRecord } from './case';
import type { PanelCase, PanelDevice } from './protocol';
import type { Ticket } from './ticket';

/** A case of this browser's technician: assigned to them, else (an older record) not a colleague's. */
export function isMine(rec: Pick<CaseRecord, 'assignedUserId' | 'colleague'>, myUserId: string | undefined): boolean {
  if (!rec.assignedUserId) return !rec.colleague;
  return rec.assignedUserId === myUserId;
}

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};

/** What the panel may see of a record: no ticket copy, no supporter link (a secret). */
export function panelCase({ ticket, supporterLink: _secret, ...rest }: CaseRecord): PanelCase {
  return {
    ...rest, helpdesk: hostOf(ticket.origin),
    ...(ticket.fields.number || ticket.id ? { ticketNumber: ticket.fields.number ?? ticket.id } : {}),
    ...(ticket.fields.title ? { ticketTitle: ticket.fields.title } : {}),
  };
}

/** A running connection to a requester's device (issue 19), as the panel lists it. */
export function panelDevice(r: { id: string; ticket: Ticket; name: string; startedAt: string }): PanelDevice {
  return {
    id: r.id, name: r.name, since: r.startedAt, helpdesk: hostOf(r.ticket.origin),
    ...(r.ticket.fields.number || r.ticket.id ? { ticketNumber: r.ticket.fields.number ?? r.ticket.id } : {}),
    ...(r.ticket.fields.title ? { ticketTitle: r.ticket.fields.title } : {}),
  };
}

const started = (c: CaseRecord) => c.createdAt ?? c.requestedAt;
const newestFirst = (a: CaseRecord, b: CaseRecord) => started(b).localeCompare(started(a));

/** The panel's three lists from the open cases and the cases that ended since `dayStartMs`. */
export function panelLists(active: CaseRecord[], ended: CaseRecord[], myUserId: string | undefined, dayStartMs: number)
  : { mine: PanelCase[]; colleagues: PanelCase[]; today: PanelCase[] } {
  const open = active.filter((c) => isActive(c.state) && c.state !== 'creating').sort(newestFirst);
  const today = ended
    .filter((c) => (c.state === 'closed' || c.state === 'expired') && isMine(c, myUserId) && Date.parse(c.closedAt ?? '') >= dayStartMs)
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return {
    mine: open.filter((c) => isMine(c, myUserId)).map(panelCase),
    colleagues: open.filter((c) => !isMine(c, myUserId)).map(panelCase),
    today: today.map(panelCase),
  };
}

export interface BadgeState {
  /** The number of this technician's open cases; '' when none. */
  text: string;
  /** A customer has connected in one of them and the technician has not opened its ticket since. */
  attention: boolean;
  open: number;
  waiting: number;
}

export function badgeState(active: CaseRecord[], myUserId: string | undefined, seen: ReadonlySet<string>): BadgeState {
  const mine = active.filter((c) => isActive(c.state) && c.state !== 'creating' && isMine(c, myUserId));
  const waiting = mine.filter((c) => c.online && !seen.has(c.id)).length;
  return { text: mine.length ? String(mine.length) : '', attention: waiting > 0, open: mine.length, waiting };
}

/** Badge colours: the product's blue for "cases open", green for "a customer is waiting". Both
 *  carry white text at ≥ 4.5:1. */
export const BADGE_COLOURS = { open: '#0a6ebd', attention: '#1b7f3b' } as const;
