/** BOSSDesk cloud tenants: https://<tenant>.bossdesk.io */
export const CLOUD_ORIGIN_RE = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.bossdesk\.io$/i;
export const isCloudHost = (hostname: string) => /\.bossdesk\.io$/i.test(hostname);

/** The origin of a URL; undefined for anything that does not parse. */
export function originOfUrl(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}
/** Loopback hosts of the demo help desk, trusted by the test build only (any port). */
export const TEST_ORIGINS = ['http://localhost', 'http://127.0.0.2'];

// Help-desk sites an admin adds (on-prem BOSS Support Central) or enterprise policy lists.

/** Content scripts registered for added sites are named `site:<origin>`. */
export const SITE_SCRIPT_PREFIX = 'site:';
export const MAX_SITES = 50;

export type OriginCheck =
  | { ok: true; origin: string; /** plain http: allowed (intranets), shown with a warning */ insecure: boolean }
  | { ok: false; reason: 'invalid' | 'scheme' | 'wildcard' | 'credentials' };

/** An admin's input ("desk.corp.local", "https://desk.corp.local:8443/BOSSSupportCentral/…")
 *  reduced to an origin. https or http only; no wildcards, no user:password. */
export function normalizeSiteOrigin(input: string): OriginCheck {
  const s = String(input ?? '').trim();
  if (!s) return { ok: false, reason: 'invalid' };
  if (s.includes('*')) return { ok: false, reason: 'wildcard' };
  // "host:8443" has no scheme; "javascript:…" or "ftp://…" has one (refused below).
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s) ? s : `https://${s}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (u.username || u.password) return { ok: false, reason: 'credentials' };
  if (!u.hostname) return { ok: false, reason: 'invalid' };
  return { ok: true, origin: u.origin, insecure: u.protocol === 'http:' };
}

/** The host permission and content-script match pattern of an origin (a port is kept). */
export const originPattern = (origin: string) => `${origin}/*`;
