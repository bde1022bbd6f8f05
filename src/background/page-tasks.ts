// Work that only the help-desk page can do, through its own forms: the closing comment and the
// customer email (reply to the requester). A task goes to one open tab of the ticket; until a tab
// confirms it, it stays pending in history and is offered again whenever the ticket is opened.
import type { Runtime } from 'webextension-polyfill';
import type { CaseRecord } from '../shared/case';
import type { PageTask, PageTaskKind } from '../shared/protocol';
import { casesOfTicket, getCase, putCase } from './history';
import { portsWatching, send } from './tabs';
import { broadcast } from './views';

/** Tasks handed to a tab in the last seconds: not handed to a second tab meanwhile. */
const inFlight = new Map<string, number>();
const IN_FLIGHT_MS = 15_000;

function pendingTasks(rec: CaseRecord): PageTask[] {
  const tasks: PageTask[] = [];
  if (rec.email?.status === 'pending' && rec.email.to) {
    tasks.push({ kind: 'reply', to: rec.email.to, subject: rec.email.subject, body: rec.email.body, send: rec.email.autoSend });
  }
  if (rec.comment && !rec.comment.posted) tasks.push({ kind: 'comment', text: rec.comment.text });
  return tasks;
}

function offer(rec: CaseRecord, port: Runtime.Port | undefined): void {
  if (!port) return;
  for (const task of pendingTasks(rec)) {
    const key = `${rec.id}:${task.kind}`;
    const since = inFlight.get(key);
    if (since && Date.now() - since < IN_FLIGHT_MS) continue;
    inFlight.set(key, Date.now());
    send(port, { type: 'page-task', ticketKey: rec.ticketKey, caseId: rec.id, task });
  }
}

export function deliverTasks(rec: CaseRecord): void {
  offer(rec, portsWatching(rec.ticketKey)[0]);
}

export async function offerPending(ticketKey: string, port: Runtime.Port): Promise<void> {
  for (const rec of await casesOfTicket(ticketKey)) offer(rec, port);
}

/** A tab did the task, or could not (form missing): then it is offered again on the next visit. */
export async function taskResult(ticketKey: string, caseId: string, kind: PageTaskKind, done: boolean): Promise<void> {
  const rec = await getCase(caseId);
  if (!rec || rec.ticketKey !== ticketKey) return;
  inFlight.delete(`${caseId}:${kind}`);
  if (!done) return;
  if (kind === 'comment' && rec.comment && !rec.comment.posted) {
    await putCase({ ...rec, comment: { ...rec.comment, posted: true } });
  } else if (kind === 'reply' && rec.email?.status === 'pending') {
    await putCase({ ...rec, email: { ...rec.email, status: rec.email.autoSend ? 'sent' : 'filled' } });
  } else return;
  await broadcast(ticketKey);
}
