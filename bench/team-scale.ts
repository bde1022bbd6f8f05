// Benchmark: one shared token, many technicians' browsers (team mode, issue 18 goals 1 and 2). A
// simulation in virtual time (steps of STEP_MS) of who has cases and tickets open, and what each
// browser then sends TeamViewer, under two policies in the same run:
// - today (before issue 18): every browser with a ticket on screen or an open case polls the open
//   list every `pollSeconds` (an alarm with a random first delay, RateGate, PollBackoff);
// - follows the work: the worker's own policy, the real nextPollDelay / pollMode / lookOnTicket of
//   src/shared/teamviewer/poll-policy.ts with the real RateGate and PollBackoff: a 9 s timer for a
//   fresh case waiting for its customer (beside the case alarm, as the worker keeps it), the 30 s
//   alarm for other own cases, one look when a ticket comes on screen then a 10 min alarm without.
// The model (knobs in capitals): BROWSERS browsers, CASE_BROWSERS of them run cases back to back
// (a case starts 1–5 min after the last closed; its customer joins within 12 min for 85 % of
// cases, 16–40 min for the rest; it stays open 10–30 min after the join). Every browser has a
// ticket on screen all the time (the worst case), an idle one moves to a new ticket every
// TICKET_MIN minutes on average. A join is noticed at the assignee's first successful list call
// after it. Only polling is counted (a start's own calls are in the calls-per-action bench).
// Knobs: SCALE_LIMITS (the token's calls/min: TeamViewer does not publish it; "600,1000"),
// SCALE_MINUTES (240 measured, after 30 of warm-up), SCALE_BROWSERS (500), SCALE_CASE_BROWSERS (25), SCALE_TICKET_MIN (10).
import { PollBackoff } from '../src/shared/teamviewer/poll-backoff.ts';
import { FAST_MS, FRESH_MS, lookOnTicket, nextPollDelay, pollMode, tickSends, type PollInput, type PollMode } from '../src/shared/teamviewer/poll-policy.ts';
import { RateGate } from '../src/shared/teamviewer/rate-gate.ts';
import { writeFigures, type Figure } from './figures.ts';

const LIMITS = (process.env.SCALE_LIMITS ?? '600,1000').split(',').map(Number);
const MINUTES = Number(process.env.SCALE_MINUTES ?? 240);
/** Not measured: the first cases and tickets all start together, unlike a working day. */
const WARMUP_MIN = 30;
const BROWSERS = Number(process.env.SCALE_BROWSERS ?? 500);
const CASE_BROWSERS = Number(process.env.SCALE_CASE_BROWSERS ?? 25);
const TICKET_MIN = Number(process.env.SCALE_TICKET_MIN ?? 10);
const POLL_S = 30;
const STEP_MS = 100;
const MIN = 60_000;

/** A deterministic random source, so that runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

interface Case { start: number; join: number; close: number; seenAt?: number; polls15: number }

/** The cases of each case browser, the same for both policies. */
function plan(): Case[][] {
  const rand = rng(42);
  const end = (WARMUP_MIN + MINUTES) * MIN;
  return Array.from({ length: BROWSERS }, (_, b) => {
    if (b >= CASE_BROWSERS) return [];
    const cases: Case[] = [];
    for (let t = rand() * WARMUP_MIN * MIN; ; ) {
      const join = t + (rand() < 0.85 ? 15_000 + rand() * 12 * MIN : 16 * MIN + rand() * 24 * MIN);
      const close = join + 10 * MIN + rand() * 20 * MIN;
      if (close > end) break;
      cases.push({ start: t, join, close, polls15: 0 });
      t = close + MIN + rand() * 4 * MIN;
    }
    return cases;
  });
}

type Policy = 'today' | 'follows the work';
interface Result { policy: Policy; limit: number; callsPerMin: number; peakPerMin: number; rejected: number; fresh: number[]; older: number[]; missed: number; polls15: number[] }

function simulate(policy: Policy, limit: number): Result {
  const rand = rng(limit * 13 + (policy === 'today' ? 1 : 2));
  const end = (WARMUP_MIN + MINUTES) * MIN;
  const from = WARMUP_MIN * MIN;
  const cases = plan();
  const window: number[] = []; // the token's calls in the last minute (the sandbox's sliding window)
  let calls = 0, rejected = 0, peak = 0;
  const gates: RateGate[] = [];
  const st = Array.from({ length: BROWSERS }, (_, b) => {
    const clock = { now: 0 };
    gates[b] = new RateGate(() => clock.now);
    return {
      clock, backoff: new PollBackoff(), mode: 'none' as PollMode | 'today', alarmNext: Infinity, alarmPeriod: Infinity,
      timerNext: Infinity, lastList: undefined as number | undefined, nextTicket: rand() * 2 * TICKET_MIN * MIN, ci: 0,
    };
  });

  /** One list call of browser b at time t; true when it went through. */
  const call = (b: number, t: number): boolean => {
    const s = st[b]!;
    if (gates[b]!.waitMs() > 0) return false;
    while (window.length && t - window[0]! >= MIN) window.shift();
    if (window.length >= limit) {
      rejected++;
      gates[b]!.block(window[0]! + MIN - t); // Retry-After as the sandbox computes it
      s.backoff.rateLimited();
      return false;
    }
    window.push(t);
    if (t >= from) {
      peak = Math.max(peak, window.length);
      calls++;
    }
    s.backoff.succeeded();
    s.lastList = t;
    for (const c of cases[b]!) {
      if (c.start <= t && t < c.start + FRESH_MS) c.polls15++;
      if (c.join <= t && c.seenAt === undefined) c.seenAt = t;
    }
    return true;
  };

  for (let t = 0; t < end; t += STEP_MS) {
    for (let b = 0; b < BROWSERS; b++) {
      const s = st[b]!;
      s.clock.now = t;
      const mine = cases[b]!;
      while (s.ci < mine.length && mine[s.ci]!.close <= t) s.ci++;
      const c = mine[s.ci] && mine[s.ci]!.start <= t ? mine[s.ci] : undefined;
      if (policy === 'today') {
        // A ticket is always on screen: the alarm runs all the time.
        if (s.alarmPeriod === Infinity) {
          s.alarmPeriod = POLL_S * 1000;
          s.alarmNext = t + s.alarmPeriod * (0.5 + rand());
        }
        if (t >= s.alarmNext) {
          s.alarmNext += s.alarmPeriod;
          if (!s.backoff.skip()) call(b, t);
        }
        continue;
      }
      // A ticket comes on screen (an idle browser moves on): one look when the policy says so.
      let looked = false;
      if (t >= s.nextTicket) {
        s.nextTicket = t - Math.log(1 - rand()) * TICKET_MIN * MIN;
        if (lookOnTicket({ now: t, ownOpen: c ? 1 : 0, sharedGroup: true, lastListAt: s.lastList, ticketLookedAt: undefined })) {
          call(b, t);
          looked = true;
        }
      }
      const input: PollInput = {
        now: t, own: c ? [{ createdAt: c.start, online: c.seenAt !== undefined, notified: c.seenAt !== undefined }] : [],
        ticketsOnScreen: 1, sharedGroup: true, pollSeconds: POLL_S, slowdown: s.backoff.slowdown,
      };
      const mode = pollMode(input);
      if (mode !== s.mode) {
        // armWatcher: the alarm period of the new mode (a new alarm with a random first delay when it
        // changes), the fast timer from now.
        const period = mode === 'none' ? Infinity : mode === 'slow' ? nextPollDelay({ ...input, slowdown: 1 })! : POLL_S * 1000;
        if (period !== s.alarmPeriod) {
          s.alarmPeriod = period;
          s.alarmNext = t + period * (0.5 + rand());
        }
        s.timerNext = mode === 'fast' ? t + nextPollDelay(input)! : Infinity;
        s.mode = mode;
      }
      if (looked) continue;
      const byAlarm = t >= s.alarmNext;
      if (byAlarm) s.alarmNext += s.alarmPeriod;
      if (byAlarm || t >= s.timerNext) {
        // Every tick re-arms the fast timer; an alarm tick honours the backoff by skipping.
        // An alarm tick honours the backoff by skipping, and sends nothing right after a list read;
        // one that sent nothing leaves the fast timer as it was.
        if (!byAlarm || (!s.backoff.skip() && tickSends({ ...input, source: 'alarm', lastListAt: s.lastList }))) {
          call(b, t);
          if (s.mode === 'fast') s.timerNext = t + nextPollDelay({ ...input, slowdown: s.backoff.slowdown })!;
        }
      }
    }
  }
  const all = cases.flat().filter((c) => c.start >= from);
  const seen = all.filter((c) => c.seenAt !== undefined);
  const sorted = (xs: number[]) => xs.sort((x, y) => x - y);
  return {
    policy, limit, callsPerMin: calls / MINUTES, peakPerMin: peak, rejected,
    fresh: sorted(seen.filter((c) => c.join - c.start < FRESH_MS).map((c) => c.seenAt! - c.join)),
    older: sorted(seen.filter((c) => c.join - c.start >= FRESH_MS).map((c) => c.seenAt! - c.join)),
    missed: all.length - seen.length,
    polls15: sorted(all.filter((c) => c.start + FRESH_MS <= end).map((c) => c.polls15)),
  };
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(`Team mode on one shared token: ${BROWSERS} browsers, ${CASE_BROWSERS} with cases of their own, ${MINUTES} virtual minutes\n`);
console.log('| token limit (calls/min, assumed) | policy | calls/min (mean / peak) | 429 answers | joined → noticed, fresh case p50 / p95 | older case p50 / p95 | missed | calls per case in its first 15 min (median / max) |');
console.log('|---|---|---|---|---|---|---|---|');
let failed = 0;
const figures: Figure[] = [];
const cases = plan().flat().filter((c) => c.start >= WARMUP_MIN * MIN).length;
for (const limit of LIMITS) {
  for (const policy of ['follows the work', 'today'] as Policy[]) {
    const r = simulate(policy, limit);
    console.log(`| ${limit} | ${policy} | ${r.callsPerMin.toFixed(0)} / ${r.peakPerMin} | ${r.rejected} | ${s(pct(r.fresh, 0.5))} / ${s(pct(r.fresh, 0.95))} | ${s(pct(r.older, 0.5))} / ${s(pct(r.older, 0.95))} | ${r.missed} | ${pct(r.polls15, 0.5)} / ${r.polls15.at(-1)} |`);
    const mine = policy !== 'today';
    const who = `${BROWSERS} browsers, ${CASE_BROWSERS} with a case, limit ${limit}/min, ${policy}`;
    const callsOk = r.callsPerMin <= 150 && r.rejected === 0 && r.missed === 0;
    const freshOk = pct(r.fresh, 0.95) <= 10_000 && pct(r.older, 0.95) <= 35_000;
    if (mine && (!callsOk || !freshOk)) failed++;
    figures.push(
      { group: 'team', label: `${who}: calls/min (mean; busiest minute), 429s, missed`, value: `${r.callsPerMin.toFixed(0)}/min; ${r.peakPerMin}, ${r.rejected} × 429, ${r.missed} missed of ${cases}`, goal: '≤ 150/min (mean), 0 × 429, 0 missed', verdict: mine || callsOk ? (callsOk ? 'PASS' : 'OVER') : 'baseline' },
      { group: 'team', label: `${who}: customer joined → notified, fresh case p50 / p95 (older p95)`, value: `${s(pct(r.fresh, 0.5))} / ${s(pct(r.fresh, 0.95))} (${s(pct(r.older, 0.95))})`, goal: 'fresh p95 ≤ 10 s, older ≤ 35 s', verdict: mine || freshOk ? (freshOk ? 'PASS' : 'OVER') : 'baseline' },
    );
    if (mine && limit === LIMITS[0]) {
      figures.push({ group: 'team', label: `Calls per case in its first 15 minutes (polls of its browser; median / max)`, value: `${pct(r.polls15, 0.5)} / ${r.polls15.at(-1)}`, goal: `reported (at most ${Math.ceil(FRESH_MS / FAST_MS + FRESH_MS / (POLL_S * 1000))} with no join)`, verdict: '' });
    }
  }
}
writeFigures('team-scale', figures);
console.log('\nGoals (issue 18): ≤ 150 calls/min, 0 × 429 at 600/min, nothing missed; fresh case p95 ≤ 10 s, older ≤ 35 s.');
if (failed) {
  console.error(`${failed} run(s) of the product's policy missed a goal`);
  process.exit(1);
}
