// Help-desk sites: the on-prem origins an admin added (storage.local 'sites') and those of the
// enterprise policy, each with an optional site profile; their content scripts are registered at
// run time (chrome.scripting), since the manifest only knows BOSSDesk cloud.
import browser from 'webextension-polyfill';
import { AppError } from '../../shared/app-error';
import { CLOUD_ORIGIN_RE, MAX_SITES, SITE_SCRIPT_PREFIX, TEST_ORIGINS, isCloudHost, normalizeSiteOrigin, originOfUrl, originPattern } from '../../shared/sites';
import { BOSSDESK_PROFILE, BUILTIN_PROFILES, SUPPORT_CENTRAL_PROFILE } from '../../shared/profile/builtin';
import type { SiteProfile } from '../../shared/profile/types';
import type { PageTest, SiteView, SitesView } from '../../shared/profile/report';
import { validateProfile } from '../../shared/profile/validate';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, updateLocal } from '../store/local';
import { currentPolicy } from './settings';
import { dropDiagnosis, getDiagnoses } from './diagnosis';
import { diagnoseTab } from './page-diagnosis';

export interface StoredSite {
  origin: string;
  profile?: SiteProfile;
}

export const CLOUD_SITE = 'https://*.bossdesk.io';

export async function storedSites(): Promise<StoredSite[]> {
  const raw = (await getLocal<StoredSite[]>(LOCAL_KEYS.sites)) ?? [];
  return Array.isArray(raw) ? raw.filter((s) => s && typeof s.origin === 'string') : [];
}

interface ActiveSite extends StoredSite {
  source: 'added' | 'policy';
  insecure: boolean;
  profileErrors?: string[];
}

/** Policy sites first: on an origin both list, the policy's entry (and profile) wins. */
async function activeSites(): Promise<ActiveSite[]> {
  const [policy, added] = await Promise.all([currentPolicy(), storedSites()]);
  const out: ActiveSite[] = policy.sites.map((s) => ({ ...s, source: 'policy' }));
  const seen = new Set(out.map((s) => s.origin));
  for (const s of added) {
    if (seen.has(s.origin)) continue;
    seen.add(s.origin);
    out.push({ ...s, source: 'added', insecure: s.origin.startsWith('http:') });
  }
  return out;
}

/** Every origin whose content scripts may talk to the worker, besides cloud (and test hosts).
 *  Kept in memory: the sender of every message is checked against it. Recomputed after a change
 *  of the sites or the policy (syncContentScripts). */
interface KnownOrigins { sites: ReadonlySet<string>; cloudTenants?: ReadonlySet<string> }
let origins: Promise<KnownOrigins> | undefined;
function knownOrigins(): Promise<KnownOrigins> {
  origins ??= Promise.all([activeSites(), currentPolicy()]).then(([sites, policy]) => ({
    sites: new Set(sites.map((s) => s.origin)),
    ...(policy.cloudTenants ? { cloudTenants: new Set(policy.cloudTenants) } : {}),
  }));
  return origins;
}
const siteOrigins = async () => (await knownOrigins()).sites;

/** Cloud tenants (all, or those the policy names), added and policy sites, and (test build) the
 *  demo desk's loopback hosts. */
export async function isHelpdeskOrigin(origin: string): Promise<boolean> {
  const known = await knownOrigins();
  if (CLOUD_ORIGIN_RE.test(origin)) return !known.cloudTenants || known.cloudTenants.has(origin.toLowerCase()) || known.sites.has(origin);
  if (__TEST_BUILD__ && TEST_ORIGINS.includes(origin.replace(/:\d+$/, ''))) return true;
  return known.sites.has(origin);
}

/** The profile a content script on `origin` should use; null: the built-ins. */
export async function profileFor(origin: string | undefined): Promise<SiteProfile | null> {
  if (!origin) return null;
  return (await activeSites()).find((s) => s.origin === origin)?.profile ?? null;
}

/** What a content script on `origin` reads its pages with: the site's own profile, else the
 *  built-ins (which stay out of the content script: its size is budgeted). */
export async function profilesForPage(origin: string | undefined): Promise<{ profiles: SiteProfile[]; custom: boolean }> {
  // Unreadable settings: the built-ins, as the content script did itself when it had them.
  const own = await profileFor(origin).catch(() => null);
  return own ? { profiles: [own], custom: true } : { profiles: BUILTIN_PROFILES, custom: false };
}

/** "Test on this page" on a page no profile in use recognises: the site's own profile, else the
 *  built-in one of its kind (BOSSDesk cloud or Support Central). */
export async function fallbackProfile(origin: string | undefined): Promise<SiteProfile> {
  const own = await profileFor(origin);
  if (own) return own;
  let host = '';
  try {
    host = origin ? new URL(origin).hostname : '';
  } catch { /* no host: Support Central's profile, as for any non-cloud site */ }
  return isCloudHost(host) ? BOSSDESK_PROFILE : SUPPORT_CENTRAL_PROFILE;
}

/** Patterns of the manifest's own content script: an origin they cover needs no registration
 *  (it would inject the script twice). A pattern without a port matches every port. */
export function coveredByManifest(origin: string, matches: string[] = browser.runtime.getManifest().content_scripts?.[0]?.matches ?? []): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  return matches.some((m) => {
    const p = /^(\*|https?):\/\/([^/]+)\//.exec(m);
    if (!p) return false;
    const [, scheme, hostPort] = p as unknown as [string, string, string];
    if (scheme !== '*' && `${scheme}:` !== u.protocol) return false;
    const [host, port] = hostPort.split(/:(?=\d+$)/) as [string, string | undefined];
    if (port !== undefined && port !== (u.port || (u.protocol === 'https:' ? '443' : '80'))) return false;
    if (host === '*') return true;
    if (host.startsWith('*.')) return u.hostname.endsWith(host.slice(1)) || u.hostname === host.slice(2);
    return u.hostname === host.toLowerCase();
  });
}

function checkedProfile(profile: unknown): SiteProfile {
  const r = validateProfile(profile, { selectors: 'syntax' });
  if (!r.ok) throw AppError.of('bad_request_message', r.errors.join('\n'));
  return r.profile;
}

/** Read-modify-write of the added sites, one at a time (two options pages cannot lose an update). */
const updateSites = (change: (sites: StoredSite[]) => StoredSite[]) =>
  updateLocal<StoredSite[]>(LOCAL_KEYS.sites, (cur) => change(Array.isArray(cur) ? cur.filter((s) => s && typeof s.origin === 'string') : []));

export async function addSite(input: string, profile?: unknown): Promise<void> {
  const o = normalizeSiteOrigin(input);
  if (!o.ok) throw AppError.of('bad_request_message', `origin: ${o.reason}`);
  const checked = profile ? checkedProfile(profile) : undefined;
  await updateSites((sites) => {
    if (sites.some((s) => s.origin === o.origin)) return sites; // adding twice changes nothing
    if (sites.length >= MAX_SITES) throw AppError.of('bad_request_message', `at most ${MAX_SITES} sites`);
    return [...sites, { origin: o.origin, ...(checked ? { profile: checked } : {}) }];
  });
  await syncContentScripts();
}

async function refuseIfPolicySite(origin: string): Promise<void> {
  if ((await currentPolicy()).sites.some((s) => s.origin === origin)) throw AppError.of('bad_request_message', 'set by policy');
}

export async function removeSite(origin: string): Promise<void> {
  await refuseIfPolicySite(origin);
  await updateSites((sites) => sites.filter((s) => s.origin !== origin));
  await syncContentScripts();
  await dropDiagnosis(origin);
}

export async function setSiteProfile(origin: string, profile: unknown): Promise<void> {
  await refuseIfPolicySite(origin);
  const checked = profile === null || profile === undefined ? undefined : checkedProfile(profile);
  await updateSites((sites) => {
    const site = sites.find((s) => s.origin === origin);
    if (!site) throw AppError.of('bad_request_message', 'unknown site');
    if (checked) site.profile = checked;
    else delete site.profile;
    return sites;
  });
  await dropDiagnosis(origin); // it described the previous profile
}

let syncing: Promise<void> = Promise.resolve();

/** Makes the registered content scripts match the sites (added + policy). Serialised: two
 *  overlapping runs would try to register the same id twice. Called at every worker start and
 *  after every change of the sites or the policy. */
export function syncContentScripts(): Promise<void> {
  origins = undefined;
  syncing = syncing.then(doSync).catch((e) => console.error('content script registration failed', e));
  return syncing;
}

async function doSync(): Promise<void> {
  const js = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
  const want = new Map([...(await siteOrigins())].filter((o) => !coveredByManifest(o)).map((o) => [SITE_SCRIPT_PREFIX + o, o]));
  const have = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SITE_SCRIPT_PREFIX));
  // After an update the bundle's file names change: a registration naming old files is stale.
  const stale = have.filter((s) => !want.has(s.id) || JSON.stringify(s.js ?? []) !== JSON.stringify(js)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const kept = new Set(have.map((s) => s.id).filter((id) => !stale.includes(id)));
  for (const [id, origin] of want) {
    if (kept.has(id)) continue;
    try {
      await browser.scripting.registerContentScripts([{ id, matches: [originPattern(origin)], js, runAt: 'document_idle', persistAcrossSessions: true }]);
    } catch (e) {
      console.error(`content script for ${origin} not registered`, e); // one bad site must not block the others
    }
  }
}

async function granted(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

export async function sitesView(): Promise<SitesView> {
  const [sites, policy, diagnoses] = await Promise.all([activeSites(), currentPolicy(), getDiagnoses()]);
  // Reports from origins that are not listed sites come from cloud tenants (or the test build's
  // demo desk): the built-in row shows the latest of them.
  const cloudDiagnosis = Object.values(diagnoses).filter((d) => !sites.some((s) => s.origin === d.origin))
    .sort((a, b) => b.at - a.at)[0];
  const cloud: SiteView = { origin: CLOUD_SITE, source: 'builtin', insecure: false, granted: true, ...(cloudDiagnosis ? { diagnosis: cloudDiagnosis } : {}) };
  const views = await Promise.all(sites.map(async (s): Promise<SiteView> => ({
    origin: s.origin,
    source: s.source,
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.profileErrors ? { profileErrors: s.profileErrors } : {}),
    insecure: s.insecure,
    granted: await granted(s.origin),
    ...(diagnoses[s.origin] ? { diagnosis: diagnoses[s.origin] } : {}),
  })));
  return { sites: [cloud, ...views], policyErrors: policy.errors };
}

/** "Test on this page": the given tab, else the most recently used tab on a help-desk site (tab
 *  URLs are only visible for hosts the extension may access, which are exactly those: no "tabs"
 *  permission needed); `origin`: only tabs of that site. The worker injects the diagnosis into the
 *  tab (page-diagnosis.ts): it works on a tab opened before its site was added, too. */
export async function testPage(req: { tabId?: number; origin?: string; profile?: unknown }): Promise<PageTest> {
  const profile = req.profile ? checkedProfile(req.profile) : undefined;
  let tab: { id?: number; url?: string } | undefined;
  if (typeof req.tabId === 'number') tab = await browser.tabs.get(req.tabId).catch(() => undefined);
  else {
    const candidates: { id?: number; url?: string; lastAccessed?: number }[] = [];
    for (const t of await browser.tabs.query({})) {
      const o = originOfUrl(t.url);
      if (t.id === undefined || !o || !/^https?:/.test(o) || (req.origin && o !== req.origin)) continue;
      if (await isHelpdeskOrigin(o)) candidates.push(t as typeof candidates[number]);
    }
    tab = candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }
  if (tab?.id === undefined) return { ok: false, reason: 'no_tab' };
  const origin = originOfUrl(tab.url);
  const report = origin && await diagnoseTab(tab.id, origin, {
    ...(await profilesForPage(origin)), fallback: await fallbackProfile(origin), test: true, ...(profile ? { draft: profile } : {}),
  });
  if (!report) return { ok: false, reason: 'not_injected', ...(tab.url ? { url: tab.url } : {}) };
  return { ok: true, tabId: tab.id, report };
}
