// storage.local is locked to trusted contexts (worker and extension pages) before anything is
// written, so a content script can never read the token or settings from it.
import browser from 'webextension-polyfill';

let locked: Promise<void> | undefined;

export function lockStorage(): Promise<void> {
  locked ??= (async () => {
    try {
      await chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch (e) {
      // Never expected on Chrome ≥ 120; the token is still only sent to extension pages.
      console.error('storage lock failed', e);
    }
  })();
  return locked;
}

export async function getLocal<T>(key: string): Promise<T | undefined> {
  await lockStorage();
  const r = await browser.storage.local.get(key);
  return r[key] as T | undefined;
}

export async function setLocal(values: Record<string, unknown>): Promise<void> {
  await lockStorage();
  await browser.storage.local.set(values);
}

export async function removeLocal(keys: string | string[]): Promise<void> {
  await lockStorage();
  await browser.storage.local.remove(keys);
}
