// A TeamViewer client for the stored token and the configured API address.
import { AppError } from '../shared/app-error';
import { TeamViewerClient, type ClientOptions } from '../shared/teamviewer/client';
import { getSettings } from './settings-store';
import { getVault } from './vault';

export async function connectedClient(onRetry?: ClientOptions['onRetry']) {
  const vault = await getVault();
  if (!vault) throw AppError.of('not_connected');
  const { apiBaseUrl } = await getSettings();
  return { client: new TeamViewerClient({ baseUrl: apiBaseUrl, token: vault.token, onRetry }), account: vault.account };
}
