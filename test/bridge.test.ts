// The content script's ticket port (src/content/bridge.ts) against a fake chrome.runtime.connect:
// a refused watch ends, an unreachable worker is retried with exponential backoff (capped), a
// stopped worker is reconnected quickly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_FIRST_MS, watchTicket } from '../src/content/bridge';

interface FakePort {
  name: string;
  posted: unknown[];
  disconnected: boolean;
  onMessage: { addListener(f: (m: unknown) => void): void };
  onDisconnect: { addListener(f: () => void): void };
  postMessage(m: unknown): void;
  disconnect(): void;
  /** The worker sends a message. */
  emit(m: unknown): void;
  /** The worker side goes away; `lastError`: as Chromium sets it when the worker cannot be reached. */
  drop(lastError?: string): void;
}

let ports: FakePort[];
const runtime: { lastError?: { message: string }; connect(info: { name: string }): FakePort } = {
  connect(info) {
    const msg: ((m: unknown) => void)[] = [];
    const disc: (() => void)[] = [];
    const port: FakePort = {
      name: info.name, posted: [], disconnected: false,
      onMessage: { addListener: (f) => msg.push(f) },
      onDisconnect: { addListener: (f) => disc.push(f) },
      postMessage: (m) => port.posted.push(m),
      disconnect: () => { port.disconnected = true; },
      emit: (m) => msg.forEach((f) => f(m)),
      drop: (lastError) => {
        runtime.lastError = lastError ? { message: lastError } : undefined;
        disc.forEach((f) => f());
        runtime.lastError = undefined;
      },
    };
    ports.push(port);
    return port;
  },
};

const KEY = 'https://acme.bossdesk.io#1042';
const view = { type: 'view', view: { ticketKey: KEY, connected: true, history: [] } };
const last = () => ports[ports.length - 1]!;

/** Drops the current port and runs the clock to the next connect: the delay it took. */
function dropAndWait(lastError?: string): number {
  const n = ports.length;
  last().drop(lastError);
  const t = Date.now();
  vi.advanceTimersToNextTimer();
  expect(ports).toHaveLength(n + 1);
  return Date.now() - t;
}

beforeEach(() => {
  vi.useFakeTimers();
  ports = [];
  vi.stubGlobal('chrome', { runtime });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('watchTicket', () => {
  it('sends watch on a ticket port and passes the worker’s messages on', () => {
    const got: unknown[] = [];
    watchTicket(KEY, (m) => got.push(m));
    expect(ports).toHaveLength(1);
    expect(last().name).toBe('ticket');
    expect(last().posted).toEqual([{ type: 'watch', ticketKey: KEY }]);
    last().emit(view);
    expect(got).toEqual([view]);
  });

  it('a watch the worker refuses (closed right after watch, no view, no error) is not asked again', () => {
    watchTicket(KEY, () => undefined);
    last().drop();
    vi.advanceTimersByTime(10 * 60_000);
    expect(ports).toHaveLength(1);
  });

  it('an unreachable worker is retried with exponential backoff, capped at 30 s', () => {
    watchTicket(KEY, () => undefined);
    const delays = Array.from({ length: 12 }, () => dropAndWait('Could not establish connection. Receiving end does not exist.'));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('a worker that stops after a working connection is reconnected quickly, and watched again', () => {
    const got: unknown[] = [];
    watchTicket(KEY, (m) => got.push(m));
    last().emit(view);
    vi.advanceTimersByTime(60_000); // the port was up for a minute
    last().drop();
    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(ports).toHaveLength(2);
    expect(last().posted).toEqual([{ type: 'watch', ticketKey: KEY }]);
    last().emit(view);
    expect(got).toHaveLength(2);
  });

  it('a worker that keeps dropping a fresh connection backs off too', () => {
    watchTicket(KEY, () => undefined);
    const delays = Array.from({ length: 5 }, () => {
      last().emit(view);
      return dropAndWait();
    });
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('the closer ends the port and any pending reconnect', () => {
    const close = watchTicket(KEY, () => undefined);
    last().drop('Could not establish connection. Receiving end does not exist.');
    close();
    vi.advanceTimersByTime(10 * 60_000);
    expect(ports).toHaveLength(1);
    const close2 = watchTicket(KEY, () => undefined);
    close2();
    expect(last().disconnected).toBe(true);
  });
});
