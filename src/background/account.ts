// Connecting and disconnecting the TeamViewer script token.
import { AppError } from '../shared/app-error';
import { TeamViewerClient, normaliseToken } from '../shared/teamviewer/client';
import { TvError } from '../shared/teamviewer/errors';
import type { AccountView, ConnectionStatus } from '../shared/protocol';
import { getSettings, updateSettings } from './settings-store';
import { clearVault, getVault, saveVault } from './vault';
import { broadcastAll } from './views';

/** Licences the integration is sold for (see the seed: Premium and Corporate). */
const SUPPORTED_LICENCES = /premium|corporate|tensor|enterprise/i;
const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/** The read calls the product needs, each named after the permission that allows it. */
const PERMISSION_PROBES: [permission: string, call: (c: TeamViewerClient) => Promise<unknown>][] = [
  ['groups', (c) => c.findGroupByName('BOSS')],
  ['sessions', (c) => c.request('GET', '/sessions', { query: { state: 'open', groupid: undefined } })],
  ['reports', (c) => c.request('GET', '/reports/connections', { query: { has_code: 'true' } })],
];

export async function connectionStatus(): Promise<ConnectionStatus> {
  const [vault, settings] = await Promise.all([getVault(), getSettings()]);
  return { connected: !!vault, ...(vault ? { account: vault.account } : {}), apiBaseUrl: settings.apiBaseUrl };
}

export async function connect(rawToken: string, apiBaseUrl?: string): Promise<ConnectionStatus> {
  const token = normaliseToken(rawToken ?? '');
  if (!TOKEN_RE.test(token)) throw AppError.of('bad_token_format');
  if (apiBaseUrl) await updateSettings({ apiBaseUrl });
  const client = new TeamViewerClient({ baseUrl: (await getSettings()).apiBaseUrl, token });
  if (!(await client.ping())) throw AppError.of('invalid_token');
  const acc = await client.account();
  const licence = acc.license?.type ?? '';
  if (acc.license && (acc.license.isactive === false || !SUPPORTED_LICENCES.test(licence))) {
    throw AppError.of('licence_unsupported', `${licence || '?'}${acc.license.isactive === false ? ' (inactive)' : ''}`);
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
    ...(licence ? { licence } : {}),
  };
  await saveVault(token, account);
  await broadcastAll();
  return connectionStatus();
}

/**
 * Forgets the token. A script token cannot be revoked through the API (POST /oauth2/revoke is for
 * OAuth access tokens only): the admin deletes it in the Management Console (Edit profile → Apps).
 */
export async function disconnect(): Promise<ConnectionStatus> {
  await clearVault();
  await broadcastAll(); // open widgets say "not connected"
  return connectionStatus();
}
