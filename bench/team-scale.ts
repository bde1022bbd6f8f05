// Benchmark: one shared token, many technicians' browsers (team mode). A simulation in virtual
// time of N browsers polling TeamViewer's open-case list on one token that has a rate limit, with
// the worker's own policy: ticks every `pollSeconds` with a random first delay (0.5–1.5 periods,
// as armWatcher sets the alarm), one 429 closing the gate for every later call of that browser
// until its Retry-After (the worker's RateGate), and ticks skipped after a 429 (PollBackoff, as the
// watcher uses it), both the real classes. Customers join cases at random times; a notification
// is raised by the assignee's browser at its first successful tick after that.
// Prints calls per minute on the token, 429 answers, and the notification delay, for 10, 100 and
// 500 browsers, with and without the jitter and gate (baseline: all browsers tick together and a
// 429 holds back only the call that got it). Fails if a notification is missed.
// Every browser is assumed to have a ticket open all the time (the worst case: a browser with no
// open case and no ticket on screen sends nothing).
// Knobs: SCALE_LIMITS (calls per minute the token may make: TeamViewer does not publish its limit;
// default "1000,600"), SCALE_MINUTES (virtual minutes, 60), SCALE_POLL (seconds, 30).
import { PollBackoff } from '../src/shared/teamviewer/poll-backoff.ts';
import { RateGate } from '../src/shared/teamviewer/rate-gate.ts';
import { writeFigures, type Figure } from './figures.ts';

const LIMITS = (process.env.SCALE_LIMITS ?? '1000,600').split(',').map(Number);
const MINUTES = Number(process.env.SCALE_MINUTES ?? 60);
const POLL_MS = Number(process.env.SCALE_POLL ?? 30) * 1000;

/** A deterministic random source, so that runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

interface Result { browsers: number; policy: string; callsPerMin: number; rejected: number; delays: number[]; missed: number }

function simulate(browsers: number, jitterAndGate: boolean, LIMIT: number): Result {
  const rand = rng(browsers * 7 + (jitterAndGate ? 1 : 0));
  let now = 0;
  const end = MINUTES * 60_000;
  const window: number[] = []; // the token's calls in the last minute (sandbox's sliding window)
  let calls = 0, rejected = 0, skipped = 0;
  // Each browser: its gate and its next tick.
  const gates = Array.from({ length: browsers }, () => new RateGate(() => now));
  const backoffs = Array.from({ length: browsers }, () => new PollBackoff());
  const next = Array.from({ length: browsers }, () => (jitterAndGate ? POLL_MS * (0.5 + rand()) : POLL_MS));
  // One customer joins a case of a random browser every ~20 s on average.
  const joins: { at: number; browser: number; seenAt?: number }[] = [];
  for (let t = rand() * 40_000; t < end - 5 * 60_000; t += rand() * 40_000) joins.push({ at: t, browser: Math.floor(rand() * browsers) });
  const blockedUntil = Array.from({ length: browsers }, () => 0); // baseline: only the call that got 429 waits

  for (;;) {
    let b = 0;
    for (let i = 1; i < browsers; i++) if (next[i]! < next[b]!) b = i;
    now = next[b]!;
    if (now >= end) break;
    next[b] = now + POLL_MS;
    if (jitterAndGate ? gates[b]!.waitMs() > 0 || backoffs[b]!.skip() : blockedUntil[b]! > now) { skipped++; continue; } // skipped tick
    while (window.length && now - window[0]! >= 60_000) window.shift();
    if (window.length >= LIMIT) {
      rejected++;
      // Retry-After as the sandbox computes it: until the oldest call of the window drops out.
      const retryAfter = window[0]! + 60_000 - now;
      if (jitterAndGate) {
        gates[b]!.block(retryAfter);
        backoffs[b]!.rateLimited();
      } else blockedUntil[b] = now + 1_000; // one retry a second later, then the next tick as usual
      continue;
    }
    window.push(now);
    calls++;
    backoffs[b]!.succeeded();
    for (const j of joins) if (j.browser === b && j.at <= now && j.seenAt === undefined) j.seenAt = now;
  }
  if (process.env.SCALE_DEBUG) console.log('skipped', skipped);
  const delays = joins.filter((j) => j.seenAt !== undefined).map((j) => j.seenAt! - j.at).sort((x, y) => x - y);
  return { browsers, policy: jitterAndGate ? 'jitter + gate + backoff' : 'baseline', callsPerMin: calls / MINUTES, rejected, delays, missed: joins.length - delays.length };
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(`Team mode on one shared token: ${MINUTES} virtual minutes, poll every ${POLL_MS / 1000} s\n`);
console.log('| token limit (calls/min, assumed) | browsers | policy | calls/min on the token | 429 answers | notification delay p50 / p95 / max | missed |');
console.log('|---|---|---|---|---|---|---|');
let missed = 0;
const figures: Figure[] = [];
for (const limit of LIMITS) {
  for (const n of [10, 100, 500]) {
    for (const jg of [true, false]) {
      const r = simulate(n, jg, limit);
      if (jg) {
        missed += r.missed;
        figures.push({
          group: 'team', label: `${n} browsers, token limit ${limit}/min: calls/min, 429s, notification delay p50 / p95`,
          value: `${r.callsPerMin.toFixed(0)}/min, ${r.rejected} × 429, ${s(pct(r.delays, 0.5))} / ${s(pct(r.delays, 0.95))}`,
          goal: 'nothing missed', verdict: r.missed ? `${r.missed} missed` : 'PASS',
        });
      }
      console.log(`| ${limit} | ${n} | ${r.policy} | ${r.callsPerMin.toFixed(0)} | ${r.rejected} | ${s(pct(r.delays, 0.5))} / ${s(pct(r.delays, 0.95))} / ${s(r.delays.at(-1) ?? NaN)} | ${r.missed} |`);
    }
  }
}
writeFigures('team-scale', figures);
console.log('\nGoal: nothing missed; calls per minute stay under the token\'s limit with the product\'s policy.');
if (missed) {
  console.error(`${missed} customer-joined notification(s) missed`);
  process.exit(1);
}
