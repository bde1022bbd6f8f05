// The reports page in happy-dom: figures as the worker gives them, a worker that answers the page's
// messages and records them, the page's app element, and one frame.
import { vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { Message } from '../../src/shared/protocol';
import type { ReportResult } from '../../src/shared/reports/types';

/** Figures of `sessions` cases of ten minutes each, by one technician; `cases` of them listed. No
 *  breakdown rows: their charts draw on a canvas, which happy-dom has not. */
export const reportResult = (sessions: number, { cases = 0, expired = 0, technician = 'Marta Gómez' } = {}): ReportResult => ({
  filter: {}, range: {}, summary: { sessions, timed: sessions, totalSec: 600 * sessions, avgSec: 600, medianSec: 600, expired, closeFailed: 0, closedElsewhere: 0, connectedSec: 0, connectedCases: 0 },
  by: { technician: [], category: [], type: [], priority: [], source: [] }, days: [], technicians: [technician],
  cases: Array.from({ length: cases }, (_, i) => ({ id: `c${i}`, outcome: 'closed', createdAt: '2025-11-24T10:00:00Z', technician })),
  casesTotal: cases,
} as unknown as ReportResult);

/** The worker as the page meets it: 7 sessions for every question (the list as long as asked), a
 *  team sync never run, a live port that stays silent. Returns the messages the page sends. */
export function fakeReportsWorker(): Message[] {
  const sent: Message[] = [];
  (globalThis.chrome as unknown as Record<string, unknown>).runtime = {
    sendMessage: vi.fn(async (m: Message) => {
      sent.push(m);
      if (m.type === 'reports/query') return { ok: true, data: reportResult(7, { cases: (m as Message<'reports/query'>).limit ?? 0 }) };
      if (m.type === 'reports/prefetch') return { ok: true, data: reportResult(7) };
      return { ok: true, data: { running: false, pages: 0, calls: 0, seen: 0, added: 0, updated: 0, foreign: 0, open: 0 } };
    }),
    connect: () => ({ onMessage: { addListener() {} }, onDisconnect: { addListener() {} }, disconnect() {} }),
  };
  return sent;
}

export const app = () => document.getElementById('app')!;
/** Until the frame after the next has begun (the page's effects and afterPaint() have run). */
export const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 5))));
