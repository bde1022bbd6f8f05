// Service worker entry: wires the listeners synchronously (so events that wake the worker are not
// missed), then settles whatever a previous worker left in flight. No logic of its own.
import browser, { type Runtime } from 'webextension-polyfill';
import { OPTIONS_PORT, PANEL_PORT, TICKET_PORT } from '../shared/protocol';
import { RECONCILE_ALARM, reconcile } from './cases/reconcile';
import { settleOnEveryStart } from './startup';
import { EXPIRY_ALARM, WATCH_ALARM, tick } from './cases/watcher';
import { onInstalled } from './install';
import { watchPolicy } from './config/policy-change';
import { syncContentScripts } from './config/sites';
import { lockStorage } from './store/local';
import { listenToEvents } from './listeners';
import { onNotificationClick } from './runtime/notifier';
import { acceptOptionsPort } from './runtime/options-port';
import { acceptPort } from './runtime/ports';
import { handleMessage } from './runtime/router';
import { installTestHook } from './runtime/test-hook';
import { REPORTS_PORT } from '../shared/reports/types';
import { SYNC_ALARM, armSyncAlarm, onSyncAlarm, resumeSync, runSync, syncStatus } from './reports/sync';
import { reportCases, runReportDetailed, scanReport } from './reports/query';
import { rebuildReportDays, rebuildRollups } from './store/history';
import { acceptReportsPort } from './runtime/reports-port';
import { openReportsPage } from './runtime/open-tabs';
import { onPageFetch, routePastWorker, type PageFetchEvent, type RoutesInstallEvent } from './reports/page-fetch';
import { acceptPanelPort } from './runtime/panel';
import { seeOnTicketPorts, updateBadge } from './runtime/badge';
import { onCommand, toggleSession } from './runtime/commands';
import { DEVICE_ALARM, armDeviceAlarm, checkDeviceConnections } from './devices/connections';

void lockStorage();

listenToEvents();

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => handleMessage(msg, sender));
browser.runtime.onConnect.addListener((port) => {
  if (port.name === REPORTS_PORT || port.name === PANEL_PORT) return; // the reports and panel blocks below take them
  if (port.name === OPTIONS_PORT) return acceptOptionsPort(port);
  if (port.name !== TICKET_PORT) return port.disconnect();
  acceptPort(port);
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === WATCH_ALARM) void tick('alarm');
  else if (alarm.name === EXPIRY_ALARM) void tick();
  else if (alarm.name === RECONCILE_ALARM) void reconcile();
  else if (alarm.name === DEVICE_ALARM) void checkDeviceConnections();
});

browser.notifications.onClicked.addListener((id) => void onNotificationClick(id));
browser.notifications.onButtonClicked.addListener((id, button) => void onNotificationClick(id, button));

// A policy change (token, sites, settings) reaches open widgets and the options page at once
// (config/policy-change.ts). The registered content scripts are re-checked at every start (an
// update renames the bundle).
watchPolicy();
// Access granted later (a policy site's "Grant access"): register what could not be before.
browser.permissions.onAdded.addListener(() => void syncContentScripts());
void syncContentScripts();

settleOnEveryStart();
// Install and update (previous version, IndexedDB upgrade, content scripts, alarms): install.ts.
browser.runtime.onInstalled.addListener((details) => void onInstalled(details));

// Reports: the page's port, the toolbar button, the hourly team-wide sync (and the resumption of a
// sync that a stopped worker left half done).
browser.runtime.onConnect.addListener((port) => {
  if (port.name === REPORTS_PORT) acceptReportsPort(port, async () => ({ type: 'sync', status: await syncStatus() }));
});
// The toolbar button opens the side panel (its Reports link is one click away); without the
// sidePanel API (an older Edge) it opens the reports page as before.
if (chrome.sidePanel?.setPanelBehavior) void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
browser.action.onClicked.addListener(() => void openReportsPage());
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void onSyncAlarm();
});
void armSyncAlarm();
void resumeSync();

// The reports page's navigation, answered with its figures in its HTML; nothing else of the
// extension's pages passes through the worker (reports/page-fetch.ts).
self.addEventListener('install', (e) => routePastWorker(e as unknown as RoutesInstallEvent));
self.addEventListener('fetch', (e) => onPageFetch(e as unknown as PageFetchEvent));

// The side panel "Service cases", the toolbar badge and the keyboard shortcuts (issue 17).
browser.runtime.onConnect.addListener((port) => {
  if (port.name === PANEL_PORT) acceptPanelPort(port);
  else seeOnTicketPorts(port);
});
chrome.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
void updateBadge();
// Running connections to requesters' devices (issue 19): their end is looked for while one runs.
void armDeviceAlarm();

if (__TEST_BUILD__) installTestHook({ onNotificationClick, tick: async () => { await tick(); await checkDeviceConnections(); }, command: onCommand, toggleSession, reports: { runSync, syncStatus, runReportDetailed, scanReport, reportCases, rebuildRollups, rebuildReportDays } });
