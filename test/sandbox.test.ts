import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startSandbox, DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import type { SandboxHandle, Session, ConnectionRecord, LoggedRequest } from '../e2e/servers/sandbox.ts';

let sb: SandboxHandle;

beforeAll(async () => { sb = await startSandbox({ port: 0 }); });
afterAll(async () => { await sb.close(); });
beforeEach(async () => { await ctl('/reset'); });

async function api(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? DEMO_TOKEN : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(sb.apiBase + path, {
    method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as any };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ctl(path: string, body: unknown = {}, method: 'GET' | 'POST' = 'POST'): Promise<any> {
  const res = await fetch(`${sb.url}/__control${path}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
  expect(res.ok, `${method} ${path} → ${res.status}`).toBe(true);
  return res.json();
}
async function createGroup(name = 'BOSS'): Promise<string> {
  return (await api('/groups', { method: 'POST', body: { name } })).body.id as string;
}
async function createSession(groupid: string, extra: Record<string, unknown> = {}): Promise<Session> {
  const r = await api('/sessions', { method: 'POST', body: { groupid, ...extra } });
  expect(r.status).toBe(200);
  return r.body as Session;
}

describe('TeamViewer sandbox', () => {
  it('answers ping for valid and invalid tokens', async () => {
    expect((await api('/ping')).body).toEqual({ token_valid: true });
    const bad = await api('/ping', { token: 'nope' });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ token_valid: false });
  });

  it('returns the 401 error shape and the per-token account', async () => {
    for (const token of [null, 'unknown-token']) {
      const r = await api('/account', { token });
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.body).toEqual({ error: 'invalid_token', error_description: expect.any(String), error_code: 401 });
    }
    const acc = await api('/account');
    expect(acc.body).toMatchObject({ userid: 'u11293276', name: 'Jon Snow', license: { type: 'Corporate', isactive: true } });
  });

  it('denies areas per token with 403 invalid_permission', async () => {
    await ctl('/tokens', { token: 'limited', denied: ['reports'], license: { type: 'Free', isactive: false } });
    const r = await api('/reports/connections', { token: 'limited' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: 'invalid_permission', error_description: 'Permission denied: reports', error_code: 403 });
    expect((await api('/account', { token: 'limited' })).body.license).toEqual({ type: 'Free', isactive: false });
  });

  it('looks groups up by exact name and creates them', async () => {
    expect((await api('/groups?name=BOSS&shouldMatchFullName=true')).body).toEqual({ groups: [] });
    const id = await createGroup('BOSS');
    expect(id).toMatch(/^g\d+$/);
    await createGroup('BOSS Archive');
    const exact = (await api('/groups?name=BOSS&shouldMatchFullName=true')).body.groups;
    expect(exact).toEqual([{ id, name: 'BOSS', shared_with: [], owner: { userid: 'u11293276', name: 'Jon Snow' }, permissions: 'owned' }]);
    expect((await api('/groups?name=boss')).body.groups).toHaveLength(2);
    expect((await api(`/groups/${id}`)).body.name).toBe('BOSS');
    expect((await api('/groups/g1')).status).toBe(404);
    expect((await api('/groups', { method: 'POST', body: {} })).body.error).toBe('invalid_request');
  });

  it('validates session creation and returns the documented shape', async () => {
    const noGroup = await api('/sessions', { method: 'POST', body: { description: 'x' } });
    expect(noGroup.status).toBe(400);
    expect(noGroup.body).toMatchObject({ error: 'invalid_request', error_code: 400 });
    expect((await api('/sessions', { method: 'POST', body: { groupid: 'g999' } })).body.error_description).toMatch(/groupid/);
    const gid = await createGroup();
    const long = await api('/sessions', { method: 'POST', body: { groupid: gid, description: 'a'.repeat(4001) } });
    expect(long.status).toBe(400);
    expect(long.body.error_description).toMatch(/description/);

    const s = await createSession(gid, { description: 'Printer', custom_api: '{"ticket":42}', end_customer: { name: 'Ana Ruiz', email: 'ana@example.com' } });
    expect(s.code).toMatch(/^s\d{3}-\d{3}-\d{3}$/);
    expect(s).toMatchObject({ state: 'Open', groupid: gid, assigned_userid: 'u11293276', online: false, support_session_type: 'Default', custom_api: '{"ticket":42}' });
    expect(s.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(s.valid_until) - Date.parse(s.created_at)).toBe(24 * 3600_000);
    const digits = s.code.replace(/-/g, '');
    expect(s.end_customer_link).toBe(`https://get.teamviewer.com/v15/${digits}`);
    const secret = /-([A-Za-z0-9]{12})$/.exec(s.supporter_link)?.[1];
    expect(secret).toBeDefined();
    expect(s.webclient_supporter_link).toBe(`https://login.teamviewer.com/Connect/IndexByol?sessioncode=${digits}&servicequeuetoken=${secret}`);
    expect((await api(`/sessions/${s.code}`)).body).toEqual(s);
    // groupname of a missing group creates it
    const byName = await api('/sessions', { method: 'POST', body: { groupname: 'New Queue' } });
    expect(byName.status).toBe(200);
    expect((await api('/groups?name=New Queue&shouldMatchFullName=true')).body.groups[0].id).toBe(byName.body.groupid);
  });

  it('pages the session list newest first with next_offset', async () => {
    await ctl('/config', { pageSize: 2 });
    const gid = await createGroup();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await createSession(gid)).code);
    const seen: string[] = [];
    let offset: string | undefined;
    const remaining: number[] = [];
    do {
      const r = await api(`/sessions?state=open&full_list=true${offset ? `&offset=${offset}` : ''}`);
      seen.push(...(r.body.sessions as Session[]).map((x) => x.code));
      remaining.push(r.body.sessions_remaining);
      offset = r.body.next_offset;
    } while (offset);
    expect(seen).toEqual([...codes].reverse());
    expect(remaining).toEqual([3, 1, 0]);
  });

  it('closes a session via PUT and reports closed_at', async () => {
    const s = await createSession(await createGroup());
    const put = await api(`/sessions/${s.code}`, { method: 'PUT', body: { state: 'closed' } });
    expect(put.status).toBe(204);
    expect(put.body).toBeNull();
    const got = (await api(`/sessions/${s.code}`)).body;
    expect(got.state).toBe('Closed');
    expect(got.closed_at).toMatch(/Z$/);
    expect((await api('/sessions?state=open')).body.sessions).toEqual([]);
    expect((await api('/sessions?state=closed')).body.sessions).toHaveLength(1);
    expect((await api('/sessions/s000-000-000', { method: 'PUT', body: { state: 'closed' } })).status).toBe(404);
  });

  it('connect sets online and adds reports paged by offset_id', async () => {
    await ctl('/config', { pageSize: 2 });
    const gid = await createGroup();
    const sessions = [await createSession(gid), await createSession(gid), await createSession(gid, { custom_api: 'T-3' })];
    const recs: ConnectionRecord[] = [];
    for (const s of sessions) recs.push(await ctl(`/sessions/${s.code}/connect`, { notes: 'fixed' }));
    expect((await api(`/sessions/${sessions[0]!.code}`)).body.online).toBe(true);

    const p1 = (await api(`/reports/connections?groupid=${gid}&has_code=true`)).body;
    expect(p1.records).toHaveLength(2);
    expect(p1.records_remaining).toBe(1);
    expect(p1.records[0]).toMatchObject({
      session_code: sessions[2]!.code, custom_api: 'T-3', groupname: 'BOSS', username: 'Jon Snow', devicename: 'ANA-LAPTOP',
      deviceid: 'r123456789', billing_state: 'Bill', fee: 0, currency: 'EUR', notes: 'fixed',
    });
    expect(Date.parse(p1.records[0].end_date) - Date.parse(p1.records[0].start_date)).toBe(12 * 60_000);
    const p2 = (await api(`/reports/connections?groupid=${gid}&offset_id=${p1.next_offset}`)).body;
    expect(p2.records.map((r: ConnectionRecord) => r.id)).toEqual([recs[0]!.id]);
    expect(p2.next_offset).toBeUndefined();

    expect((await api(`/reports/connections/${recs[0]!.id}`, { method: 'PUT', body: { notes: 'n' } })).status).toBe(204);
    expect((await api(`/reports/connections?session_code=${sessions[0]!.code}`)).body.records[0].notes).toBe('n');
  });

  it('injects faults for count calls, then answers normally', async () => {
    await ctl('/faults', { path: '^/account$', status: 429, headers: { 'Retry-After': '2' }, body: { error: 'rate_limit_reached', error_description: 'slow down', error_code: 429 } });
    const first = await api('/account');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.body.error).toBe('rate_limit_reached');
    expect((await api('/account')).status).toBe(200);

    await ctl('/faults', { status: -1, method: 'GET', path: '^/ping$' });
    await expect(fetch(`${sb.apiBase}/ping`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).rejects.toThrow();

    const log = (await ctl('/requests', undefined, 'GET')) as LoggedRequest[];
    expect(log.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/account', 429], ['GET', '/account', 200], ['GET', '/ping', -1]]);
    expect(log[0]!.auth).toBe(DEMO_TOKEN);
  });

  it('revoked tokens ping false and get 401 elsewhere', async () => {
    await ctl('/revoke', { token: DEMO_TOKEN });
    expect((await api('/ping')).body).toEqual({ token_valid: false });
    const r = await api('/account');
    expect(r.status).toBe(401);
    expect(r.body.error_description).toBe('The token has been revoked');
    await ctl('/reset');
    expect((await api('/ping')).body).toEqual({ token_valid: true });
  });

  it('answers CORS preflight and unknown routes', async () => {
    const pre = await fetch(`${sb.apiBase}/sessions`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect((await api('/nothing-here')).body).toMatchObject({ error: 'not_found', error_code: 404 });
  });
});

// Reports (issue 10): the group's whole history, page by page.
describe('TeamViewer sandbox: session history for reports', () => {
  it('lists open and closed sessions together, pages with next_offset, and full_list gives every field', async () => {
    const gid = await createGroup();
    const a = await createSession(gid, { custom_api: '{"a":1}' });
    const b = await createSession(gid);
    await createSession(gid);
    await api(`/sessions/${b.code}`, { method: 'PUT', body: { state: 'closed' } });
    await ctl('/config', { pageSize: 2 });
    const p1 = (await api(`/sessions?groupid=${gid}&state=open,closed&full_list=true`)).body;
    expect(p1.sessions).toHaveLength(2);
    expect(p1.sessions_remaining).toBe(1);
    expect(p1.sessions[1]).toMatchObject({ code: b.code, state: 'Closed', closed_at: expect.any(String) });
    const p2 = (await api(`/sessions?groupid=${gid}&state=open,closed&full_list=true&offset=${p1.next_offset}`)).body;
    expect(p2.sessions.map((s: Session) => s.code)).toEqual([a.code]);
    expect(p2.sessions[0].custom_api).toBe('{"a":1}');
    expect(p2.next_offset).toBeUndefined();
    // Without full_list: no custom_api, no links.
    const short = (await api(`/sessions?groupid=${gid}&state=open,closed&offset=${p1.next_offset}`)).body.sessions[0];
    expect(short).toEqual({ code: a.code, state: 'Open', groupid: gid, assigned_userid: 'u11293276', created_at: a.created_at, valid_until: a.valid_until });
    expect((await api('/sessions?state=open,gone')).status).toBe(400);
  });

  it('bulk-creates ended cases with metadata and connection reports, newest first', async () => {
    const r = await ctl('/bulk-sessions', { count: 30, foreign: 2, origin: 'http://desk.test', start: '2025-11-01T00:00:00Z', spanDays: 10 });
    expect(r).toMatchObject({ created: 30, foreign: 2, sessions: 32, groupid: expect.stringMatching(/^g\d+$/) });
    const list = (await api(`/sessions?groupid=${r.groupid}&state=open,closed&full_list=true`)).body.sessions as Session[];
    expect(list).toHaveLength(32);
    expect([...list].sort((x, y) => y.created_at.localeCompare(x.created_at))).toEqual(list);
    const ours = list.filter((s) => s.custom_api?.includes('"boss-tv"'));
    expect(ours).toHaveLength(30);
    const meta = JSON.parse(ours[0]!.custom_api!);
    expect(meta).toMatchObject({ app: 'boss-tv', v: 1, ticketKey: expect.stringMatching(/^http:\/\/desk\.test#\d+$/), url: expect.stringMatching(/^http:\/\/desk\.test\/app\/en\/tickets\/\d+$/) });
    expect(list.filter((s) => s.state === 'Closed').length).toBe(32); // expired long ago: TeamViewer closed them
    const reports = (await api(`/reports/connections?groupid=${r.groupid}`)).body;
    expect(reports.records.length).toBeGreaterThan(10);
    // Same seed, same data (apart from ids).
    await ctl('/reset');
    const again = await ctl('/bulk-sessions', { count: 30, foreign: 2, origin: 'http://desk.test', start: '2025-11-01T00:00:00Z', spanDays: 10 });
    const list2 = (await api(`/sessions?groupid=${again.groupid}&state=open,closed&full_list=true`)).body.sessions as Session[];
    expect(list2.map((s) => s.code)).toEqual(list.map((s) => s.code));
  });

  it('a fault can let some calls through first (a sync that stops on its third page)', async () => {
    await ctl('/faults', { method: 'GET', path: '^/sessions$', status: 503, after: 2 });
    expect((await api('/sessions')).status).toBe(200);
    expect((await api('/sessions')).status).toBe(200);
    expect((await api('/sessions')).status).toBe(503);
    expect((await api('/sessions')).status).toBe(200);
  });
});

// Devices (issue 19): Computers & Contacts entries and the reports of connections to them.
describe('TeamViewer sandbox: devices', () => {
  const DEVICES = [
    { alias: 'PC-ANA-RUIZ', online_state: 'Online', description: 'Finance', remotecontrol_id: 'r123456789' },
    { alias: 'LAPTOP-0231', online_state: 'Offline', description: 'Ana Ruiz – laptop', remotecontrol_id: 'r223456789' },
    { alias: 'WS-SALES-07', online_state: 'Online' },
  ];

  it('lists devices with aliases, descriptions, online states and last seen, filtered like the API', async () => {
    expect((await api('/devices')).body).toEqual({ devices: [] });
    await ctl('/devices', { devices: DEVICES });
    const all = (await api('/devices')).body.devices;
    expect(all).toHaveLength(3);
    expect(all[1]).toMatchObject({ alias: 'LAPTOP-0231', description: 'Ana Ruiz – laptop', online_state: 'Offline', remotecontrol_id: 'r223456789',
      device_id: expect.any(String), last_seen: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect((await api('/devices?online_state=Online')).body.devices.map((d: { alias: string }) => d.alias)).toEqual(['PC-ANA-RUIZ', 'WS-SALES-07']);
    expect((await api('/devices?name=ana')).body.devices.map((d: { alias: string }) => d.alias)).toEqual(['PC-ANA-RUIZ']);
    expect((await api('/devices?remotecontrol_id=r223456789')).body.devices).toHaveLength(1);
  });

  it('needs the Computers & Contacts permission (403 invalid_permission without it)', async () => {
    await ctl('/devices', { devices: DEVICES });
    await ctl('/tokens', { token: 'no-devices', denied: ['devices'] });
    const r = await api('/devices', { token: 'no-devices' });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'invalid_permission', error_code: 403 });
  });

  it('reports a connection to a device without a session code; has_code and userid filter', async () => {
    await ctl('/devices', { devices: DEVICES });
    const g = await createGroup();
    const s = await createSession(g);
    await ctl(`/sessions/${s.code}/connect`, { minutes: 3 });
    const rec = await ctl('/devices/r123456789/connect', { minutes: 7, notes: 'Reinstalled the driver' }) as ConnectionRecord;
    expect(rec.session_code).toBeUndefined();
    expect(rec).toMatchObject({ deviceid: 'r123456789', devicename: 'PC-ANA-RUIZ', userid: 'u11293276', notes: 'Reinstalled the driver' });
    expect(Date.parse(rec.end_date) - Date.parse(rec.start_date)).toBe(7 * 60_000);
    const devs = (await api('/reports/connections?has_code=false')).body.records as ConnectionRecord[];
    expect(devs.map((r) => r.id)).toEqual([rec.id]);
    const cases = (await api('/reports/connections?has_code=true')).body.records as ConnectionRecord[];
    expect(cases.map((r) => r.session_code)).toEqual([s.code]);
    expect((await api('/reports/connections?userid=u1')).body.records).toEqual([]);
    expect(await fetch(`${sb.url}/__control/devices/r999/connect`, { method: 'POST', body: '{}' }).then((r) => r.status)).toBe(404);
  });
});
