// The one message protocol between content scripts, extension pages and the worker.
// Requests go through runtime.sendMessage and always answer with a Result; live ticket state is
// pushed over a runtime port named TICKET_PORT. The token never appears in any message to a tab.
import type { CaseRecord } from './case';
import type { Ticket } from './ticket';
import type { TvErrorKind } from './teamviewer/errors';
import type { Settings, SettingsView } from './settings';
import type { PageTest, SitesView } from './profile/report';
import type { SiteProfile } from './profile/types';
import type { ImportResult, ReportFilter, ReportResult, SyncStatus } from './reports/types';
import type { DaySpan } from './reports/day-copy';
import type { ExportPage } from './reports/history-stream';

export type UiErrorCode =
  | TvErrorKind
  | 'not_connected'
  | 'bad_token_format'
  | 'license_unsupported'
  | 'bad_api_address'
  | 'storage_unlocked'
  | 'managed_by_policy'
  | 'technician_unknown'
  /** The chosen technician is no longer among the organisation's TeamViewer users: choose again. */
  | 'technician_left'
  /** Managed storage could not be closed to content scripts: the organisation's token is not used. */
  | 'managed_unlocked'
  | 'bad_request_message'
  | 'invalid_template'
  | 'internal';

export interface UiError {
  code: UiErrorCode;
  /** Extra text from TeamViewer or the missing permission's name; shown after the message. */
  detail?: string;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: UiError };

export interface AccountView {
  userid: string;
  name: string;
  email: string;
  company?: string;
  license?: string;
}

export interface OpenCaseItem {
  code: string;
  ticketKey?: string;
  /** "#1042 Printer on floor 2…" when the case is known locally, else TeamViewer's description. */
  label: string;
  source: 'history' | 'teamviewer';
}

export interface ConnectionStatus {
  connected: boolean;
  /** personal: a token connected in the options page; organisation: distributed by policy. */
  source?: 'personal' | 'organisation';
  account?: AccountView;
  /** The organisation's token was refused (invalid, licence, permission): what TeamViewer said. */
  orgError?: UiError;
  apiBaseUrl: string;
  /** TeamViewer refused the device list (403, issue 19): the options page says which permission
   *  shows the requester's computers; TeamViewer's own words when it gave any. */
  devicesForbidden?: { detail?: string };
}

/** Who this browser works for (see background/account/technician.ts). */
export interface TechnicianView {
  /** none: not connected · personal: the token's own user · organisation: chosen from the users. */
  mode: 'none' | 'personal' | 'organisation';
  users: { userid: string; name: string; email?: string }[];
  chosen?: { userid: string; name: string };
  /** The user whose name the help desk shows as signed in, when exactly one matches. */
  suggested?: string;
}

/** The BOSS group's sharing (options page). */
export interface GroupSharingView {
  groupid: string;
  /** The organisation's token without the policy's `allowSharing`: shown, not changed. */
  readOnly?: boolean;
  users: { userid: string; name: string; email?: string }[];
  sharedWith: { userid: string; name?: string; permissions: string; pending?: boolean }[];
}

/** A case as a tab may see it: everything but the ticket copy (the tab has the ticket) and the
 *  supporter link (a secret: "Connect" asks the worker to open it). */
export type CaseView = Omit<CaseRecord, 'ticket' | 'supporterLink'>;

/** One of the requester's own computers as a tab may see it (issue 19): the shown fields and an
 *  opaque row key, never a device id. */
export interface DeviceView {
  key: string;
  name: string;
  online: boolean;
  lastSeen?: string;
}

/** The ticket's running connection to a requester's device. */
export interface DeviceConnectionView {
  name: string;
  /** When Connect was clicked (TeamViewer's clock). */
  since: string;
}

export interface TicketView {
  ticketKey: string;
  /** The requester's computers (absent: nothing matched, no permission, not read). */
  devices?: DeviceView[];
  deviceConnection?: DeviceConnectionView;
  connected: boolean;
  active?: CaseView;
  /** Earlier cases of this ticket, newest first. */
  history: CaseView[];
  /** Set while a call is being retried (429, 5xx, network). */
  waiting?: { reason: TvErrorKind; untilMs: number };
  /** The last failure of an action on this ticket, until the next action. */
  error?: UiError;
}

/** A request without payload. */
type NoArgs = object;

/** Request name → request payload and answer. */
export interface Requests {
  'token/connect': { req: { token: string; apiBaseUrl?: string }; res: ConnectionStatus };
  'token/status': { req: NoArgs; res: ConnectionStatus };
  'token/disconnect': { req: NoArgs; res: ConnectionStatus };
  /** Open cases to offer closing before the token is revoked (from history and from TeamViewer). */
  'token/open-cases': { req: NoArgs; res: OpenCaseItem[] };
  'token/close-cases': { req: NoArgs; res: OpenCaseItem[] };
  'settings/get': { req: NoArgs; res: SettingsView };
  'settings/set': { req: { patch: Partial<Settings> }; res: SettingsView };
  /** Start and stop answer null once done: the ticket's state reaches its widgets on their port. */
  'case/start': { req: { ticket: Ticket }; res: null };
  /** `confirmColleague`: the technician confirmed stopping a case a colleague started (else refused). */
  'case/stop': { req: { ticketKey: string; confirmColleague?: boolean }; res: null };
  /** "Connect now": the worker opens the supporter link (a secret) in a new tab; it never reaches the page. */
  'case/connect': { req: { ticketKey: string }; res: null };
  'ticket/view': { req: { ticketKey: string }; res: TicketView };
  /** Connect to one of the requester's devices (its row key): the worker opens the start link. */
  'device/connect': { req: { ticketKey: string; device: string }; res: null };
  /** Done with the ticket's device connection: recorded, and its comment written to the ticket. */
  'device/done': { req: { ticketKey: string }; res: null };
  /** A tab reports whether it could do a page task (post the comment, fill or send the reply). */
  'task/result': { req: { ticketKey: string; caseId: string; kind: PageTaskKind; done: boolean }; res: null };
  /** A tab is about to click the reply form's Send: the worker records the attempt (the customer
   *  email is then never sent again automatically) and answers whether the click may happen. */
  'task/attempt': { req: { ticketKey: string; caseId: string }; res: boolean };
  /** The technician's "Send again" on an email that may not have gone out. */
  'email/send-again': { req: { ticketKey: string; caseId: string }; res: null };
  /** From a ticket's widget: opens the options page, which may preview the email with that ticket. */
  'options/open': { req: { ticket?: Ticket }; res: null };
  'template/preview-ticket': { req: NoArgs; res: Ticket['fields'] | null };
  'sites/list': { req: NoArgs; res: SitesView };
  /** After the options page got the host permission from the admin's click. */
  'sites/add': { req: { origin: string; profile?: SiteProfile }; res: SitesView };
  'sites/remove': { req: { origin: string }; res: SitesView };
  /** null: back to the built-in profiles. */
  'sites/set-profile': { req: { origin: string; profile: SiteProfile | null }; res: SitesView };
  'sites/clear-diagnosis': { req: { origin: string }; res: SitesView };
  /** "Test on this page": the given tab, else the most recently used help-desk tab (of `origin`
   *  if given); `profile`: an unsaved draft to test instead of the site's profile. */
  'sites/test': { req: { tabId?: number; origin?: string; profile?: SiteProfile }; res: PageTest };
  /** "Teach on this page": injects the picker into the most recently used tab of `origin`. */
  'sites/teach': { req: { origin: string }; res: TeachStart };
  /** From the picker (only in a tab the worker injected it into): validates and saves the taught
   *  profile for the tab's site; the tab's content script switches to it at once. */
  'picker/save': { req: { profile: SiteProfile }; res: null };
  /** From the picker: the panel was closed (the tab may no longer save). */
  'picker/end': { req: NoArgs; res: null };
  'technician/get': { req: NoArgs; res: TechnicianView };
  'technician/set': { req: { userid: string }; res: TechnicianView };
  'group/sharing': { req: NoArgs; res: GroupSharingView };
  'group/share': { req: { userids: string[]; permissions: 'read' | 'readwrite' }; res: GroupSharingView };
  'group/unshare': { req: { userids: string[] }; res: GroupSharingView };
  /** Content script: the name the help desk shows as signed in (pre-selects the technician). */
  'page/signed-in-user': { req: { name: string }; res: null };
  /** Content script, once at start: its origin's own profile, or null for the built-ins. */
  /** The profiles this page is read with: the site's own (custom) else the built-ins, sent by the
   *  worker so that the built-in profiles stay out of the content script (its size is budgeted). */
  'profile/for-page': { req: NoArgs; res: { profiles: SiteProfile[]; custom: boolean } };
  /** Content script: its ticket page did not become readable. The worker reads the sender's tab
   *  itself (page-diagnosis.ts: the diagnosis stays out of the content script, whose size is
   *  budgeted) and records the report per origin for the options page only when the widget is kept
   *  away (blocking); answered with the page's console line about what did not match
   *  (describeMiss), or null when nothing was recorded. */
  'page/diagnosis': { req: NoArgs; res: string | null };
  // ---- Reports (issue 10): extension pages only, except reports/open ----
  /** Filter + aggregate the history; `limit`: how many cases of the list (newest first). */
  'reports/query': { req: { filter: ReportFilter; limit?: number }; res: ReportResult };
  /** The reports page's first script, before the page's code has loaded: the figures of the filter
   *  in the page's address (`search`), and its first list begun (the page's reports/query gets it). */
  'reports/prefetch': { req: { search: string; tz?: string }; res: ReportResult };
  /** Before the CSV: the filter's days of the reports' per-day copy brought up to date; the UTC
   *  days to read (the page reads that store itself: one record a day, no message per case). */
  'reports/csv-days': { req: { filter: ReportFilter }; res: DaySpan };
  /** Starts a team-wide sync from TeamViewer (or joins the one running); progress over the reports port. */
  'reports/sync': { req: NoArgs; res: SyncStatus };
  'reports/sync-status': { req: NoArgs; res: SyncStatus };
  /** A page of the history export (records after case id `after`); the page writes the file. */
  'reports/export-page': { req: { after?: string }; res: ExportPage };
  /** Merges one chunk of a history file's records (the page sends the file in chunks): adds and
   *  enriches, never deletes. */
  'reports/import-chunk': { req: { cases: unknown[] }; res: ImportResult };
  /** From the widget's Reports link (and the side panel): opens the reports page. */
  'reports/open': { req: NoArgs; res: null };
  // ---- Side panel "Service cases" (issue 17): extension pages only. A case is named by its id;
  // the worker does the work (the supporter link and TeamViewer never reach the panel).
  /** Focuses a tab showing the case's ticket, else opens the ticket. */
  'panel/open-ticket': { req: { caseId: string }; res: null };
  /** Opens the case's supporter link in a new tab (as the widget's "Connect"). */
  'panel/connect': { req: { caseId: string }; res: null };
  /** Stops the case (a colleague's only with `confirmColleague`, sent from the panel's confirmation);
   *  its closing comment is written the next time its ticket is open in a tab. */
  'panel/stop': { req: { caseId: string; confirmColleague?: boolean }; res: null };
}
export type RequestType = keyof Requests;
export type Message<K extends RequestType = RequestType> = { type: K } & Requests[K]['req'];

/** What a help-desk page (content script) may ask. Everything else needs an extension page. */
export const CONTENT_REQUESTS: readonly RequestType[] = ['case/start', 'case/stop', 'case/connect', 'ticket/view', 'device/connect', 'device/done', 'task/result', 'task/attempt', 'email/send-again', 'options/open',
  'profile/for-page', 'page/diagnosis', 'page/signed-in-user', 'reports/open'];

/** What the injected picker may ask, from a tab the worker injected it into (and nothing else). */
export const PICKER_REQUESTS: readonly RequestType[] = ['picker/save', 'picker/end'];

/** Answer to "Teach on this page". */
export type TeachStart = { ok: true; tabId: number } | { ok: false; reason: 'no_tab' | 'not_injected'; url?: string };

export const TICKET_PORT = 'ticket';

/** The options page's port: the worker says when enterprise policy changed (reload what is shown). */
export const OPTIONS_PORT = 'options';
export type OptionsPortOut = { type: 'policy-changed' };

/** Worker → content script through tabs.sendMessage ("Teach on this page"; the keyboard shortcut
 *  "start or stop the session for this ticket", answered true when a widget took it). */
export type TabRequest = { type: 'tab/toggle' }
  /** A profile was just taught on this tab: use it now (the widget appears without a reload). */
  | { type: 'tab/profile'; profile: SiteProfile };

/** The side panel's live line (issue 17): the worker pushes a fresh snapshot on every case event. */
export const PANEL_PORT = 'cases';

/** A case as the side panel lists it: the view a tab gets, plus how to name its ticket. */
export interface PanelCase extends CaseView {
  ticketNumber?: string;
  ticketTitle?: string;
  /** The help desk's host name. */
  helpdesk: string;
}

/** A running device connection as the side panel lists it. */
export interface PanelDevice extends DeviceConnectionView {
  id: string;
  ticketNumber?: string;
  ticketTitle?: string;
  helpdesk: string;
}

export interface PanelSnapshot {
  connected: boolean;
  /** TeamViewer's clock minus this browser's (live timers count from the server's start time). */
  serverOffsetMs: number;
  /** This technician's open cases, newest first. */
  mine: PanelCase[];
  /** Colleagues' open cases (shared BOSS group), newest first. */
  colleagues: PanelCase[];
  /** This technician's cases that ended today, newest first. */
  today: PanelCase[];
  /** Running connections to requesters' devices (issue 19). */
  devices?: PanelDevice[];
  /** Reading the history failed. */
  error?: UiError;
}

export type PanelPortOut = { type: 'cases'; snapshot: PanelSnapshot };

/** Content script → worker over the port. */
export type PortIn = { type: 'watch'; ticketKey: string; /** The ticket as the tab reads it: its requester's devices (issue 19). */ ticket?: Ticket };
/** Things only the help-desk page can do, through its own forms. */
export type PageTask =
  | { kind: 'comment'; text: string }
  | { kind: 'reply'; to: string; subject: string; body: string; send: boolean };
export type PageTaskKind = PageTask['kind'];

/** Worker → content script over the port. */
export type PortOut =
  | { type: 'view'; view: TicketView }
  | { type: 'page-task'; ticketKey: string; caseId: string; task: PageTask };

export function isMessage(x: unknown): x is Message {
  return !!x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string';
}
