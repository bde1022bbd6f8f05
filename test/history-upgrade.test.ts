// History upgrades keep every record: a database written by an earlier version (its schema built
// here exactly as that version built it) is opened by today's store, which must find every record
// with every field, and the indexes reports need.
import { describe, it, expect, beforeEach, vi } from 'vitest';
import type { CaseRecord } from '../src/shared/case';
import { deleteDb } from './helpers/worker-state';
import { writeHistoryV1 } from './helpers/history-v1';

const NAME = 'tv4boss';


const ORIGIN = 'https://acme.bossdesk.io';
function record(i: number, over: Partial<CaseRecord> = {}): CaseRecord {
  const id = String(1000 + i);
  return {
    id: `case-${i}`, ticketKey: `${ORIGIN}#${id}`, state: 'closed', technician: i % 2 ? 'Marta Gómez' : 'Luis Pérez',
    ticket: { origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`, fields: { number: `#${id}`, title: `Ticket ${i}`, category: 'Printer' } },
    requestedAt: `2026-11-0${1 + (i % 9)}T08:00:00.000Z`, code: `s12-345-${String(i).padStart(3, '0')}`, groupid: 'g1',
    createdAt: `2026-11-0${1 + (i % 9)}T08:00:01.000Z`, closedAt: `2026-11-0${1 + (i % 9)}T08:30:00.000Z`,
    validUntil: `2026-11-0${2 + (i % 8)}T08:00:01.000Z`, supporterLink: 'https://start.teamviewer.com/s', customerLink: 'https://get.teamviewer.com/s',
    online: false, onlineNotified: true, comment: { text: 'closed', posted: i % 3 !== 0 },
    email: { to: 'ana@example.com', subject: 's', body: 'b', autoSend: true, status: 'sent' },
    updatedAt: '2026-11-10T00:00:00.000Z', ...over,
  };
}

beforeEach(async () => {
  await deleteDb(NAME);
  vi.resetModules(); // the store keeps its connection at module level
});

describe('history schema upgrades', () => {
  it('a version-1 database with today\'s records keeps every record and every field', async () => {
    const records = [
      ...Array.from({ length: 25 }, (_, i) => record(i)),
      record(90, { state: 'open', closedAt: undefined, comment: undefined }),
      record(91, { state: 'creating', code: undefined, createdAt: undefined, closedAt: undefined }),
      record(92, { state: 'expired' }),
      record(93, { state: 'close_failed', error: { kind: 'invalid_token' } }),
    ];
    await writeHistoryV1(records);
    const history = await import('../src/background/store/history');
    const all = await history.allCases();
    expect(all).toHaveLength(records.length);
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const r of records) expect(byId.get(r.id), r.id).toMatchObject(r); // every field kept
    // …and what reports read, filled in where it was missing.
    expect(byId.get('case-92')).toMatchObject({ state: 'expired', closedAt: record(92).closedAt });
    // The lifecycle's queries still work on upgraded data.
    expect((await history.activeCases()).map((c) => c.id).sort()).toEqual(['case-90', 'case-91']);
    expect((await history.casesOfTicket(`${ORIGIN}#1003`)).map((c) => c.id)).toEqual(['case-3']);
  });

  it('the upgraded database has the indexes reports need, filled from the old records', async () => {
    await writeHistoryV1(Array.from({ length: 12 }, (_, i) => record(i)));
    const history = await import('../src/background/store/history');
    const db = await history.db();
    expect(db.version).toBe(history.DB_VERSION);
    const tx = db.transaction('cases');
    expect([...tx.store.indexNames].sort()).toEqual(['byClosed', 'byCreated', 'byOrigin', 'byRequested', 'byState', 'byTechnician', 'byTicket']);
    expect(await tx.store.index('byTechnician').count('Marta Gómez')).toBe(6);
    expect(await tx.store.index('byOrigin').count(ORIGIN)).toBe(12);
    const nov1 = IDBKeyRange.bound('2026-11-01T00:00:00.000Z', '2026-11-01T23:59:59.999Z');
    expect(await tx.store.index('byCreated').count(nov1)).toBe(2); // records 0 and 9
    expect(await tx.store.index('byRequested').count(nov1)).toBe(2);
    expect(await tx.store.index('byClosed').count()).toBe(12);
  });

  it('records of version 1 get what reports read: the technician from the ticket, the end of an expired case', async () => {
    const old = record(1, { technician: undefined, ticket: { ...record(1).ticket, fields: { ...record(1).ticket.fields, technician: 'Ana' } } });
    const expired = record(2, { state: 'expired', closedAt: undefined });
    await writeHistoryV1([old, expired]);
    const history = await import('../src/background/store/history');
    expect(await history.getCase('case-1')).toMatchObject({ technician: 'Ana' });
    expect(await history.getCase('case-2')).toMatchObject({ closedAt: expired.validUntil });
  });

  it('a version-1 database, brought up through 3 → 4 → 5, gets the reports\' daily roll-ups built from its records and their per-day copy: the page\'s figures and list come from them, equal to a full scan', async () => {
    await writeHistoryV1([
      ...Array.from({ length: 30 }, (_, i) => record(i)),
      record(92, { state: 'expired', closedAt: undefined }),
      record(93, { state: 'close_failed' }),
      record(94, { state: 'open', closedAt: undefined }),
    ]);
    const history = await import('../src/background/store/history');
    const query = await import('../src/background/reports/query');
    const db = await history.db();
    expect([...db.objectStoreNames].sort()).toEqual(['cases', 'reportDays', 'reportStale', 'rollups']);
    const { rows, zone } = await history.readAllRollups();
    expect(zone).toBe((await import('../src/background/store/rollups')).localZoneName());
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(32); // every ended case, the open one not yet
    for (const filter of [{}, { from: '2026-11-02', to: '2026-11-05' }, { technicians: ['Marta Gómez'] }]) {
      const fast = await query.runReportDetailed({ ...filter, tz: zone });
      expect(fast.scan).toBe('rollup');
      expect(fast.result).toEqual((await query.scanReport({ ...filter, tz: zone })).result);
    }
  });

  it('a fresh profile gets the same schema as an upgraded one', async () => {
    const history = await import('../src/background/store/history');
    const db = await history.db();
    expect([...db.transaction('cases').store.indexNames].sort()).toEqual(['byClosed', 'byCreated', 'byOrigin', 'byRequested', 'byState', 'byTechnician', 'byTicket']);
  });
});
