// onInstalled (src/background/install.ts) and a token 0.1.0 saved without its API address: the
// update pins it to the address it was used with (the default one, unless the options page had
// changed it), so that an address set later never receives it; until the update has run, such a
// record counts only for the default address.
import { describe, it, expect, beforeEach } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { resetWorkerBrowser } from './helpers/worker-state';

const DEFAULT_API = 'https://webapi.teamviewer.com/api/v1';
const LATER_API = 'https://api.attacker.example/api/v1';
const ACCOUNT = { userid: 'u11293276', name: 'Jon Snow', email: 'jon.snow@example.com' };
/** What 0.1.0 kept under 'vault': the token and its account, no address. */
const VAULT_010 = { token: '12345678-DemoBossSandboxToken', account: ACCOUNT, connectedAt: '2026-11-01T08:00:00.000Z' };

beforeEach(() => resetWorkerBrowser('0.2.0'));

const vault = async () => (await fakeBrowser.storage.local.get('vault')).vault as typeof VAULT_010 & { apiBaseUrl?: string };

describe('a token saved by 0.1.0 without an API address', () => {
  it('is pinned to the default address on update, and never used with an address set later', async () => {
    await fakeBrowser.storage.local.set({ vault: VAULT_010, settings: { apiBaseUrl: DEFAULT_API, pollSeconds: 60 } });
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'update', previousVersion: '0.1.0' });
    expect(await vault()).toEqual({ ...VAULT_010, apiBaseUrl: DEFAULT_API });
    const { readCredentials } = await import('../src/background/account/credentials');
    expect((await readCredentials())?.apiBaseUrl).toBe(DEFAULT_API);
    // An address set afterwards (options page or policy): the token is not sent there.
    const { updateSettings } = await import('../src/background/config/settings');
    await updateSettings({ apiBaseUrl: LATER_API });
    expect(await readCredentials()).toBeUndefined();
  });

  it('the address 0.1.0 was using, when the options page had changed it, is the one pinned', async () => {
    const proxy = 'https://tv-proxy.example.com/api/v1';
    await fakeBrowser.storage.local.set({ vault: VAULT_010, settings: { apiBaseUrl: proxy, pollSeconds: 60 } });
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'update', previousVersion: '0.1.0' });
    expect((await vault()).apiBaseUrl).toBe(proxy);
    const { readCredentials } = await import('../src/background/account/credentials');
    expect((await readCredentials())?.apiBaseUrl).toBe(proxy);
  });

  it('before the update has pinned it, it counts for the default address only', async () => {
    await fakeBrowser.storage.local.set({ vault: VAULT_010, settings: { apiBaseUrl: LATER_API } });
    const { readCredentials } = await import('../src/background/account/credentials');
    expect(await readCredentials()).toBeUndefined();
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: DEFAULT_API } });
    expect((await readCredentials())?.token).toBe(VAULT_010.token);
  });

  it('a fresh install or a record that has its address is left as it is', async () => {
    const pinned = { ...VAULT_010, apiBaseUrl: 'https://tv-proxy.example.com/api/v1' };
    await fakeBrowser.storage.local.set({ vault: pinned, settings: { apiBaseUrl: DEFAULT_API } });
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'update', previousVersion: '0.2.0' });
    expect(await vault()).toEqual(pinned);
  });
});
