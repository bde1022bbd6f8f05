// Reports: the per-case view, local days, and the streaming aggregation (issue 10).
import { describe, it, expect } from 'vitest';
import { toReportCase, outcomeOf } from '../src/shared/reports/report-case';
import { aggregate, createAggregator } from '../src/shared/reports/aggregate';
import { dayKeyer, dayRange, dayString, ianaZone, localZone, presetRange, todayIn, zoneOf } from '../src/shared/reports/zone';
import type { ReportCase } from '../src/shared/reports/types';
import { record } from './helpers/report-cases';

const rc = (over: Parameters<typeof record>[0] = {}) => toReportCase(record(over))!;
const MADRID = ianaZone('Europe/Madrid')!;
const NEW_YORK = ianaZone('America/New_York')!;

describe('toReportCase', () => {
  it('keeps what the page shows and nothing personal it does not', () => {
    const c = rc({ connection: { seconds: 420, count: 1, devices: ['ANA-LAPTOP'], notes: 'private note' } });
    expect(c).toEqual<ReportCase>({
      id: expect.any(String), code: expect.stringMatching(/^s100/), ticketNumber: expect.stringMatching(/^#/), ticketTitle: expect.any(String),
      category: 'Printer', type: 'Incident', priority: 'High', source: 'Email', technician: 'Marta Gómez', requester: 'Ana Ruiz',
      helpdesk: 'https://acme.bossdesk.io', ticketUrl: expect.stringMatching(/^https:\/\/acme\.bossdesk\.io\/app\/en\/tickets\//),
      createdAt: '2025-11-24T10:00:00Z', closedAt: '2025-11-24T10:15:00Z', outcome: 'closed', durationSec: 900,
      connectedSec: 420, devices: 'ANA-LAPTOP',
    });
    const text = JSON.stringify(c);
    for (const secret of ['SECRET', 'ana@example.com', 'Dear Ana', 'private note', 'supporter', 'email']) expect(text).not.toContain(secret);
  });

  it('has an outcome only for ended cases, and a duration only for closed ones', () => {
    expect(outcomeOf({ state: 'closed' })).toBe('closed');
    expect(outcomeOf({ state: 'closed', closedBy: 'stop' })).toBe('closed');
    expect(outcomeOf({ state: 'closed', closedBy: 'elsewhere' })).toBe('closed_elsewhere');
    expect(outcomeOf({ state: 'expired' })).toBe('expired');
    expect(outcomeOf({ state: 'close_failed' })).toBe('close_failed');
    for (const state of ['creating', 'open', 'closing', 'failed'] as const) expect(toReportCase(record({ state }))).toBeUndefined();
    expect(toReportCase(record({ code: undefined }))).toBeUndefined();
    const expired = rc({ state: 'expired', closedAt: undefined });
    expect(expired.closedAt).toBe('2025-11-25T10:00:00Z');
    expect(expired.durationSec).toBeUndefined();
    expect(rc({ state: 'close_failed', closedAt: undefined }).durationSec).toBeUndefined();
    expect(rc({ closedBy: 'elsewhere' }).durationSec).toBe(900);
  });

  it('links only to an http(s) page of the ticket\'s own help desk', () => {
    const url = (u: string) => toReportCase({ ...record(), ticket: { ...record().ticket, url: u } })!.ticketUrl;
    expect(url('javascript:alert(1)')).toBeUndefined();
    expect(url('https://evil.example/app/en/tickets/1')).toBeUndefined();
    expect(url('data:text/html,x')).toBeUndefined();
    expect(url('')).toBeUndefined();
    expect(url('https://acme.bossdesk.io/app/en/tickets/1')).toBe('https://acme.bossdesk.io/app/en/tickets/1');
  });
});

describe('local days', () => {
  it('the test really runs in zones that are not UTC', () => {
    expect(MADRID.offsetMin(Date.parse('2025-01-15T12:00:00Z'))).toBe(60);
    expect(MADRID.offsetMin(Date.parse('2025-07-15T12:00:00Z'))).toBe(120);
    expect(NEW_YORK.offsetMin(Date.parse('2025-01-15T12:00:00Z'))).toBe(-300);
    expect(ianaZone('Asia/Kathmandu')!.offsetMin(0)).toBe(330); // +05:30 in 1970, +05:45 since 1986
    expect(ianaZone('Nowhere/Special')).toBeUndefined();
    expect(zoneOf('Nowhere/Special')).toBe(localZone);
  });

  it('From and To are local days, both included', () => {
    expect(dayRange({ from: '2025-11-24', to: '2025-11-24' }, MADRID)).toEqual({
      startMs: Date.parse('2025-11-23T23:00:00Z'), endMs: Date.parse('2025-11-24T23:00:00Z'),
    });
    expect(dayRange({ from: '2025-11-24', to: '2025-11-30' }, NEW_YORK)).toEqual({
      startMs: Date.parse('2025-11-24T05:00:00Z'), endMs: Date.parse('2025-12-01T05:00:00Z'),
    });
    // Over a DST change (Madrid, 30 March 2025: 23 hours long).
    const { startMs, endMs } = dayRange({ from: '2025-03-30', to: '2025-03-30' }, MADRID);
    expect(new Date(startMs!).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(new Date(endMs!).toISOString()).toBe('2025-03-30T22:00:00.000Z');
    // Open ends, invalid days, swapped ends.
    expect(dayRange({}, MADRID)).toEqual({});
    expect(dayRange({ from: '2025-02-30', to: 'x' }, MADRID)).toEqual({});
    expect(dayRange({ from: '2025-11-30', to: '2025-11-24' }, NEW_YORK)).toEqual(dayRange({ from: '2025-11-24', to: '2025-11-30' }, NEW_YORK));
  });

  it('an instant falls on its local day', () => {
    const day = (z: typeof MADRID, iso: string) => dayString(dayKeyer(z)(Date.parse(iso)));
    expect(day(MADRID, '2025-11-24T23:30:00Z')).toBe('2025-11-25');
    expect(day(NEW_YORK, '2025-11-25T03:00:00Z')).toBe('2025-11-24');
    // The hour DST starts and ends (New York 2025-03-09, 2025-11-02).
    expect(day(NEW_YORK, '2025-03-09T04:59:00Z')).toBe('2025-03-08');
    expect(day(NEW_YORK, '2025-03-09T05:00:00Z')).toBe('2025-03-09');
    expect(day(NEW_YORK, '2025-03-10T03:59:00Z')).toBe('2025-03-09');
    expect(day(NEW_YORK, '2025-03-10T04:00:00Z')).toBe('2025-03-10');
    expect(day(NEW_YORK, '2025-11-02T03:59:00Z')).toBe('2025-11-01');
    expect(day(NEW_YORK, '2025-11-02T04:00:00Z')).toBe('2025-11-02');
    expect(todayIn(NEW_YORK, Date.parse('2025-11-25T03:00:00Z'))).toBe('2025-11-24');
  });

  it('presets: today, last 7 and 30 days, this month (calendar days)', () => {
    expect(presetRange('today', '2025-11-24')).toEqual({ from: '2025-11-24', to: '2025-11-24' });
    expect(presetRange('last7', '2025-11-24')).toEqual({ from: '2025-11-18', to: '2025-11-24' });
    expect(presetRange('last30', '2025-03-31')).toEqual({ from: '2025-03-02', to: '2025-03-31' });
    expect(presetRange('month', '2025-11-24')).toEqual({ from: '2025-11-01', to: '2025-11-24' });
    expect(presetRange('all', '2025-11-24')).toEqual({});
  });
});

describe('aggregate', () => {
  it('an empty range gives zeros, no averages and an empty list', () => {
    const r = aggregate([rc()], { from: '2024-01-01', to: '2024-01-31' }, { zone: MADRID });
    expect(r.summary).toEqual({ sessions: 0, timed: 0, totalSec: 0, expired: 0, closedElsewhere: 0, closeFailed: 0, connectedSec: 0, connectedCases: 0 });
    expect(r.summary.avgSec).toBeUndefined();
    expect(r.summary.medianSec).toBeUndefined();
    expect(r.cases).toEqual([]);
    expect(r.by.technician).toEqual([]);
    expect(r.days).toHaveLength(31);
    expect(r.days.every((d) => d.count === 0)).toBe(true);
    expect(aggregate([], {}).days).toEqual([]);
  });

  it('only expired cases: counted and listed, left out of durations', () => {
    const cases = [rc({ state: 'expired' }), rc({ state: 'expired' })];
    const r = aggregate(cases, {}, { zone: MADRID });
    expect(r.summary).toMatchObject({ sessions: 2, expired: 2, timed: 0, totalSec: 0 });
    expect(r.summary.avgSec).toBeUndefined();
    expect(r.cases).toHaveLength(2);
    expect(r.by.category).toEqual([{ key: 'Printer', count: 2, timed: 0, totalSec: 0 }]);
  });

  it('several technicians: summary, median, groups and the technician filter', () => {
    const cases = [
      rc({ fields: { technician: 'Marta Gómez', category: 'Printer' }, closedAt: '2025-11-24T10:10:00Z' }), // 600 s
      rc({ fields: { technician: 'Marta Gómez', category: 'Network' }, closedAt: '2025-11-24T10:30:00Z' }), // 1800 s
      rc({ fields: { technician: 'Jon Snow', category: 'Network', priority: 'Low' }, closedAt: '2025-11-24T10:20:00Z', closedBy: 'elsewhere' }), // 1200 s
      rc({ fields: { technician: 'Jon Snow', category: 'Network' }, state: 'expired' }),
      rc({ fields: { technician: '' }, technician: undefined, closedAt: '2025-11-24T11:00:00Z' }), // 3600 s, nobody
    ];
    const all = aggregate(cases, {}, { zone: MADRID });
    expect(all.summary).toMatchObject({ sessions: 5, timed: 4, totalSec: 7200, avgSec: 1800, medianSec: 1500, expired: 1, closedElsewhere: 1 });
    expect(all.by.technician).toEqual([
      { key: 'Marta Gómez', count: 2, timed: 2, totalSec: 2400, avgSec: 1200 },
      { key: 'Jon Snow', count: 2, timed: 1, totalSec: 1200, avgSec: 1200 },
      { key: '', count: 1, timed: 1, totalSec: 3600, avgSec: 3600 },
    ]);
    expect(all.by.category[0]).toEqual({ key: 'Network', count: 3, timed: 2, totalSec: 3000, avgSec: 1500 });
    expect(all.by.priority.map((r) => r.key)).toEqual(['High', 'Low']);
    expect(all.technicians).toEqual(['', 'Jon Snow', 'Marta Gómez']);

    const jon = aggregate(cases, { technicians: ['Jon Snow'] }, { zone: MADRID });
    expect(jon.summary).toMatchObject({ sessions: 2, timed: 1, totalSec: 1200, avgSec: 1200, medianSec: 1200, expired: 1 });
    expect(jon.technicians).toEqual(['', 'Jon Snow', 'Marta Gómez']); // the options stay
    const two = aggregate(cases, { technicians: ['Jon Snow', 'Marta Gómez'] }, { zone: MADRID });
    expect(two.summary.sessions).toBe(4);
    expect(aggregate(cases, { technicians: [''] }, { zone: MADRID }).summary.sessions).toBe(1);
  });

  it('a case closed across midnight counts whole, on the day it was created', () => {
    // Madrid: created 23:50 on the 24th, closed 00:20 on the 25th (local).
    const c = rc({ createdAt: '2025-11-24T22:50:00Z', closedAt: '2025-11-24T23:20:00Z' });
    const d24 = aggregate([c], { from: '2025-11-24', to: '2025-11-24' }, { zone: MADRID });
    expect(d24.summary).toMatchObject({ sessions: 1, totalSec: 1800 });
    expect(d24.days).toEqual([{ day: '2025-11-24', count: 1, totalSec: 1800 }]);
    expect(aggregate([c], { from: '2025-11-25', to: '2025-11-25' }, { zone: MADRID }).summary.sessions).toBe(0);
  });

  it('local-day boundaries in a zone that is not UTC', () => {
    // 2025-11-24 in New York is [05:00Z on the 24th, 05:00Z on the 25th).
    const at = (iso: string) => rc({ createdAt: iso, closedAt: new Date(Date.parse(iso) + 60_000).toISOString() });
    const cases = [at('2025-11-24T04:59:59Z'), at('2025-11-24T05:00:00Z'), at('2025-11-25T04:59:59Z'), at('2025-11-25T05:00:00Z')];
    const r = aggregate(cases, { from: '2025-11-24', to: '2025-11-24', tz: 'America/New_York' });
    expect(r.summary.sessions).toBe(2);
    expect(r.cases.map((c) => c.createdAt)).toEqual(['2025-11-25T04:59:59Z', '2025-11-24T05:00:00Z']);
    expect(r.range).toEqual({ start: '2025-11-24T05:00:00.000Z', end: '2025-11-25T05:00:00.000Z' });
    // The same instants in UTC days.
    expect(aggregate(cases, { from: '2025-11-24', to: '2025-11-24', tz: 'UTC' }).cases.map((c) => c.createdAt))
      .toEqual(['2025-11-24T05:00:00Z', '2025-11-24T04:59:59Z']);
    // Sessions over time: each on its New York day.
    const days = aggregate(cases, { tz: 'America/New_York' }).days;
    expect(days).toEqual([
      { day: '2025-11-23', count: 1, totalSec: 60 }, { day: '2025-11-24', count: 2, totalSec: 120 }, { day: '2025-11-25', count: 1, totalSec: 60 },
    ]);
  });

  it('lists the newest first, up to the limit, while counting all', () => {
    const cases = Array.from({ length: 500 }, (_, i) => rc({ createdAt: new Date(Date.parse('2025-11-01T00:00:00Z') + i * 60_000).toISOString() }));
    const agg = createAggregator({}, { limit: 10, zone: MADRID });
    for (const c of [...cases].reverse()) agg.add(c); // order of the store does not matter
    const r = agg.result();
    expect(r.casesTotal).toBe(500);
    expect(r.cases.map((c) => c.createdAt)).toEqual(cases.slice(-10).reverse().map((c) => c.createdAt));
  });
});
