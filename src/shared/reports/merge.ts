// Team-wide sync: a TeamViewer session of the BOSS group (+ its connection reports) → a history
// record. Pure and idempotent: merging the same session again changes nothing, and a case this
// browser already knows is enriched, never duplicated (the record id is the case id that the
// creating browser wrote into custom_api).
import { isActive, type CaseConnection, type CaseRecord } from '../case';
import { originOfKey, sanitizeTicket, TICKET_FIELDS, type Ticket } from '../ticket';
import type { TvConnectionRecord, TvSession } from '../teamviewer/types';
import { closedByFor, safeTicketUrl } from './report-case';

export interface SyncedTicket {
  caseId: string;
  ticketKey: string;
  ticket: Ticket;
}

const CASE_ID_RE = /^[\w-]{1,100}$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * This product's metadata in a session's custom_api, checked field by field: anything else
 * (another integration's JSON, text cut at 4 000 characters, wrong types, a key that is not a
 * help desk origin) gives undefined. The text is untrusted: fields are bounded like page text.
 */
export function readMetadata(customApi: unknown): SyncedTicket | undefined {
  if (typeof customApi !== 'string' || !customApi || customApi.length > 4000) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(customApi);
  } catch {
    return undefined;
  }
  if (!isObj(m) || m.app !== 'boss-tv' || typeof m.caseId !== 'string' || !CASE_ID_RE.test(m.caseId)) return undefined;
  if (typeof m.ticketKey !== 'string') return undefined;
  const origin = originOfKey(m.ticketKey);
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin) return undefined;
  const id = m.ticketKey.slice(origin.length + 1);
  if (!id) return undefined;
  const fields: Ticket['fields'] = {};
  if (isObj(m.ticket)) {
    for (const f of TICKET_FIELDS) {
      const v = m.ticket[f];
      if (typeof v === 'string' && v.trim()) fields[f] = v;
    }
  }
  const url = typeof m.url === 'string' ? safeTicketUrl(m.url, origin) ?? '' : '';
  const ticket = sanitizeTicket({ origin, id, url, fields });
  if (ticket.origin !== origin || ticket.id !== id) return undefined; // over-long: not ours
  return { caseId: m.caseId, ticketKey: m.ticketKey, ticket };
}

/** The connection reports of one case, summed. Order-independent, so a re-sync gives the same. */
export function connectionSummary(reports: readonly TvConnectionRecord[]): CaseConnection | undefined {
  if (!reports.length) return undefined;
  const sorted = [...reports].sort((a, b) => (a.start_date ?? '').localeCompare(b.start_date ?? '') || a.id.localeCompare(b.id));
  let ms = 0;
  const devices: string[] = [];
  const notes: string[] = [];
  for (const r of sorted) {
    const d = Date.parse(r.end_date ?? '') - Date.parse(r.start_date ?? '');
    if (Number.isFinite(d) && d > 0) ms += d;
    const dev = typeof r.devicename === 'string' ? r.devicename.trim().slice(0, 100) : '';
    if (dev && !devices.includes(dev) && devices.length < 10) devices.push(dev);
    const n = typeof r.notes === 'string' ? r.notes.trim() : '';
    if (n) notes.push(n);
  }
  return {
    seconds: ms / 1000, count: sorted.length,
    ...(devices.length ? { devices } : {}), ...(notes.length ? { notes: notes.join('\n').slice(0, 4000) } : {}),
  };
}

export type ServerEnd = { state: 'closed' | 'expired'; closedAt: string } | { state: 'open' };

/** What TeamViewer says about how a session ended (server times only). */
export function serverEnd(s: Pick<TvSession, 'state' | 'closed_at' | 'valid_until'>, now: number): ServerEnd {
  const validUntil = Date.parse(s.valid_until ?? '');
  const closedAt = Date.parse(s.closed_at ?? '');
  if (String(s.state).toLowerCase() === 'closed' && Number.isFinite(closedAt)) {
    // Closed at or after its expiry: TeamViewer ended it, nobody stopped it.
    return Number.isFinite(validUntil) && closedAt >= validUntil ? { state: 'expired', closedAt: s.valid_until } : { state: 'closed', closedAt: s.closed_at! };
  }
  if (Number.isFinite(validUntil) && validUntil <= now) return { state: 'expired', closedAt: s.valid_until };
  return { state: 'open' };
}

/**
 * The record for a synced session: a new one, the existing one enriched, the existing one
 * unchanged (the lifecycle owns cases that are still active here), or undefined for a session
 * that is not this product's (or whose case id belongs to another ticket) or not ended yet.
 * `now` decides expiry of sessions TeamViewer still lists as open.
 */
export function mergeSynced(existing: CaseRecord | undefined, s: TvSession, reports: readonly TvConnectionRecord[] | undefined, now = Date.now()): CaseRecord | undefined {
  const meta = readMetadata(s.custom_api);
  if (!meta) return undefined;
  if (existing && existing.ticketKey !== meta.ticketKey) return undefined;
  if (existing && isActive(existing.state)) return existing;
  // Another session with this case's id (a twin that the twin net closed): the case is the one
  // this record names; the twin never overwrites it.
  if (existing?.code && existing.code !== s.code) return existing;
  const end = serverEnd(s, now);
  // `reports` undefined: not all of this session's reports were read (a 'recent' sync reads them
  // from a date on): what the record has stays, never a part of it.
  const connection = (reports && connectionSummary(reports.filter((r) => r.session_code === s.code))) ?? existing?.connection;

  if (!existing) {
    if (end.state === 'open') return undefined;
    return {
      id: meta.caseId, ticketKey: meta.ticketKey, ticket: meta.ticket, state: end.state,
      ...(meta.ticket.fields.technician ? { technician: meta.ticket.fields.technician } : {}),
      requestedAt: s.created_at, code: s.code, groupid: s.groupid, createdAt: s.created_at, validUntil: s.valid_until,
      closedAt: end.closedAt, ...(connection ? { connection } : {}), via: 'sync',
      updatedAt: end.closedAt,
    };
  }

  // Known here: local facts win (the ticket as read from the page is never cut), server times
  // win over local ones, and a local end that TeamViewer contradicts is corrected.
  const next: CaseRecord = { ...existing };
  const fields = { ...meta.ticket.fields, ...existing.ticket.fields };
  next.ticket = { ...existing.ticket, fields, url: existing.ticket.url || meta.ticket.url };
  if (!next.technician && fields.technician) next.technician = fields.technician;
  next.code = s.code;
  next.groupid = s.groupid;
  next.createdAt = s.created_at;
  if (s.valid_until) next.validUntil = s.valid_until;
  if (connection) next.connection = connection;
  if (end.state !== 'open') {
    if (existing.state === 'failed' || existing.state === 'close_failed') {
      // It did exist (failed) or was closed after all (close_failed: by someone else).
      next.state = end.state;
      if (end.state === 'closed' && existing.state === 'close_failed') next.closedBy = 'elsewhere';
      delete next.error;
    }
    // Who closed it is recorded for this browser's own cases only: a colleague's case is closed by
    // its technician (as the watcher records it; older records may say otherwise).
    const by = closedByFor(next, next.closedBy);
    if (by) next.closedBy = by;
    else delete next.closedBy;
    if (next.state === end.state) next.closedAt = end.closedAt;
    else if (next.state === 'expired') next.closedAt = next.validUntil ?? next.closedAt;
  }
  return next;
}

/**
 * Of several sessions that carry one case id (twins: a POST the browser resent, closed by the twin
 * net), the one that is the case: the one the record names, else the one with connection reports,
 * else the one that lived longest (a twin is closed as soon as it is seen).
 */
export function realSession<S extends Pick<TvSession, 'code' | 'closed_at' | 'valid_until' | 'created_at'>>(
  twins: readonly S[], recordCode: string | undefined, hasReports: (code: string) => boolean,
): S {
  const named = recordCode ? twins.find((s) => s.code === recordCode) : undefined;
  if (named || twins.length === 1) return named ?? twins[0]!;
  const end = (s: S) => Date.parse(s.closed_at ?? '') || Date.parse(s.valid_until ?? '') || 0;
  return [...twins].sort((a, b) => Number(hasReports(b.code)) - Number(hasReports(a.code)) || end(b) - end(a) || a.code.localeCompare(b.code))[0]!;
}

/** Equal as stored data, `updatedAt` aside (what a sync uses to write only real changes). */
export function sameRecord(a: CaseRecord | undefined, b: CaseRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return deepEqual({ ...a, updatedAt: '' }, { ...b, updatedAt: '' });
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
