// Issue 15 §3: a history of 100 000 cases goes between the reports page and the worker in chunks
// (Chrome caps one runtime message at 64 MiB; a record is about 1 KB), and imported dates are ISO.
import { describe, it, expect } from 'vitest';
import { CHUNK_BYTES, CHUNK_RECORDS, chunkRecords, exportInPages, historyRecords, importInChunks, NotAHistoryFile } from '../src/shared/reports/history-stream';
import { exportRecord, historyFile, importDate, importRecord } from '../src/shared/reports/history-file';
import type { ImportResult } from '../src/shared/reports/types';
import { record } from './helpers/report-cases';

const MESSAGE_CAP = 64 * 1024 * 1024;
const N = 100_000;
/** 100 000 records as a file holds them (each about 1 KB of JSON). */
const records = (() => {
  const base = exportRecord(record({ connection: { seconds: 420, count: 1, devices: ['ANA-LAPTOP'], notes: 'Cleared the print queue and restarted the spooler service' } }));
  return Array.from({ length: N }, (_, i) => ({ ...base, id: `case-${String(i).padStart(6, '0')}`, code: `s${String(100_000_000 + i)}` }));
})();

describe('history in chunks, 100 000 records', { timeout: 60_000 }, () => {
  it('a whole file would not fit one message; every import chunk does, in order, and all are sent', async () => {
    const file = historyFile([]);
    const whole = { ...file, cases: records };
    expect(JSON.stringify(whole).length).toBeGreaterThan(MESSAGE_CAP);
    const sent: unknown[][] = [];
    const seen: number[] = [];
    const result = await importInChunks(whole, async (cases) => {
      sent.push(cases);
      expect(JSON.stringify({ type: 'reports/import-chunk', cases }).length).toBeLessThan(CHUNK_BYTES + 100);
      return { added: cases.length - 1, updated: 1, skipped: 0 } satisfies ImportResult;
    }, (done) => seen.push(done));
    expect(sent).toHaveLength(N / CHUNK_RECORDS);
    expect(sent.flat().map((r) => (r as { id: string }).id)).toEqual(records.map((r) => r.id));
    expect(result).toEqual({ added: N - sent.length, updated: sent.length, skipped: 0 });
    expect(seen.at(-1)).toBe(N);
  });

  it('long records make smaller chunks, never one over the byte budget (one larger record travels alone)', () => {
    const big = Array.from({ length: 50 }, (_, i) => ({ id: `b${i}`, notes: 'x'.repeat(300_000) }));
    const chunks = chunkRecords(big);
    expect(chunks.flat()).toEqual(big);
    for (const c of chunks) expect(JSON.stringify(c).length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(chunkRecords([{ notes: 'y'.repeat(CHUNK_BYTES + 10) }, { a: 1 }])).toHaveLength(2);
  });

  it('exports page after page into one valid file of 100 000 records', async () => {
    const asked: (string | undefined)[] = [];
    const parts = await exportInPages(async (after) => {
      asked.push(after);
      const from = after ? Number(after.slice(5)) + 1 : 0; // ids are case-NNNNNN, in order
      const cases = records.slice(from, from + CHUNK_RECORDS);
      return { cases, ...(cases.length === CHUNK_RECORDS ? { next: cases.at(-1)!.id } : {}) };
    }, new Date('2025-12-01T00:00:00Z'));
    expect(asked).toHaveLength(N / CHUNK_RECORDS + 1); // the last page is empty
    const file = JSON.parse(parts.join(''));
    expect(file).toMatchObject({ format: 'tv4boss-history', version: 1, exportedAt: '2025-12-01T00:00:00.000Z' });
    const back = historyRecords(file) as typeof records;
    expect(back.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(back[N - 1]).toEqual(records[N - 1]);
    // An empty history is a valid file too.
    expect(JSON.parse((await exportInPages(async () => ({ cases: [] }))).join('')).cases).toEqual([]);
  });

  it('refuses what is not a history file', () => {
    for (const f of [null, [], { format: 'other', version: 1, cases: [] }, { format: 'tv4boss-history', version: 2, cases: [] }, { format: 'tv4boss-history', version: 1 }]) {
      expect(() => historyRecords(f)).toThrow(NotAHistoryFile);
    }
  });
});

describe('imported dates', () => {
  it('are stored as ISO 8601 in UTC, or refused', () => {
    expect(importDate('2025-11-24T10:00:00Z')).toBe('2025-11-24T10:00:00Z');
    expect(importDate('2025-11-24T10:00:00.123Z')).toBe('2025-11-24T10:00:00.123Z');
    expect(importDate('2025-11-24 11:00:00+01:00')).toBe('2025-11-24T10:00:00.000Z');
    expect(importDate('2025-11-24T11:00+0100')).toBe('2025-11-24T10:00:00.000Z');
    for (const bad of ['Nov 24 2025', '24/11/2025 10:00', '2025-11-24', '2025-11-24T10:00:00', '2025-13-45T10:00:00Z', 1732442400000, '']) {
      expect(importDate(bad), String(bad)).toBeUndefined();
    }
    const raw = exportRecord(record());
    expect(importRecord({ ...raw, createdAt: 'Mon, 24 Nov 2025 10:00:00 GMT' })).toBeUndefined(); // required: the record is refused
    const rec = importRecord({ ...raw, createdAt: '2025-11-24 11:00:00+01:00', closedAt: 'Nov 24 2025', validUntil: '2025-11-25T11:00:00+01:00' })!;
    expect(rec.createdAt).toBe('2025-11-24T10:00:00.000Z');
    expect(rec.closedAt).toBeUndefined();
    expect(rec.validUntil).toBe('2025-11-25T10:00:00.000Z');
  });
});

describe('imported device connections (issue 19)', () => {
  it('keep their kind without a code; a service case without a code is still refused', () => {
    const raw = exportRecord(record({ code: undefined, kind: 'device', connection: { seconds: 540, count: 1, devices: ['PC-ANA-RUIZ'] } }));
    const rec = importRecord(raw)!;
    expect(rec).toMatchObject({ kind: 'device', connection: { devices: ['PC-ANA-RUIZ'] } });
    expect(rec.code).toBeUndefined();
    expect(importRecord({ ...raw, kind: undefined })).toBeUndefined();
    expect(importRecord(exportRecord(record()))!.kind).toBeUndefined();
  });
});
