// Test build only (index.ts calls this under __TEST_BUILD__, so a production bundle drops it): the
// e2e suite drives the worker through CDP. Notification clicks cannot be automated in Chromium,
// so tests call the same handler a click would; a watcher tick runs now instead of on its alarm;
// the reports' sync and query are driven by the reports e2e and bench; keyboard shortcuts cannot
// be pressed in headless Chromium, so tests call the commands' handler (issue 17).
export function installTestHook(api: {
  tick(): Promise<void>;
  onNotificationClick(id: string, button?: number): Promise<void>;
  command(name: string, tab?: chrome.tabs.Tab): Promise<unknown>;
  toggleSession(tabId?: number): Promise<boolean>;
  reports: object;
}): void {
  const { reports, ...worker } = api;
  Object.assign(globalThis, { __tv4boss: worker, __tv4bossReports: reports });
}
