// Work that only the help-desk page can do, through its own forms: the closing comment and the
// customer email (reply to the requester). Until a tab confirms a task it stays pending in
// history; the port layer offers it to a tab of the ticket whenever one is open (claimTasks).
import type { CaseRecord } from '../../shared/case';
import type { PageTask, PageTaskKind } from '../../shared/protocol';
import { getCase } from '../store/history';
import { saveCase } from './record';
import { withTicketLock } from './ticket-lock';

/** Tasks handed to a tab in the last seconds: not handed to a second tab meanwhile. */
const inFlight = new Map<string, number>();
const IN_FLIGHT_MS = 15_000;

function pendingTasks(rec: CaseRecord): PageTask[] {
  const tasks: PageTask[] = [];
  // The customer email only while its case is open: never a link that no longer works.
  if (rec.email?.status === 'pending' && rec.email.to && rec.state === 'open') {
    tasks.push({ kind: 'reply', to: rec.email.to, subject: rec.email.subject, body: rec.email.body, send: rec.email.autoSend });
  }
  if (rec.comment && !rec.comment.posted) tasks.push({ kind: 'comment', text: rec.comment.text });
  return tasks;
}

/** The record's due tasks that no tab is working on now; they are marked as handed out. */
export function claimTasks(rec: CaseRecord): PageTask[] {
  return pendingTasks(rec).filter((task) => {
    const key = `${rec.id}:${task.kind}`;
    const since = inFlight.get(key);
    if (since && Date.now() - since < IN_FLIGHT_MS) return false;
    inFlight.set(key, Date.now());
    return true;
  });
}

/** A tab did the task, or could not (form missing): then it is offered again on the next visit.
 *  Under the ticket's lock, from a fresh read: a stop racing this result cannot be overwritten. */
export function taskResult(ticketKey: string, caseId: string, kind: PageTaskKind, done: boolean): Promise<void> {
  return withTicketLock(ticketKey, async () => {
    const rec = await getCase(caseId);
    if (!rec || rec.ticketKey !== ticketKey) return;
    inFlight.delete(`${caseId}:${kind}`);
    if (!done) return;
    if (kind === 'comment' && rec.comment && !rec.comment.posted) {
      await saveCase({ ...rec, comment: { ...rec.comment, posted: true } });
    } else if (kind === 'reply' && rec.email && ['pending', 'expired', 'unconfirmed'].includes(rec.email.status)) {
      // A tab that did send it wins over a stop that came first: the customer got the email.
      const sent = rec.email.autoSend || rec.email.status === 'unconfirmed';
      await saveCase({ ...rec, email: { ...rec.email, status: sent ? 'sent' : 'filled' } });
    }
  });
}

/** A tab is about to click Send on the reply form. The attempt is recorded (durably, before the
 *  click) as `unconfirmed`: from then on the email is never offered again automatically, whatever
 *  happens to the tab; the tab's confirmation turns it into `sent`. False (do not click): the case
 *  is no longer open, or the email is not waiting to be sent (another tab or load already tried). */
export function attemptReply(ticketKey: string, caseId: string): Promise<boolean> {
  return withTicketLock(ticketKey, async () => {
    const rec = await getCase(caseId);
    if (!rec || rec.ticketKey !== ticketKey || rec.state !== 'open' || rec.email?.status !== 'pending' || !rec.email.to) return false;
    await saveCase({ ...rec, email: { ...rec.email, status: 'unconfirmed', attemptedAt: new Date().toISOString() } });
    return true;
  });
}

/** The technician's "Send again" on an email that may not have gone out: offered once more to a
 *  tab of the ticket (while the case is open: its link must still work). */
export function sendAgain(ticketKey: string, caseId: string): Promise<void> {
  return withTicketLock(ticketKey, async () => {
    const rec = await getCase(caseId);
    if (!rec || rec.ticketKey !== ticketKey || rec.state !== 'open' || rec.email?.status !== 'unconfirmed' || !rec.email.to) return;
    inFlight.delete(`${caseId}:reply`);
    const { attemptedAt: _a, ...email } = rec.email;
    await saveCase({ ...rec, email: { ...email, autoSend: true, status: 'pending' } });
  });
}
