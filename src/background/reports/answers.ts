// The reports' answers, kept until the history is written again (issue 18: figures on screen
// ≤ 200 ms after the page opens). The page's first script asks before the page's code has loaded
// (reports/prefetch, pages/reports/early.ts); the page's own questions a moment later get that
// answer, under way or done, and a reopen with the same filter gets it at once. Any write to the
// history drops them (historyWrites() moves at its start and at its end: an answer begun meanwhile
// is not kept). Only the page's own sizes of list are kept, and only for a few minutes.
import { historyWrites } from '../store/history';
import type { ReportFilter, ReportResult } from '../../shared/reports/types';

const KEEP = 8;
/** Longer lists ("show all", the tests' and benches' own sizes) are not kept. */
export const KEEP_LIST_MAX = 500;
const KEEP_MS = 5 * 60_000;

const kept = new Map<string, { at: number; answer: Promise<ReportResult> }>();
let dropTimer: ReturnType<typeof setTimeout> | undefined;

/** The answer to (filter, limit): the one kept when the history has not been written since, else
 *  `run()`'s (kept). `filter` is a cleaned one (cleanFilter: its keys in one order). */
export function keptAnswer(filter: ReportFilter, limit: number, run: () => Promise<ReportResult>): Promise<ReportResult> {
  if (limit > KEEP_LIST_MAX) return run();
  const key = JSON.stringify([filter, limit]);
  const at = historyWrites();
  const hit = kept.get(key);
  kept.delete(key);
  const entry = hit && hit.at === at ? hit : { at, answer: run() };
  kept.set(key, entry); // the newest last: the oldest leaves first
  entry.answer.catch(() => kept.get(key) === entry && kept.delete(key));
  for (const old of kept.keys()) if (kept.size > KEEP) kept.delete(old);
  clearTimeout(dropTimer);
  dropTimer = setTimeout(() => kept.clear(), KEEP_MS);
  return entry.answer;
}
