// The TeamViewer token and the account it belongs to. Only the worker reads the token.
import type { AccountView } from '../shared/protocol';
import { getLocal, removeLocal, setLocal } from './storage';

interface Vault {
  token: string;
  account: AccountView;
  connectedAt: string;
}

const KEY = 'vault';

export const getVault = () => getLocal<Vault>(KEY);

export async function saveVault(token: string, account: AccountView): Promise<void> {
  await setLocal({ [KEY]: { token, account, connectedAt: new Date().toISOString() } satisfies Vault });
}

export async function clearVault(): Promise<void> {
  await removeLocal([KEY, 'group']);
}
