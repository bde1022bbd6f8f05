// The TeamViewer client against the real local sandbox (no mocked HTTP): paging, retries,
// error mapping, timeouts.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startSandbox, DEMO_TOKEN, type LoggedRequest, type SandboxHandle, type Session } from '../e2e/servers/sandbox.ts';
import { TeamViewerClient, normalizeToken, type ClientOptions } from '../src/shared/teamviewer/client';
import { TvError, type TvErrorInfo, type TvErrorKind } from '../src/shared/teamviewer/errors';

let sb: SandboxHandle;

beforeAll(async () => { sb = await startSandbox({ port: 0 }); });
afterAll(async () => { await sb.close(); });
beforeEach(async () => { await ctl('/reset'); });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ctl(path: string, body: unknown = {}, method: 'GET' | 'POST' = 'POST'): Promise<any> {
  const res = await fetch(`${sb.url}/__control${path}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return res.json();
}
const requests = async (): Promise<LoggedRequest[]> => ctl('/requests', undefined, 'GET');
const fault = (f: Record<string, unknown>) => ctl('/faults', f);

interface Recorder { delays: number[]; retries: Array<{ kind: TvErrorKind; delayMs: number; attempt: number; info: TvErrorInfo }> }

/** A client whose waits are recorded and skipped, so retry tests take no time. */
function client(extra: Partial<ClientOptions> = {}): { c: TeamViewerClient; rec: Recorder } {
  const rec: Recorder = { delays: [], retries: [] };
  const c = new TeamViewerClient({
    baseUrl: sb.apiBase,
    token: DEMO_TOKEN,
    sleep: async (ms) => { rec.delays.push(ms); },
    onRetry: (info, delayMs, attempt) => rec.retries.push({ kind: info.kind, delayMs, attempt, info }),
    ...extra,
  });
  return { c, rec };
}

/** Resolves with the TvError the promise rejects with (fails the test if it resolves). */
async function tvError(p: Promise<unknown>): Promise<TvError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(TvError);
  return e as TvError;
}

describe('normalizeToken', () => {
  it('strips whitespace and a "Bearer " prefix, any case', () => {
    expect(normalizeToken('  abc123  ')).toBe('abc123');
    expect(normalizeToken('Bearer abc123')).toBe('abc123');
    expect(normalizeToken('\n bearer   abc123\t')).toBe('abc123');
    expect(normalizeToken('BEARER abc')).toBe('abc');
    // "Bearer" glued to the token is not a prefix.
    expect(normalizeToken('Bearerabc')).toBe('Bearerabc');
  });

  it('a normalised pasted token works against the API', async () => {
    const { c } = client({ token: normalizeToken(`  Bearer ${DEMO_TOKEN}\n`) });
    expect(await c.ping()).toBe(true);
    expect((await requests()).at(-1)?.auth).toBe(DEMO_TOKEN);
  });
});

describe('ping and account', () => {
  it('is true for the demo token and sends the bearer', async () => {
    const { c } = client();
    expect(await c.ping()).toBe(true);
    const [req] = await requests();
    expect(req).toMatchObject({ method: 'GET', path: '/ping', auth: DEMO_TOKEN, status: 200 });
    expect((await c.account()).userid).toBe('u11293276');
  });

  it('is false for an unknown token (HTTP 200, token_valid:false)', async () => {
    const { c } = client({ token: 'unknown-token-000' });
    expect(await c.ping()).toBe(false);
    expect((await requests())[0]).toMatchObject({ path: '/ping', status: 200 });
    // The same token on a real call is a 401 → invalid_token.
    expect((await tvError(c.account())).kind).toBe('invalid_token');
  });

  it('is false for a revoked token', async () => {
    await ctl('/tokens', { token: 'second-token-0001' });
    const { c } = client({ token: 'second-token-0001' });
    expect(await c.ping()).toBe(true);
    await ctl('/revoke', { token: 'second-token-0001' });
    expect(await c.ping()).toBe(false);
  });

  it('is false when /ping itself answers 401', async () => {
    await fault({ path: '^/ping$', status: 401 });
    const { c, rec } = client();
    expect(await c.ping()).toBe(false);
    expect(rec.retries).toEqual([]);
  });
});

describe('groups', () => {
  it('findGroupByName returns the exact match, asking for a full-name match', async () => {
    const { c } = client();
    const old = await c.createGroup('BOSS old');
    const boss = await c.createGroup('BOSS');
    expect(old.id).not.toBe(boss.id);
    const found = await c.findGroupByName('BOSS');
    expect(found).toMatchObject({ id: boss.id, name: 'BOSS' });
    const get = (await requests()).filter((r) => r.method === 'GET' && r.path === '/groups');
    expect(get).toHaveLength(1);
    expect(get[0]!.query).toEqual({ name: 'BOSS', shouldMatchFullName: 'true' });
    expect((await c.getGroup(boss.id)).name).toBe('BOSS');
  });

  it('findGroupByName is undefined when only a differently spelled group exists', async () => {
    const { c } = client();
    await c.createGroup('BOSS old');
    expect(await c.findGroupByName('BOSS')).toBeUndefined();
    // The sandbox (like the API) matches the full name case-insensitively; the client still wants "BOSS".
    await c.createGroup('boss');
    expect(await c.findGroupByName('BOSS')).toBeUndefined();
  });
});

describe('sessions', () => {
  it('createSession, getSession and closeSession', async () => {
    const { c } = client();
    const g = await c.createGroup('BOSS');
    const s = await c.createSession({ groupid: g.id, description: 'BOSS ticket #1042', custom_api: '{"x":1}', end_customer: { name: 'Ana Ruiz' } });
    expect(s.code).toMatch(/^s\d{3}-\d{3}-\d{3}$/);
    expect(s).toMatchObject({ state: 'Open', groupid: g.id, custom_api: '{"x":1}', end_customer: { name: 'Ana Ruiz' } });
    await c.closeSession(s.code);
    const closed = await c.getSession(s.code);
    expect(closed.state).toBe('Closed');
    expect(closed.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const put = (await requests()).find((r) => r.method === 'PUT');
    expect(put).toMatchObject({ path: `/sessions/${s.code}`, body: { state: 'closed' }, status: 204 });
  });

  it('listOpenSessions pages through next_offset', async () => {
    const { c } = client();
    const g = await c.createGroup('BOSS');
    await ctl('/config', { pageSize: 2 });
    const created: Session[] = [];
    for (let i = 0; i < 5; i++) created.push((await c.createSession({ groupid: g.id, description: `case ${i}` })) as Session);
    await ctl('/clear-requests');

    const listed = await c.listOpenSessions(g.id);
    expect(listed).toHaveLength(5);
    expect(new Set(listed.map((s) => s.code))).toEqual(new Set(created.map((s) => s.code)));

    const calls = (await requests()).filter((r) => r.method === 'GET' && r.path === '/sessions');
    expect(calls).toHaveLength(3);
    expect(calls[0]!.query).toEqual({ state: 'open', full_list: 'true', groupid: g.id });
    expect(calls[1]!.query.offset).toMatch(/^s\d/);
    expect(calls[2]!.query.offset).toMatch(/^s\d/);
    expect(calls[1]!.query.offset).not.toBe(calls[2]!.query.offset);
  });

  it('listOpenSessions leaves out closed cases and other groups, and sends no groupid when none is given', async () => {
    const { c } = client();
    const g = await c.createGroup('BOSS');
    const other = await c.createGroup('Other');
    const a = await c.createSession({ groupid: g.id });
    const b = await c.createSession({ groupid: g.id });
    const o = await c.createSession({ groupid: other.id });
    await c.closeSession(b.code);
    expect((await c.listOpenSessions(g.id)).map((s) => s.code)).toEqual([a.code]);
    await ctl('/clear-requests');
    expect((await c.listOpenSessions()).map((s) => s.code).sort()).toEqual([a.code, o.code].sort());
    expect((await requests())[0]!.query).toEqual({ state: 'open', full_list: 'true' });
  });

  it('connectionReports pages through next_offset → offset_id', async () => {
    const { c } = client();
    const g = await c.createGroup('BOSS');
    const s = await c.createSession({ groupid: g.id });
    const other = await c.createSession({ groupid: g.id });
    for (let i = 0; i < 5; i++) await ctl(`/sessions/${s.code}/connect`, { devicename: `PC-${i}` });
    await ctl(`/sessions/${other.code}/connect`);
    await ctl('/config', { pageSize: 2 });
    await ctl('/clear-requests');

    const recs = await c.connectionReports({ session_code: s.code });
    expect(recs).toHaveLength(5);
    expect(recs.map((r) => r.devicename).sort()).toEqual(['PC-0', 'PC-1', 'PC-2', 'PC-3', 'PC-4']);
    expect(new Set(recs.map((r) => r.id)).size).toBe(5);

    const calls = (await requests()).filter((r) => r.path === '/reports/connections');
    expect(calls).toHaveLength(3);
    expect(calls[0]!.query).toEqual({ session_code: s.code });
    expect(calls[1]!.query.offset_id).toBe(recs[2]!.id);
    expect(calls[2]!.query.offset_id).toBe(recs[4]!.id);
    expect(calls.every((r) => r.query.offset === undefined)).toBe(true);
  });
});

describe('retries', () => {
  it('429 with Retry-After: 1 → waits 1000 ms once, then succeeds', async () => {
    const { c, rec } = client();
    const g = await c.createGroup('BOSS');
    await c.createSession({ groupid: g.id });
    await fault({ method: 'GET', path: '^/sessions$', status: 429, headers: { 'Retry-After': '1' }, count: 1 });
    await ctl('/clear-requests');

    const listed = await c.listOpenSessions(g.id);
    expect(listed).toHaveLength(1);
    expect(rec.retries).toHaveLength(1);
    expect(rec.retries[0]).toMatchObject({ kind: 'rate_limited', delayMs: 1000, attempt: 1 });
    expect(rec.retries[0]!.info).toMatchObject({ status: 429, retryAfterMs: 1000, apiError: 'rate_limit_reached' });
    expect(rec.delays).toEqual([1000]);
    expect((await requests()).map((r) => r.status)).toEqual([429, 200]);
  });

  it('503 twice, then success: two backoff waits that grow', async () => {
    const { c, rec } = client();
    await fault({ method: 'GET', path: '^/account$', status: 503, count: 2 });
    const acc = await c.account();
    expect(acc.userid).toBe('u11293276');
    expect(rec.retries.map((r) => [r.kind, r.attempt])).toEqual([['server', 1], ['server', 2]]);
    // DEFAULT_RETRY: 500 ms then 1000 ms, each plus up to 25 % jitter.
    expect(rec.delays[0]).toBeGreaterThanOrEqual(500);
    expect(rec.delays[0]).toBeLessThanOrEqual(625);
    expect(rec.delays[1]).toBeGreaterThanOrEqual(1000);
    expect(rec.delays[1]).toBeLessThanOrEqual(1250);
    expect((await requests()).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after the policy’s attempts and throws the last error', async () => {
    const { c, rec } = client({ retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 } });
    await fault({ path: '^/account$', status: 500, count: 10 });
    const e = await tvError(c.account());
    expect(e.kind).toBe('server');
    expect(e.info.status).toBe(500);
    expect(rec.delays).toHaveLength(2);
    expect((await requests())).toHaveLength(3);
  });

  it('a Retry-After longer than maxDelayMs is not waited for', async () => {
    const { c, rec } = client();
    await fault({ path: '^/account$', status: 429, headers: { 'Retry-After': '120' }, count: 1 });
    const e = await tvError(c.account());
    expect(e.kind).toBe('rate_limited');
    expect(e.info.retryAfterMs).toBe(120_000);
    expect(rec.delays).toEqual([]);
  });

  it('POST /sessions is not retried: a 503 throws server at once', async () => {
    const { c, rec } = client();
    const g = await c.createGroup('BOSS');
    await fault({ method: 'POST', path: '^/sessions$', status: 503, count: 1 });
    await ctl('/clear-requests');
    const e = await tvError(c.createSession({ groupid: g.id }));
    expect(e.kind).toBe('server');
    expect(e.info.status).toBe(503);
    expect(rec.retries).toEqual([]);
    expect(rec.delays).toEqual([]);
    expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((await ctl('/state', undefined, 'GET')).sessions).toEqual([]);
  });

  it('does not retry errors a retry cannot fix', async () => {
    const { c, rec } = client();
    await fault({ path: '^/account$', status: 400, count: 5 });
    expect((await tvError(c.account())).kind).toBe('bad_request');
    expect(rec.retries).toEqual([]);
    expect(await requests()).toHaveLength(1);
  });
});

describe('error kinds', () => {
  it('a dropped connection → network (retried, then given up)', async () => {
    const { c, rec } = client();
    await fault({ path: '^/account$', status: -1, count: 10 });
    const e = await tvError(c.account());
    expect(e.kind).toBe('network');
    expect(e.info.status).toBeUndefined();
    expect(rec.retries.map((r) => r.kind)).toEqual(['network', 'network', 'network']);
  });

  it('a dropped connection once → the retry succeeds', async () => {
    const { c, rec } = client();
    await fault({ path: '^/account$', status: -1, count: 1 });
    expect((await c.account()).userid).toBe('u11293276');
    expect(rec.retries.map((r) => r.kind)).toEqual(['network']);
  });

  it('no answer within timeoutMs → timeout', async () => {
    const { c, rec } = client({ timeoutMs: 300, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    await fault({ path: '^/account$', status: 0, delayMs: 1500 });
    const started = Date.now();
    const e = await tvError(c.account());
    expect(e.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1400);
    expect(rec.retries).toEqual([]);
  });

  it('a timeout is transient: retried, and the retry succeeds', async () => {
    const { c, rec } = client({ timeoutMs: 300 });
    await fault({ path: '^/account$', status: 0, delayMs: 1500, count: 1 });
    expect((await c.account()).userid).toBe('u11293276');
    expect(rec.retries.map((r) => r.kind)).toEqual(['timeout']);
  });

  it('a denied area → forbidden', async () => {
    await ctl('/tokens', { token: 'limited-token-01', denied: ['sessions'] });
    const { c, rec } = client({ token: 'limited-token-01' });
    const e = await tvError(c.listOpenSessions());
    expect(e.kind).toBe('forbidden');
    expect(e.info).toMatchObject({ status: 403, apiError: 'invalid_permission', description: 'Permission denied: sessions' });
    expect(rec.retries).toEqual([]);
  });

  it('the licence-limit 400 → license_limit', async () => {
    const { c } = client();
    const g = await c.createGroup('BOSS');
    await fault({
      path: '^/sessions$', method: 'POST', status: 400,
      body: { error: 'invalid_request', error_description: 'Session could not be created due to license limitations.', error_code: 400 },
    });
    const e = await tvError(c.createSession({ groupid: g.id }));
    expect(e.kind).toBe('license_limit');
    expect(e.info.status).toBe(400);
  });

  it('a revoked token → invalid_token', async () => {
    const { c } = client();
    await ctl('/revoke', { token: DEMO_TOKEN });
    const e = await tvError(c.account());
    expect(e.kind).toBe('invalid_token');
    expect(e.info.description).toBe('The token has been revoked');
  });

  it('an unknown session → not_found', async () => {
    const { c, rec } = client();
    expect((await tvError(c.getSession('s000-000-000'))).kind).toBe('not_found');
    expect(rec.retries).toEqual([]);
  });

  it('a plain-text error body → its text as the description', async () => {
    const { c } = client();
    await fault({ path: '^/account$', status: 400, body: 'Bad things happened' });
    const e = await tvError(c.account());
    expect(e.kind).toBe('bad_request');
    expect(e.info.description).toBe('Bad things happened');
  });
});

// Reports (issue 10): single pages, so that a sync can keep its place.
describe('TeamViewerClient: history pages', () => {
  it('listSessions asks for open and closed cases with every field, one page at a time', async () => {
    const { groupid } = await ctl('/bulk-sessions', { count: 5 });
    await ctl('/config', { pageSize: 2 });
    await ctl('/clear-requests');
    const { c } = client();
    const codes: string[] = [];
    let offset: string | undefined;
    do {
      const page = await c.listSessions({ groupid, state: 'open,closed', full_list: true, offset });
      codes.push(...page.sessions.map((s) => s.code));
      expect(page.sessions.every((s) => typeof s.custom_api === 'string')).toBe(true);
      offset = page.next_offset;
    } while (offset);
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
    const log = await requests();
    expect(log).toHaveLength(3);
    expect(log[0]!.query).toEqual({ groupid, state: 'open,closed', full_list: 'true' });
    expect(log[1]!.query.offset).toBe(codes[2]);
  });

  it('connectionReportsPage passes next_offset back as offset_id', async () => {
    const { groupid } = await ctl('/bulk-sessions', { count: 8, reportEvery: 1, expiredEvery: 0 });
    await ctl('/config', { pageSize: 3 });
    await ctl('/clear-requests');
    const { c } = client();
    const ids: string[] = [];
    let offset_id: string | undefined;
    do {
      const page = await c.connectionReportsPage({ groupid, offset_id });
      ids.push(...page.records.map((r) => r.id));
      offset_id = page.next_offset;
    } while (offset_id);
    expect(ids).toHaveLength(8);
    const log = await requests();
    expect(log.map((r) => r.query.offset_id)).toEqual([undefined, ids[3], ids[6]]);
  });
});
