// The latest ticket page that did not match, per origin (what the options page's Sites section
// shows). In storage.local: it outlives the worker and the browser session until looked at.
import { sanitizeReport, type PageReport } from '../../shared/profile/report';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, updateLocal } from '../store/local';

type Diagnoses = Record<string, PageReport>;
/** A page could report for many origins over time; keep the store small. */
const MAX_ORIGINS = 60;

export async function getDiagnoses(): Promise<Diagnoses> {
  return (await getLocal<Diagnoses>(LOCAL_KEYS.diagnoses)) ?? {};
}

/** `origin` is the sender's, checked by the router: a page can only report about itself. */
export async function recordDiagnosis(origin: string, report: PageReport): Promise<void> {
  await updateLocal<Diagnoses>(LOCAL_KEYS.diagnoses, (cur) => {
    const all = { ...cur, [origin]: sanitizeReport(report, origin) };
    const keep = Object.values(all).sort((a, b) => b.at - a.at).slice(0, MAX_ORIGINS);
    return Object.fromEntries(keep.map((r) => [r.origin, r]));
  });
}

export async function dropDiagnosis(origin: string): Promise<void> {
  await updateLocal<Diagnoses>(LOCAL_KEYS.diagnoses, (cur) => {
    const { [origin]: _dropped, ...rest } = cur ?? {};
    return rest;
  });
}
