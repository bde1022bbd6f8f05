// Issue 15 §2–3, against the real sandbox: two browsers on one shared token racing to create the
// BOSS group settle on one; a colleague's case that ended is closed by its technician (the watcher
// and the sync agree), never counted "closed elsewhere".
import { describe, it, expect, vi } from 'vitest';
import { DEMO_TOKEN, type Session } from '../e2e/servers/sandbox.ts';
import { caseMetadata, type CaseRecord } from '../src/shared/case';
import { TeamViewerClient } from '../src/shared/teamviewer/client';
import type { Ticket } from '../src/shared/ticket';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';

const fx = useSandbox();
const { ctl, requests } = fx;

/** group.ts as one browser has it: its own module state and its own storage.local. */
async function browserGroup() {
  vi.resetModules();
  const store = new Map<string, unknown>();
  vi.doMock('../src/background/store/local', () => ({
    getLocal: async (k: string) => store.get(k),
    setLocal: async (k: string, v: unknown) => void store.set(k, v),
    removeLocal: async (k: string) => void store.delete(k),
  }));
  const group = await import('../src/background/account/group');
  vi.doUnmock('../src/background/store/local');
  return { ...group, store, client: new TeamViewerClient({ baseUrl: fx.sb.apiBase, token: DEMO_TOKEN }) };
}

describe('the BOSS group, with two browsers on one token', () => {
  it('both create one at the same moment, then settle on the oldest (the spare is deleted); a third finds it', async () => {
    const a = await browserGroup();
    const b = await browserGroup();
    // Both look the name up before either create is answered.
    await ctl('/faults', { method: 'POST', path: '^/groups$', status: 0, delayMs: 300, count: 2 });
    const [ida, idb] = await Promise.all([a.ensureGroup(a.client, 'u1'), b.ensureGroup(b.client, 'u1')]);
    expect((await requests()).filter((r) => r.method === 'POST' && r.path === '/groups')).toHaveLength(2);
    expect(ida).toBe(idb);
    const groups = (await fx.state()).groups.filter((g) => g.name === 'BOSS');
    expect(groups.map((g) => g.id)).toEqual([ida]);
    const c = await browserGroup();
    expect(await c.findGroup(c.client, 'u1')).toBe(ida);
  });

  it('a browser holding another group\'s id settles on the oldest at the sync\'s look-up by name', async () => {
    const { groupid: oldest } = await ctl('/bulk-sessions', { count: 0 });
    const b = await browserGroup();
    // An older release left a second BOSS group behind, and this browser cached it.
    const spare = await b.client.createGroup('BOSS');
    b.store.set('group', { id: spare.id, userid: 'u1' });
    expect(await b.findGroup(b.client, 'u1')).toBe(spare.id); // the watcher: cached
    expect(await b.findGroup(b.client, 'u1', { fresh: true })).toBe(oldest); // the sync: by name
    expect(await b.ensureGroup(b.client, 'u1')).toBe(oldest); // and kept
  });
});

const ORIGIN = 'https://acme.bossdesk.io';
const ticket = (id: string): Ticket => ({
  origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`,
  fields: { number: `#${id}`, title: 'Printer', requesterName: 'Ana Ruiz', technician: 'Marta Gómez' },
});

describe('a colleague\'s case that ended', () => {
  it('is closed by its technician in the watcher\'s record, in the sync and in the reports', { timeout: 30_000 }, async () => {
    const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
    const mine = (await w.startCase(ticket('1'))).active!;
    // A colleague's case on another ticket, in the shared group (assigned to another user).
    await ctl('/tokens', { token: 'colleague-token', account: { userid: 'u777', name: 'Jon Snow', email: 'jon@example.com' } });
    const theirs: Pick<CaseRecord, 'id' | 'ticketKey' | 'ticket'> = { id: 'a-colleagues-case', ticketKey: `${ORIGIN}#77`, ticket: ticket('77') };
    const s = await fetch(`${fx.sb.apiBase}/sessions`, {
      method: 'POST', headers: { Authorization: 'Bearer colleague-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupid: mine.groupid, custom_api: caseMetadata(theirs) }),
    }).then((r) => r.json() as Promise<Session>);
    await w.tick();
    expect(await w.getCase(theirs.id)).toMatchObject({ state: 'open', colleague: true, code: s.code });
    await ctl(`/sessions/${s.code}/close`);
    await w.tick();
    const closed = (await w.getCase(theirs.id))!;
    expect(closed.state).toBe('closed');
    expect(closed.closedBy).toBeUndefined();
    const sync = await import('../src/background/reports/sync');
    await sync.runSync('full');
    expect((await w.getCase(theirs.id))!.closedBy).toBeUndefined();
    const query = await import('../src/background/reports/query');
    const r = await query.runReport({});
    expect(r.summary.closedElsewhere).toBe(0);
    expect(r.cases.find((c) => c.id === theirs.id)?.outcome).toBe('closed');
  });
});
