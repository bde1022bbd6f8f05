// chrome.runtime.onInstalled. An update (a new version from the store, or a newer build loaded
// unpacked over the installed one) keeps every record: storage.local and the IndexedDB history
// belong to the extension id, not to its version. The update is still handled explicitly:
//   1. the history database is opened, so that its upgrade steps (store/history.ts) run now, from
//      the version the previous release left, rather than on first use;
//   2. the sites' content scripts are registered again (the bundle's file names change with every
//      build, and Chrome may drop dynamic registrations on an update);
//   3. the cases the previous version left in flight are settled and the watcher's alarms re-armed
//      (alarms are not guaranteed to survive an update);
//   4. the previous version and the database upgrade are recorded (LOCAL_KEYS.install);
//   5. first of all, a token 0.1.0 saved without its API address is pinned to the default address.
// Open ticket tabs keep the previous version's content script, cut off from the worker, until they
// are reloaded: Chrome injects content scripts into pages loaded after the update only.
import browser, { type Runtime } from 'webextension-polyfill';
import { pinLegacyCredentials } from './account/credentials';
import { syncContentScripts } from './config/sites';
import { settle } from './startup';
import { DB_VERSION, db, historyUpgradedFrom } from './store/history';
import { LOCAL_KEYS } from './store/keys';
import { updateLocal } from './store/local';

export interface InstallRecord {
  version: string;
  installedAt?: string;
  /** The version the last update came from, and when. */
  previousVersion?: string;
  updatedAt?: string;
  /** The IndexedDB upgrade the last update ran (from 0: the database was created). */
  historyDb?: { from: number; to: number };
}

export async function onInstalled(details: Pick<Runtime.OnInstalledDetailsType, 'reason' | 'previousVersion'>): Promise<void> {
  if (details.reason !== 'install' && details.reason !== 'update') return; // the browser was updated: onStartup settles
  const version = browser.runtime.getManifest().version;
  const at = new Date().toISOString();
  if (details.reason === 'install') {
    await updateLocal<InstallRecord>(LOCAL_KEYS.install, (cur) => ({ ...cur, version, installedAt: cur?.installedAt ?? at }));
    return;
  }
  await pinLegacyCredentials();
  await db();
  const from = historyUpgradedFrom();
  await syncContentScripts();
  await settle();
  await updateLocal<InstallRecord>(LOCAL_KEYS.install, (cur) => ({
    ...cur,
    version,
    ...(details.previousVersion ? { previousVersion: details.previousVersion } : {}),
    updatedAt: at,
    ...(from !== undefined ? { historyDb: { from, to: DB_VERSION } } : {}),
  }));
}
