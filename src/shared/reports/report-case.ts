// A history record → what the reports page may see of it.
import type { CaseRecord } from '../case';
import type { Outcome, ReportCase } from './types';

/** Who closed a case, as recorded: only for this browser's own cases. A colleague's case is closed
 *  by its technician (from their browser or the Management Console), never "closed elsewhere"
 *  here: the watcher, the sync and the reports agree on it. */
export function closedByFor(rec: Pick<CaseRecord, 'colleague'>, by: 'stop' | 'elsewhere' | undefined): 'stop' | 'elsewhere' | undefined {
  return rec.colleague ? undefined : by;
}

/** How a record ended, or undefined while it has not (creating, open, closing) or never began (failed). */
export function outcomeOf(rec: Pick<CaseRecord, 'state' | 'closedBy' | 'colleague'>): Outcome | undefined {
  switch (rec.state) {
    case 'closed': return closedByFor(rec, rec.closedBy) === 'elsewhere' ? 'closed_elsewhere' : 'closed';
    case 'expired': return 'expired';
    case 'close_failed': return 'close_failed';
    default: return undefined;
  }
}

const ORIGIN_RE = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;
const UNSAFE_RE = /[\s\\]/;

/** The ticket page's address when it is safe to link to: http(s), on the help desk's own origin.
 *  A prefix check on a checked origin (no URL parsing: this runs once per case in a report). */
export function safeTicketUrl(url: string | undefined, origin: string): string | undefined {
  if (!url || !ORIGIN_RE.test(origin) || UNSAFE_RE.test(url)) return undefined;
  return url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`) || url.startsWith(`${origin}#`) ? url : undefined;
}

/** toReportCase plus the creation time in ms (so that the aggregator does not parse it again). */
export function toReportCaseTimed(rec: CaseRecord): { c: ReportCase; t: number } | undefined {
  const outcome = outcomeOf(rec);
  const device = rec.kind === 'device';
  if (!outcome || (!rec.code && !device) || !rec.createdAt) return undefined;
  const t = Date.parse(rec.createdAt);
  if (!Number.isFinite(t)) return undefined;
  const createdAt = rec.createdAt;
  const f = rec.ticket?.fields ?? {};
  const origin = rec.ticket?.origin ?? '';
  let closedAt = rec.closedAt;
  let end = closedAt ? Date.parse(closedAt) : NaN;
  if (!Number.isFinite(end) && outcome === 'expired' && rec.validUntil) {
    closedAt = rec.validUntil;
    end = Date.parse(closedAt);
  }
  if (!Number.isFinite(end)) closedAt = undefined;
  const timed = outcome === 'closed' || outcome === 'closed_elsewhere';
  const ms = timed ? end - t : NaN;
  const c: ReportCase = { id: rec.id, code: rec.code ?? '', helpdesk: origin, createdAt, outcome };
  if (device) c.kind = 'device';
  // Only keys with a value: the page gets less, and structured clone copies less.
  if (f.number) c.ticketNumber = f.number;
  if (f.title) c.ticketTitle = f.title;
  if (f.category) c.category = f.category;
  if (f.type) c.type = f.type;
  if (f.priority) c.priority = f.priority;
  if (f.source) c.source = f.source;
  const tech = rec.technician || f.technician;
  if (tech) c.technician = tech;
  if (f.requesterName) c.requester = f.requesterName;
  const url = safeTicketUrl(rec.ticket?.url, origin);
  if (url) c.ticketUrl = url;
  if (closedAt) c.closedAt = closedAt;
  if (ms >= 0) c.durationSec = ms / 1000;
  if (rec.connection && Number.isFinite(rec.connection.seconds)) c.connectedSec = rec.connection.seconds;
  if (rec.connection?.devices?.length) c.devices = rec.connection.devices.join(', ');
  return { c, t };
}

export function toReportCase(rec: CaseRecord): ReportCase | undefined {
  return toReportCaseTimed(rec)?.c;
}
