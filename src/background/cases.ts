// Service cases: start (one per ticket, whatever the clicks, tabs or restarts), stop, reconcile.
import browser from 'webextension-polyfill';
import { caseMetadata, parseCaseMetadata, type CaseRecord } from '../shared/case';
import { AppError, toUiError } from '../shared/app-error';
import { closingComment } from '../shared/closing-comment';
import { TvError, isTransient, nextRetryDelay, type TvErrorInfo } from '../shared/teamviewer/errors';
import type { TeamViewerClient } from '../shared/teamviewer/client';
import type { TvSession } from '../shared/teamviewer/types';
import { sanitiseTicket, ticketKey as keyOf, type Ticket } from '../shared/ticket';
import type { TicketView } from '../shared/protocol';
import { connectedClient } from './api';
import { ensureGroup, forgetGroup } from './group';
import { activeCaseOf, activeCases, getCase, putCase } from './history';
import { broadcast, setError, setWaiting } from './views';
import { uiLocale } from '../shared/i18n';
import { deliverTasks } from './page-tasks';
import { customerEmail } from './customer-email';
import { getSettings } from './settings-store';
import { armWatcher } from './watcher';

/** Serialises work per ticket inside this worker: a double click becomes one start. */
const locks = new Map<string, Promise<unknown>>();
function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  void tail.then(() => locks.get(key) === tail && locks.delete(key));
  return run;
}

const retryReporter = (key: string) => (err: TvErrorInfo, delayMs: number) => {
  setWaiting(key, { reason: err.kind, untilMs: Date.now() + delayMs });
  void broadcast(key);
};

function sessionFacts(s: TvSession): Partial<CaseRecord> {
  return {
    code: s.code,
    groupid: s.groupid,
    createdAt: s.created_at,
    validUntil: s.valid_until,
    supporterLink: s.supporter_link,
    customerLink: s.end_customer_link,
    online: !!s.online,
  };
}

/** Finds, among the open cases of the group, the one this record created (by its custom_api id). */
async function findCreated(client: TeamViewerClient, rec: CaseRecord): Promise<TvSession | undefined> {
  const open = await client.listOpenSessions(rec.groupid);
  return open.find((s) => parseCaseMetadata(s.custom_api)?.caseId === rec.id);
}

/** A 403 names the permission of the script token that the refused call needs. */
const forbiddenAs = (permission: string) => (e: unknown): never => {
  if (e instanceof TvError && e.kind === 'forbidden') throw AppError.of('forbidden', permission);
  throw e;
};

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
    console.warn('twin check deferred', toUiError(e).code); // the watcher's reconcile is the safety net
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
      ...(t.requesterName || t.requesterEmail
        ? { end_customer: { ...(t.requesterName ? { name: t.requesterName.slice(0, 100) } : {}), ...(t.requesterEmail ? { email: t.requesterEmail.slice(0, 254) } : {}) } }
        : {}),
    };
    try {
      const created = await client.createSession(body).catch(forbiddenAs('sessions'));
      await removeTwins(client, rec, created.code);
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

/** The case exists in TeamViewer: record it open and queue the customer email for a tab. */
async function markOpen(rec: CaseRecord, s: TvSession): Promise<CaseRecord> {
  const open: CaseRecord = { ...rec, ...sessionFacts(s), state: 'open' };
  const saved = await putCase({ ...open, email: customerEmail(open, await getSettings(), uiLocale()) });
  deliverTasks(saved);
  return saved;
}

export function startCase(rawTicket: Ticket): Promise<TicketView> {
  const ticket = sanitiseTicket(rawTicket);
  const key = keyOf(ticket);
  return withLock(key, async () => {
    if (await activeCaseOf(key)) return broadcast(key); // second click, second tab: same case
    setError(key, undefined);
    let client: TeamViewerClient, userid: string;
    try {
      const c = await connectedClient(retryReporter(key));
      client = c.client;
      userid = c.account.userid;
    } catch (e) {
      setError(key, toUiError(e));
      return broadcast(key);
    }
    const now = new Date().toISOString();
    let rec: CaseRecord = {
      id: crypto.randomUUID(), ticketKey: key, ticket, state: 'creating',
      technician: ticket.fields.technician, requestedAt: now, updatedAt: now,
    };
    rec = await putCase(rec); // before the API call: a restart finds it and reconciles
    await broadcast(key);
    try {
      await markOpen(rec, await createSession(client, rec, userid));
    } catch (e) {
      await putCase({ ...rec, state: 'failed', ...(e instanceof TvError ? { error: e.info } : {}) });
      setError(key, toUiError(e));
    } finally {
      setWaiting(key, undefined);
    }
    await armWatcher(); // from stored state, so that only a case that did open is watched
    return broadcast(key);
  });
}

export function stopCase(key: string): Promise<TicketView> {
  return withLock(key, async () => {
    const active = await activeCaseOf(key);
    if (!active?.code) return broadcast(key);
    setError(key, undefined);
    let rec = await putCase({ ...active, state: 'closing' });
    await broadcast(key);
    try {
      const { client } = await connectedClient(retryReporter(key));
      try {
        await client.closeSession(rec.code!).catch(forbiddenAs('sessions'));
      } catch (e) {
        if (!(e instanceof TvError && e.kind === 'not_found')) throw e; // 404: closed elsewhere
      }
      rec = await finishClosed(client, rec, 'closed');
    } catch (e) {
      const ui = toUiError(e);
      setError(key, ui);
      // Revoked access: the case cannot be closed from here, but it must not vanish from history.
      const lost = ui.code === 'invalid_token' || ui.code === 'not_connected';
      rec = await putCase({ ...rec, state: lost ? 'close_failed' : 'open', ...(e instanceof TvError ? { error: e.info } : {}) });
    } finally {
      setWaiting(key, undefined);
    }
    return broadcast(key);
  });
}

/** Reads the server's closing time and connection reports, records them, queues the comment. */
export async function finishClosed(client: TeamViewerClient, rec: CaseRecord, outcome: 'closed' | 'expired'): Promise<CaseRecord> {
  const server = await client.getSession(rec.code!).catch(() => undefined);
  const closedAt = outcome === 'expired' ? rec.validUntil! : (server?.closed_at ?? new Date().toISOString());
  const connections = await client.connectionReports({ session_code: rec.code! }).catch(() => []);
  const text = closingComment({ code: rec.code!, createdAt: server?.created_at ?? rec.createdAt!, closedAt, outcome, connections }, uiLocale());
  const next = await putCase({ ...rec, state: outcome, closedAt, online: false, comment: { text, posted: false } });
  deliverTasks(next);
  return next;
}

/** A request in flight when the worker died may still be processed by TeamViewer for a while. */
const CREATING_GRACE_MS = 60_000;
export const RECONCILE_ALARM = 'reconcile';

/** After a worker restart: settle the cases that were mid-flight when it died. */
export async function reconcile(): Promise<void> {
  const pending = (await activeCases()).filter((c) => c.state !== 'open');
  if (!pending.length) return;
  let client: TeamViewerClient;
  try {
    ({ client } = await connectedClient());
  } catch {
    return;
  }
  let again = false;
  for (const rec of pending) {
    await withLock(rec.ticketKey, async () => {
      const cur = await getCase(rec.id);
      if (!cur || !['creating', 'closing'].includes(cur.state)) return;
      try {
        if (cur.state === 'creating') {
          const found = await findCreated(client, cur);
          if (found) await markOpen(cur, found);
          else if (Date.now() - Date.parse(cur.requestedAt) < CREATING_GRACE_MS) again = true;
          else await putCase({ ...cur, state: 'failed', error: { kind: 'network', description: 'interrupted' } });
        } else if (cur.code) {
          const s = await client.getSession(cur.code).catch((e) => (e instanceof TvError && e.kind === 'not_found' ? undefined : Promise.reject(e)));
          if (s && s.state.toLowerCase() !== 'closed') await client.closeSession(cur.code);
          await finishClosed(client, cur, 'closed');
        }
      } catch (e) {
        again = true;
        console.warn('reconcile deferred', cur.id, toUiError(e).code);
      }
      await broadcast(cur.ticketKey);
    });
  }
  if (again) await browser.alarms.create(RECONCILE_ALARM, { when: Date.now() + 5_000 });
  await armWatcher();
}

export { withLock, sessionFacts };
