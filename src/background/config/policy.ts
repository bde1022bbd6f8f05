// Enterprise policy (chrome.storage.managed, schema in public/managed_schema.json). Policy wins
// over local settings; a value that does not validate is ignored and reported, never half-applied.
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, mergeSettings, validApiBaseUrl, type Settings, type SettingsLimits } from '../../shared/settings';
import { CLOUD_ORIGIN_RE, MAX_SITES, normalizeSiteOrigin } from '../../shared/sites';
import { parseProfile, validateProfile, type ValidationResult } from '../../shared/profile/validate';
import type { SiteProfile } from '../../shared/profile/types';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, setLocal } from '../store/local';

/** The settings a policy may set (the others stay with the options page). */
export const POLICY_SETTINGS = ['apiBaseUrl', 'emailSubject', 'emailBody', 'autoSendEmail', 'pollSeconds'] as const satisfies readonly (keyof Settings)[];

export interface PolicySite {
  origin: string;
  insecure: boolean;
  profile?: SiteProfile;
  /** The policy gave a profile that did not validate: the built-ins are used. */
  profileErrors?: string[];
}

export interface Policy {
  settings: Partial<Settings>;
  locked: (keyof Settings)[];
  sites: PolicySite[];
  /** BOSSDesk cloud tenants allowed (origins); undefined: every https://*.bossdesk.io tenant. */
  cloudTenants?: string[];
  /** With the organisation's token: may the options page share and unshare the BOSS group? Only
   *  when the policy says `allowSharing: true`; anything else leaves it read-only. */
  allowSharing: boolean;
  /** Policy values that were ignored, in English (for the admin, in the options page). */
  errors: string[];
}

export const NO_POLICY: Policy = { settings: {}, locked: [], sites: [], allowSharing: false, errors: [] };

/** Pure: the raw managed storage → what applies. */
export function parsePolicy(raw: Record<string, unknown>, limits: SettingsLimits): Policy {
  const out: Policy = { settings: {}, locked: [], sites: [], allowSharing: raw.allowSharing === true, errors: [] };
  if (raw.allowSharing !== undefined && typeof raw.allowSharing !== 'boolean') out.errors.push('allowSharing: must be true or false (sharing stays read-only)');
  for (const key of POLICY_SETTINGS) {
    const v = raw[key];
    if (v === undefined) continue;
    const typeOk = typeof v === typeof DEFAULT_SETTINGS[key] && (typeof v !== 'number' || Number.isFinite(v));
    if (!typeOk || (key === 'apiBaseUrl' && !validApiBaseUrl(String(v).trim(), limits.allowLoopbackApi))) {
      out.errors.push(`${key}: invalid value ignored`);
      continue;
    }
    // mergeSettings normalises (trailing slash, poll bounds, lengths) exactly as for the options page.
    (out.settings as Record<string, unknown>)[key] = mergeSettings(DEFAULT_SETTINGS, { [key]: v }, limits)[key];
    out.locked.push(key);
  }
  const sites = raw.helpdeskSites;
  if (sites !== undefined && !Array.isArray(sites)) out.errors.push('helpdeskSites: must be a list');
  const seen = new Set<string>();
  (Array.isArray(sites) ? sites : []).slice(0, MAX_SITES).forEach((s: unknown, i) => {
    const entry = (s && typeof s === 'object' ? s : { origin: s }) as { origin?: unknown; profile?: unknown };
    const o = normalizeSiteOrigin(typeof entry.origin === 'string' ? entry.origin : '');
    if (!o.ok) return void out.errors.push(`helpdeskSites[${i}].origin: ${o.reason}`);
    if (seen.has(o.origin)) return;
    seen.add(o.origin);
    const site: PolicySite = { origin: o.origin, insecure: o.insecure };
    if (entry.profile !== undefined && entry.profile !== '') {
      // The schema says string (JSON text: what a registry value can hold); an object is accepted too.
      const r: ValidationResult = typeof entry.profile === 'string'
        ? parseProfile(entry.profile, { selectors: 'syntax' })
        : validateProfile(entry.profile, { selectors: 'syntax' });
      if (r.ok) site.profile = r.profile;
      else site.profileErrors = r.errors;
    }
    out.sites.push(site);
  });
  const tenants = raw.cloudTenants;
  if (tenants !== undefined) {
    if (!Array.isArray(tenants)) out.errors.push('cloudTenants: must be a list');
    else {
      out.cloudTenants = [];
      tenants.slice(0, MAX_SITES).forEach((t: unknown, i) => {
        const o = normalizeSiteOrigin(typeof t === 'string' ? t : '');
        if (!o.ok || !CLOUD_ORIGIN_RE.test(o.origin)) return void out.errors.push(`cloudTenants[${i}]: not a https://<tenant>.bossdesk.io address`);
        if (!out.cloudTenants!.includes(o.origin)) out.cloudTenants!.push(o.origin);
      });
    }
  }
  return out;
}

type Raw = Record<string, unknown>;

/** The shared (fleet) integration token an administrator distributes by policy. Only
 *  account/credentials.ts asks for it; it is never part of the Policy object nor of the snapshot
 *  kept in storage.local, so no copy of it exists outside managed storage and the worker's memory. */
export const POLICY_TOKEN_KEY = 'teamviewerToken';
const withoutToken = (raw: Raw): Raw => {
  const { [POLICY_TOKEN_KEY]: _token, ...rest } = raw;
  return rest;
};

let freshToken: Promise<string | undefined> | undefined;
/** The policy's token, from managed storage itself (never from the snapshot): at browser start
 *  this waits for the policy service (~2 s), once per worker life. */
export function policyToken(): Promise<string | undefined> {
  freshToken ??= readManaged().then((raw) => {
    const t = raw[POLICY_TOKEN_KEY];
    return typeof t === 'string' && t.trim() ? t.trim() : undefined;
  });
  return freshToken;
}

let cached: Promise<Policy> | undefined;
/** At worker start the last policy seen may be used while managed storage warms up; after a
 *  storage.onChanged('managed') it may not. */
let trustSnapshot = true;
const changeListeners: (() => void)[] = [];

async function readManaged(): Promise<Raw> {
  try {
    return ((await browser.storage.managed.get()) ?? {}) as Raw;
  } catch {
    return {}; // no policy, or managed storage unavailable
  }
}

/** The policy in force, read once per worker life (and again after a change). Chromium answers
 *  the first storage.managed.get() after a browser start only when its policy service is up,
 *  seconds later (measured: ~2 s); a ticket page must not wait for that. So the last policy seen
 *  (kept in storage.local) answers at once, and a different fresh one replaces it when it comes. */
export function readPolicy(limits: SettingsLimits): Promise<Policy> {
  cached ??= (async () => {
    const fresh = readManaged().then(withoutToken);
    const snap = trustSnapshot ? await getLocal<{ raw: Raw }>(LOCAL_KEYS.policySnapshot) : undefined;
    if (!snap) {
      const raw = await fresh;
      await setLocal(LOCAL_KEYS.policySnapshot, { raw });
      return parsePolicy(raw, limits);
    }
    void fresh.then(async (raw) => {
      if (JSON.stringify(raw) === JSON.stringify(snap.raw)) return;
      await setLocal(LOCAL_KEYS.policySnapshot, { raw });
      forgetPolicy();
      changeListeners.forEach((l) => l());
    });
    return parsePolicy(snap.raw, limits);
  })();
  return cached;
}

/** Managed storage changed: the next read asks it, not the snapshot. */
export function forgetPolicy(): void {
  cached = undefined;
  freshToken = undefined;
  trustSnapshot = false;
}

/** Called when a fresh read found the policy changed since the snapshot (not for onChanged,
 *  which the caller handles itself). */
export function onPolicySnapshotStale(listener: () => void): void {
  changeListeners.push(listener);
}
