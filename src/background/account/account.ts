// Connecting and disconnecting the TeamViewer script token (personal mode: an administrator pastes
// it in the options page).
import { AppError } from '../../shared/app-error';
import { TeamViewerClient, normalizeToken } from '../../shared/teamviewer/client';
import { TvError } from '../../shared/teamviewer/errors';
import { normalizeApiBaseUrl, validApiBaseUrl } from '../../shared/settings';
import type { AccountView, ConnectionStatus } from '../../shared/protocol';
import { LIMITS, getSettings, updateSettings } from '../config/settings';
import { emit } from '../events';
import { clearCredentials, connectedAccount, saveCredentials } from './credentials';
import { forgetGroup } from './group';

/** Licences the integration is sold for (see the seed: Premium and Corporate). */
const SUPPORTED_LICENSES = /premium|corporate|tensor|enterprise/i;
const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/** The read calls the product needs, each named after the permission that allows it. */
const PERMISSION_PROBES: [permission: string, call: (c: TeamViewerClient) => Promise<unknown>][] = [
  ['groups', (c) => c.findGroupByName('BOSS')],
  ['sessions', (c) => c.request('GET', '/sessions', { query: { state: 'open', groupid: undefined } })],
  ['reports', (c) => c.request('GET', '/reports/connections', { query: { has_code: 'true' } })],
];

export async function connectionStatus(): Promise<ConnectionStatus> {
  const [account, settings] = await Promise.all([connectedAccount(), getSettings()]);
  return { connected: !!account, ...(account ? { account } : {}), apiBaseUrl: settings.apiBaseUrl };
}

/** Verifies the token against the given (or configured) API address; only a token that passes
 *  is stored, and only then is the address saved with it. */
export async function connect(rawToken: string, apiBaseUrl?: string): Promise<ConnectionStatus> {
  const token = normalizeToken(rawToken ?? '');
  if (!TOKEN_RE.test(token)) throw AppError.of('bad_token_format');
  const settings = await getSettings();
  const baseUrl = apiBaseUrl ? normalizeApiBaseUrl(apiBaseUrl) : settings.apiBaseUrl;
  if (!validApiBaseUrl(baseUrl, LIMITS.allowLoopbackApi)) throw AppError.of('bad_api_address');
  const client = new TeamViewerClient({ baseUrl, token });
  if (!(await client.ping())) throw AppError.of('invalid_token');
  const acc = await client.account();
  const license = acc.license?.type ?? '';
  if (acc.license && (acc.license.isactive === false || !SUPPORTED_LICENSES.test(license))) {
    throw AppError.of('license_unsupported', `${license || '?'}${acc.license.isactive === false ? ' (inactive)' : ''}`);
  }
  const missing: string[] = [];
  for (const [permission, probe] of PERMISSION_PROBES) {
    try {
      await probe(client);
    } catch (e) {
      if (e instanceof TvError && e.kind === 'forbidden') missing.push(permission);
      else throw e;
    }
  }
  if (missing.length) throw AppError.of('forbidden', missing.join(','));
  const account: AccountView = {
    userid: acc.userid, name: acc.name, email: acc.email,
    ...(acc.company_name ? { company: acc.company_name } : {}),
    ...(license ? { license } : {}),
  };
  if (baseUrl !== settings.apiBaseUrl) await updateSettings({ apiBaseUrl: baseUrl });
  await saveCredentials(token, account, baseUrl);
  emit('connection-changed', {});
  return connectionStatus();
}

/**
 * Forgets the token. A script token cannot be revoked through the API (POST /oauth2/revoke is for
 * OAuth access tokens only): the admin deletes it in the Management Console (Edit profile → Apps).
 */
export async function disconnect(): Promise<ConnectionStatus> {
  await clearCredentials();
  await forgetGroup();
  emit('connection-changed', {}); // open widgets say "not connected"
  return connectionStatus();
}
