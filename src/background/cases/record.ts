// Writing a case: stored first, then announced, so that every listener reads what was stored.
import type { CaseRecord } from '../../shared/case';
import { emit } from '../events';
import { putCase } from '../store/history';

export async function saveCase(rec: CaseRecord): Promise<CaseRecord> {
  const saved = await putCase(rec);
  emit('case-changed', { ticketKey: saved.ticketKey, record: saved });
  return saved;
}
