// Receives every request, checks who sent it, dispatches it to the module that owns the work.
// Fails closed: an unknown request or sender gets an error, never a partial answer.
import browser, { type Runtime } from 'webextension-polyfill';
import { AppError, toUiError } from '../../shared/app-error';
import { CONTENT_REQUESTS, PICKER_REQUESTS, isMessage, type Message, type RequestType, type Requests, type Result } from '../../shared/protocol';
import { originOfKey } from '../../shared/ticket';
import { connect, connectionStatus, disconnect } from '../account/account';
import { closeOpenCases, openCases } from '../account/revoke';
import { groupSharing, shareGroup, unshareGroup } from '../account/sharing';
import { chooseTechnician, rememberSignedInName, technicianView } from '../account/technician';
import { startCase, stopCase } from '../cases/cases';
import { attemptReply, sendAgain, taskResult } from '../cases/page-tasks';
import { getSettingsView, updateSettings } from '../config/settings';
import { addSite, profilesForPage, removeSite, setSiteProfile, sitesView, testPage } from '../config/sites';
import { dropDiagnosis, recordDiagnosis } from '../config/diagnosis';
import { endTeaching, isPickerTab, saveTaught, startTeaching } from '../config/teach';
import { previewTicket, rememberPreviewTicket } from '../config/preview-ticket';
import { openSupporterLink } from './open-tabs';
import { connectDevice, doneDevice } from '../devices/connections';
import { helpdeskSenderOrigin, isExtensionPage } from './sender';
import { ticketView } from './views';
import { DEFAULT_LIST_LIMIT, answerReport, cleanFilter, prefetchReport, settleCsvDays } from '../reports/query';
import { startSync, syncStatus } from '../reports/sync';
import { exportPage, importCases } from '../reports/export';
import { openReportsPage } from './open-tabs';
import { panelConnect, panelOpenTicket, panelStop } from './panel';
import { blocking, describeMiss } from '../../shared/profile/report';
import { diagnoseTab } from '../config/page-diagnosis';

type Handler<K extends RequestType> = (msg: Message<K>, origin: string | undefined, tabId?: number) => Promise<Requests[K]['res']>;
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
  'token/open-cases': () => openCases(),
  'token/close-cases': () => closeOpenCases(),
  'settings/get': () => getSettingsView(),
  'settings/set': (m) => updateSettings(m.patch ?? {}),
  // The widget's state comes back on its port (one channel); the answer only says "done".
  'case/start': async (m, origin) => {
    if (!m.ticket || m.ticket.origin !== origin) throw AppError.of('bad_request_message', 'ticket of another origin');
    await startCase(m.ticket);
    return null;
  },
  'case/stop': async (m, origin) => {
    await stopCase(ownTicket(m.ticketKey, origin), { confirmColleague: m.confirmColleague === true });
    return null;
  },
  'case/connect': async (m, origin) => {
    await openSupporterLink(ownTicket(m.ticketKey, origin));
    return null;
  },
  'ticket/view': (m, origin) => ticketView(ownTicket(m.ticketKey, origin)),
  // Issue 19: a device is named by its row key in the ticket's view; the worker holds its ids.
  'device/connect': async (m, origin) => {
    await connectDevice(ownTicket(m.ticketKey, origin), String(m.device ?? ''));
    return null;
  },
  'device/done': async (m, origin) => {
    await doneDevice(ownTicket(m.ticketKey, origin));
    return null;
  },
  'task/result': async (m, origin) => {
    if (m.kind !== 'comment' && m.kind !== 'reply') throw AppError.of('bad_request_message', 'unknown task');
    await taskResult(ownTicket(m.ticketKey, origin), String(m.caseId), m.kind, m.done === true);
    return null;
  },
  'task/attempt': (m, origin) => attemptReply(ownTicket(m.ticketKey, origin), String(m.caseId)),
  'email/send-again': async (m, origin) => {
    await sendAgain(ownTicket(m.ticketKey, origin), String(m.caseId));
    return null;
  },
  'template/preview-ticket': () => previewTicket(),
  'options/open': async (m, origin) => {
    if (m.ticket && m.ticket.origin === origin) await rememberPreviewTicket(m.ticket);
    await browser.runtime.openOptionsPage();
    return null;
  },
  // The host permission is requested and removed by the options page itself (a permission prompt
  // needs the admin's click).
  'sites/list': () => sitesView(),
  'sites/add': async (m) => {
    await addSite(String(m.origin ?? ''), m.profile ?? undefined);
    return sitesView();
  },
  'sites/remove': async (m) => {
    await removeSite(String(m.origin ?? ''));
    return sitesView();
  },
  'sites/set-profile': async (m) => {
    await setSiteProfile(String(m.origin ?? ''), m.profile ?? null);
    return sitesView();
  },
  'sites/clear-diagnosis': async (m) => {
    await dropDiagnosis(String(m.origin ?? ''));
    return sitesView();
  },
  'sites/test': (m) => testPage({
    ...(typeof m.tabId === 'number' ? { tabId: m.tabId } : {}),
    ...(typeof m.origin === 'string' ? { origin: m.origin } : {}),
    ...(m.profile ? { profile: m.profile } : {}),
  }),
  'sites/teach': (m) => startTeaching(String(m.origin ?? '')),
  // The router has checked that the picker was injected into this very tab, on this origin.
  'picker/save': async (m, origin, tabId) => {
    if (!origin || tabId === undefined || !m.profile || typeof m.profile !== 'object') throw AppError.of('bad_request_message', 'no profile');
    await saveTaught(tabId, origin, m.profile);
    return null;
  },
  'picker/end': async (_m, _origin, tabId) => {
    if (tabId !== undefined) await endTeaching(tabId);
    return null;
  },
  'technician/get': () => technicianView(),
  'technician/set': (m) => chooseTechnician(String(m.userid ?? '')),
  'group/sharing': () => groupSharing(),
  'group/share': (m) => shareGroup(m.userids, m.permissions),
  'group/unshare': (m) => unshareGroup(m.userids),
  'page/signed-in-user': async (m) => {
    if (typeof m.name === 'string' && m.name.trim()) await rememberSignedInName(m.name.trim());
    return null;
  },
  // From content scripts: `origin` is the sender's, so a page learns and reports only about itself.
  'profile/for-page': (_m, origin) => profilesForPage(origin),
  'page/diagnosis': async (_m, origin, tabId) => {
    if (!origin || tabId === undefined) return null;
    // The worker reads the sender's own tab (the diagnosis stays out of the content script).
    const report = await diagnoseTab(tabId, origin, await profilesForPage(origin));
    // Only a page the widget stays away from (it may have become readable in the meantime).
    if (!report || !blocking(report.diagnosis)) return null;
    await recordDiagnosis(origin, report);
    return describeMiss(report);
  },
  // ---- Reports (issue 10): history goes to extension pages only (CONTENT_REQUESTS has only
  // reports/open), and as ReportCase: no email body, links or requester email.
  'reports/query': (m) => answerReport(cleanFilter(m.filter), typeof m.limit === 'number' && m.limit >= 0 ? Math.min(m.limit, 100_000) : DEFAULT_LIST_LIMIT),
  'reports/prefetch': (m) => prefetchReport(String(m.search ?? ''), m.tz),
  'reports/csv-days': (m) => settleCsvDays(cleanFilter(m.filter)),
  'reports/sync': () => startSync('full'),
  'reports/sync-status': () => syncStatus(),
  'reports/export-page': (m) => exportPage(m.after),
  'reports/import-chunk': (m) => importCases(m.cases),
  'reports/open': async () => {
    await openReportsPage();
    return null;
  },
  // ---- Side panel (issue 17): extension pages only (not in CONTENT_REQUESTS).
  'panel/open-ticket': (m) => panelOpenTicket(m.caseId),
  'panel/connect': (m) => panelConnect(m.caseId),
  'panel/stop': (m) => panelStop(m.caseId, m.confirmColleague === true),
};

export async function handleMessage(raw: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> {
  try {
    if (!isMessage(raw) || !Object.hasOwn(handlers, raw.type)) throw AppError.of('bad_request_message', 'unknown request');
    const type = raw.type;
    let origin: string | undefined;
    if (!isExtensionPage(sender)) {
      origin = await helpdeskSenderOrigin(sender);
      const allowed = CONTENT_REQUESTS.includes(type) || (PICKER_REQUESTS.includes(type) && (await isPickerTab(sender.tab?.id, origin)));
      if (!origin || !allowed) throw AppError.of('bad_request_message', 'sender not allowed');
    }
    const handler = handlers[type] as Handler<RequestType>;
    return { ok: true, data: await handler(raw, origin, origin ? sender.tab?.id : undefined) };
  } catch (e) {
    return { ok: false, error: toUiError(e) };
  }
}
