// Comparing a roll-up report with the full scan's (aggregate.ts, the oracle): counts, days, lists
// and the median exactly; sums of durations to floating-point precision (the scan adds seconds
// in scan order, the roll-ups whole milliseconds); the "by" tables as sets (rows with the same
// count and total may come in either order).
import { expect } from 'vitest';
import { DIMENSIONS, type ReportResult } from '../../src/shared/reports/types';

const near = (a: number | undefined, b: number | undefined, what: string) => {
  if (a === undefined || b === undefined) return expect(a, what).toBe(b);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
};

export function expectSameReport(got: ReportResult, want: ReportResult, what = ''): void {
  const { summary: gs, by: gb, days: gd, ...grest } = got;
  const { summary: ws, by: wb, days: wd, ...wrest } = want;
  expect(grest, what).toEqual(wrest);
  expect({ ...gs, totalSec: 0, avgSec: 0, medianSec: 0, connectedSec: 0 }, what).toEqual({ ...ws, totalSec: 0, avgSec: 0, medianSec: 0, connectedSec: 0 });
  for (const k of ['totalSec', 'avgSec', 'medianSec', 'connectedSec'] as const) near(gs[k], ws[k], `${what} summary.${k}`);
  expect(gd.map((d) => [d.day, d.count]), what).toEqual(wd.map((d) => [d.day, d.count]));
  gd.forEach((d, i) => near(d.totalSec, wd[i]!.totalSec, `${what} day ${d.day}`));
  for (const dim of DIMENSIONS) {
    const byKey = (rows: ReportResult['by'][typeof dim]) => [...rows].sort((x, y) => (x.key < y.key ? -1 : 1));
    const g = byKey(gb[dim]), w = byKey(wb[dim]);
    expect(g.map((r) => [r.key, r.count, r.timed]), `${what} by ${dim}`).toEqual(w.map((r) => [r.key, r.count, r.timed]));
    g.forEach((r, i) => {
      near(r.totalSec, w[i]!.totalSec, `${what} by ${dim} ${r.key} total`);
      near(r.avgSec, w[i]!.avgSec, `${what} by ${dim} ${r.key} avg`);
    });
    // Order: by count, then total (ties within float noise may swap).
    expect(gb[dim].map((r) => r.count), `${what} by ${dim} order`).toEqual(wb[dim].map((r) => r.count));
  }
}
