// Closing comments travel to one open tab of the ticket, which posts them through the help
// desk's own comment form. Until a tab confirms, the comment stays pending in history and is
// offered again whenever the ticket is opened.
import type { Runtime } from 'webextension-polyfill';
import type { CaseRecord } from '../shared/case';
import { casesOfTicket, getCase, putCase } from './history';
import { portsWatching, send } from './tabs';
import { broadcast } from './views';

/** Comments handed to a tab in the last seconds: do not hand them to a second tab meanwhile. */
const inFlight = new Map<string, number>();
const IN_FLIGHT_MS = 15_000;

function offer(rec: CaseRecord, port: Runtime.Port | undefined): void {
  if (!port || !rec.comment || rec.comment.posted) return;
  const since = inFlight.get(rec.id);
  if (since && Date.now() - since < IN_FLIGHT_MS) return;
  inFlight.set(rec.id, Date.now());
  send(port, { type: 'post-comment', ticketKey: rec.ticketKey, caseId: rec.id, text: rec.comment.text });
}

export function deliverComment(rec: CaseRecord): void {
  offer(rec, portsWatching(rec.ticketKey)[0]);
}

export async function offerPending(ticketKey: string, port: Runtime.Port): Promise<void> {
  for (const rec of await casesOfTicket(ticketKey)) offer(rec, port);
}

/** A tab posted the comment, or could not (form missing): then it is offered again on the next visit. */
export async function commentResult(ticketKey: string, caseId: string, posted: boolean): Promise<void> {
  const rec = await getCase(caseId);
  if (!rec || rec.ticketKey !== ticketKey || !rec.comment) return;
  inFlight.delete(caseId);
  if (!posted || rec.comment.posted) return;
  await putCase({ ...rec, comment: { ...rec.comment, posted: true } });
  await broadcast(ticketKey);
}
