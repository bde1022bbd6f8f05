// chrome.storage.local, locked to trusted contexts (worker and extension pages) before anything is
// read or written, so that a content script can never read the token or the settings. Writes of
// one key are serialised: two options pages or tabs cannot lose each other's update.
import browser from 'webextension-polyfill';
import { createKeyedLock } from '../../shared/keyed-lock';
import type { LocalKey } from './keys';

let locked: Promise<boolean> | undefined;
let managedLocked = false;

/** True once storage.local is closed to content scripts; false where the browser cannot lock it. */
export function lockStorage(): Promise<boolean> {
  locked ??= (async () => {
    try {
      // Not wrapped by the polyfill: chrome.* here (see README, "One API style").
      await chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      // Managed storage may hold the organisation's token (policy `teamviewerToken`): closed too.
      // Failure here is not fatal for a personal token; the organisation's token is then not used
      // (managedStorageLocked, account/credentials.ts).
      try {
        await chrome.storage.managed.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
        managedLocked = true;
      } catch (e) {
        console.warn('managed storage stays readable by content scripts: the organisation\'s token is not used', e);
      }
      return true;
    } catch (e) {
      console.error('storage lock failed', e);
      return false;
    }
  })();
  return locked;
}

/** True once managed storage (where the organisation's token lives) is closed to content scripts. */
export async function managedStorageLocked(): Promise<boolean> {
  await lockStorage();
  return managedLocked;
}

export async function getLocal<T>(key: LocalKey): Promise<T | undefined> {
  await lockStorage();
  const r = await browser.storage.local.get(key);
  return r[key] as T | undefined;
}

export async function setLocal(key: LocalKey, value: unknown): Promise<void> {
  await lockStorage();
  await browser.storage.local.set({ [key]: value });
}

export async function removeLocal(key: LocalKey): Promise<void> {
  await lockStorage();
  await browser.storage.local.remove(key);
}

const serial = createKeyedLock();

/** Read-modify-write of one key, one at a time; `change` returns the new value (undefined:
 *  remove the key), which is also the result. */
export function updateLocal<T>(key: LocalKey, change: (cur: T | undefined) => T | undefined | Promise<T | undefined>): Promise<T | undefined> {
  return serial(key, async () => {
    const next = await change(await getLocal<T>(key));
    if (next === undefined) await removeLocal(key);
    else await setLocal(key, next);
    return next;
  });
}
