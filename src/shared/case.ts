// A TeamViewer service case as the product records it, and the view of it that tabs receive.
import type { Ticket } from './ticket';
import type { TvErrorInfo } from './teamviewer/errors';

export type CaseState =
  | 'creating' // recorded before POST /sessions so that a restart can reconcile
  | 'open'
  | 'closing'
  | 'closed'
  | 'expired'
  | 'failed' // never created
  | 'close_failed'; // could not be closed (e.g. access revoked); kept, never lost

export interface CaseEmail {
  to?: string;
  subject: string;
  body: string;
  autoSend: boolean;
  /** pending: not yet handed to the help desk · sent · filled (for review) · no_email: nobody to
   *  send to · expired: the case closed or expired before a tab could send it (never sent after) ·
   *  unconfirmed: Send was clicked (or about to be) but the page did not confirm it: it may not
   *  have gone out, and it is never sent again automatically (only by the technician's Send again). */
  status: 'pending' | 'sent' | 'filled' | 'no_email' | 'expired' | 'unconfirmed';
  /** When a tab was cleared to click Send (recorded before the click; optional: older records). */
  attemptedAt?: string;
}

export const ACTIVE_STATES: readonly CaseState[] = ['creating', 'open', 'closing'];
export const isActive = (s: CaseState) => ACTIVE_STATES.includes(s);

export interface CaseRecord {
  /** Local id, also written into custom_api: how a restarted worker finds a case it created. */
  id: string;
  ticketKey: string;
  ticket: Ticket;
  state: CaseState;
  /** The technician the ticket page named (help-desk text). */
  technician?: string;
  /** The TeamViewer user the case is assigned to (assigned_userid) and their name. */
  assignedUserId?: string;
  assignedName?: string;
  /** Started in another technician's browser (seen in the shared BOSS group's open cases): shown
   *  and stoppable here, but its email and closing comment belong to the browser that started it. */
  colleague?: boolean;
  requestedAt: string;
  code?: string;
  groupid?: string;
  createdAt?: string;
  validUntil?: string;
  closedAt?: string;
  supporterLink?: string;
  customerLink?: string;
  online?: boolean;
  onlineNotified?: boolean;
  error?: TvErrorInfo;
  comment?: { text: string; posted: boolean };
  /** The customer email rendered from the template when the case was created. */
  email?: CaseEmail;
  updatedAt: string;
  // ---- For reports: optional, so records written before them stay valid ----
  /** How a `closed` case ended: stopped from the widget, or closed elsewhere (Management
   *  Console, 404 on stop, missing from the open list). Unknown (undefined) counts as 'stop'. */
  closedBy?: 'stop' | 'elsewhere';
  /** From the case's connection reports in TeamViewer, when there are any. */
  connection?: CaseConnection;
  /** Where a record not made by this browser's lifecycle came from. */
  via?: 'sync' | 'import';
  /** What the record is (issue 19): a service case (absent: every record written before kinds), or
   *  a remote-control connection to one of the requester's own devices (no code; recorded when it
   *  ended, with its device in `connection`). */
  kind?: CaseKind;
}

export type CaseKind = 'service' | 'device';
export const CASE_KINDS: readonly CaseKind[] = ['service', 'device'];
export const kindOf = (rec: Pick<CaseRecord, 'kind'>): CaseKind => rec.kind ?? 'service';

/** What the connection reports of a case add up to (reports, closing comment). */
export interface CaseConnection {
  /** Connected time, summed over the case's connections. */
  seconds: number;
  /** Number of connections. */
  count: number;
  devices?: string[];
  notes?: string;
}

/** The JSON written into the case's custom_api: enough to rebuild reports from TeamViewer. */
export interface CaseMetadata {
  app: 'boss-tv';
  v: 1;
  caseId: string;
  ticketKey: string;
  /** The ticket page's address (dropped, never cut, when it does not fit). */
  url?: string;
  ticket: Ticket['fields'];
}

/** custom_api holds at most 4000 characters; the metadata must stay valid JSON within them. */
export const CUSTOM_API_MAX = 4000;

export function caseMetadata(rec: Pick<CaseRecord, 'id' | 'ticketKey' | 'ticket'>): string {
  const meta: CaseMetadata = {
    app: 'boss-tv', v: 1, caseId: rec.id, ticketKey: rec.ticketKey,
    ...(rec.ticket.url ? { url: rec.ticket.url } : {}), ticket: { ...rec.ticket.fields },
  };
  // Shorten the longest field until it fits: the ids that reconcile needs are never cut.
  for (let json = JSON.stringify(meta); ; json = JSON.stringify(meta)) {
    if (json.length <= CUSTOM_API_MAX) return json;
    const entries = Object.entries(meta.ticket).filter(([, v]) => typeof v === 'string' && v.length > 0);
    if (!entries.length) return JSON.stringify({ ...meta, url: undefined, ticket: {}, ticketKey: meta.ticketKey.slice(0, 1000) });
    const [field, value] = entries.reduce((a, b) => (b[1]!.length > a[1]!.length ? b : a));
    (meta.ticket as Record<string, string>)[field] = value!.slice(0, Math.floor(value!.length * 0.75));
  }
}

export function parseCaseMetadata(customApi: string | undefined): CaseMetadata | undefined {
  if (!customApi) return undefined;
  try {
    const m = JSON.parse(customApi) as Partial<CaseMetadata>;
    return m && m.app === 'boss-tv' && typeof m.caseId === 'string' && typeof m.ticketKey === 'string' ? (m as CaseMetadata) : undefined;
  } catch {
    return undefined;
  }
}
