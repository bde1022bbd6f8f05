import { describe, it, expect } from 'vitest';
import { FAST_MS, FRESH_MS, LOOK_REUSE_MS, SLOW_MS, lookOnTicket, nextPollDelay, pollMode, tickSends, type PollInput } from '../src/shared/teamviewer/poll-policy';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const base: PollInput = { now: NOW, own: [], ticketsOnScreen: 0, sharedGroup: false, pollSeconds: 30 };
const fresh = { createdAt: NOW - 60_000, online: false };
const old = { createdAt: NOW - FRESH_MS - 1, online: false };

describe('nextPollDelay', () => {
  it('a fresh case whose customer has not joined: every 9 s (p95 ≤ 10 s from the join)', () => {
    expect(nextPollDelay({ ...base, own: [fresh] })).toBe(FAST_MS);
    expect(FAST_MS).toBeLessThanOrEqual(10_000 * 0.95);
    // One fresh case among older ones is enough.
    expect(nextPollDelay({ ...base, own: [old, fresh] })).toBe(FAST_MS);
  });

  it('no longer fast once the customer joined, or the case is 15 minutes old: the case period', () => {
    expect(nextPollDelay({ ...base, own: [{ ...fresh, online: true }] })).toBe(30_000);
    expect(nextPollDelay({ ...base, own: [{ ...fresh, notified: true }] })).toBe(30_000); // joined, then left
    expect(nextPollDelay({ ...base, own: [old] })).toBe(30_000);
    expect(pollMode({ ...base, own: [{ createdAt: NOW - FRESH_MS + 1, online: false }] })).toBe('fast');
    expect(nextPollDelay({ ...base, own: [old], pollSeconds: 60 })).toBe(60_000);
  });

  it('no own case, a ticket on screen, a shared group: slowly', () => {
    expect(nextPollDelay({ ...base, ticketsOnScreen: 2, sharedGroup: true })).toBe(SLOW_MS);
    expect(SLOW_MS).toBeGreaterThanOrEqual(10 * 30_000); // at most a tenth of today's rate
  });

  it('nothing to watch, or a personal token without a shared group: no call at all', () => {
    expect(nextPollDelay(base)).toBeUndefined();
    expect(nextPollDelay({ ...base, ticketsOnScreen: 3, sharedGroup: false })).toBeUndefined();
    expect(nextPollDelay({ ...base, sharedGroup: true })).toBeUndefined();
  });

  it('own cases poll the same whatever the group', () => {
    expect(nextPollDelay({ ...base, own: [old], sharedGroup: true, ticketsOnScreen: 1 })).toBe(30_000);
    expect(nextPollDelay({ ...base, own: [fresh], sharedGroup: true, ticketsOnScreen: 1 })).toBe(FAST_MS);
  });

  it('after a 429 every mode is stretched by the backoff', () => {
    expect(nextPollDelay({ ...base, own: [fresh], slowdown: 3 })).toBe(3 * FAST_MS);
    expect(nextPollDelay({ ...base, own: [old], slowdown: 2 })).toBe(60_000);
    expect(nextPollDelay({ ...base, ticketsOnScreen: 1, sharedGroup: true, slowdown: 2 })).toBe(2 * SLOW_MS);
    expect(nextPollDelay({ ...base, own: [old], slowdown: 0 })).toBe(30_000);
  });
});

describe('lookOnTicket', () => {
  const look = { now: NOW, ownOpen: 0, sharedGroup: true, lastListAt: undefined, ticketLookedAt: undefined };
  it('one look when a ticket comes on screen in a shared group', () => {
    expect(lookOnTicket(look)).toBe(true);
    expect(lookOnTicket({ ...look, lastListAt: NOW - LOOK_REUSE_MS })).toBe(true);
    expect(lookOnTicket({ ...look, ticketLookedAt: NOW - SLOW_MS })).toBe(true);
  });
  it('no look: a fresh list is reused, the same ticket again, an own case already polls, or no shared group', () => {
    expect(lookOnTicket({ ...look, lastListAt: NOW - 5_000 })).toBe(false);
    expect(lookOnTicket({ ...look, ticketLookedAt: NOW - 60_000 })).toBe(false); // a widget reconnecting
    expect(lookOnTicket({ ...look, ownOpen: 1 })).toBe(false);
    expect(lookOnTicket({ ...look, sharedGroup: false })).toBe(false);
  });
});

describe('tickSends', () => {
  const slow = { ...base, ticketsOnScreen: 1, sharedGroup: true };
  it('an alarm tick right after a list read sends nothing', () => {
    expect(tickSends({ ...slow, source: 'alarm', lastListAt: NOW - 60_000 })).toBe(false); // a ticket's look a minute ago
    expect(tickSends({ ...base, own: [fresh], source: 'alarm', lastListAt: NOW - FAST_MS + 1 })).toBe(false); // the fast timer is alive
    expect(tickSends({ ...base, own: [fresh], source: 'alarm', lastListAt: NOW - FAST_MS - 1 })).toBe(true); // it is not: the alarm takes over
  });
  it('an alarm tick after a quiet spell, a timer tick and a direct ask send', () => {
    expect(tickSends({ ...slow, source: 'alarm', lastListAt: NOW - SLOW_MS / 2 })).toBe(true);
    expect(tickSends({ ...slow, source: 'alarm', lastListAt: undefined })).toBe(true);
    expect(tickSends({ ...base, own: [old], source: 'alarm', lastListAt: NOW - 29_000 })).toBe(true); // the next 30 s tick
    expect(tickSends({ ...base, own: [fresh], source: 'timer', lastListAt: NOW - 1_000 })).toBe(true);
    expect(tickSends({ ...base, source: 'now', lastListAt: NOW })).toBe(true);
  });
  it('an alarm with nothing to watch sends nothing', () => {
    expect(tickSends({ ...base, ticketsOnScreen: 1, source: 'alarm', lastListAt: undefined })).toBe(false);
  });
});
