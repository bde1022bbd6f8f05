// The one message protocol between content scripts, extension pages and the worker.
// Requests go through runtime.sendMessage and always answer with a Result; live ticket state is
// pushed over a runtime port named TICKET_PORT. The token never appears in any message to a tab.
import type { CaseRecord } from './case';
import type { Ticket } from './ticket';
import type { TvErrorKind } from './teamviewer/errors';
import type { Settings, SettingsView } from './settings';

export type UiErrorCode =
  | TvErrorKind
  | 'not_connected'
  | 'bad_token_format'
  | 'licence_unsupported'
  | 'bad_request_message'
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
  'settings/get': { req: NoArgs; res: SettingsView };
  'settings/set': { req: { patch: Partial<Settings> }; res: SettingsView };
  'case/start': { req: { ticket: Ticket }; res: TicketView };
  'case/stop': { req: { ticketKey: string }; res: TicketView };
  'ticket/view': { req: { ticketKey: string }; res: TicketView };
  /** A tab reports whether it could post a closing comment through the help desk's form. */
  'comment/result': { req: { ticketKey: string; caseId: string; posted: boolean }; res: null };
  'options/open': { req: NoArgs; res: null };
}
export type RequestType = keyof Requests;
export type Message<K extends RequestType = RequestType> = { type: K } & Requests[K]['req'];

/** What a help-desk page (content script) may ask. Everything else needs an extension page. */
export const CONTENT_REQUESTS: readonly RequestType[] = ['case/start', 'case/stop', 'ticket/view', 'comment/result', 'options/open'];

export const TICKET_PORT = 'ticket';

/** Content script → worker over the port. */
export type PortIn = { type: 'watch'; ticketKey: string };
/** Worker → content script over the port. */
export type PortOut =
  | { type: 'view'; view: TicketView }
  | { type: 'post-comment'; ticketKey: string; caseId: string; text: string };

export function isMessage(x: unknown): x is Message {
  return !!x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string';
}
