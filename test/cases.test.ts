// The service-case state machine (src/background/cases.ts) against the real TeamViewer sandbox,
// fake browser storage and fake IndexedDB. Every test gets a fresh module graph, fresh storage,
// a fresh 'tv4boss' database and a reset sandbox.
import { describe, it, expect } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { DEMO_TOKEN, type Group, type Session } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { caseMetadata, parseCaseMetadata, type CaseRecord } from '../src/shared/case';
import { sanitizeTicket, ticketKey, type Ticket } from '../src/shared/ticket';
import { loadWorker } from './helpers/worker-state';



const fx = useSandbox();
const { ctl, state, requests } = fx;
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(fx.sb.apiBase + path, {
    method, headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The background modules, freshly evaluated, connected to the sandbox. */
async function worker(opts: { connect?: boolean } = {}) {
  // The mocked polyfill must be the fake browser this file resets.
  expect((await import('webextension-polyfill')).default).toBe(fakeBrowser);
  return loadWorker(fx.sb.apiBase, DEMO_TOKEN, opts);
}

const ORIGIN = 'https://acme.bossdesk.io';
function ticket(id = '1042', fields: Ticket['fields'] = {}): Ticket {
  return {
    origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`,
    fields: {
      number: `#${id}`, title: '  Printer on   floor 2 ', category: 'Printer', type: 'Incident', priority: 'High',
      requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com', technician: 'Marta Gómez', status: 'Open',
      ...fields,
    },
  };
}
const keyOf = (t: Ticket) => ticketKey(t);
const LICENCE_FAULT = {
  path: '^/sessions$', method: 'POST', status: 400,
  body: { error: 'invalid_request', error_description: 'Session could not be created due to license limitations.', error_code: 400 },
};

// ---------- tests ----------
describe('startCase', () => {
  it('two concurrent starts for one ticket make one case', async () => {
    const w = await worker();
    const t = ticket();
    const [a, b] = await Promise.all([w.startCase(t), w.startCase(t)]);
    const { sessions } = await state();
    expect(sessions).toHaveLength(1);
    expect(a.active?.code).toBe(sessions[0]!.code);
    expect(b.active?.code).toBe(sessions[0]!.code);
    expect(a.active?.id).toBe(b.active?.id);
    expect(b.active).toMatchObject({ state: 'open', ticketKey: keyOf(t), online: false });
    expect((await requests()).filter((r) => r.method === 'POST' && r.path === '/sessions')).toHaveLength(1);
    // A later click still finds the open case.
    expect((await w.startCase(t)).active?.code).toBe(sessions[0]!.code);
    expect((await state()).sessions).toHaveLength(1);
  });

  it('writes the ticket into custom_api, description and end customer', async () => {
    const w = await worker();
    const t = ticket();
    const view = await w.startCase(t);
    const [s] = (await state()).sessions;
    const meta = parseCaseMetadata(s!.custom_api);
    expect(meta).toEqual({ app: 'boss-tv', v: 1, caseId: view.active!.id, ticketKey: keyOf(t), url: sanitizeTicket(t).url, ticket: sanitizeTicket(t).fields });
    expect(meta!.ticket.title).toBe('Printer on floor 2');
    expect(s).toMatchObject({
      description: 'BOSS ticket #1042: Printer on floor 2',
      end_customer: { name: 'Ana Ruiz', email: 'ana.ruiz@example.com' },
    });
    // The record keeps the session's facts, from TeamViewer.
    const rec = (await w.getCase(view.active!.id))!;
    expect(rec).toMatchObject({
      state: 'open', code: s!.code, groupid: s!.groupid, createdAt: s!.created_at, validUntil: s!.valid_until,
      supporterLink: s!.supporter_link, customerLink: s!.end_customer_link, technician: 'Marta Gómez',
    });
    // The watcher is armed for the open case.
    expect(await fakeBrowser.alarms.get(w.WATCH_ALARM)).toBeDefined();
  });

  it('creates the BOSS group once across two tickets and reuses it', async () => {
    const w = await worker();
    await ctl('/clear-requests');
    await w.startCase(ticket('1042'));
    await w.startCase(ticket('1043'));
    const { groups, sessions } = await state();
    expect(groups.filter((g) => g.name === 'BOSS')).toHaveLength(1);
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.groupid))).toEqual(new Set([groups[0]!.id]));
    const log = await requests();
    expect(log.filter((r) => r.method === 'POST' && r.path === '/groups')).toHaveLength(1);
    // Looked up before creating and once after (another browser may have made one meanwhile); the
    // second start uses the cached id: no further look-up.
    expect(log.filter((r) => r.method === 'GET' && r.path === '/groups')).toHaveLength(2);
  });

  it('finds an existing BOSS group instead of creating one', async () => {
    const g = await api<Group>('POST', '/groups', { name: 'BOSS' });
    await api<Group>('POST', '/groups', { name: 'BOSS old' });
    const w = await worker();
    await w.startCase(ticket());
    const { groups, sessions } = await state();
    expect(groups).toHaveLength(2);
    expect(sessions[0]!.groupid).toBe(g.id);
  });

  it('a cached group that TeamViewer no longer knows (404) is looked up again, once', async () => {
    const w = await worker();
    await w.startCase(ticket('1042')); // caches the group id
    await ctl('/clear-requests');
    await ctl('/faults', { path: '^/sessions$', method: 'POST', status: 404, body: { error: 'not_found', error_description: 'Group not found', error_code: 404 } });
    const view = await w.startCase(ticket('1043'));
    expect(view.active?.state).toBe('open');
    const log = await requests();
    expect(log.filter((r) => r.method === 'GET' && r.path === '/groups')).toHaveLength(1); // re-validated
    expect(log.filter((r) => r.method === 'POST' && r.path === '/sessions').map((r) => r.status)).toEqual([404, 200]);
    // A second 404 in a row is not retried forever: the error is shown.
    await ctl('/faults', { path: '^/sessions$', method: 'POST', status: 404, count: 2 });
    const failed = await w.startCase(ticket('1044'));
    expect(failed.error?.code).toBe('not_found');
  });

  it('a change of administrator finds (or creates) the BOSS group again under the new account', async () => {
    const w = await worker();
    await w.startCase(ticket('1042'));
    await w.disconnect();
    await ctl('/tokens', { token: '55555555-NewAdminToken', account: { userid: 'u22334455', name: 'Arya Stark', email: 'arya@example.com' } });
    await w.connect('55555555-NewAdminToken', fx.sb.apiBase);
    await ctl('/clear-requests');
    const view = await w.startCase(ticket('1043'));
    expect(view.active?.state).toBe('open');
    const log = await requests();
    expect(log.filter((r) => r.method === 'GET' && r.path === '/groups')).toHaveLength(1); // not the old cache
    expect(log.find((r) => r.method === 'POST' && r.path === '/sessions')?.auth).toBe('55555555-NewAdminToken');
  });

  // Regression: the group look-up/creation is serialised across tickets (withLock is per
  // ticket), so two first starts on different tickets must not both create "BOSS".
  it('concurrent starts on two tickets create the BOSS group once', async () => {
    const w = await worker();
    await Promise.all([w.startCase(ticket('1042')), w.startCase(ticket('1043'))]);
    expect((await state()).groups.filter((g) => g.name === 'BOSS')).toHaveLength(1);
  });

  it('licence limit on POST /sessions → record failed, error license_limit, no session', async () => {
    const w = await worker();
    await ctl('/faults', LICENCE_FAULT);
    const t = ticket();
    const view = await w.startCase(t);
    expect(view.error?.code).toBe('license_limit');
    expect(view.active).toBeUndefined();
    expect(view.history).toEqual([]); // failed cases are not shown as history
    expect((await state()).sessions).toEqual([]);
    const [rec] = await w.casesOfTicket(keyOf(t));
    expect(rec).toMatchObject({ state: 'failed', error: { kind: 'license_limit', status: 400 } });
    expect(rec!.code).toBeUndefined();
    // Not retried: one POST only.
    expect((await requests()).filter((r) => r.method === 'POST' && r.path === '/sessions')).toHaveLength(1);
    // The next try (the licence freed up) works and clears the error.
    const again = await w.startCase(t);
    expect(again.error).toBeUndefined();
    expect(again.active?.state).toBe('open');
  });

  it('not connected → error not_connected, nothing recorded', async () => {
    const w = await worker({ connect: false });
    const t = ticket();
    const view = await w.startCase(t);
    expect(view).toMatchObject({ connected: false, error: { code: 'not_connected' } });
    expect(await w.casesOfTicket(keyOf(t))).toEqual([]);
  });
});

describe('stopCase', () => {
  it('closes the session; the record takes TeamViewer’s closed_at and queues the comment', async () => {
    const w = await worker();
    const t = ticket();
    const started = await w.startCase(t);
    const code = started.active!.code!;
    await ctl(`/sessions/${code}/connect`, { devicename: 'ANA-LAPTOP', minutes: 7 });
    const view = await w.stopCase(keyOf(t));

    const s = (await state()).sessions.find((x) => x.code === code)!;
    expect(s.state).toBe('Closed');
    expect(s.closed_at).toBeDefined();
    expect(view.active).toBeUndefined();
    expect(view.error).toBeUndefined();
    expect(view.history).toHaveLength(1);

    const [rec] = await w.casesOfTicket(keyOf(t));
    expect(rec!.state).toBe('closed');
    expect(rec!.closedAt).toBe(s.closed_at);
    expect(rec!.online).toBe(false);
    expect(rec!.comment?.posted).toBe(false);
    expect(rec!.comment?.text).toContain(`TeamViewer service case ${code} closed.`);
    expect(rec!.comment?.text).toContain('Device: ANA-LAPTOP · Connection time: 7 min 00 s');
    expect(rec!.comment?.text).not.toContain(s.supporter_link);
    // A second stop has nothing to do.
    await ctl('/clear-requests');
    await w.stopCase(keyOf(t));
    expect((await requests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('with the token revoked → close_failed, kept in history, error invalid_token', async () => {
    const w = await worker();
    const t = ticket();
    const code = (await w.startCase(t)).active!.code!;
    await ctl('/revoke', { token: DEMO_TOKEN });
    const view = await w.stopCase(keyOf(t));
    expect(view.error?.code).toBe('invalid_token');
    expect(view.active).toBeUndefined();
    expect(view.history.map((c) => [c.code, c.state])).toEqual([[code, 'close_failed']]);
    const all = await w.casesOfTicket(keyOf(t));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ state: 'close_failed', code, error: { kind: 'invalid_token' } });
    expect((await state()).sessions[0]!.state).toBe('Open');
  });

  it('404 on PUT → treated as closed elsewhere', async () => {
    const w = await worker();
    const t = ticket();
    const code = (await w.startCase(t)).active!.code!;
    await ctl('/faults', { method: 'PUT', path: '^/sessions/', status: 404 });
    const view = await w.stopCase(keyOf(t));
    expect(view.error).toBeUndefined();
    const [rec] = await w.casesOfTicket(keyOf(t));
    expect(rec).toMatchObject({ state: 'closed', code, comment: { posted: false } });
    expect(Date.parse(rec!.closedAt!)).not.toBeNaN();
  });

  it('a server failure on PUT leaves the case open, with the error shown', async () => {
    const w = await worker();
    const t = ticket();
    await w.startCase(t);
    await ctl('/faults', { method: 'PUT', path: '^/sessions/', status: 400, count: 1 });
    const view = await w.stopCase(keyOf(t));
    expect(view.error?.code).toBe('bad_request');
    expect(view.active?.state).toBe('open');
    // And a retry closes it.
    const again = await w.stopCase(keyOf(t));
    expect(again.active).toBeUndefined();
    expect((await state()).sessions[0]!.state).toBe('Closed');
  });
});

describe('reconcile', () => {
  it('a creating record whose session exists becomes open with that code', async () => {
    const w = await worker();
    const t = sanitizeTicket(ticket());
    const group = await api<Group>('POST', '/groups', { name: 'BOSS' });
    const now = new Date().toISOString();
    const rec: CaseRecord = { id: crypto.randomUUID(), ticketKey: keyOf(t), ticket: t, state: 'creating', requestedAt: now, updatedAt: now, groupid: group.id };
    // Another case of the group that is not ours, and ours.
    await api<Session>('POST', '/sessions', { groupid: group.id, custom_api: caseMetadata({ ...rec, id: 'someone-else' }) });
    const s = await api<Session>('POST', '/sessions', { groupid: group.id, custom_api: caseMetadata(rec) });
    await w.putCase(rec);

    await w.reconcile();
    const after = (await w.getCase(rec.id))!;
    expect(after).toMatchObject({
      state: 'open', code: s.code, groupid: group.id, createdAt: s.created_at, validUntil: s.valid_until, supporterLink: s.supporter_link,
    });
    expect(await fakeBrowser.alarms.get(w.WATCH_ALARM)).toBeDefined();
    expect((await w.ticketView(keyOf(t))).active?.code).toBe(s.code);
  });

  it('a recent creating record with no session stays creating and is retried later', async () => {
    const w = await worker();
    const t = sanitizeTicket(ticket());
    const now = new Date().toISOString();
    const rec: CaseRecord = { id: crypto.randomUUID(), ticketKey: keyOf(t), ticket: t, state: 'creating', requestedAt: now, updatedAt: now };
    await w.putCase(rec);
    await w.reconcile();
    expect((await w.getCase(rec.id))!.state).toBe('creating');
    expect(await fakeBrowser.alarms.get(w.RECONCILE_ALARM)).toBeDefined();
  });

  it('an old creating record with no session becomes failed', async () => {
    const w = await worker();
    const t = sanitizeTicket(ticket());
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    const rec: CaseRecord = { id: crypto.randomUUID(), ticketKey: keyOf(t), ticket: t, state: 'creating', requestedAt: old, updatedAt: old };
    await w.putCase(rec);
    await w.reconcile();
    expect((await w.getCase(rec.id))).toMatchObject({ state: 'failed', error: { kind: 'network' } });
  });

  it('a closing record is closed in TeamViewer and finished', async () => {
    const w = await worker();
    const t = ticket();
    const open = (await w.startCase(t)).active!;
    await w.putCase({ ...(await w.getCase(open.id))!, state: 'closing' });
    await w.reconcile();
    expect((await state()).sessions[0]!.state).toBe('Closed');
    expect((await w.getCase(open.id))!.state).toBe('closed');
  });
});

describe('watcher tick', () => {
  it('customer joins → online, notified once; closed in TeamViewer → closed', async () => {
    const w = await worker();
    const t = ticket();
    const id = (await w.startCase(t)).active!.id;
    const code = (await w.getCase(id))!.code!;
    await ctl(`/sessions/${code}/online`, { online: true });
    await w.tick();
    expect(await w.getCase(id)).toMatchObject({ state: 'open', online: true, onlineNotified: true });
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([`joined:${id}`]);

    await ctl(`/sessions/${code}/close`);
    await w.tick();
    expect((await w.getCase(id))!.state).toBe('closed');
  });

  it('expired in TeamViewer → expired, closedAt = valid_until', async () => {
    const w = await worker();
    const t = ticket();
    const id = (await w.startCase(t)).active!.id;
    const code = (await w.getCase(id))!.code!;
    const s: Session = (await ctl(`/sessions/${code}/expire`));
    await w.tick();
    const rec = (await w.getCase(id))!;
    expect(rec).toMatchObject({ state: 'expired', closedAt: s.valid_until });
    expect(rec.comment?.text).toContain(`TeamViewer service case ${code} expired.`);
  });
});
