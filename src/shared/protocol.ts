// The one message protocol between content scripts, extension pages and the worker.
// Requests go through runtime.sendMessage and always answer with a Result; live ticket state is
// pushed over a runtime port named TICKET_PORT. The token never appears in any message to a tab.
import type { CaseRecord } from './case';
import type { Ticket } from './ticket';
import type { TvErrorKind } from './teamviewer/errors';
import type { Settings, SettingsView } from './settings';
import type { PageReport, PageTest, SitesView } from './profile/report';
import type { SiteProfile } from './profile/types';

export type UiErrorCode =
  | TvErrorKind
  | 'not_connected'
  | 'bad_token_format'
  | 'licence_unsupported'
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
  licence?: string;
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
  account?: AccountView;
  apiBaseUrl: string;
}

/** A case as a tab may see it: everything but the ticket copy (the tab has the ticket). */
export type CaseView = Omit<CaseRecord, 'ticket'>;

export interface TicketView {
  ticketKey: string;
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
  'case/start': { req: { ticket: Ticket }; res: TicketView };
  'case/stop': { req: { ticketKey: string }; res: TicketView };
  'ticket/view': { req: { ticketKey: string }; res: TicketView };
  /** From the widget's Connect button: the worker opens the active case's supporter link in a new
   *  tab (the link carries a secret, so it is never put in the page). */
  'case/connect': { req: { ticketKey: string }; res: null };
  /** A tab reports whether it could do a page task (post the comment, fill or send the reply). */
  'task/result': { req: { ticketKey: string; caseId: string; kind: PageTaskKind; done: boolean }; res: null };
  /** From a ticket's widget: opens the options page, which may preview the email with that ticket. */
  'options/open': { req: { ticket?: Ticket }; res: null };
  'template/preview-ticket': { req: NoArgs; res: Ticket['fields'] | null };
  // Sites & profiles (issue 4)
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
  /** Content script, once at start: its origin's own profile, or null for the built-ins. */
  'profile/for-page': { req: NoArgs; res: SiteProfile | null };
  /** Content script: a ticket page that did not match (kept per origin for the options page). */
  'page/diagnosis': { req: { report: PageReport }; res: null };
}
export type RequestType = keyof Requests;
export type Message<K extends RequestType = RequestType> = { type: K } & Requests[K]['req'];

/** What a help-desk page (content script) may ask. Everything else needs an extension page. */
export const CONTENT_REQUESTS: readonly RequestType[] = ['case/start', 'case/stop', 'case/connect', 'ticket/view', 'task/result',
  'options/open', 'profile/for-page', 'page/diagnosis'];

export const TICKET_PORT = 'ticket';

/** Worker → content script through tabs.sendMessage (Sites & profiles, issue 4). */
export type TabRequest = { type: 'tab/diagnose'; profile?: SiteProfile };

/** Content script → worker over the port. */
export type PortIn = { type: 'watch'; ticketKey: string };
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
