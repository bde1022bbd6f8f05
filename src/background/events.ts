// The worker's event seam: domain code (cases, account) says what happened; the port layer, the
// watcher and the reports page listen. No domain module knows who listens, so none imports the
// port layer, and state reaches a widget on one channel only (its port).
import type { CaseRecord } from '../shared/case';
import type { UiError } from '../shared/protocol';
import type { TvErrorKind } from '../shared/teamviewer/errors';
import type { SyncStatus } from '../shared/reports/types';

export interface WorkerEvents {
  /** A case of this ticket was written (state, online, email, comment…). */
  'case-changed': { ticketKey: string; record: CaseRecord };
  /** A call for this ticket is being retried until `untilMs` (429, 5xx, network); undefined: done. */
  'ticket-waiting': { ticketKey: string; waiting?: { reason: TvErrorKind; untilMs: number } };
  /** The last action on this ticket failed (undefined: a new action cleared it). */
  'ticket-error': { ticketKey: string; error?: UiError };
  /** The customer came online in a case (first time only). */
  'customer-joined': { record: CaseRecord };
  /** A case reached its expiry date and was closed as expired. */
  'case-expired': { record: CaseRecord };
  /** The token was connected or forgotten: every ticket's view changes. */
  'connection-changed': Record<string, never>;
  /** Settings or enterprise policy changed (e.g. the watcher's period). */
  'settings-changed': Record<string, never>;
  /** Enterprise policy changed (token, sites, settings): the options page shows it again. */
  'policy-changed': Record<string, never>;
  /** Many records changed at once (a team-wide sync, an import): reports query again. */
  'history-changed': Record<string, never>;
  /** The requester's devices shown on a ticket, or its running device connection, changed (issue 19). */
  'device-changed': { ticketKey: string };
  /** A team-wide sync made progress, finished or failed. */
  'sync-progress': { status: SyncStatus };
}

export type WorkerEvent = keyof WorkerEvents;
type Listener<K extends WorkerEvent> = (payload: WorkerEvents[K]) => void | Promise<void>;

const listeners: { [K in WorkerEvent]?: Listener<K>[] } = {};
/** Listener runs not finished yet (see idle()). */
const running = new Set<Promise<void>>();

export function on<K extends WorkerEvent>(event: K, listener: Listener<K>): () => void {
  const list = (listeners[event] ??= []) as Listener<K>[];
  list.push(listener);
  return () => list.splice(list.indexOf(listener), 1);
}

/** Calls every listener in the order they registered; a failing listener never fails the emitter. */
export function emit<K extends WorkerEvent>(event: K, payload: WorkerEvents[K]): void {
  for (const l of (listeners[event] ?? []) as Listener<K>[]) {
    const run = Promise.resolve()
      .then(() => l(payload))
      .catch((e) => console.error(`listener of ${event} failed`, e))
      .finally(() => running.delete(run));
    running.add(run);
  }
}

/** Resolves once every listener run (and what those runs emitted) has finished: for tests, and
 *  for callers that must not answer before the widgets were told. */
export async function idle(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
