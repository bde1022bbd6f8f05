// Worker faults found in review (issue 9), each against the real sandbox with fake browser storage
// and fake IndexedDB: stale customer emails, a stop racing a reply result, clock skew, a case
// missing from one list, twins, cases stuck in "creating", calls per create, the API address and
// the token's binding to it, serialised storage writes, the storage lock, cloud tenants.
import { describe, it, expect, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { DEMO_TOKEN, type Session } from '../e2e/servers/sandbox.ts';
import { caseMetadata, type CaseRecord } from '../src/shared/case';
import { ticketKey, type Ticket } from '../src/shared/ticket';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';

const fx = useSandbox();
const { ctl, requests } = fx;
const sessions = async (): Promise<Session[]> => (await fx.state()).sessions;

const ORIGIN = 'https://acme.bossdesk.io';
const ticket = (id = '1042'): Ticket => ({
  origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`,
  fields: { number: `#${id}`, title: 'Printer', requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com', technician: 'Marta Gómez' },
});

async function worker(opts: { connect?: boolean } = {}) {
  const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN, opts);
  const tasks = await import('../src/background/cases/page-tasks');
  return { ...w, ...tasks };
}

describe('customer email', () => {
  it('is never offered once its case closed: a pending email becomes expired', async () => {
    const w = await worker();
    const t = ticket();
    const open = (await w.startCase(t)).active!;
    const rec = (await w.getCase(open.id))!;
    expect(rec.email?.status).toBe('pending'); // no tab was open to send it
    await w.stopCase(ticketKey(t));
    const closed = (await w.getCase(open.id))!;
    expect(closed.email?.status).toBe('expired');
    expect(w.claimTasks(closed).map((task) => task.kind)).toEqual(['comment']);
    // Even a record still marked pending is not offered when its case is not open.
    expect(w.claimTasks({ ...closed, id: 'other', email: { ...closed.email!, status: 'pending' } }).map((x) => x.kind)).toEqual(['comment']);
  });

  it('a reply result that races a stop is kept: sent, never back to pending', async () => {
    const w = await worker();
    const t = ticket();
    const open = (await w.startCase(t)).active!;
    await ctl('/faults', { method: 'PUT', path: '^/sessions/', status: 0, delayMs: 400 });
    const stopping = w.stopCase(ticketKey(t));
    await new Promise((r) => setTimeout(r, 100)); // the stop is waiting for TeamViewer
    await w.taskResult(ticketKey(t), open.id, 'reply', true);
    await stopping;
    const rec = (await w.getCase(open.id))!;
    expect(rec.state).toBe('closed');
    expect(rec.email?.status).toBe('sent');
    expect(w.claimTasks(rec).some((x) => x.kind === 'reply')).toBe(false);
  });
});

describe('the watcher trusts TeamViewer', () => {
  it('a technician clock hours ahead of TeamViewer\'s does not expire an open case', async () => {
    // TeamViewer's clock is 30 h behind the technician's: by the local clock, a 24 h case created
    // now is already over (its valid_until, in server time, is 6 h in the local past).
    await ctl('/clock', { offsetMs: -30 * 3600_000 });
    const w = await worker();
    const open = (await w.startCase(ticket())).active!;
    expect(Date.parse(open.validUntil!)).toBeLessThan(Date.now());
    await w.tick();
    expect((await w.getCase(open.id))!.state).toBe('open');
  });

  it('a case missing from one list answer is asked about, and stays open', async () => {
    const w = await worker();
    const open = (await w.startCase(ticket())).active!;
    await ctl('/faults', { method: 'GET', path: '^/sessions$', status: 200, body: { sessions: [] } });
    await w.tick();
    expect((await w.getCase(open.id))!.state).toBe('open');
    expect((await requests()).some((r) => r.method === 'GET' && r.path === `/sessions/${open.code}`)).toBe(true);
    // Closed in TeamViewer for real: then it is closed elsewhere.
    await ctl(`/sessions/${open.code}/close`);
    await w.tick();
    const rec = (await w.getCase(open.id))!;
    expect(rec).toMatchObject({ state: 'closed', closedBy: 'elsewhere' });
  });

  it('closes a twin: an open session carrying one of our case ids under another code', async () => {
    const w = await worker();
    const t = ticket();
    const open = (await w.startCase(t)).active!;
    const rec = (await w.getCase(open.id))!;
    // As the browser's silent POST resend would leave it: the same metadata, another code.
    const twin = await fetch(`${fx.sb.apiBase}/sessions`, {
      method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupid: rec.groupid, custom_api: caseMetadata(rec) }),
    }).then((r) => r.json() as Promise<Session>);
    // A colleague's case in the shared group is someone else's: left alone.
    const colleague = await fetch(`${fx.sb.apiBase}/sessions`, {
      method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupid: rec.groupid, custom_api: caseMetadata({ ...rec, id: 'a-colleagues-case' }) }),
    }).then((r) => r.json() as Promise<Session>);
    await w.tick();
    const byCode = new Map((await sessions()).map((s) => [s.code, s]));
    expect(byCode.get(twin.code)?.state ?? 'deleted').not.toBe('Open');
    expect(byCode.get(open.code!)?.state).toBe('Open');
    expect(byCode.get(colleague.code)?.state).toBe('Open');
    expect((await w.getCase(open.id))!.state).toBe('open');
  });

  it('a create costs one TeamViewer call once the group is known and the watcher\'s list is fresh', async () => {
    const w = await worker();
    await w.startCase(ticket('1')); // finds or creates the BOSS group
    await w.tick(); // the watcher lists the group's open cases
    await ctl('/requests/clear').catch(() => undefined);
    let before = (await requests()).length;
    await w.startCase(ticket('2'));
    expect((await requests()).slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /sessions']);
    // Without a fresh list: one look for the ticket's case in another browser, then the create.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    try {
      before = (await requests()).length;
      await w.startCase(ticket('3'));
      expect((await requests()).slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /sessions', 'POST /sessions']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('no case stays "creating" for ever', () => {
  const creating = (over: Partial<CaseRecord> = {}): CaseRecord => {
    const t = ticket('77');
    return {
      id: 'stuck-1', ticketKey: ticketKey(t), ticket: t, state: 'creating', requestedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      updatedAt: new Date().toISOString(), ...over,
    };
  };

  it('without a token, reconcile records a create past its grace period as failed', async () => {
    const w = await worker({ connect: false });
    await w.putCase(creating());
    await w.reconcile();
    expect((await w.getCase('stuck-1'))!.state).toBe('failed');
  });

  it('with TeamViewer refusing (401), the same', async () => {
    const w = await worker();
    await w.putCase(creating());
    await ctl('/faults', { status: 401, count: 0, body: { error: 'invalid_token', error_code: 401 } });
    await w.reconcile();
    expect((await w.getCase('stuck-1'))!.state).toBe('failed');
  });

  it('a recent one is given its grace period, and stop marks a code-less one failed', async () => {
    const w = await worker({ connect: false });
    await w.putCase(creating({ requestedAt: new Date().toISOString() }));
    await w.reconcile();
    expect((await w.getCase('stuck-1'))!.state).toBe('creating');
    expect(await fakeBrowser.alarms.get('reconcile')).toBeTruthy();
    await w.stopCase(ticketKey(ticket('77')));
    expect((await w.getCase('stuck-1'))!.state).toBe('failed');
  });
});

describe('the API address and the token', () => {
  it('the address is saved only with a token verified there; a changed address forgets the token', async () => {
    const w = await worker({ connect: false });
    const settings = await import('../src/background/config/settings');
    const before = (await settings.getSettings()).apiBaseUrl;
    await expect(w.connect('not-the-right-token-123', fx.sb.apiBase)).rejects.toThrow();
    expect((await settings.getSettings()).apiBaseUrl).toBe(before);
    await w.connect(DEMO_TOKEN, fx.sb.apiBase);
    expect((await w.connectionStatus()).connected).toBe(true);
    await settings.updateSettings({ apiBaseUrl: 'http://127.0.0.1:1/api/v1' });
    expect((await w.connectionStatus()).connected).toBe(false);
    const { connectedClient } = await import('../src/background/account/credentials');
    await expect(connectedClient()).rejects.toMatchObject({ ui: { code: 'not_connected' } });
  });

  it('loopback addresses are for the test build only', async () => {
    const { validApiBaseUrl } = await import('../src/shared/settings');
    expect(validApiBaseUrl('http://127.0.0.1:4010/api/v1', false)).toBe(false);
    expect(validApiBaseUrl('https://localhost/api/v1', false)).toBe(false);
    expect(validApiBaseUrl('http://127.0.0.1:4010/api/v1', true)).toBe(true);
    expect(validApiBaseUrl('https://webapi.teamviewer.com/api/v1', false)).toBe(true);
    expect(validApiBaseUrl('http://webapi.teamviewer.com/api/v1', true)).toBe(false);
    expect(validApiBaseUrl('https://user:pw@webapi.teamviewer.com/api/v1', false)).toBe(false);
  });

  it('a browser that cannot lock storage.local gets no token stored', async () => {
    vi.stubGlobal('chrome', { ...globalThis.chrome, storage: { local: { setAccessLevel: async () => { throw new Error('not supported'); } } } });
    try {
      const w = await worker({ connect: false });
      await expect(w.connect(DEMO_TOKEN, fx.sb.apiBase)).rejects.toMatchObject({ ui: { code: 'storage_unlocked' } });
      expect(await fakeBrowser.storage.local.get('vault')).toEqual({});
    } finally {
      vi.unstubAllGlobals();
      vi.stubGlobal('chrome', { storage: { local: { setAccessLevel: async () => undefined } }, i18n: { getMessage: (k: string) => (k === 'locale' ? 'en' : k), getUILanguage: () => 'en-US' } });
    }
  });
});

describe('storage writes are serialised', () => {
  it('two sites added at once are both kept; two diagnoses recorded at once are both kept', async () => {
    const sites = await import('../src/background/config/sites');
    await Promise.all([sites.addSite('https://a.corp.local'), sites.addSite('https://b.corp.local'), sites.addSite('https://c.corp.local')]);
    expect((await sites.storedSites()).map((s) => s.origin).sort()).toEqual(['https://a.corp.local', 'https://b.corp.local', 'https://c.corp.local']);
    const diag = await import('../src/background/config/diagnosis');
    const report = (origin: string) => ({ origin, url: `${origin}/x`, at: Date.now(), profile: { id: 'p', name: 'P', custom: false }, diagnosis: { fields: {}, mount: false } }) as never;
    await Promise.all(['https://a.corp.local', 'https://b.corp.local'].map((o) => diag.recordDiagnosis(o, report(o))));
    expect(Object.keys(await diag.getDiagnoses()).sort()).toEqual(['https://a.corp.local', 'https://b.corp.local']);
  });
});

describe('BOSSDesk cloud tenants', () => {
  it('a policy can restrict the trusted cloud tenants; without it every tenant is trusted', async () => {
    const { parsePolicy } = await import('../src/background/config/policy');
    const p = parsePolicy({ cloudTenants: ['acme.bossdesk.io', 'https://Beta.bossdesk.io/app/x', 'evil.example.com', 7] }, { minPollSeconds: 30, allowLoopbackApi: false });
    expect(p.cloudTenants).toEqual(['https://acme.bossdesk.io', 'https://beta.bossdesk.io']);
    expect(p.errors).toEqual(['cloudTenants[2]: not a https://<tenant>.bossdesk.io address', 'cloudTenants[3]: not a https://<tenant>.bossdesk.io address']);

    const sites = await import('../src/background/config/sites');
    expect(await sites.isHelpdeskOrigin('https://other.bossdesk.io')).toBe(true);
    await fakeBrowser.storage.managed.set({ cloudTenants: ['acme.bossdesk.io'] });
    (await import('../src/background/config/policy')).forgetPolicy(); // what storage.onChanged('managed') does
    await sites.syncContentScripts(); // the worker re-checks its sites after a policy change
    expect(await sites.isHelpdeskOrigin('https://acme.bossdesk.io')).toBe(true);
    expect(await sites.isHelpdeskOrigin('https://other.bossdesk.io')).toBe(false);
    // The router refuses the other tenant's content script.
    const { handleMessage } = await import('../src/background/runtime/router');
    const sender = (url: string) => ({ id: 'test-extension-id', url, tab: { id: 1 }, frameId: 0 }) as never;
    expect(await handleMessage({ type: 'profile/for-page' }, sender('https://other.bossdesk.io/app/tickets/1'))).toMatchObject({ ok: false, error: { detail: 'sender not allowed' } });
    expect(await handleMessage({ type: 'profile/for-page' }, sender('https://acme.bossdesk.io/app/tickets/1'))).toMatchObject({ ok: true });
  });
});

describe('links from TeamViewer', () => {
  it('only https links are opened or shown (http on loopback in the test build only)', async () => {
    const { isSafeLink } = await import('../src/shared/links');
    expect(isSafeLink('https://start.teamviewer.com/s12345678', false)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'http://start.teamviewer.com/x', 'data:text/html,x', 'https://u:p@x.example', '', undefined, 'not a url']) {
      expect(isSafeLink(bad, false), String(bad)).toBe(false);
    }
    expect(isSafeLink('http://127.0.0.1:4010/s/1', true)).toBe(true);
    expect(isSafeLink('http://127.0.0.1:4010/s/1', false)).toBe(false);
  });
});

describe('worker start-up', () => {
  it('browser start-up re-arms the watcher from stored state (runtime.onStartup)', async () => {
    const w = await worker();
    await w.startCase(ticket());
    await fakeBrowser.alarms.clearAll(); // as after a browser restart that lost them
    (await import('../src/background/startup')).settleOnEveryStart();
    // The worker's own start re-arms them; once it has, lose them again, then start the browser.
    await expect.poll(async () => (await fakeBrowser.alarms.getAll()).length).toBe(2);
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.runtime.onStartup.trigger();
    await w.idle();
    await expect.poll(async () => (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort()).toEqual(['expiry', 'watch']);
  });
});
