// History export and import (JSON): nothing stays trapped in one browser profile.
import { historyFile, importRecord, mergeImported } from '../../shared/reports/history-file';
import { sameRecord } from '../../shared/reports/merge';
import type { CaseRecord } from '../../shared/case';
import type { HistoryFile, ImportResult } from '../../shared/reports/types';
import { AppError } from '../../shared/app-error';
import { emit } from '../events';
import { allCases, updateCases } from '../store/history';

export async function exportHistory(): Promise<HistoryFile> {
  return historyFile(await allCases());
}

const MAX_IMPORT = 500_000;

export async function importHistory(file: unknown): Promise<ImportResult> {
  const f = file as Partial<HistoryFile> | null;
  if (!f || typeof f !== 'object' || f.format !== 'tv4boss-history' || f.version !== 1 || !Array.isArray(f.cases) || f.cases.length > MAX_IMPORT) {
    throw AppError.of('bad_request_message', 'not a history file');
  }
  const result: ImportResult = { added: 0, updated: 0, skipped: 0 };
  const records: CaseRecord[] = [];
  for (const raw of f.cases) {
    const rec = importRecord(raw);
    if (rec) records.push(rec);
    else result.skipped++;
  }
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = new Map(records.slice(i, i + 1000).map((r) => [r.id, r]));
    await updateCases([...chunk.keys()], (id, cur) => {
      const next = mergeImported(cur, chunk.get(id)!);
      if (!next || sameRecord(cur, next)) {
        result.skipped++;
        return undefined;
      }
      if (cur) result.updated++;
      else result.added++;
      return next;
    });
  }
  if (result.added || result.updated) emit('history-changed', {});
  return result;
}
