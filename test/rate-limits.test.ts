// One shared token, one rate limit: a 429 holds back every later call of the worker (RateGate),
// and the watcher polls less after a 429 (PollBackoff). Against the sandbox's per-token limit.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startSandbox, DEMO_TOKEN, type SandboxHandle } from '../e2e/servers/sandbox.ts';
import { TeamViewerClient } from '../src/shared/teamviewer/client';
import { RateGate } from '../src/shared/teamviewer/rate-gate';
import { PollBackoff } from '../src/shared/teamviewer/poll-backoff';
import { TvError } from '../src/shared/teamviewer/errors';

let sb: SandboxHandle;
beforeAll(async () => { sb = await startSandbox({ port: 0 }); });
afterAll(async () => { await sb.close(); });
const ctl = (path: string, body: unknown = {}) => fetch(`${sb.url}/__control${path}`, { method: 'POST', body: JSON.stringify(body) });
beforeEach(async () => { await ctl('/reset'); });

describe('RateGate', () => {
  it('after a 429, every client sharing the gate waits: no second call reaches TeamViewer meanwhile', async () => {
    await ctl('/rate-limit', { perMinute: 2 });
    const gate = new RateGate();
    const sleeps: number[] = [];
    const opts = { baseUrl: sb.apiBase, token: DEMO_TOKEN, gate, sleep: async (ms: number) => void sleeps.push(ms), retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 5_000 } };
    const a = new TeamViewerClient(opts);
    const b = new TeamViewerClient(opts);
    await a.account();
    await a.account();
    await expect(a.account()).rejects.toMatchObject({ info: { kind: 'rate_limited' } }); // the sandbox's 3rd call in a minute
    expect(gate.waitMs()).toBeGreaterThan(50_000); // Retry-After: until the window frees up
    const before = (await (await fetch(`${sb.url}/__control/requests`)).json()).length;
    // Another client of the same worker does not even try (the wait is longer than worth holding).
    await expect(b.account()).rejects.toBeInstanceOf(TvError);
    const after = (await (await fetch(`${sb.url}/__control/requests`)).json()).length;
    expect(after).toBe(before);
  });

  it('a short wait is waited out before the call, and told to the caller as a retry wait', async () => {
    let now = 1_000;
    const gate = new RateGate(() => now);
    gate.block(2_000);
    const told: number[] = [];
    const c = new TeamViewerClient({ baseUrl: sb.apiBase, token: DEMO_TOKEN, gate, onRetry: (_e, ms) => told.push(ms), sleep: async (ms) => { now += ms; } });
    await expect(c.account()).resolves.toMatchObject({ userid: 'u11293276' });
    expect(told).toEqual([2_000]);
  });
});

describe('PollBackoff', () => {
  it('skips one tick after a 429, two after another, and comes back to full rate after calm ticks', () => {
    const b = new PollBackoff(2, 3);
    expect(b.skip()).toBe(false);
    b.rateLimited();
    expect([b.skip(), b.skip()]).toEqual([true, false]);
    b.rateLimited();
    expect([b.skip(), b.skip(), b.skip()]).toEqual([true, true, false]);
    b.rateLimited(); // capped at 2
    expect([b.skip(), b.skip(), b.skip()]).toEqual([true, true, false]);
    for (let i = 0; i < 3; i++) b.succeeded();
    expect(b.slowdown).toBe(2);
    for (let i = 0; i < 3; i++) b.succeeded();
    expect(b.slowdown).toBe(1);
  });
});
