// "Teach on this page": the worker injects the picker (src/picker, its own IIFE, never part of the
// content script that every ticket page loads) into a help-desk tab when the administrator clicks,
// and saves what it taught. Only a tab the picker was injected into may save, for its own origin.
import browser from 'webextension-polyfill';
import pickerFile from '../../picker/main.iife.ts?script';
import { AppError } from '../../shared/app-error';
import type { TeachStart, TabRequest } from '../../shared/protocol';
import type { SiteProfile } from '../../shared/profile/types';
import { originOfUrl } from '../../shared/sites';
import { SESSION_KEYS } from '../store/keys';
import { setSiteProfile, storedSites } from './sites';

type PickerTabs = Record<string, string>;

async function pickerTabs(): Promise<PickerTabs> {
  const r = await browser.storage.session.get(SESSION_KEYS.pickerTabs);
  return (r[SESSION_KEYS.pickerTabs] as PickerTabs | undefined) ?? {};
}
async function setPickerTab(tabId: number, origin: string | undefined): Promise<void> {
  const tabs = await pickerTabs();
  if (origin) tabs[tabId] = origin;
  else delete tabs[tabId];
  await browser.storage.session.set({ [SESSION_KEYS.pickerTabs]: tabs });
}

/** Whether the picker was injected into `tabId` while it showed `origin`. */
export async function isPickerTab(tabId: number | undefined, origin: string | undefined): Promise<boolean> {
  return tabId !== undefined && !!origin && (await pickerTabs())[tabId] === origin;
}

/** Injects the picker into the most recently used tab of an added site and brings it forward. */
export async function startTeaching(origin: string): Promise<TeachStart> {
  if (!(await storedSites()).some((s) => s.origin === origin)) throw AppError.of('bad_request_message', 'unknown site');
  const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && originOfUrl(t.url) === origin);
  const tab = tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (tab?.id === undefined) return { ok: false, reason: 'no_tab' };
  await setPickerTab(tab.id, origin);
  try {
    await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: [pickerFile] });
  } catch {
    await setPickerTab(tab.id, undefined);
    return { ok: false, reason: 'not_injected', ...(tab.url ? { url: tab.url } : {}) };
  }
  await browser.tabs.update(tab.id, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  return { ok: true, tabId: tab.id };
}

/** Saves the taught profile for the site (validated by setSiteProfile) and tells the tab's content
 *  script to use it now. A tab opened before its site was added has no content script yet (the
 *  registration applies to the next loads): it gets one, which asks for the saved profile. */
export async function saveTaught(tabId: number, origin: string, profile: SiteProfile): Promise<void> {
  await setSiteProfile(origin, profile);
  const saved = (await storedSites()).find((s) => s.origin === origin)?.profile;
  await setPickerTab(tabId, undefined);
  if (!saved) return;
  const msg: TabRequest = { type: 'tab/profile', profile: saved };
  const answered = await browser.tabs.sendMessage(tabId, msg, { frameId: 0 }).then(() => true, () => false);
  if (answered) return;
  const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files }).catch(() => undefined);
}

export const endTeaching = (tabId: number) => setPickerTab(tabId, undefined);
