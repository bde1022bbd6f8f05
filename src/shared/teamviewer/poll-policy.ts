// When a browser asks TeamViewer for its open sessions next: calls follow the work (issue 18).
// - a case of this browser younger than FRESH_MS whose customer has not joined: every FAST_MS (9 s)
//   (a worker timer: the customer is expected any second, and every poll is an extension API
//   call that keeps the worker alive, so the timer holds while the browser is open);
// - other open cases of this browser: every `pollSeconds` (the 30 s alarm, as before);
// - none, but a ticket on screen and a group shared with others: one look when a ticket comes on
//   screen (LOOK_REUSE_MS: a list that fresh is reused), then every SLOW_MS;
// - otherwise (no case, no ticket, or a personal token without a shared group): no call at all.
// After a 429 the delay is stretched by PollBackoff's slowdown. Pure: unit-tested, and the team
// simulation (bench/team-scale.ts) runs this very function.

export const FRESH_MS = 15 * 60_000;
export const FAST_MS = 9_000;
export const SLOW_MS = 15 * 60_000;
export const LOOK_REUSE_MS = 60_000;

export interface OwnCase {
  /** When TeamViewer created the session (ms since epoch). */
  createdAt: number;
  online: boolean;
  /** The customer-joined notice was already given (the customer joined once). */
  notified?: boolean;
}

export interface PollInput {
  now: number;
  /** This browser's own open cases (not colleagues'). */
  own: readonly OwnCase[];
  ticketsOnScreen: number;
  /** The token's group is seen by other browsers (an organisation token, or a BOSS group found). */
  sharedGroup: boolean;
  pollSeconds: number;
  /** PollBackoff.slowdown: 1 at full rate. */
  slowdown?: number;
}

export type PollMode = 'fast' | 'case' | 'slow' | 'none';

/** A case that still waits for its customer, in its first 15 minutes. */
export function isFresh(c: OwnCase, now: number): boolean {
  return !c.online && !c.notified && now - c.createdAt < FRESH_MS;
}

export function pollMode(i: Omit<PollInput, 'pollSeconds' | 'slowdown'>): PollMode {
  if (i.own.some((c) => isFresh(c, i.now))) return 'fast';
  if (i.own.length) return 'case';
  if (i.ticketsOnScreen > 0 && i.sharedGroup) return 'slow';
  return 'none';
}

/** Milliseconds until the next poll; undefined: send nothing until something changes. */
export function nextPollDelay(i: PollInput): number | undefined {
  const slowdown = Math.max(1, i.slowdown ?? 1);
  switch (pollMode(i)) {
    case 'fast':
      return FAST_MS * slowdown;
    case 'case':
      return i.pollSeconds * 1000 * slowdown;
    case 'slow':
      return SLOW_MS * slowdown;
    case 'none':
      return undefined;
  }
}

/** What wakes a tick: an alarm, the fast timer, or a direct ask (a test, a ticket's look). */
export type TickSource = 'alarm' | 'timer' | 'now';

/** Does this tick call TeamViewer? An alarm tick right after a list read (a ticket's look) would
 *  only read the same list again: it sends nothing when the last list is younger than half the
 *  mode's delay; under the fast timer, younger than the timer's delay (the alarm is only there
 *  for a worker Chrome stopped). Timer ticks and direct asks always send. */
export function tickSends(i: PollInput & { source: TickSource; lastListAt: number | undefined }): boolean {
  if (i.source !== 'alarm') return true;
  const delay = nextPollDelay(i);
  if (delay === undefined) return false;
  const fresh = pollMode(i) === 'fast' ? delay : delay / 2;
  return i.lastListAt === undefined || i.now - i.lastListAt >= fresh;
}

/** A ticket came on screen: look at the group's open list now? Only with a shared group, when no
 *  case of this browser already polls it, the last list is older than LOOK_REUSE_MS, and this
 *  ticket had no look in the last SLOW_MS (the widget reconnecting to a restarted worker is not a
 *  ticket coming on screen). */
export function lookOnTicket(i: { now: number; ownOpen: number; sharedGroup: boolean; lastListAt: number | undefined; ticketLookedAt: number | undefined }): boolean {
  if (!i.sharedGroup || i.ownOpen > 0) return false;
  if (i.ticketLookedAt !== undefined && i.now - i.ticketLookedAt < SLOW_MS) return false;
  return i.lastListAt === undefined || i.now - i.lastListAt >= LOOK_REUSE_MS;
}
