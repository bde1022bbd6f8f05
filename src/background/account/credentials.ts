// The one reader of the TeamViewer token. It knows where the token came from (today: connected in
// the options page by an administrator), and everything that calls TeamViewer gets its client from
// here. Only the worker imports this module; the token never leaves it in a message.
import { AppError } from '../../shared/app-error';
import { TeamViewerClient, type ClientOptions } from '../../shared/teamviewer/client';
import type { AccountView } from '../../shared/protocol';
import { getSettings } from '../config/settings';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, lockStorage, removeLocal, setLocal } from '../store/local';

export type CredentialSource = 'personal';

interface StoredCredentials {
  token: string;
  account: AccountView;
  connectedAt: string;
  /** The API address the token was verified against (absent in records of version 0.1). */
  apiBaseUrl?: string;
}

export interface Credentials extends StoredCredentials {
  source: CredentialSource;
  apiBaseUrl: string;
}

/** The token with where it came from and the address it belongs to. A token is only ever sent
 *  to the address it was verified against: once the address changes (options page or policy),
 *  the worker is not connected until a token is verified there. */
export async function readCredentials(): Promise<Credentials | undefined> {
  const [stored, { apiBaseUrl }] = await Promise.all([getLocal<StoredCredentials>(LOCAL_KEYS.credentials), getSettings()]);
  if (!stored || (stored.apiBaseUrl && stored.apiBaseUrl !== apiBaseUrl)) return undefined;
  return { ...stored, apiBaseUrl, source: 'personal' };
}

/** The account the worker acts for, without the token (for views and status). */
export async function connectedAccount(): Promise<AccountView | undefined> {
  return (await readCredentials())?.account;
}

/** A client for the stored token and the configured API address; `not_connected` without one. */
export async function connectedClient(onRetry?: ClientOptions['onRetry']): Promise<{ client: TeamViewerClient; account: AccountView }> {
  const creds = await readCredentials();
  if (!creds) throw AppError.of('not_connected');
  return { client: new TeamViewerClient({ baseUrl: creds.apiBaseUrl, token: creds.token, onRetry }), account: creds.account };
}

/** Stores a verified token. Refused where storage cannot be closed to content scripts. */
export async function saveCredentials(token: string, account: AccountView, apiBaseUrl: string): Promise<void> {
  if (!(await lockStorage())) throw AppError.of('storage_unlocked');
  await setLocal(LOCAL_KEYS.credentials, { token, account, apiBaseUrl, connectedAt: new Date().toISOString() } satisfies StoredCredentials);
}

export const clearCredentials = () => removeLocal(LOCAL_KEYS.credentials);
