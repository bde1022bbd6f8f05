// Reports (issue 10): the slim per-case view that the reports page receives, the filter that
// lives in the page's address, and what the aggregation answers.
import type { CaseKind } from '../case';

/** How a case ended. Only ended cases are reported; cases still open are counted once they end. */
export type Outcome = 'closed' | 'closed_elsewhere' | 'expired' | 'close_failed';
export const OUTCOMES: readonly Outcome[] = ['closed', 'closed_elsewhere', 'expired', 'close_failed'];

/**
 * One case as the reports page sees it. Deliberately without the customer email (body, address),
 * the supporter and customer links, the requester's email, the supporter's notes or any error
 * detail: the page shows none of them.
 */
export interface ReportCase {
  id: string;
  /** The service case's code; '' for a device connection. */
  code: string;
  /** Absent: a service case (issue 19). */
  kind?: CaseKind;
  ticketNumber?: string;
  ticketTitle?: string;
  category?: string;
  type?: string;
  priority?: string;
  source?: string;
  technician?: string;
  /** The requester's name (shown and exported), never their email. */
  requester?: string;
  /** Help desk origin, e.g. https://acme.bossdesk.io */
  helpdesk: string;
  /** The ticket page, only when it is an http(s) address on the help desk's own origin. */
  ticketUrl?: string;
  /** Server times (TeamViewer's created_at / closed_at; for an expired case, its expiry). */
  createdAt: string;
  closedAt?: string;
  outcome: Outcome;
  /** closed − created, for cases that were closed (by stop or elsewhere); never for expired ones. */
  durationSec?: number;
  /** Connected time from the connection reports, when there are any. */
  connectedSec?: number;
  devices?: string;
}

/** The page's filter, exactly as in its address (?from=2025-11-01&to=2025-11-30&tech=…&tech=…). */
export interface ReportFilter {
  /** First local day, YYYY-MM-DD, included. */
  from?: string;
  /** Last local day, YYYY-MM-DD, included. */
  to?: string;
  /** Technicians to include; empty or absent: all. '' stands for "no technician". */
  technicians?: string[];
  /** IANA time zone whose days `from`/`to` mean (the page sends the browser's); else the worker's local zone. */
  tz?: string;
  /** Only service cases or only device connections (issue 19); absent: both. */
  kind?: CaseKind;
}

export type Dimension = 'technician' | 'category' | 'type' | 'priority' | 'source';
export const DIMENSIONS: readonly Dimension[] = ['technician', 'category', 'type', 'priority', 'source'];

/** One row of a "by …" table. `timed`: how many of the cases have a duration (closed ones). */
export interface GroupRow {
  key: string;
  count: number;
  timed: number;
  totalSec: number;
  avgSec?: number;
}

export interface Summary {
  /** Every ended case in the filter, expired ones included. */
  sessions: number;
  /** Cases with a duration (closed by stop or elsewhere): what the sums and averages cover. */
  timed: number;
  totalSec: number;
  avgSec?: number;
  medianSec?: number;
  expired: number;
  closedElsewhere: number;
  closeFailed: number;
  /** Connected time from connection reports, and how many cases have one. */
  connectedSec: number;
  connectedCases: number;
}

export interface DayPoint {
  /** Local day, YYYY-MM-DD. */
  day: string;
  count: number;
  totalSec: number;
}

export interface ReportResult {
  filter: ReportFilter;
  /** The instants the filter's days resolved to (ISO, UTC), end exclusive. */
  range: { start?: string; end?: string };
  summary: Summary;
  by: Record<Dimension, GroupRow[]>;
  /** Every day of the range (or from the first to the last case), gaps as zeros. */
  days: DayPoint[];
  /** The cases in the filter, newest first, at most the requested limit. */
  cases: ReportCase[];
  /** How many cases the filter matched (cases.length may be less). */
  casesTotal: number;
  /** Every technician seen in the date range, whatever the technician filter (the filter's options). */
  technicians: string[];
}

/** Sync progress, pushed to the page over the reports port and kept for its next visit. */
export interface SyncStatus {
  running: boolean;
  /** 'full' from the button; 'recent' (the hourly alarm) stops at cases older than the last sync. */
  mode?: 'full' | 'recent';
  phase?: 'reports' | 'sessions';
  /** Pages and API calls so far in this run. */
  pages: number;
  calls: number;
  /** Sessions of the group seen so far. */
  seen: number;
  added: number;
  updated: number;
  /** Sessions of the group without this product's metadata (left out). */
  foreign: number;
  /** Cases of the group that are still open (imported once they end). */
  open: number;
  startedAt?: string;
  /** When the last sync finished successfully. */
  lastSyncAt?: string;
  error?: { code: string; detail?: string };
  /** Connection reports could not be read (e.g. the token lacks that permission). */
  reportsUnavailable?: boolean;
}

/** A history file: records without secrets (supporter link) or the customer email. */
export interface HistoryFile {
  format: 'tv4boss-history';
  version: 1;
  exportedAt: string;
  cases: unknown[];
}

export interface ImportResult { added: number; updated: number; skipped: number }

/** Worker → reports page over the port. */
export type ReportsPortOut = { type: 'changed' } | { type: 'sync'; status: SyncStatus };
export const REPORTS_PORT = 'reports';

/** How many cases the reports page lists at first (its "show all" asks for every one). */
export const PAGE_LIST_LIMIT = 200;
