// Service cases: start (one per ticket, whatever the clicks, tabs or restarts) and stop. What
// happens is told through events (events.ts); this module never talks to tabs itself.
import { caseMetadata, parseCaseMetadata, type CaseRecord } from '../../shared/case';
import { AppError, toUiError } from '../../shared/app-error';
import { closingComment } from '../../shared/closing-comment';
import { connectionSummary } from '../../shared/reports/merge';
import { closedByFor } from '../../shared/reports/report-case';
import { TvError, isTransient, nextRetryDelay, type TvErrorInfo } from '../../shared/teamviewer/errors';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import type { TvSession } from '../../shared/teamviewer/types';
import { sanitizeTicket, ticketKey as keyOf, type Ticket } from '../../shared/ticket';
import { uiLocale } from '../../platform/i18n';
import { connectedClient } from '../account/credentials';
import { ensureGroup, forgetGroup } from '../account/group';
import { requireTechnician, type Technician } from '../account/technician';
import { getSettings } from '../config/settings';
import { emit } from '../events';
import { activeCaseOf } from '../store/history';
import { adoptedCase, nameOf, openElsewhere, sessionFacts } from './adopt';
import { customerEmail } from './customer-email';
import { saveCase } from './record';
import { withTicketLock } from './ticket-lock';

const retryReporter = (ticketKey: string) => (err: TvErrorInfo, delayMs: number) =>
  emit('ticket-waiting', { ticketKey, waiting: { reason: err.kind, untilMs: Date.now() + delayMs } });
const setError = (ticketKey: string, error: ReturnType<typeof toUiError> | undefined) => emit('ticket-error', { ticketKey, ...(error ? { error } : {}) });
const doneWaiting = (ticketKey: string) => emit('ticket-waiting', { ticketKey });

export { sessionFacts };

/** Finds, among the open cases of the group, the one this record created (by its custom_api id). */
export async function findCreated(client: TeamViewerClient, rec: CaseRecord): Promise<TvSession | undefined> {
  const open = await client.listOpenSessions(rec.groupid);
  return open.find((s) => parseCaseMetadata(s.custom_api)?.caseId === rec.id);
}

/** A 403 names the permission of the script token that the refused call needs. */
const forbiddenAs = (permission: string) => (e: unknown): never => {
  if (e instanceof TvError && e.kind === 'forbidden') throw AppError.of('forbidden', permission);
  throw e;
};

/** A POST answered after this long may have been sent twice by the browser's network stack. */
const SLOW_POST_MS = 5_000;

/**
 * The browser's network stack may resend a POST on its own when a kept-alive connection drops
 * (the server saw two requests, we saw one answer). Any other open case carrying this record's id
 * is such a twin: delete it, so that one click is one case.
 */
async function removeTwins(client: TeamViewerClient, rec: CaseRecord, keep: string): Promise<void> {
  try {
    const open = await client.listOpenSessions(rec.groupid);
    const twins = open.filter((s) => s.code !== keep && parseCaseMetadata(s.custom_api)?.caseId === rec.id);
    for (const t of twins) await client.deleteSession(t.code).catch(() => client.closeSession(t.code));
  } catch (e) {
    console.warn('twin check deferred', toUiError(e).code); // the watcher's twin net closes it later
  }
}

async function createSession(client: TeamViewerClient, rec: CaseRecord, userid: string): Promise<TvSession> {
  for (let attempt = 1; ; attempt++) {
    const groupid = await ensureGroup(client, userid).catch(forbiddenAs('groups'));
    rec.groupid = groupid;
    const t = rec.ticket.fields;
    const body = {
      groupid,
      description: `BOSS ticket ${t.number ?? rec.ticket.id}${t.title ? `: ${t.title}` : ''}`.slice(0, 4000),
      custom_api: caseMetadata(rec),
      ...(rec.assignedUserId ? { assigned_userid: rec.assignedUserId } : {}),
      ...(t.requesterName || t.requesterEmail
        ? { end_customer: { ...(t.requesterName ? { name: t.requesterName.slice(0, 100) } : {}), ...(t.requesterEmail ? { email: t.requesterEmail.slice(0, 254) } : {}) } }
        : {}),
    };
    try {
      const sentAt = Date.now();
      const created = await client.createSession(body).catch(forbiddenAs('sessions'));
      // A slow answer is when the browser may have resent the POST on its own: look for a twin now.
      // Otherwise one call per create; the watcher's twin net (closeTwins) covers the rest.
      if (Date.now() - sentAt > SLOW_POST_MS) await removeTwins(client, rec, created.code);
      return created;
    } catch (e) {
      if (!(e instanceof TvError)) throw e;
      // The cached group was deleted in TeamViewer: find or create it again, once.
      const groupGone = e.kind === 'not_found' || (e.kind === 'bad_request' && /group/i.test(e.info.description ?? ''));
      if (attempt === 1 && groupGone) {
        await forgetGroup();
        continue;
      }
      if (!isTransient(e.kind)) throw e;
      // The answer was lost or the server failed: the case may exist anyway. Never create twice.
      if (e.kind !== 'rate_limited') {
        const found = await findCreated(client, rec).catch(() => undefined);
        if (found) return found;
      }
      const delay = nextRetryDelay(e.info, attempt);
      if (delay === null) throw e;
      retryReporter(rec.ticketKey)(e.info, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** The case exists in TeamViewer: record it open, with the customer email for a tab to deliver. */
export async function markOpen(rec: CaseRecord, s: TvSession): Promise<CaseRecord> {
  const open: CaseRecord = { ...rec, ...sessionFacts(s), state: 'open' };
  return saveCase({ ...open, email: customerEmail(open, await getSettings(), uiLocale()) });
}

/** Starts a case for the ticket, or does nothing when it has one (second click, second tab). */
export function startCase(rawTicket: Ticket): Promise<void> {
  const ticket = sanitizeTicket(rawTicket);
  const key = keyOf(ticket);
  return withTicketLock(key, async () => {
    if (await activeCaseOf(key)) return;
    setError(key, undefined);
    let client: TeamViewerClient, userid: string, assignee: Technician | undefined;
    try {
      const c = await connectedClient(retryReporter(key));
      client = c.client;
      userid = c.account.userid;
      // Each case is assigned to its technician: with a shared token, the one this browser works for.
      assignee = await requireTechnician();
    } catch (e) {
      setError(key, toUiError(e));
      return;
    }
    // Another browser (a colleague, or this technician elsewhere) may have opened this ticket's
    // case since the watcher last looked: show that one rather than make a second. One list call
    // (none when the watcher's is fresh); no answer → start as before.
    const elsewhere = await ensureGroup(client, userid).then((groupid) => openElsewhere(client, groupid, key)).catch(() => undefined);
    if (elsewhere) {
      await saveCase(adoptedCase(elsewhere.s, elsewhere.meta, assignee.userid, await nameOf(client, elsewhere.s.assigned_userid)));
      return;
    }
    const now = new Date().toISOString();
    let rec: CaseRecord = {
      id: crypto.randomUUID(), ticketKey: key, ticket, state: 'creating',
      technician: ticket.fields.technician, assignedUserId: assignee.userid, assignedName: assignee.name,
      requestedAt: now, updatedAt: now,
    };
    rec = await saveCase(rec); // before the API call: a restart finds it and reconciles
    try {
      await markOpen(rec, await createSession(client, rec, userid));
    } catch (e) {
      await saveCase({ ...rec, state: 'failed', ...(e instanceof TvError ? { error: e.info } : {}) });
      setError(key, toUiError(e));
    } finally {
      doneWaiting(key);
    }
  });
}

/** Stops the ticket's open case: closed in TeamViewer, then the closing comment for a tab. A case
 *  this browser did not start (a colleague's, from the shared group) is stopped only when the
 *  request says the technician confirmed it (the widget asks first): a *Retry* meant for a failed
 *  start, or any other unconfirmed stop, leaves it open. */
export function stopCase(key: string, opts: { confirmColleague?: boolean } = {}): Promise<void> {
  return withTicketLock(key, async () => {
    const active = await activeCaseOf(key);
    if (!active) return;
    if (active.colleague && opts.confirmColleague !== true) {
      console.warn('unconfirmed stop of a colleague\'s case refused', key);
      return;
    }
    setError(key, undefined);
    // Under the lock, a case still "creating" was left by a worker that died mid-create: it never
    // got a code here. Record it failed (the watcher closes its session if TeamViewer made one).
    if (!active.code) {
      await saveCase({ ...active, state: 'failed', error: { kind: 'network', description: 'interrupted' } });
      return;
    }
    let rec = await saveCase({ ...active, state: 'closing' });
    try {
      const { client } = await connectedClient(retryReporter(key));
      let closedBy: 'stop' | 'elsewhere' = 'stop';
      try {
        await client.closeSession(rec.code!).catch(forbiddenAs('sessions'));
      } catch (e) {
        if (!(e instanceof TvError && e.kind === 'not_found')) throw e;
        closedBy = 'elsewhere'; // 404: closed elsewhere
      }
      rec = await finishClosed(client, rec, 'closed', closedBy);
    } catch (e) {
      const ui = toUiError(e);
      // Revoked access: the case cannot be closed from here, but it must not vanish from history.
      const lost = ui.code === 'invalid_token' || ui.code === 'not_connected';
      rec = await saveCase({ ...rec, state: lost ? 'close_failed' : 'open', ...(e instanceof TvError ? { error: e.info } : {}) });
      setError(key, ui); // after the record: the error belongs to the case as it is now
    } finally {
      doneWaiting(key);
    }
  });
}

/** Reads the server's closing time and connection reports, records them, queues the comment. */
/** Reads the server's closing time and connection reports and records the case closed (by our
 *  stop, or elsewhere: the Management Console, another browser) or expired, with its comment due.
 *  A customer email still waiting for a tab will never be sent: its link no longer works. */
export async function finishClosed(client: TeamViewerClient, rec: CaseRecord, outcome: 'closed' | 'expired', closedBy: 'stop' | 'elsewhere' = 'stop'): Promise<CaseRecord> {
  const server = await client.getSession(rec.code!).catch(() => undefined);
  const closedAt = outcome === 'expired' ? rec.validUntil! : (server?.closed_at ?? new Date(client.serverNow()).toISOString());
  const connections = await client.connectionReports({ session_code: rec.code! }).catch(() => []);
  // Who closed it: recorded for this browser's own cases only (a colleague's is closed by its technician).
  const by = outcome === 'closed' ? closedByFor(rec, closedBy) : undefined;
  const text = closingComment({ code: rec.code!, createdAt: server?.created_at ?? rec.createdAt!, closedAt, outcome, connections }, uiLocale());
  return saveCase({
    ...rec, state: outcome, closedAt, online: false,
    ...(connections.length ? { connection: connectionSummary(connections) } : {}),
    // A colleague's case gets its comment from the browser that started it.
    ...(rec.colleague ? {} : { comment: { text, posted: false } }),
    ...(by ? { closedBy: by } : {}),
    ...(rec.email?.status === 'pending' ? { email: { ...rec.email, status: 'expired' as const } } : {}),
  });
}
