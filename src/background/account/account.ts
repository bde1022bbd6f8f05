// Connecting and disconnecting a personal TeamViewer script token (pasted in the options page by an
// administrator), and the connection status of either kind.
import { AppError } from '../../shared/app-error';
import { TeamViewerClient, normalizeToken } from '../../shared/teamviewer/client';
import { normalizeApiBaseUrl, validApiBaseUrl } from '../../shared/settings';
import type { ConnectionStatus } from '../../shared/protocol';
import { policyToken } from '../config/policy';
import { LIMITS, getSettings, updateSettings } from '../config/settings';
import { emit } from '../events';
import { clearCredentials, connection, saveCredentials } from './credentials';
import { forgetGroup } from './group';
import { accountView, verifyToken } from './verify';
import { devicesForbidden } from '../devices/requester-devices';

const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

export async function connectionStatus(): Promise<ConnectionStatus> {
  const [c, settings, refused] = await Promise.all([connection(), getSettings(), devicesForbidden()]);
  return {
    connected: !!c.account, apiBaseUrl: settings.apiBaseUrl,
    ...(c.source ? { source: c.source } : {}), ...(c.account ? { account: c.account } : {}), ...(c.orgError ? { orgError: c.orgError } : {}),
    ...(c.account && refused ? { devicesForbidden: refused.detail ? { detail: refused.detail } : {} } : {}),
  };
}

/** Verifies the token against the given (or configured) API address; only a token that passes
 *  is stored, and only then is the address saved with it. */
export async function connect(rawToken: string, apiBaseUrl?: string): Promise<ConnectionStatus> {
  const token = normalizeToken(rawToken ?? '');
  if (!TOKEN_RE.test(token)) throw AppError.of('bad_token_format');
  const settings = await getSettings();
  const baseUrl = apiBaseUrl ? normalizeApiBaseUrl(apiBaseUrl) : settings.apiBaseUrl;
  if (!validApiBaseUrl(baseUrl, LIMITS.allowLoopbackApi)) throw AppError.of('bad_api_address');
  if (await policyToken()) throw AppError.of('managed_by_policy');
  const account = accountView(await verifyToken(new TeamViewerClient({ baseUrl, token })));
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
  // The organisation's token is its administrator's to withdraw (policy); a browser never does.
  if (await policyToken()) throw AppError.of('managed_by_policy');
  await clearCredentials();
  await forgetGroup();
  emit('connection-changed', {}); // open widgets say "not connected"
  return connectionStatus();
}
