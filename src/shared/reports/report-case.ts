// A history record → what the reports page may see of it.
import type { CaseRecord } from '../case';
import type { Outcome, ReportCase } from './types';

/** How a record ended, or undefined while it has not (creating, open, closing) or never began (failed). */
export function outcomeOf(rec: Pick<CaseRecord, 'state' | 'closedBy'>): Outcome | undefined {
  switch (rec.state) {
    case 'closed': return rec.closedBy === 'elsewhere' ? 'closed_elsewhere' : 'closed';
    case 'expired': return 'expired';
    case 'close_failed': return 'close_failed';
    default: return undefined;
  }
}

/** The ticket page's address when it is safe to link to: http(s), on the help desk's own origin. */
export function safeTicketUrl(url: string | undefined, origin: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const iso = (s: string | undefined): string | undefined => (s && Number.isFinite(Date.parse(s)) ? s : undefined);

export function toReportCase(rec: CaseRecord): ReportCase | undefined {
  const outcome = outcomeOf(rec);
  const createdAt = iso(rec.createdAt);
  if (!outcome || !rec.code || !createdAt) return undefined;
  const f = rec.ticket?.fields ?? {};
  const origin = rec.ticket?.origin ?? '';
  const closedAt = iso(rec.closedAt) ?? (outcome === 'expired' ? iso(rec.validUntil) : undefined);
  const timed = outcome === 'closed' || outcome === 'closed_elsewhere';
  const ms = timed && closedAt ? Date.parse(closedAt) - Date.parse(createdAt) : NaN;
  const c: ReportCase = { id: rec.id, code: rec.code, helpdesk: origin, createdAt, outcome };
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
  return c;
}
