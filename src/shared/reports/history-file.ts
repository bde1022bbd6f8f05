// History export and import (JSON), so that nothing is trapped in one browser profile. The file
// leaves out the supporter link (it carries a secret), the customer link and the customer
// email. Import only adds or enriches ended cases; it never deletes and never touches a case
// this browser is still working on.
import { isActive, type CaseRecord, type CaseState } from '../case';
import { sanitizeTicket, type Ticket } from '../ticket';
import type { HistoryFile } from './types';

const ENDED: readonly CaseState[] = ['closed', 'expired', 'close_failed'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z$/;
const ISO_ZONED = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)$/i;
/** A date of the file as ISO 8601 in UTC (what the indexes sort and the reports compare), or
 *  undefined: a date without a zone, or in another format, is refused, never stored as it came. */
export function importDate(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  if (ISO_UTC.test(v)) return Number.isFinite(Date.parse(v)) ? v : undefined;
  if (!ISO_ZONED.test(v)) return undefined;
  const t = Date.parse(v.replace(' ', 'T').replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
const date = importDate;

/** A record as written to the file. */
export function exportRecord(rec: CaseRecord): CaseRecord {
  const { supporterLink: _s, customerLink: _c, email: _e, onlineNotified: _n, ...rest } = rec;
  return rest;
}

export function historyFile(cases: CaseRecord[], now = new Date()): HistoryFile {
  return { format: 'tv4boss-history', version: 1, exportedAt: now.toISOString(), cases: cases.map(exportRecord) };
}

/** One record of a file, validated and bounded; undefined when it is not an ended case. */
export function importRecord(raw: unknown): CaseRecord | undefined {
  if (!isObj(raw) || !isObj(raw.ticket)) return undefined;
  const id = str(raw.id, 100);
  const state = raw.state as CaseState;
  const code = str(raw.code, 40);
  const createdAt = date(raw.createdAt);
  // A connection to a requester's device (issue 19) has no code; a service case must have one.
  const device = raw.kind === 'device';
  if (!id || !/^[\w-]+$/.test(id) || !ENDED.includes(state) || (!code && !device) || !createdAt) return undefined;
  const t = raw.ticket;
  if (typeof t.origin !== 'string' || typeof t.id !== 'string') return undefined;
  const ticket = sanitizeTicket({
    origin: t.origin, id: t.id, url: typeof t.url === 'string' ? t.url : '',
    fields: (isObj(t.fields) ? t.fields : {}) as Ticket['fields'],
  });
  const ticketKey = `${ticket.origin}#${ticket.id}`;
  if (raw.ticketKey !== ticketKey) return undefined;
  const c = isObj(raw.connection) && typeof raw.connection.seconds === 'number' && Number.isFinite(raw.connection.seconds) ? raw.connection : undefined;
  const rec: CaseRecord = {
    id, ticketKey, ticket, state, ...(code ? { code } : {}), ...(device ? { kind: 'device' as const } : {}), createdAt,
    requestedAt: date(raw.requestedAt) ?? createdAt,
    updatedAt: date(raw.updatedAt) ?? createdAt,
  };
  const technician = str(raw.technician, 500);
  if (technician) rec.technician = technician;
  const groupid = str(raw.groupid, 40);
  if (groupid) rec.groupid = groupid;
  const validUntil = date(raw.validUntil);
  if (validUntil) rec.validUntil = validUntil;
  const closedAt = date(raw.closedAt);
  if (closedAt) rec.closedAt = closedAt;
  if (raw.closedBy === 'stop' || raw.closedBy === 'elsewhere') rec.closedBy = raw.closedBy;
  if (c) {
    rec.connection = {
      seconds: Math.max(0, c.seconds as number), count: typeof c.count === 'number' ? c.count : 1,
      ...(Array.isArray(c.devices) ? { devices: c.devices.filter((d): d is string => typeof d === 'string').map((d) => d.slice(0, 100)).slice(0, 10) } : {}),
      ...(typeof c.notes === 'string' ? { notes: c.notes.slice(0, 4000) } : {}),
    };
  }
  rec.via = 'import';
  return rec;
}

/** Merges an imported record into what this browser has: adds, or fills what is missing. */
export function mergeImported(existing: CaseRecord | undefined, incoming: CaseRecord): CaseRecord | undefined {
  if (!existing) return incoming;
  if (existing.ticketKey !== incoming.ticketKey || isActive(existing.state)) return existing;
  const next: CaseRecord = { ...existing };
  next.ticket = { ...existing.ticket, url: existing.ticket.url || incoming.ticket.url, fields: { ...incoming.ticket.fields, ...existing.ticket.fields } };
  for (const k of ['technician', 'code', 'groupid', 'createdAt', 'validUntil', 'closedAt', 'closedBy', 'connection'] as const) {
    if (next[k] === undefined && incoming[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = incoming[k];
  }
  if (existing.state === 'failed') next.state = incoming.state;
  return next;
}
