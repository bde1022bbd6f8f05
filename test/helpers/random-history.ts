// Random histories for the reports' property tests (roll-ups, the per-day copy): seeded, so that
// a failure can be replayed.
import type { CaseRecord } from '../../src/shared/case';
import { record } from './report-cases';

/** A seeded generator (mulberry32): a failure can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

// Across both DST changes of 2025 in Europe (26 Oct) and the US (2 Nov).
export const START = Date.parse('2025-10-20T00:00:00Z');
export const SPAN_DAYS = 21;
export const ZONES = ['UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const TECHS = ['Ana', 'Luis', 'Marta Gómez', '', undefined];

const iso = (ms: number, withMs: boolean) => (withMs ? new Date(ms).toISOString() : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

export function randomRecord(r: ReturnType<typeof rng>, id: string): CaseRecord {
  const created = START + r.int(SPAN_DAYS * 86_400_000);
  const withMs = r.next() < 0.5;
  const state = r.pick(['closed', 'closed', 'closed', 'expired', 'close_failed', 'open', 'failed'] as const);
  const tech = r.pick(TECHS);
  const closed = created + r.int(3 * 3_600_000);
  return record({
    id, state, ...(state === 'closed' && r.next() < 0.3 ? { closedBy: 'elsewhere' as const } : {}),
    ...(r.next() < 0.1 ? { colleague: true } : {}),
    technician: tech,
    fields: {
      technician: tech, category: r.pick(['Printer', 'Network', 'PC', undefined]), type: r.pick(['Incident', 'Request', undefined]),
      priority: r.pick(['Low', 'High', undefined]), source: r.pick(['Email', 'Phone', undefined]),
    },
    createdAt: iso(created, withMs), validUntil: iso(created + 86_400_000, withMs),
    closedAt: state === 'expired' && r.next() < 0.5 ? undefined : state === 'open' ? undefined : iso(closed, r.next() < 0.5),
    ...(r.next() < 0.4 ? { connection: { seconds: r.int(5000) + (r.next() < 0.3 ? 0.25 : 0), count: 1, devices: ['PC-1'] } } : {}),
  } as Partial<CaseRecord>);
}

