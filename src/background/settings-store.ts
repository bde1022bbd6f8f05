import { DEFAULT_SETTINGS, mergeSettings, type Settings, type SettingsView } from '../shared/settings';
import { getLocal, setLocal } from './storage';

/** Packed extensions cannot alarm faster than every 30 s; the unpacked test build may. */
export const MIN_POLL_SECONDS = __TEST_BUILD__ ? 1 : 30;

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...((await getLocal<Partial<Settings>>('settings')) ?? {}) };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = mergeSettings(await getSettings(), patch, MIN_POLL_SECONDS);
  await setLocal({ settings: next });
  return next;
}

/** The settings and which of them are locked (by enterprise policy). */
export async function getSettingsView(): Promise<SettingsView> {
  return { settings: await getSettings(), locked: [] };
}
