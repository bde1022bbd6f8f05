// Every worker start (install, update, browser start-up, a wake-up after Chrome stopped it):
// settle the cases a previous worker left in flight, then re-arm the alarms from stored state.
// chrome.alarms persist, but not always across a browser restart: onStartup re-arms them too.
import browser from 'webextension-polyfill';
import { reconcile } from './cases/reconcile';
import { armWatcher } from './cases/watcher';

export async function settle(): Promise<void> {
  await reconcile();
  await armWatcher();
}

export function settleOnEveryStart(): void {
  void settle();
  browser.runtime.onStartup.addListener(() => void settle());
}
