// The settings in force: the options page's (storage.local) with the enterprise policy on top.
import { AppError } from '../../shared/app-error';
import { problemMessage, validateTemplate, withDefaults } from '../../shared/email-template';
import { DEFAULT_SETTINGS, mergeSettings, type Settings, type SettingsLimits, type SettingsView } from '../../shared/settings';
import { uiLocale } from '../../platform/i18n';
import { emit } from '../events';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, updateLocal } from '../store/local';
import { readPolicy, type Policy } from './policy';

/** Packed extensions cannot alarm faster than every 30 s; the unpacked test build may. Only the
 *  test build may talk to a TeamViewer sandbox on loopback. */
export const LIMITS: SettingsLimits = { minPollSeconds: __TEST_BUILD__ ? 1 : 30, allowLoopbackApi: __TEST_BUILD__ };

export const currentPolicy = (): Promise<Policy> => readPolicy(LIMITS);

const withLocalDefaults = (stored: Partial<Settings> | undefined): Settings => ({ ...DEFAULT_SETTINGS, ...(stored ?? {}) });

/** Local settings with the enterprise policy on top (policy wins). */
export async function getSettings(): Promise<Settings> {
  const [local, policy] = await Promise.all([getLocal<Partial<Settings>>(LOCAL_KEYS.settings), currentPolicy()]);
  return { ...withLocalDefaults(local), ...policy.settings };
}

/** Changes local settings only: a locked key is left alone, so that removing the policy later
 *  brings back the admin's own value rather than a copy of the policy's. A template is validated
 *  here again (the page validates as the admin types; the worker checks what it stores). */
export async function updateSettings(patch: Partial<Settings>): Promise<SettingsView> {
  const { locked } = await currentPolicy();
  const free = Object.fromEntries(Object.entries(patch ?? {}).filter(([k]) => !locked.includes(k as keyof Settings))) as Partial<Settings>;
  await updateLocal<Settings>(LOCAL_KEYS.settings, (stored) => {
    const next = mergeSettings(withLocalDefaults(stored), free, LIMITS);
    if (typeof free.emailSubject === 'string' || typeof free.emailBody === 'string') {
      const [problem] = validateTemplate(withDefaults({ subject: next.emailSubject, body: next.emailBody }, uiLocale()));
      if (problem) throw AppError.of('invalid_template', problemMessage(problem, uiLocale()));
    }
    return next;
  });
  emit('settings-changed', {});
  return getSettingsView();
}

/** The settings and which of them are locked (by enterprise policy). */
export async function getSettingsView(): Promise<SettingsView> {
  const [settings, policy] = await Promise.all([getSettings(), currentPolicy()]);
  return { settings, locked: [...policy.locked] };
}
