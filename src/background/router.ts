// Receives every request, checks who sent it, dispatches it. Fails closed.
import type { Runtime } from 'webextension-polyfill';
import { AppError, toUiError } from '../shared/app-error';
import { CONTENT_REQUESTS, isMessage, type Message, type RequestType, type Requests, type Result } from '../shared/protocol';
import { originOfKey } from '../shared/ticket';
import { connect, connectionStatus, disconnect } from './account';
import { startCase, stopCase } from './cases';
import { commentResult } from './comments';
import { getSettingsView, updateSettings } from './settings-store';
import { ticketView } from './views';
import { helpdeskSenderOrigin, isExtensionPage } from './sender';
import { armWatcher } from './watcher';
import browser from 'webextension-polyfill';

type Handler<K extends RequestType> = (msg: Message<K>, origin: string | undefined) => Promise<Requests[K]['res']>;
type Handlers = { [K in RequestType]: Handler<K> };

/** A help-desk page may only act on tickets of its own origin. */
function ownTicket(key: string, origin: string | undefined): string {
  if (typeof key !== 'string' || originOfKey(key) !== origin) throw AppError.of('bad_request_message', 'ticket of another origin');
  return key;
}

const handlers: Handlers = {
  'token/connect': (m) => connect(String(m.token ?? ''), m.apiBaseUrl ? String(m.apiBaseUrl) : undefined),
  'token/status': () => connectionStatus(),
  'token/disconnect': () => disconnect(),
  'settings/get': () => getSettingsView(),
  'settings/set': async (m) => {
    await updateSettings(m.patch ?? {});
    await armWatcher();
    return getSettingsView();
  },
  'case/start': (m, origin) => {
    if (!m.ticket || m.ticket.origin !== origin) throw AppError.of('bad_request_message', 'ticket of another origin');
    return startCase(m.ticket);
  },
  'case/stop': (m, origin) => stopCase(ownTicket(m.ticketKey, origin)),
  'ticket/view': (m, origin) => ticketView(ownTicket(m.ticketKey, origin)),
  'comment/result': async (m, origin) => {
    await commentResult(ownTicket(m.ticketKey, origin), String(m.caseId), m.posted === true);
    return null;
  },
  'options/open': async () => {
    await browser.runtime.openOptionsPage();
    return null;
  },
};

export async function handleMessage(raw: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> {
  try {
    if (!isMessage(raw) || !Object.hasOwn(handlers, raw.type)) throw AppError.of('bad_request_message', 'unknown request');
    const type = raw.type;
    let origin: string | undefined;
    if (!isExtensionPage(sender)) {
      origin = await helpdeskSenderOrigin(sender);
      if (!origin || !CONTENT_REQUESTS.includes(type)) throw AppError.of('bad_request_message', 'sender not allowed');
    }
    const handler = handlers[type] as Handler<RequestType>;
    return { ok: true, data: await handler(raw, origin) };
  } catch (e) {
    return { ok: false, error: toUiError(e) };
  }
}
