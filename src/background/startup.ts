// Every worker start (install, update, browser start-up, a wake-up after Chrome stopped it):
// settle the cases a previous worker left in flight, then re-arm the alarms from stored state.
// chrome.alarms persist, but not always across a browser restart: onStartup re-arms them too.
import browser from 'webextension-polyfill';
import { reconcile } from './cases/reconcile';
import { armWatcher } from './cases/watcher';

let settling: Promise<void> | undefined;

/** Calls that come while one runs (start-up, onStartup, an update: all at worker start) share it. */
export function settle(): Promise<void> {
  settling ??= (async () => {
    try {
      await reconcile();
      await armWatcher();
    } finally {
      settling = undefined;
    }
  })();
  return settling;
}

export function settleOnEveryStart(): void {
  void settle();
  browser.runtime.onStartup.addListener(() => void settle());
}
