// Builds the TicketView that every tab on a ticket shows, and pushes it to them.
import type { PortOut, TicketView, UiError, CaseView } from '../shared/protocol';
import { isActive, type CaseRecord } from '../shared/case';
import type { TvErrorKind } from '../shared/teamviewer/errors';
import { casesOfTicket } from './history';
import { getVault } from './vault';
import { portsWatching, send, watchedTickets } from './tabs';

/** Per-ticket transient UI facts: the last failure and an ongoing retry wait. */
const lastError = new Map<string, UiError>();
const waiting = new Map<string, { reason: TvErrorKind; untilMs: number }>();

export function setError(ticketKey: string, error: UiError | undefined): void {
  if (error) lastError.set(ticketKey, error);
  else lastError.delete(ticketKey);
}

export function setWaiting(ticketKey: string, w: { reason: TvErrorKind; untilMs: number } | undefined): void {
  if (w) waiting.set(ticketKey, w);
  else waiting.delete(ticketKey);
}

const toView = ({ ticket: _ticket, ...rest }: CaseRecord): CaseView => rest;

export async function ticketView(ticketKey: string): Promise<TicketView> {
  const [cases, vault] = await Promise.all([casesOfTicket(ticketKey), getVault()]);
  const active = cases.find((c) => isActive(c.state));
  const view: TicketView = {
    ticketKey,
    connected: !!vault,
    history: cases.filter((c) => c !== active && c.state !== 'failed').slice(0, 10).map(toView),
  };
  if (active) view.active = toView(active);
  const err = lastError.get(ticketKey);
  if (err) view.error = err;
  const w = waiting.get(ticketKey);
  if (w && w.untilMs > Date.now()) view.waiting = w;
  return view;
}

export async function broadcast(ticketKey: string): Promise<TicketView> {
  const view = await ticketView(ticketKey);
  const msg: PortOut = { type: 'view', view };
  for (const port of portsWatching(ticketKey)) send(port, msg);
  return view;
}

/** Every open widget, e.g. after the token was connected or forgotten. */
export async function broadcastAll(): Promise<void> {
  await Promise.all(watchedTickets().map((key) => broadcast(key)));
}
