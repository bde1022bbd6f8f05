// Team mode under the organisation's policy (chrome.storage.managed, fed through the fake browser),
// against the TeamViewer sandbox: who may change the BOSS group's sharing, the chosen technician
// and the organisation's token, what a policy change tells the open widgets.
import { describe, it, expect } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';

const fx = useSandbox();

/** The worker with the organisation's token (and this API address) in managed storage. */
async function orgWorker(policy: Record<string, unknown> = {}) {
  await fakeBrowser.storage.managed.set({ teamviewerToken: DEMO_TOKEN, apiBaseUrl: fx.sb.apiBase, ...policy });
  return loadWorker(fx.sb.apiBase, DEMO_TOKEN, { connect: false });
}
const sharing = () => import('../src/background/account/sharing');
const sharedWith = async () => (await fx.state()).groups.find((g) => g.name === 'BOSS')?.shared_with.map((s) => s.userid) ?? [];

describe('sharing the organisation\'s BOSS group', () => {
  it('with the organisation\'s token and no allowSharing: shown read-only, and share/unshare are refused', async () => {
    const w = await orgWorker();
    expect((await w.connectionStatus()).source).toBe('organisation');
    const { groupSharing, shareGroup, unshareGroup } = await sharing();
    expect((await groupSharing()).readOnly).toBe(true);
    await expect(shareGroup(['u22334455'], 'read')).rejects.toMatchObject({ ui: { code: 'managed_by_policy' } });
    expect((await fx.state()).groups).toEqual([]); // nothing created either
    // Shared by the administrator in the Management Console: shown, not removable from here.
    const group = await fetch(`${fx.sb.apiBase}/groups`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'BOSS' }) }).then((r) => r.json() as Promise<{ id: string }>);
    await fetch(`${fx.sb.apiBase}/groups/${group.id}/share_group`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ users: [{ userid: 'u22334455', permissions: 'read' }] }) });
    const view = await groupSharing();
    expect(view).toMatchObject({ readOnly: true, sharedWith: [{ userid: 'u22334455' }] });
    await expect(unshareGroup(['u22334455'])).rejects.toMatchObject({ ui: { code: 'managed_by_policy' } });
    expect(await sharedWith()).toEqual(['u22334455']);
  });

  it('allowSharing: true lets the options page share and unshare', async () => {
    await orgWorker({ allowSharing: true });
    const { groupSharing, shareGroup, unshareGroup } = await sharing();
    expect((await groupSharing()).readOnly).toBeUndefined();
    await shareGroup(['u22334455'], 'read');
    expect(await sharedWith()).toEqual(['u22334455']);
    await unshareGroup(['u22334455']);
    expect(await sharedWith()).toEqual([]);
  });

  it('a personal token is unchanged: its owner shares (allowSharing plays no part)', async () => {
    await fakeBrowser.storage.managed.set({ allowSharing: false });
    await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
    const { groupSharing, shareGroup } = await sharing();
    expect((await groupSharing()).readOnly).toBeUndefined();
    await shareGroup(['u33445566'], 'readwrite');
    expect(await sharedWith()).toEqual(['u33445566']);
  });
});
