// Reports: team-wide sync merge, metadata parsing of foreign or truncated custom_api, the record
// migration, history import (issue 10).
import { describe, it, expect } from 'vitest';
import { caseMetadata, type CaseRecord } from '../src/shared/case';
import { connectionSummary, mergeSynced, readMetadata, realSession, sameRecord, serverEnd } from '../src/shared/reports/merge';
import { migrateCaseForReports } from '../src/shared/reports/migrate';
import { exportRecord, historyFile, importRecord, mergeImported } from '../src/shared/reports/history-file';
import { outcomeOf, toReportCase } from '../src/shared/reports/report-case';
import { ORIGIN, connection, record, sessionOf } from './helpers/report-cases';

const NOW = Date.parse('2025-11-26T12:00:00Z');

describe('readMetadata', () => {
  it('reads this product\'s metadata, with the ticket address', () => {
    const rec = record();
    const m = readMetadata(caseMetadata(rec))!;
    expect(m.caseId).toBe(rec.id);
    expect(m.ticketKey).toBe(rec.ticketKey);
    expect(m.ticket).toEqual({ origin: ORIGIN, id: rec.ticket.id, url: rec.ticket.url, fields: rec.ticket.fields });
  });

  it('leaves out foreign, truncated and malformed custom_api', () => {
    const good = caseMetadata(record());
    const bad: unknown[] = [
      undefined, null, 42, '', 'garbage', '{', 'null', '[]', '"boss-tv"', JSON.stringify({ servicenow: { sys_id: 'abc' } }),
      good.slice(0, good.length - 1), good.slice(0, 120), // cut at the 4 000 characters, or anywhere
      JSON.stringify({ app: 'other', v: 1, caseId: 'c', ticketKey: `${ORIGIN}#1`, ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 7, ticketKey: `${ORIGIN}#1`, ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: '../../x', ticketKey: `${ORIGIN}#1`, ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticketKey: 'not a key', ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticketKey: 'javascript:alert(1)#1', ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticketKey: `${ORIGIN}/path#1`, ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticketKey: `${ORIGIN}#`, ticket: {} }),
      'x'.repeat(4001),
    ];
    for (const v of bad) expect(readMetadata(v), String(v).slice(0, 80)).toBeUndefined();
  });

  it('bounds and cleans untrusted fields, drops unsafe addresses and wrong types', () => {
    const m = readMetadata(JSON.stringify({
      app: 'boss-tv', v: 1, caseId: 'c-1', ticketKey: `${ORIGIN}#1`, url: 'javascript:alert(1)',
      ticket: { title: `  =HYPERLINK("x")\n${'t'.repeat(900)}`, category: 7, priority: ['High'], unknown: 'x', number: '#1' },
    }))!;
    expect(m.ticket.url).toBe('');
    expect(m.ticket.fields).toEqual({ title: expect.stringMatching(/^=HYPERLINK\("x"\) t+$/), number: '#1' });
    expect(m.ticket.fields.title!.length).toBe(500);
    expect(readMetadata(JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticketKey: `${ORIGIN}#1`, url: 'https://evil.example/x', ticket: {} }))!.ticket.url).toBe('');
  });
});

describe('serverEnd', () => {
  it('closed before expiry is closed, at or after it expired; open past expiry is expired', () => {
    expect(serverEnd({ state: 'Closed', closed_at: '2025-11-24T10:15:00Z', valid_until: '2025-11-25T10:00:00Z' }, NOW))
      .toEqual({ state: 'closed', closedAt: '2025-11-24T10:15:00Z' });
    expect(serverEnd({ state: 'Closed', closed_at: '2025-11-25T10:00:03Z', valid_until: '2025-11-25T10:00:00Z' }, NOW))
      .toEqual({ state: 'expired', closedAt: '2025-11-25T10:00:00Z' });
    expect(serverEnd({ state: 'Open', valid_until: '2025-11-25T10:00:00Z' }, NOW)).toEqual({ state: 'expired', closedAt: '2025-11-25T10:00:00Z' });
    expect(serverEnd({ state: 'Open', valid_until: '2025-11-27T10:00:00Z' }, NOW)).toEqual({ state: 'open' });
  });
});

describe('mergeSynced', () => {
  it('rebuilds an unknown ended case from custom_api, without secrets, as the creating browser has it', () => {
    const local = record({ closedBy: 'stop' });
    const s = sessionOf(local);
    const synced = mergeSynced(undefined, s, [connection(s.code)], NOW)!;
    expect(synced).toMatchObject({
      id: local.id, ticketKey: local.ticketKey, state: 'closed', code: local.code, createdAt: local.createdAt, closedAt: local.closedAt,
      technician: 'Marta Gómez', via: 'sync', connection: { seconds: 420, count: 1, devices: ['ANA-LAPTOP'], notes: 'Cleared the print queue' },
    });
    expect(synced.ticket).toEqual(local.ticket);
    expect(synced.supporterLink).toBeUndefined();
    expect(synced.email).toBeUndefined();
    // Same figures as the browser that made it (closed by stop and closed are both "closed").
    const { connectedSec: _a, devices: _b, ...fromSync } = toReportCase(synced)!;
    expect(fromSync).toEqual(toReportCase(local));
  });

  it('is idempotent: merging the same session again changes nothing', () => {
    const s = sessionOf(record());
    const reports = [connection(s.code), connection(s.code, { start_date: '2025-11-24T10:10:00Z', end_date: '2025-11-24T10:11:00Z', devicename: 'ANA-PC' })];
    const once = mergeSynced(undefined, s, reports, NOW)!;
    const twice = mergeSynced(once, s, [...reports].reverse(), NOW)!;
    expect(sameRecord(once, twice)).toBe(true);
    expect(twice).toEqual(once);
    expect(once.connection).toEqual({ seconds: 480, count: 2, devices: ['ANA-LAPTOP', 'ANA-PC'], notes: 'Cleared the print queue\nCleared the print queue' });
  });

  it('enriches a case known locally (server times, connection), never duplicating or overwriting the page\'s ticket', () => {
    const base = record({ closedAt: '2025-11-24T10:15:09.123Z', closedBy: 'elsewhere' });
    const s = sessionOf({ ...base, ticket: { ...base.ticket, fields: { ...base.ticket.fields, title: 'Cut' } } }, { closed_at: '2025-11-24T10:15:00Z' });
    const known: CaseRecord = { ...base, ticket: { ...base.ticket, url: '', fields: { ...base.ticket.fields, title: 'Local full title' } } };
    const merged = mergeSynced(known, s, [connection(s.code)], NOW)!;
    expect(merged.id).toBe(known.id);
    expect(merged.ticket.fields.title).toBe('Local full title');
    expect(merged.ticket.url).toBe(`${ORIGIN}/app/en/tickets/${known.ticket.id}`);
    expect(merged.closedAt).toBe('2025-11-24T10:15:00Z'); // TeamViewer's time
    expect(merged.closedBy).toBe('elsewhere');
    expect(merged.connection?.seconds).toBe(420);
    expect(merged.supporterLink).toBe(known.supporterLink); // local data kept
    expect(merged.via).toBeUndefined();
  });

  it('leaves cases the lifecycle is working on alone, and does not import cases still open', () => {
    const open = record({ state: 'open', closedAt: undefined });
    expect(mergeSynced(open, sessionOf(open, { state: 'Closed', closed_at: '2025-11-24T10:15:00Z' }), [], NOW)).toBe(open);
    const stillOpen = sessionOf(record({ state: 'open', closedAt: undefined, validUntil: '2025-11-27T10:00:00Z' }));
    expect(mergeSynced(undefined, stillOpen, [], NOW)).toBeUndefined();
    // ...once it ends, it is imported.
    expect(mergeSynced(undefined, stillOpen, [], Date.parse('2025-11-28T00:00:00Z'))).toMatchObject({ state: 'expired', closedAt: '2025-11-27T10:00:00Z' });
  });

  it('corrects a local close failure that TeamViewer shows closed, and a failed start that did exist', () => {
    const failed = record({ state: 'close_failed', closedAt: undefined, error: { kind: 'invalid_token' } });
    const m = mergeSynced(failed, sessionOf({ ...failed, state: 'closed', closedAt: '2025-11-24T12:00:00Z' }), [], NOW)!;
    expect(m).toMatchObject({ state: 'closed', closedBy: 'elsewhere', closedAt: '2025-11-24T12:00:00Z' });
    expect(m.error).toBeUndefined();
    const never = record({ state: 'failed', closedAt: undefined });
    expect(mergeSynced(never, sessionOf({ ...never, state: 'closed', closedAt: '2025-11-24T10:30:00Z' }), [], NOW)).toMatchObject({ state: 'closed' });
  });

  it('returns undefined for sessions without this product\'s metadata or whose id names another ticket', () => {
    const s = sessionOf(record());
    expect(mergeSynced(undefined, { ...s, custom_api: undefined }, [], NOW)).toBeUndefined();
    expect(mergeSynced(undefined, { ...s, custom_api: '{"ticket_id": 5}' }, [], NOW)).toBeUndefined();
    expect(mergeSynced(undefined, { ...s, custom_api: s.custom_api!.slice(0, 50) }, [], NOW)).toBeUndefined();
    const other = record();
    expect(mergeSynced({ ...other, id: readMetadata(s.custom_api)!.caseId }, s, [], NOW)).toBeUndefined();
  });

  it('a twin session (same case id, closed by the twin net) never overwrites the real case\'s record', () => {
    const real = record({ closedAt: '2025-11-24T10:40:00Z', connection: { seconds: 1800, count: 1 } });
    const twin = sessionOf({ ...real, code: 's999-999-999', closedAt: '2025-11-24T10:00:05Z' });
    expect(mergeSynced(real, twin, [], NOW)).toBe(real);
    // In a browser that does not know the case: the one with reports, else the one that lived longest.
    const s = sessionOf(real);
    expect(realSession([twin, s], undefined, () => false)).toBe(s);
    expect(realSession([s, twin], undefined, (c) => c === twin.code)).toBe(twin);
    expect(realSession([twin, s], twin.code, () => false)).toBe(twin);
  });

  it('a colleague\'s case is closed by its technician, never "closed elsewhere" here (as the watcher records it)', () => {
    const mine = record({ closedBy: 'elsewhere' });
    const theirs = record({ closedBy: 'elsewhere', colleague: true });
    expect(outcomeOf(mine)).toBe('closed_elsewhere');
    expect(outcomeOf(theirs)).toBe('closed');
    // The sync agrees, and corrects what an older watcher wrote.
    expect(mergeSynced(theirs, sessionOf(theirs), [], NOW)!.closedBy).toBeUndefined();
    expect(mergeSynced(mine, sessionOf(mine), [], NOW)!.closedBy).toBe('elsewhere');
    const failed = record({ state: 'close_failed', closedAt: undefined, colleague: true });
    const corrected = mergeSynced(failed, sessionOf({ ...failed, state: 'closed', closedAt: '2025-11-24T12:00:00Z' }), [], NOW)!;
    expect(corrected.state).toBe('closed');
    expect(corrected.closedBy).toBeUndefined();
    expect(toReportCase(corrected)!.outcome).toBe('closed');
  });

  it('a session older than the reports read keeps the record\'s connection (undefined reports: not all read)', () => {
    const known = record({ connection: { seconds: 2700, count: 2 } });
    const s = sessionOf(known);
    expect(mergeSynced(known, s, undefined, NOW)!.connection).toEqual({ seconds: 2700, count: 2 });
    expect(mergeSynced(known, s, [connection(s.code)], NOW)!.connection).toMatchObject({ seconds: 420, count: 1 });
  });

  it('sums connection reports; none gives none', () => {
    expect(connectionSummary([])).toBeUndefined();
    expect(connectionSummary([connection('s1', { end_date: undefined, devicename: undefined, notes: '  ' })])).toEqual({ seconds: 0, count: 1 });
  });
});

describe('migrateCaseForReports (pure upgrade step for old records)', () => {
  it('backfills technician from the ticket and the end of expired cases; idempotent; leaves the rest', () => {
    const old = record({ technician: undefined, state: 'expired', closedAt: undefined });
    const m = migrateCaseForReports(old);
    expect(m).toEqual({ ...old, technician: 'Marta Gómez', closedAt: old.validUntil });
    expect(migrateCaseForReports(m)).toBe(m);
    const current = record({ closedBy: 'stop' });
    expect(migrateCaseForReports(current)).toBe(current);
    expect(outcomeAfter(record({ closedBy: undefined }))).toBe('closed');
  });
});
const outcomeAfter = (r: CaseRecord) => toReportCase(migrateCaseForReports(r))?.outcome;

describe('history file', () => {
  it('exports without the supporter link, customer link or customer email', () => {
    const file = historyFile([record()], new Date('2025-11-26T00:00:00Z'));
    expect(file).toMatchObject({ format: 'tv4boss-history', version: 1, exportedAt: '2025-11-26T00:00:00.000Z' });
    const text = JSON.stringify(file);
    for (const secret of ['SECRET', 'Dear Ana', 'customerLink', 'supporterLink']) expect(text).not.toContain(secret);
  });

  it('imports ended cases only, validated; merges without deleting or duplicating', () => {
    const rec = record({ connection: { seconds: 60, count: 1 } });
    const raw = JSON.parse(JSON.stringify(exportRecord(rec)));
    const imported = importRecord(raw)!;
    expect(imported).toMatchObject({ id: rec.id, state: 'closed', via: 'import', connection: { seconds: 60, count: 1 } });
    expect(toReportCase(imported)).toEqual(toReportCase(rec));
    for (const bad of [null, 1, {}, { ...raw, state: 'open' }, { ...raw, id: '../x' }, { ...raw, ticketKey: 'other' }, { ...raw, createdAt: 'x' }, { ...raw, ticket: 'x' }]) {
      expect(importRecord(bad)).toBeUndefined();
    }
    // Known here: local data wins, missing facts are filled.
    const local = { ...rec, connection: undefined };
    const merged = mergeImported(local, imported)!;
    expect(merged.connection).toEqual({ seconds: 60, count: 1 });
    expect(merged.supporterLink).toBe(rec.supporterLink);
    expect(mergeImported(merged, imported)).toEqual(merged);
    const active = { ...rec, state: 'open' as const };
    expect(mergeImported(active, imported)).toBe(active);
  });
});
