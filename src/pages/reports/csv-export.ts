// The CSV of every case in the filter, built in the reports page from the worker's per-day copy of
// the ended cases (issue 18: ≤ 5 s for 100 000 cases). The worker first brings the filter's days
// up to date ('reports/csv-days'); the page then reads that store itself, newest day first: one
// IndexedDB record a day, where a message per page of cases moved ~6 MB/s (6–7 s for 100 000).
// The store holds ReportCases only (no email, links or requester email), like every answer the
// page gets; the page never writes to the database.
import { openDB } from 'idb';
import { csvChunk, csvEnd, csvHead } from '../../shared/reports/csv';
import { DAYS_STORE, HISTORY_DB, keepOf, keptCases, type DaySpan, type Keep, type ReportDay } from '../../shared/reports/day-copy';
import type { ReportCase, ReportFilter } from '../../shared/reports/types';
import { zoneOf } from '../../shared/reports/zone';
import { keyRange } from '../../platform/key-range';

/** Cases per chunk of the file (written out as they come, not held as one array). */
const CHUNK_CASES = 5000;

/** The cases of `span` that `keep` keeps, newest first, handed on CHUNK_CASES or so at a time. */
export async function readDayCopy(span: DaySpan, keep: Keep, onChunk: (cases: ReportCase[]) => void): Promise<void> {
  // No version: the worker has opened (and upgraded) the database before it answered; a later
  // upgrade asks this connection to close, and it does.
  const db = await openDB(HISTORY_DB, undefined, { blocking: () => db.close() });
  try {
    if (!db.objectStoreNames.contains(DAYS_STORE)) throw new Error('the history has no per-day copy yet');
    let chunk: ReportCase[] = [];
    for (let cur = await db.transaction(DAYS_STORE).store.openCursor(keyRange(span.first, span.last), 'prev'); cur; cur = await cur.continue()) {
      chunk.push(...keptCases((cur.value as ReportDay).cases, keep));
      if (chunk.length >= CHUNK_CASES) {
        onChunk(chunk);
        chunk = [];
      }
    }
    if (chunk.length) onChunk(chunk);
  } finally {
    db.close();
  }
}

/** The file's parts: BOM and header, the rows, its end. `span`: the answer to 'reports/csv-days'. */
export async function csvOfDayCopy(filter: ReportFilter, span: DaySpan): Promise<string[]> {
  const parts = [csvHead()];
  let rows = 0;
  await readDayCopy(span, keepOf(filter, zoneOf(filter.tz)), (cases) => {
    parts.push(csvChunk(cases));
    rows += cases.length;
  });
  parts.push(csvEnd(rows));
  return parts;
}
