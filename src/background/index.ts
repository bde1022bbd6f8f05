// Service worker entry: registers every listener synchronously (so events that wake the worker
// are not missed), then settles whatever a previous worker left in flight.
import browser, { type Runtime } from 'webextension-polyfill';
import { TICKET_PORT } from '../shared/protocol';
import { RECONCILE_ALARM, reconcile } from './cases';
import { offerPending } from './page-tasks';
import { onNotificationClick } from './notifier';
import { handleMessage } from './router';
import { lockStorage } from './storage';
import { acceptPort, send } from './tabs';
import { ticketView } from './views';
import { EXPIRY_ALARM, WATCH_ALARM, armWatcher, tick } from './watcher';
import { forgetPolicy, onPolicySnapshotStale } from './policy';
import { syncContentScripts } from './sites';
import { REPORTS_PORT } from '../shared/reports/types';
import { acceptReportsPort } from './reports/port';
import { SYNC_ALARM, armSyncAlarm, onSyncAlarm, resumeSync, runSync, syncStatus } from './reports/sync';
import { openReportsPage } from './reports/open';
import { runReportDetailed } from './reports/query';

void lockStorage();

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => handleMessage(msg, sender));

browser.runtime.onConnect.addListener((port) => {
  if (port.name === REPORTS_PORT) return; // the reports block below takes it
  if (port.name !== TICKET_PORT) return port.disconnect();
  acceptPort(port, async (ticketKey, p) => {
    send(p, { type: 'view', view: await ticketView(ticketKey) });
    await offerPending(ticketKey, p);
  });
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === WATCH_ALARM || alarm.name === EXPIRY_ALARM) void tick();
  else if (alarm.name === RECONCILE_ALARM) void reconcile();
});

browser.notifications.onClicked.addListener((id) => void onNotificationClick(id));
browser.notifications.onButtonClicked.addListener((id, button) => void onNotificationClick(id, button));

// Sites & profiles (issue 4): a policy change may add or drop sites and change settings. The
// registered content scripts are re-checked at every start (an update renames the bundle).
const onPolicyChange = () => {
  void syncContentScripts();
  void armWatcher();
};
browser.storage.onChanged.addListener((_changes, area) => {
  if (area !== 'managed') return;
  forgetPolicy();
  onPolicyChange();
});
onPolicySnapshotStale(onPolicyChange);
// Access granted later (a policy site's "Grant access"): register what could not be before.
browser.permissions.onAdded.addListener(() => void syncContentScripts());
void syncContentScripts();

void (async () => {
  await reconcile();
  await armWatcher();
})();

// Exposed for the e2e suite (it drives the worker through CDP): notification clicks cannot be
// automated in Chromium, so tests call the same handler the click would.
Object.assign(globalThis, { __tv4boss: { onNotificationClick, tick } });

// ---- Reports (issue 10): the page's port, the toolbar button, the hourly team-wide sync (and
// the resumption of a sync that a stopped worker left half done) ----
browser.runtime.onConnect.addListener((port) => {
  if (port.name === REPORTS_PORT) acceptReportsPort(port, async () => ({ type: 'sync', status: await syncStatus() }));
});
browser.action.onClicked.addListener(() => void openReportsPage());
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void onSyncAlarm();
});
void armSyncAlarm();
void resumeSync();
// For the e2e suite and the bench (driven through CDP), like __tv4boss above.
Object.assign(globalThis, { __tv4bossReports: { runSync, syncStatus, runReportDetailed } });
