// A history file goes between the reports page and the worker in chunks, never as one runtime
// message: Chrome caps a message at 64 MiB, and a record is about 1 KB, so one message fails near
// 70 000 cases. Export: the page asks for pages of records (keyed by case id) and writes the file
// from them; import: the page reads the file and sends its records a chunk at a time. Pure: the
// page passes how a chunk travels.
import type { HistoryFile, ImportResult } from './types';

/** Records per export page and at most per import chunk. */
export const CHUNK_RECORDS = 2000;
/** At most this many bytes of JSON per import chunk (a chunk of long records is cut sooner). */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** More cases than this in one file is not a history file of this product. */
export const MAX_IMPORT = 500_000;

export interface ExportPage {
  cases: unknown[];
  /** The id to ask after for the next page; absent on the last one. */
  next?: string;
}

export class NotAHistoryFile extends Error {}

/** The records of a parsed history file; throws NotAHistoryFile for anything else. */
export function historyRecords(data: unknown): unknown[] {
  const f = data as Partial<HistoryFile> | null;
  if (!f || typeof f !== 'object' || f.format !== 'tv4boss-history' || f.version !== 1 || !Array.isArray(f.cases) || f.cases.length > MAX_IMPORT) {
    throw new NotAHistoryFile('not a history file');
  }
  return f.cases;
}

/** Consecutive chunks of at most CHUNK_RECORDS records and CHUNK_BYTES of JSON (a single record
 *  larger than that travels alone; the worker refuses what it cannot take). */
export function chunkRecords(records: readonly unknown[], maxRecords = CHUNK_RECORDS, maxBytes = CHUNK_BYTES): unknown[][] {
  const chunks: unknown[][] = [];
  let cur: unknown[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = (JSON.stringify(r) ?? 'null').length + 1;
    if (cur.length && (cur.length >= maxRecords || bytes + size > maxBytes)) {
      chunks.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += size;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** Imports a parsed file chunk by chunk, sent in order with two on their way at once (one is
 *  written while the next travels); the results add up. `progress` after each chunk. The first
 *  failure stops it (the chunks before it are in: importing is idempotent, so the file can be
 *  imported again). */
export async function importInChunks(data: unknown, send: (cases: unknown[]) => Promise<ImportResult>,
  progress?: (done: number, total: number) => void, inFlight = 2): Promise<ImportResult> {
  const records = historyRecords(data);
  const chunks = chunkRecords(records);
  const total: ImportResult = { added: 0, updated: 0, skipped: 0 };
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async () => {
    while (next < chunks.length && !failed) {
      const chunk = chunks[next++]!;
      let r: ImportResult;
      try {
        r = await send(chunk);
      } catch (e) {
        failed = true;
        throw e;
      }
      total.added += r.added;
      total.updated += r.updated;
      total.skipped += r.skipped;
      done += chunk.length;
      progress?.(done, records.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, lane));
  return total;
}

/** The history file's text, in parts (for a Blob): pages fetched one after another until the last. */
export async function exportInPages(page: (after: string | undefined) => Promise<ExportPage>, now = new Date()): Promise<string[]> {
  const head: Omit<HistoryFile, 'cases'> = { format: 'tv4boss-history', version: 1, exportedAt: now.toISOString() };
  const parts = [`${JSON.stringify(head).slice(0, -1)},"cases":[`];
  let after: string | undefined;
  let first = true;
  for (;;) {
    const p = await page(after);
    if (p.cases.length) {
      parts.push(`${first ? '' : ','}${p.cases.map((c) => JSON.stringify(c)).join(',')}`);
      first = false;
    }
    if (!p.next || !p.cases.length || p.next === after) break;
    after = p.next;
  }
  parts.push(']}');
  return parts;
}
