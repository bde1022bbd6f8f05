// Reports: CSV export (RFC 4180, BOM, formula neutralising) (issue 10).
import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import { BOM, CSV_HEADER, csvChunk, csvEnd, csvHead, toCsv } from '../src/shared/reports/csv';
import { toReportCase } from '../src/shared/reports/report-case';
import type { ReportCase } from '../src/shared/reports/types';
import { record } from './helpers/report-cases';

const parse = (csv: string) => Papa.parse<string[]>(csv.slice(BOM.length), { newline: '\r\n' }).data;

describe('toCsv', () => {
  it('has a BOM, the header row and one CRLF row per case, times in ISO 8601 UTC', () => {
    const c = toReportCase(record({ connection: { seconds: 420.4, count: 1 } }))!;
    const expired = toReportCase(record({ state: 'expired', closedAt: undefined }))!;
    const csv = toCsv([c, expired]);
    expect(csv.startsWith('\uFEFFcode,ticket_number,ticket_title,category,type,priority,source,technician,requester,helpdesk,ticket_url,created_at,closed_at,outcome,duration_seconds,connected_seconds,kind\r\n')).toBe(true);
    const rows = parse(csv);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1]).toEqual([c.code, c.ticketNumber, c.ticketTitle, 'Printer', 'Incident', 'High', 'Email', 'Marta Gómez', 'Ana Ruiz',
      'https://acme.bossdesk.io', c.ticketUrl, '2025-11-24T10:00:00Z', '2025-11-24T10:15:00Z', 'closed', '900', '420', 'service']);
    expect(rows[2]!.slice(12)).toEqual(['2025-11-25T10:00:00Z', 'expired', '', '', 'service']);
    expect(rows).toHaveLength(3);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('a device connection (issue 19) is a row of kind "device", without a code, with its device and times', () => {
    const d = toReportCase(record({ code: undefined, kind: 'device', connection: { seconds: 540, count: 1, devices: ['PC-ANA-RUIZ'] } }))!;
    expect(d).toMatchObject({ code: '', kind: 'device', devices: 'PC-ANA-RUIZ', connectedSec: 540 });
    const [, row] = parse(toCsv([d]));
    expect(row![0]).toBe('');
    expect(row![CSV_HEADER.indexOf('kind')]).toBe('device');
    // A service case without a code is still not reported (it never began).
    expect(toReportCase(record({ code: undefined }))).toBeUndefined();
  });

  it('streamed: the head and the chunks of rows, joined, are the whole file', () => {
    const cases = Array.from({ length: 7 }, (_, i) => toReportCase(record({ ...(i % 2 ? { state: 'expired' as const } : {}) }))!);
    expect(csvHead() + csvChunk(cases.slice(0, 3)) + csvChunk([]) + csvChunk(cases.slice(3)) + csvEnd(7)).toBe(toCsv(cases));
    expect(csvHead() + csvChunk([]) + csvEnd(0)).toBe(toCsv([]));
    expect(toCsv([])).toBe(`${BOM}${CSV_HEADER.join(',')}\r\n`);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps accents', () => {
    const c: ReportCase = { id: 'x', code: 's1', helpdesk: 'https://h', createdAt: '2025-11-24T10:00:00.500Z', outcome: 'closed',
      ticketTitle: 'Impresora, "planta 2"\r\nno imprime', requester: 'José Ñúñez' };
    const csv = toCsv([c]);
    expect(csv).toContain('"Impresora, ""planta 2""\r\nno imprime"');
    expect(parse(csv)[1]![2]).toBe('Impresora, "planta 2"\r\nno imprime');
    expect(parse(csv)[1]![8]).toBe('José Ñúñez');
    expect(parse(csv)[1]![11]).toBe('2025-11-24T10:00:00Z');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    const evil = ['=HYPERLINK("http://x","click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1'];
    const cases = evil.map((title, i): ReportCase => ({
      id: String(i), code: `s${i}`, helpdesk: 'https://h', createdAt: '2025-11-24T10:00:00Z', outcome: 'closed',
      ticketTitle: title, category: title, technician: title, requester: title, ticketNumber: title,
    }));
    const rows = parse(toCsv(cases)).slice(1);
    rows.forEach((row, i) => {
      for (const col of [1, 2, 3, 7, 8]) expect(row[col]).toBe(`'${evil[i]}`);
    });
    // Harmless text and numbers are left as they are.
    const plain = parse(toCsv([{ id: 'p', code: 's9', helpdesk: 'https://h', createdAt: '2025-11-24T10:00:00Z', outcome: 'closed', ticketTitle: 'a=b', durationSec: 5 }]))[1]!;
    expect(plain[2]).toBe('a=b');
    expect(plain[14]).toBe('5');
  });
});
