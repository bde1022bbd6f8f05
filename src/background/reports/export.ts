// History export and import (JSON): nothing stays trapped in one browser profile. Both go in
// chunks (shared/reports/history-stream.ts): the page asks for pages of records and sends what it
// imports a chunk at a time, so that no runtime message nears Chrome's 64 MiB cap.
import { exportRecord, importRecord, mergeImported } from '../../shared/reports/history-file';
import { CHUNK_RECORDS, type ExportPage } from '../../shared/reports/history-stream';
import { sameRecord } from '../../shared/reports/merge';
import type { CaseRecord } from '../../shared/case';
import type { ImportResult } from '../../shared/reports/types';
import { AppError } from '../../shared/app-error';
import { emit } from '../events';
import { casesPage, updateCases } from '../store/history';

/** One page of the export: the records after case id `after` (in id order), without secrets. */
export async function exportPage(after: unknown): Promise<ExportPage> {
  if (after !== undefined && (typeof after !== 'string' || after.length > 200)) throw AppError.of('bad_request_message', 'after');
  const recs = await casesPage(after, CHUNK_RECORDS);
  return { cases: recs.map(exportRecord), ...(recs.length === CHUNK_RECORDS ? { next: recs[recs.length - 1]!.id } : {}) };
}

/** Merges one chunk of a history file's records: adds and enriches, never deletes. */
export async function importCases(cases: unknown): Promise<ImportResult> {
  if (!Array.isArray(cases) || cases.length > CHUNK_RECORDS) throw AppError.of('bad_request_message', 'not a chunk of a history file');
  const result: ImportResult = { added: 0, updated: 0, skipped: 0 };
  const records = new Map<string, CaseRecord>();
  for (const raw of cases) {
    const rec = importRecord(raw);
    if (rec) records.set(rec.id, rec);
    else result.skipped++;
  }
  result.skipped += cases.length - result.skipped - records.size; // the same id twice: counted once
  await updateCases([...records.keys()], (id, cur) => {
    const next = mergeImported(cur, records.get(id)!);
    if (!next || sameRecord(cur, next)) {
      result.skipped++;
      return undefined;
    }
    if (cur) result.updated++;
    else result.added++;
    return next;
  });
  if (result.added || result.updated) emit('history-changed', {});
  return result;
}
