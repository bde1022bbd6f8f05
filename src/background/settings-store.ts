import { DEFAULT_SETTINGS, mergeSettings, type Settings, type SettingsView } from '../shared/settings';
import { readPolicy, type Policy } from './policy';
import { getLocal, setLocal } from './storage';

/** Packed extensions cannot alarm faster than every 30 s; the unpacked test build may. */
export const MIN_POLL_SECONDS = __TEST_BUILD__ ? 1 : 30;

export const currentPolicy = (): Promise<Policy> => readPolicy(MIN_POLL_SECONDS);

async function localSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...((await getLocal<Partial<Settings>>('settings')) ?? {}) };
}

/** Local settings with the enterprise policy on top (policy wins). */
export async function getSettings(): Promise<Settings> {
  const [local, policy] = await Promise.all([localSettings(), currentPolicy()]);
  return { ...local, ...policy.settings };
}

/** Changes local settings only: a locked key is left alone, so that removing the policy later
 *  brings back the admin's own value rather than a copy of the policy's. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const { locked } = await currentPolicy();
  const free = Object.fromEntries(Object.entries(patch ?? {}).filter(([k]) => !locked.includes(k as keyof Settings)));
  const next = mergeSettings(await localSettings(), free, MIN_POLL_SECONDS);
  await setLocal({ settings: next });
  return getSettings();
}

/** The settings and which of them are locked (by enterprise policy). */
export async function getSettingsView(): Promise<SettingsView> {
  const [settings, policy] = await Promise.all([getSettings(), currentPolicy()]);
  return { settings, locked: [...policy.locked] };
}
