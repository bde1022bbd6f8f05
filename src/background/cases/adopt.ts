// Cases this browser did not start: a colleague's (the shared BOSS group), or the ticket's case
// another browser of the same technician opened. Recorded from TeamViewer's open sessions, whose
// custom_api is anybody's text: only the strict readMetadata (types checked, fields bounded, the
// page address kept only on the ticket's own origin) makes a record of it.
import type { CaseRecord } from '../../shared/case';
import { readMetadata, type SyncedTicket } from '../../shared/reports/merge';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import type { TvSession } from '../../shared/teamviewer/types';
import { getCase } from '../store/history';

export function sessionFacts(s: TvSession): Partial<CaseRecord> {
  return {
    code: s.code,
    groupid: s.groupid,
    createdAt: s.created_at,
    validUntil: s.valid_until,
    supporterLink: s.supporter_link,
    customerLink: s.end_customer_link,
    online: !!s.online,
  };
}

/** A case another browser started, as this browser records it: no customer email, no comment. */
export function adoptedCase(s: TvSession, meta: SyncedTicket, myUserId: string | undefined, assignedName: string | undefined): CaseRecord {
  const technician = meta.ticket.fields.technician;
  return {
    id: meta.caseId, ticketKey: meta.ticketKey, state: 'open', ticket: meta.ticket,
    ...(technician ? { technician } : {}),
    ...(typeof s.assigned_userid === 'string' && s.assigned_userid ? { assignedUserId: s.assigned_userid } : {}),
    ...(assignedName ? { assignedName } : {}),
    colleague: !myUserId || s.assigned_userid !== myUserId,
    requestedAt: s.created_at ?? new Date().toISOString(), updatedAt: new Date().toISOString(),
    ...sessionFacts(s),
  };
}

/** The watcher's latest list of open sessions (`groupid` undefined: every group), so that a start
 *  right after a tick does not ask TeamViewer again. */
let latest: { groupid: string | undefined; at: number; sessions: TvSession[] } | undefined;
export const FRESH_LIST_MS = 10_000;

export function noteOpenList(groupid: string | undefined, sessions: TvSession[]): void {
  latest = { groupid, at: Date.now(), sessions };
}

/** When this worker last had the open list (undefined: not in this worker's life). */
export const lastListAt = (): number | undefined => latest?.at;

/** The group's open sessions: the watcher's list when it is fresh and covers the group, else one call. */
export async function openSessionsOf(client: TeamViewerClient, groupid: string): Promise<TvSession[]> {
  const l = latest;
  if (l && Date.now() - l.at < FRESH_LIST_MS && (l.groupid === undefined || l.groupid === groupid)) {
    return l.sessions.filter((s) => s.groupid === groupid);
  }
  return client.listOpenSessions(groupid);
}

/** The ticket's case open in the BOSS group that this browser does not know (started in another
 *  browser), if any. */
export async function openElsewhere(client: TeamViewerClient, groupid: string, ticketKey: string): Promise<{ s: TvSession; meta: SyncedTicket } | undefined> {
  for (const s of await openSessionsOf(client, groupid)) {
    const meta = readMetadata(s.custom_api);
    if (!meta || meta.ticketKey !== ticketKey || String(s.state ?? 'Open').toLowerCase() === 'closed') continue;
    if (await getCase(meta.caseId)) continue; // this browser's own (closed since the list, or a twin)
    return { s, meta };
  }
  return undefined;
}

/** Names of the company's users, fetched once per worker life when a colleague's case needs one. */
let names: Promise<Map<string, string>> | undefined;
export async function nameOf(client: TeamViewerClient, userid: string | undefined): Promise<string | undefined> {
  if (!userid) return undefined;
  names ??= client.users().then((us) => new Map(us.map((u) => [u.id, u.name]))).catch(() => {
    names = undefined;
    return new Map();
  });
  return (await names).get(userid);
}
