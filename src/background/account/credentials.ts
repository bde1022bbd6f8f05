// The one reader of the TeamViewer token. It knows where the token came from: connected in the
// options page by an administrator (personal), or distributed by enterprise policy to the whole
// help desk (organisation: `teamviewerToken`, which wins). Everything that calls TeamViewer gets
// its client from here. Only the worker imports this module; the token never leaves it.
import { AppError } from '../../shared/app-error';
import { TeamViewerClient, normalizeToken, type ClientOptions } from '../../shared/teamviewer/client';
import { TvError } from '../../shared/teamviewer/errors';
import { RateGate } from '../../shared/teamviewer/rate-gate';
import type { AccountView, UiError } from '../../shared/protocol';
import { toUiError } from '../../shared/app-error';
import { policyToken } from '../config/policy';
import { getSettings } from '../config/settings';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, lockStorage, managedStorageLocked, removeLocal, setLocal, updateLocal } from '../store/local';
import { accountView, verifyToken } from './verify';

export type CredentialSource = 'personal' | 'organisation';

interface StoredCredentials {
  token: string;
  account: AccountView;
  connectedAt: string;
  /** The API address the token was verified against. Absent in records of version 0.1: the update
   *  pins them (pinLegacyCredentials); until then readCredentials takes the default address. */
  apiBaseUrl?: string;
}

export interface Credentials {
  token: string;
  account: AccountView;
  source: CredentialSource;
  apiBaseUrl: string;
}

/** What the worker knows of the organisation's token: its account, or why it was refused. */
interface OrgAccount { fingerprint: string; apiBaseUrl: string; account?: AccountView; error?: UiError; checkedAt: string }

/** The token's SHA-256 fingerprint: what is kept of it (never the token) to tie facts to it. */
export async function fingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`tv4boss:${token}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A policy token is verified once (ping, account, licence, permissions) per token and address;
 *  the result, not the token, is kept. Concurrent readers share one verification. */
let verifying: Promise<OrgAccount> | undefined;
async function orgAccount(token: string, apiBaseUrl: string): Promise<OrgAccount> {
  const fp = await fingerprint(token);
  const known = await getLocal<OrgAccount>(LOCAL_KEYS.orgAccount);
  if (known && known.fingerprint === fp && known.apiBaseUrl === apiBaseUrl && (known.account || Date.now() - Date.parse(known.checkedAt) < 60_000)) return known;
  verifying ??= (async () => {
    let result: OrgAccount;
    try {
      const account = accountView(await verifyToken(new TeamViewerClient({ baseUrl: apiBaseUrl, token })));
      result = { fingerprint: fp, apiBaseUrl, account, checkedAt: new Date().toISOString() };
    } catch (e) {
      // A network failure is not a verdict on the token: say so, and try again on the next read.
      result = { fingerprint: fp, apiBaseUrl, error: toUiError(e), checkedAt: e instanceof TvError && e.kind === 'network' ? new Date(0).toISOString() : new Date().toISOString() };
    }
    await setLocal(LOCAL_KEYS.orgAccount, result);
    return result;
  })().finally(() => (verifying = undefined));
  return verifying;
}

/** The token with where it came from and the address it belongs to. A token is only ever sent
 *  to the address it was verified against: once the address changes (options page or policy),
 *  a personal token counts as not connected until one is verified there. */
export async function readCredentials(): Promise<Credentials | undefined> {
  const { apiBaseUrl } = await getSettings();
  const shared = await policyToken();
  if (shared) {
    // Fail closed: where managed storage cannot be closed to content scripts, a page's script could
    // read the organisation's token there; the extension does not use it (connection() says why).
    if (!(await managedStorageLocked())) return undefined;
    const token = normalizeToken(shared);
    const org = await orgAccount(token, apiBaseUrl);
    return org.account ? { token, account: org.account, source: 'organisation', apiBaseUrl } : undefined;
  }
  const stored = await getLocal<StoredCredentials>(LOCAL_KEYS.credentials);
  if (!stored || (stored.apiBaseUrl ?? DEFAULT_SETTINGS.apiBaseUrl) !== apiBaseUrl) return undefined;
  return { token: stored.token, account: stored.account, source: 'personal', apiBaseUrl };
}

/** Who is connected, without the token (for views and the options page). */
export async function connection(): Promise<{ source?: CredentialSource; account?: AccountView; orgError?: UiError }> {
  const shared = await policyToken();
  if (shared) {
    if (!(await managedStorageLocked())) return { source: 'organisation', orgError: { code: 'managed_unlocked' } };
    const org = await orgAccount(normalizeToken(shared), (await getSettings()).apiBaseUrl);
    return { source: 'organisation', ...(org.account ? { account: org.account } : {}), ...(org.error ? { orgError: org.error } : {}) };
  }
  const creds = await readCredentials();
  return creds ? { source: 'personal', account: creds.account } : {};
}

/** The account the worker acts for, without the token. */
export async function connectedAccount(): Promise<AccountView | undefined> {
  return (await readCredentials())?.account;
}

/** One rate limit per worker: every client shares it (a 429 holds back all later calls). */
const gate = new RateGate();
/** TeamViewer said 429 and its wait is not over: polling should skip this tick. */
export const teamviewerBusy = () => gate.waitMs() > 0;

/** A client for the token in force and its API address; `not_connected` without one. */
export async function connectedClient(onRetry?: ClientOptions['onRetry']): Promise<{ client: TeamViewerClient; account: AccountView; source: CredentialSource }> {
  const creds = await readCredentials();
  if (!creds) throw AppError.of('not_connected');
  return { client: new TeamViewerClient({ baseUrl: creds.apiBaseUrl, token: creds.token, onRetry, gate }), account: creds.account, source: creds.source };
}

/** Stores a verified personal token. Refused where storage cannot be closed to content scripts,
 *  and where the organisation's token is in force (its administrator decides). */
export async function saveCredentials(token: string, account: AccountView, apiBaseUrl: string): Promise<void> {
  if (await policyToken()) throw AppError.of('managed_by_policy');
  if (!(await lockStorage())) throw AppError.of('storage_unlocked');
  await setLocal(LOCAL_KEYS.credentials, { token, account, apiBaseUrl, connectedAt: new Date().toISOString() } satisfies StoredCredentials);
}

export const clearCredentials = () => removeLocal(LOCAL_KEYS.credentials);

/** On update: a token 0.1.0 saved without its API address is pinned to the address it was used
 *  with at that moment (the default one, unless the options page changed it), so that it is never
 *  sent to an address set later. */
export async function pinLegacyCredentials(): Promise<void> {
  const { apiBaseUrl } = await getSettings();
  await updateLocal<StoredCredentials>(LOCAL_KEYS.credentials, (cur) => (!cur || cur.apiBaseUrl ? cur : { ...cur, apiBaseUrl }));
}

/** Forget what was verified of the organisation's token (its policy changed). */
export const forgetOrgAccount = () => updateLocal(LOCAL_KEYS.orgAccount, () => undefined);
