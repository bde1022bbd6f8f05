// The TicketView every tab on a ticket shows: the ticket's cases from history, whether a token is
// connected, and the transient facts the case events told (the last error, an ongoing retry wait).
import type { TicketView, UiError, CaseView } from '../../shared/protocol';
import { isActive, type CaseRecord } from '../../shared/case';
import type { TvErrorKind } from '../../shared/teamviewer/errors';
import { connectedAccount } from '../account/credentials';
import { on } from '../events';
import { casesOfTicket } from '../store/history';
import { connectionView, runningDevice } from '../devices/connections';
import { deviceViews } from '../devices/requester-devices';

/** The last error of each ticket, with the ticket's active case when it happened. */
const lastError = new Map<string, { error: UiError; activeId: string | undefined }>();
const waiting = new Map<string, { reason: TvErrorKind; untilMs: number }>();
/** The id of each ticket's active case, as the case events told it. */
const activeId = new Map<string, string | undefined>();

/** Keeps the per-ticket transient facts from the events. Registered before the port pushes. */
export function rememberTicketFacts(): void {
  on('case-changed', ({ ticketKey, record }) => {
    const prev = activeId.get(ticketKey);
    const now = isActive(record.state) ? record.id : prev === record.id ? undefined : prev;
    activeId.set(ticketKey, now);
    // An error is about the case that was active then (a failed start: none). Another case became
    // active (a colleague's was adopted) or that one ended: the error, and its Retry, no longer apply.
    const err = lastError.get(ticketKey);
    if (err && err.activeId !== now) lastError.delete(ticketKey);
  });
  on('ticket-error', ({ ticketKey, error }) => void (error ? lastError.set(ticketKey, { error, activeId: activeId.get(ticketKey) }) : lastError.delete(ticketKey)));
  on('ticket-waiting', ({ ticketKey, waiting: w }) => void (w ? waiting.set(ticketKey, w) : waiting.delete(ticketKey)));
}

const toView = ({ ticket: _ticket, supporterLink: _secret, ...rest }: CaseRecord): CaseView => rest;

export async function ticketView(ticketKey: string): Promise<TicketView> {
  const [cases, account, running] = await Promise.all([casesOfTicket(ticketKey), connectedAccount(), runningDevice(ticketKey)]);
  const active = cases.find((c) => isActive(c.state));
  const view: TicketView = {
    ticketKey,
    connected: !!account,
    history: cases.filter((c) => c !== active && c.state !== 'failed').slice(0, 10).map(toView),
  };
  if (active) view.active = toView(active);
  const devices = account ? deviceViews(ticketKey) : undefined;
  if (devices) view.devices = devices;
  if (running) view.deviceConnection = connectionView(running);
  const err = lastError.get(ticketKey);
  if (err) view.error = err.error;
  const w = waiting.get(ticketKey);
  if (w && w.untilMs > Date.now()) view.waiting = w;
  return view;
}
