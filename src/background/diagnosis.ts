// The latest ticket page that did not match, per origin (what the options page's Sites section
// shows). In storage.local: it outlives the worker and the browser session until looked at.
import { sanitizeReport, type PageReport } from '../shared/profile/report';
import { getLocal, setLocal } from './storage';

const KEY = 'diagnoses';
/** A page could report for many origins over time; keep the store small. */
const MAX_ORIGINS = 60;

export async function getDiagnoses(): Promise<Record<string, PageReport>> {
  return (await getLocal<Record<string, PageReport>>(KEY)) ?? {};
}

/** `origin` is the sender's, checked by the router: a page can only report about itself. */
export async function recordDiagnosis(origin: string, report: PageReport): Promise<void> {
  const all = await getDiagnoses();
  all[origin] = sanitizeReport(report, origin);
  const keep = Object.values(all).sort((a, b) => b.at - a.at).slice(0, MAX_ORIGINS);
  await setLocal({ [KEY]: Object.fromEntries(keep.map((r) => [r.origin, r])) });
}

export async function dropDiagnosis(origin: string): Promise<void> {
  const all = await getDiagnoses();
  if (!(origin in all)) return;
  delete all[origin];
  await setLocal({ [KEY]: all });
}
