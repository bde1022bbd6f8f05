// Team mode under the organisation's policy (chrome.storage.managed, fed through the fake browser),
// against the TeamViewer sandbox: who may change the BOSS group's sharing, the chosen technician
// and the organisation's token, what a policy change tells the open widgets.
import { describe, it, expect, vi } from 'vitest';
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

describe('the chosen technician belongs to the organisation\'s token and is re-checked', () => {
  const TICKET = { origin: 'https://acme.bossdesk.io', id: '1042', url: 'https://acme.bossdesk.io/app/en/tickets/1042', fields: { number: '#1042' } };

  it('a technician who left the company\'s TeamViewer users is no longer used: the widget says to choose again', async () => {
    const w = await orgWorker();
    const { chooseTechnician, technicianView } = await import('../src/background/account/technician');
    await chooseTechnician('u22334455');
    expect((await w.startCase(TICKET)).active?.assignedUserId).toBe('u22334455');
    await w.stopCase(`${TICKET.origin}#${TICKET.id}`);
    // Arya leaves: GET /users no longer lists her. Once the check is due, her choice is dropped.
    await fx.ctl('/faults', { method: 'GET', path: '^/users$', status: 200, count: 0, body: { users: [{ id: 'u11293276', name: 'Jon Snow', email: 'jon.snow@example.com' }] } });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      const view = await w.startCase(TICKET);
      expect(view.error?.code).toBe('technician_left');
      expect(view.active).toBeUndefined();
      expect((await technicianView()).chosen).toBeUndefined();
      expect((await fx.state()).sessions.filter((s) => s.state === 'Open')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a choice made under another organisation token is not used under this one', async () => {
    await fx.ctl('/tokens', { token: '23456789-OtherCompanyToken', account: { userid: 'u99887766', name: 'Other Admin' } });
    await fakeBrowser.storage.managed.set({ teamviewerToken: '23456789-OtherCompanyToken', apiBaseUrl: fx.sb.apiBase });
    await loadWorker(fx.sb.apiBase, DEMO_TOKEN, { connect: false });
    const first = await import('../src/background/account/technician');
    await first.chooseTechnician('u22334455');
    expect((await first.currentTechnician())?.userid).toBe('u22334455');
    // The administrator changes the policy's token: the worker reads it afresh.
    await fakeBrowser.storage.managed.set({ teamviewerToken: DEMO_TOKEN });
    (await import('../src/background/config/policy')).forgetPolicy();
    const { currentTechnician, requireTechnician } = await import('../src/background/account/technician');
    expect(await currentTechnician()).toBeUndefined();
    await expect(requireTechnician()).rejects.toMatchObject({ ui: { code: 'technician_left' } });
  });

  it('a choice kept by 0.2.0 (no fingerprint) is bound to the token once GET /users still lists the user', async () => {
    await fakeBrowser.storage.local.set({ technician: { userid: 'u33445566', name: 'Samwell Tarly' } });
    await orgWorker();
    const { currentTechnician } = await import('../src/background/account/technician');
    expect((await currentTechnician())?.userid).toBe('u33445566');
    const stored = (await fakeBrowser.storage.local.get('technician')).technician as { fingerprint?: string };
    expect(stored.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('managed storage that cannot be closed to content scripts', () => {
  it('the organisation\'s token is not used (fail closed), and the options page is told why', async () => {
    const managed = (globalThis as unknown as { chrome: { storage: { managed: { setAccessLevel: () => Promise<void> } } } }).chrome.storage.managed;
    const real = managed.setAccessLevel;
    managed.setAccessLevel = async () => { throw new Error('not supported'); };
    try {
      const w = await orgWorker();
      const status = await w.connectionStatus();
      expect(status).toMatchObject({ connected: false, source: 'organisation', orgError: { code: 'managed_unlocked' } });
      const { readCredentials } = await import('../src/background/account/credentials');
      expect(await readCredentials()).toBeUndefined();
      const view = await w.startCase({ origin: 'https://acme.bossdesk.io', id: '1042', url: 'https://acme.bossdesk.io/app/en/tickets/1042', fields: {} });
      expect(view).toMatchObject({ connected: false, error: { code: 'not_connected' } });
      // The token never went out: TeamViewer was not called at all.
      expect(await fx.requests()).toEqual([]);
    } finally {
      managed.setAccessLevel = real;
    }
  });
});

describe('a policy change reaches open widgets and the options page at once', () => {
  /** A runtime port as the worker sees it, from `sender`. */
  function fakePort(name: string, sender: Record<string, unknown>) {
    const onMessage: ((m: unknown) => unknown)[] = [];
    const out: { type: string; view?: { connected: boolean } }[] = [];
    return {
      name, sender, out,
      postMessage: (m: (typeof out)[number]) => void out.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (f: (m: unknown) => unknown) => void onMessage.push(f) },
      onDisconnect: { addListener: () => undefined },
      send: (m: unknown) => Promise.all(onMessage.map((f) => f(m))),
    };
  }
  const lastView = (p: ReturnType<typeof fakePort>) => p.out.filter((m) => m.type === 'view').at(-1)?.view;

  it('the organisation\'s token added, then removed: the ticket\'s widget and the options page are told without a reload', async () => {
    const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN, { connect: false });
    (await import('../src/background/config/policy-change')).watchPolicy();
    const { acceptPort } = await import('../src/background/runtime/ports');
    const { acceptOptionsPort } = await import('../src/background/runtime/options-port');
    const ticket = fakePort('ticket', { id: fakeBrowser.runtime.id, tab: { id: 7 }, frameId: 0, url: 'https://acme.bossdesk.io/app/en/tickets/1042' });
    const options = fakePort('options', { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/pages/options/index.html') });
    acceptPort(ticket as never);
    acceptOptionsPort(options as never);
    await ticket.send({ type: 'watch', ticketKey: 'https://acme.bossdesk.io#1042' });
    await w.idle();
    expect(lastView(ticket)?.connected).toBe(false);

    await fakeBrowser.storage.managed.set({ teamviewerToken: DEMO_TOKEN, apiBaseUrl: fx.sb.apiBase });
    await expect.poll(async () => { await w.idle(); return lastView(ticket)?.connected; }).toBe(true);
    expect(options.out).toContainEqual({ type: 'policy-changed' });
    expect((await w.connectionStatus()).source).toBe('organisation');

    options.out.length = 0;
    await fakeBrowser.storage.managed.remove('teamviewerToken');
    await expect.poll(async () => { await w.idle(); return lastView(ticket)?.connected; }).toBe(false);
    expect(options.out).toEqual([{ type: 'policy-changed' }]);
  });

  it('a content script cannot open the options port', async () => {
    await loadWorker(fx.sb.apiBase, DEMO_TOKEN, { connect: false });
    const { acceptOptionsPort } = await import('../src/background/runtime/options-port');
    let disconnected = false;
    const port = { ...fakePort('options', { id: fakeBrowser.runtime.id, tab: { id: 7 }, frameId: 0, url: 'https://acme.bossdesk.io/app/en/tickets/1042' }), disconnect: () => void (disconnected = true) };
    acceptOptionsPort(port as never);
    expect(disconnected).toBe(true);
  });
});
