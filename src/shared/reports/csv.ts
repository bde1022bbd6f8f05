// CSV of the sessions in a filter: RFC 4180 (papaparse), UTF-8 with a BOM so that Excel reads
// the accents, and text cells that a spreadsheet would run as a formula neutralised: ticket
// fields are untrusted page text.
import Papa from 'papaparse';
import type { ReportCase } from './types';

export const CSV_HEADER = [
  'code', 'ticket_number', 'ticket_title', 'category', 'type', 'priority', 'source', 'technician', 'requester',
  'helpdesk', 'ticket_url', 'created_at', 'closed_at', 'outcome', 'duration_seconds', 'connected_seconds', 'kind',
] as const;

export const BOM = '\uFEFF';

/** Cells starting like a formula (also after a tab or CR, and the full-width forms) get a leading '. */
export const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** ISO 8601 UTC to the second, as TeamViewer prints it; '' when unknown. */
export function isoUtc(s: string | undefined): string {
  const ms = Date.parse(s ?? '');
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

const secs = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : Math.round(n));

export function csvRow(c: ReportCase): Array<string | number> {
  return [
    c.code, c.ticketNumber ?? '', c.ticketTitle ?? '', c.category ?? '', c.type ?? '', c.priority ?? '', c.source ?? '',
    c.technician ?? '', c.requester ?? '', c.helpdesk, c.ticketUrl ?? '', isoUtc(c.createdAt), isoUtc(c.closedAt), c.outcome,
    secs(c.durationSec), secs(c.connectedSec), c.kind ?? 'service',
  ];
}

const OPTS = { newline: '\r\n', escapeFormulae: FORMULA_START } as const;

/** The file's start: the BOM and the header row, without its line end (each chunk of rows starts
 *  with one; a file without rows ends with csvEnd's). */
export const csvHead = (): string => BOM + Papa.unparse({ fields: [...CSV_HEADER], data: [] }, OPTS).replace(/\r\n$/, '');

/** Rows of cases, each after a CRLF: the head, every chunk and the end, joined, are the whole file. */
export function csvChunk(cases: readonly ReportCase[]): string {
  return cases.length ? `\r\n${Papa.unparse(cases.map(csvRow), OPTS)}` : '';
}

/** The file's end: the header row's line end when no row came. */
export const csvEnd = (rows: number): string => (rows ? '' : '\r\n');

/** The whole file, BOM included; rows end with CRLF. */
export function toCsv(cases: Iterable<ReportCase>): string {
  const all = [...cases];
  return csvHead() + csvChunk(all) + csvEnd(all.length);
}
