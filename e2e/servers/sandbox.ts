/**
 * Local, stateful stand-in for the TeamViewer Web API v1 (see /work/shared/teamviewer-api.md).
 *
 * Why: unit, e2e and demo runs must never touch webapi.teamviewer.com, yet the extension's API client
 * should see the same shapes, status codes and error bodies as in production. Tests steer the
 * sandbox through an unauthenticated `/__control` interface (tokens, permissions, faults, "the
 * customer connected", paging size, request log).
 *
 * Fault shortcuts for POST /__control/faults:
 *   licence limit: {"path":"^/sessions$","method":"POST","status":400,"body":{"error":"invalid_request",
 *                   "error_description":"Session could not be created due to license limitations.","error_code":400}}
 *   rate limit:    {"status":429,"headers":{"Retry-After":"2"},"body":{"error":"rate_limit_reached",
 *                   "error_description":"Rate limit reached","error_code":429}}
 *   slow call:     {"status":0,"delayMs":1500}      (delay, then process normally)
 *   network error: {"status":-1}                    (socket destroyed, fetch rejects)
 *   answer lost:   {"status":-2}                    (processed, then the socket is destroyed)
 *   stop mid-sync: {"method":"GET","path":"^/sessions$","status":0,"delayMs":20000,"after":2}
 *                  (`after`: let that many matching calls through first; here the third page hangs)
 *
 * Reports (issue 10): GET /sessions takes `state=open,closed` (a list) and `full_list=true` (every
 * field; without it only code, state, group and times, an assumption: the API manual does not say
 * what is left out); pages hold `pageSize` items (1000 as the API; POST /__control/config
 * {"pageSize":n}). POST /__control/bulk-sessions makes N ended cases with this product's metadata
 * (and connection reports) at once, for the bench and the reports tests.
 *
 * Devices (issue 19): GET /devices lists the Computers & Contacts entries that POST
 * /__control/devices {"devices":[…]} put there (none after a reset; `npm run sandbox` seeds DEMO_DEVICES),
 * filtered by `name` (part of the alias), `online_state`, `groupid`, `remotecontrol_id`; the area
 * `devices` is the permission ("Computers & Contacts: view entries", 403 when denied). POST
 * /__control/devices/{remotecontrol_id}/connect {"minutes","notes"} reports a finished remote-control
 * connection to that device: a connection report without a session code (GET /reports/connections
 * takes `has_code=false` and `userid`).
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID, randomInt } from 'node:crypto';

export const DEMO_TOKEN = '12345678-DemoBossSandboxToken';

export type Area = 'account' | 'groups' | 'sessions' | 'reports' | 'users' | 'devices';
const AREAS: readonly Area[] = ['account', 'groups', 'sessions', 'reports', 'users', 'devices'];

export interface License { type: string; isactive: boolean }
export interface Account { userid: string; email: string; name: string; company_name: string; license: License }
export interface Group {
  id: string; name: string;
  shared_with: Array<{ userid: string; name?: string; permissions: string }>;
  owner: { userid: string; name: string }; permissions: 'owned';
}
export interface EndCustomer { name?: string; email?: string }
export interface Session {
  code: string; state: 'Open' | 'Closed'; groupid: string; description?: string; end_customer?: EndCustomer;
  assigned_userid: string; assigned_at: string; end_customer_link: string; supporter_link: string;
  webclient_supporter_link: string; custom_api?: string; created_at: string; valid_until: string;
  online: boolean; support_session_type: 'Default' | 'Pilot'; waiting_message?: string; closed_at?: string;
}
export interface ConnectionRecord {
  id: string; userid: string; username: string; deviceid: string; devicename: string; groupid: string;
  groupname: string; start_date: string; end_date: string;
  /** Absent for a connection to a device of Computers & Contacts (not a service case). */
  session_code?: string; session_created_at?: string;
  valid_until?: string; assigned_userid?: string; notes?: string; custom_api?: string; end_customer?: EndCustomer;
  support_session_type: string; billing_state: string; fee: number; currency: string;
}
/** A Computers & Contacts entry (`GET /devices`). */
export interface Device {
  remotecontrol_id: string; device_id: string; userid: string; alias: string; groupid: string; description?: string;
  online_state: 'Online' | 'Offline'; policy_id?: string; assigned_to: boolean; supported_features: string;
  last_seen?: string; teamviewer_id: number;
}
export interface LoggedRequest {
  method: string; path: string; query: Record<string, string>; body: unknown; auth: string | null;
  status: number; at: string;
}
export interface Fault {
  method?: string; path?: string; count: number; status: number; body?: unknown;
  headers?: Record<string, string>; delayMs?: number;
  /** Matching calls to let through before the fault applies. */
  after?: number;
  /** Query parameters the call must carry (exact values), e.g. {"state":"open,closed"}. */
  query?: Record<string, string>;
}
interface TokenEntry { token: string; account: Account; denied: Area[]; revoked: boolean }

export interface SandboxHandle { url: string; apiBase: string; close(): Promise<void> }

const DEMO_ACCOUNT: Account = {
  userid: 'u11293276', email: 'jon.snow@example.com', name: 'Jon Snow', company_name: 'Winterfell IT',
  license: { type: 'Corporate', isactive: true },
};
// Fixed colleagues so /users and assigned_userid have someone besides the token owner.
const COLLEAGUES = [
  { id: 'u22334455', name: 'Arya Stark', email: 'arya.stark@example.com' },
  { id: 'u33445566', name: 'Samwell Tarly', email: 'samwell.tarly@example.com' },
];

/** The server's clock: the machine's, shifted by POST /__control/clock (clock-skew tests). One per
 *  process, reset by /__control/reset. */
let clockOffsetMs = 0;
const serverNow = (): number => Date.now() + clockOffsetMs;
/** ISO 8601 UTC without milliseconds, as the real API prints dates. */
const iso = (ms: number = serverNow()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomAlnum = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');
const codeKey = (code: string): string => code.toLowerCase().replace(/-/g, '').replace(/^s/, '');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

class ApiError extends Error {
  constructor(readonly status: number, readonly error: string, description: string) { super(description); }
}
const bad = (description: string): ApiError => new ApiError(400, 'invalid_request', description);
const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);
const errorBody = (status: number, error: string, description: string) =>
  ({ error, error_description: description, error_code: status });
const ERROR_NAMES: Record<number, string> = {
  400: 'invalid_request', 401: 'invalid_token', 403: 'invalid_permission', 404: 'not_found', 429: 'rate_limit_reached',
};

interface Result { status: number; body?: unknown; headers?: Record<string, string> }
interface Ctx { query: URLSearchParams; body: unknown; account: Account }
type Handler = (c: Ctx, params: string[]) => Result;
interface Route { method: string; re: RegExp; area: Area | null; fn: Handler }

function createState() {
  return {
    tokens: new Map<string, TokenEntry>([[DEMO_TOKEN, { token: DEMO_TOKEN, account: clone(DEMO_ACCOUNT), denied: [], revoked: false }]]),
    groups: [] as Group[],
    sessions: [] as Session[], // creation order; lists show it reversed (newest first)
    reports: [] as ConnectionRecord[],
    devices: [] as Device[],
    requests: [] as LoggedRequest[],
    faults: [] as Fault[],
    pageSize: 1000,
    /** Group ids grow with creation, as TeamViewer's do ("g" + a number): the oldest is the smallest. */
    groupSeq: randomInt(100_000_000, 500_000_000),
    /** Calls per minute each token may make (0: unlimited); over it, 429 with Retry-After. */
    rateLimitPerMinute: 0,
    callsByToken: new Map<string, number[]>(),
  };
}
type State = ReturnType<typeof createState>;

// ---------- field validation ----------
function optString(b: Record<string, unknown>, key: string, max?: number, label = key): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${label} must be a string`);
  if (max !== undefined && v.length > max) throw bad(`${label} must be at most ${max} characters`);
  return v;
}
function optDate(v: string | undefined, label: string): string | undefined {
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw bad(`${label} must be an ISO 8601 date`);
  return iso(ms);
}

interface SessionInput {
  groupid?: string; groupname?: string; description?: string; end_customer?: EndCustomer; assigned_userid?: string;
  waiting_message?: string; valid_until?: string; custom_api?: string; support_session_type?: 'Default' | 'Pilot';
  state?: 'open' | 'closed';
}
/** Validates create/update fields; no side effects so a rejected request changes nothing. */
function parseSessionInput(body: unknown, forUpdate: boolean): SessionInput {
  if (!isObj(body)) throw bad('Request body must be a JSON object');
  const out: SessionInput = {};
  out.groupid = optString(body, 'groupid');
  if (out.groupid !== undefined && !/^g\d+$/.test(out.groupid)) throw bad('groupid must match ^g\\d+$');
  out.groupname = optString(body, 'groupname', 100);
  if (out.groupname !== undefined && !out.groupname.trim()) throw bad('groupname must not be empty');
  if (!forUpdate && out.groupid === undefined && out.groupname === undefined) throw bad('groupid or groupname is required');
  out.description = optString(body, 'description', 4000);
  if (body.end_customer !== undefined && body.end_customer !== null) {
    if (!isObj(body.end_customer)) throw bad('end_customer must be an object');
    const name = optString(body.end_customer, 'name', 100, 'end_customer.name');
    const email = optString(body.end_customer, 'email', 254, 'end_customer.email');
    out.end_customer = { ...(name !== undefined && { name }), ...(email !== undefined && { email }) };
  }
  out.assigned_userid = optString(body, 'assigned_userid');
  if (out.assigned_userid !== undefined && !/^u\d+$/.test(out.assigned_userid)) throw bad('assigned_userid must match ^u\\d+$');
  out.waiting_message = optString(body, 'waiting_message', 4000);
  out.valid_until = optDate(optString(body, 'valid_until'), 'valid_until');
  out.custom_api = optString(body, 'custom_api', 4000);
  const type = optString(body, 'support_session_type');
  if (type !== undefined && type !== 'Default' && type !== 'Pilot') throw bad('support_session_type must be "Default" or "Pilot"');
  out.support_session_type = type as SessionInput['support_session_type'];
  if (forUpdate) {
    const s = optString(body, 'state')?.toLowerCase();
    if (s !== undefined && s !== 'open' && s !== 'closed') throw bad('state must be "open" or "closed"');
    out.state = s as SessionInput['state'];
  } else if (body.state !== undefined) throw bad('state cannot be set when creating a session');
  return out;
}

// ---------- helpers over state ----------
function newGroup(st: State, name: string, owner: Account): Group {
  st.groupSeq += randomInt(1, 1000);
  const id = `g${st.groupSeq}`;
  const g: Group = { id, name, shared_with: [], owner: { userid: owner.userid, name: owner.name }, permissions: 'owned' };
  st.groups.push(g);
  return g;
}
function resolveGroup(st: State, inp: SessionInput, account: Account): string | undefined {
  if (inp.groupid !== undefined) {
    if (!st.groups.some((g) => g.id === inp.groupid)) throw bad('groupid not found');
    return inp.groupid;
  }
  if (inp.groupname !== undefined) {
    // Undocumented in the real API; the sandbox creates the group, as the brief asks.
    const g = st.groups.find((x) => x.name.toLowerCase() === inp.groupname!.toLowerCase()) ?? newGroup(st, inp.groupname, account);
    return g.id;
  }
  return undefined;
}
function findSession(st: State, code: string): Session {
  const s = st.sessions.find((x) => codeKey(x.code) === codeKey(code));
  if (!s) throw notFound('Session');
  return s;
}
function closeSession(s: Session): void {
  if (s.state === 'Closed') return; // keep the first closed_at
  s.state = 'Closed';
  s.closed_at = iso();
  s.online = false;
}
function directory(st: State, caller?: Account): Array<{ id: string; name: string; email: string }> {
  const people = new Map<string, { id: string; name: string; email: string }>();
  const accounts = caller ? [caller] : [...st.tokens.values()].map((t) => t.account);
  for (const a of accounts) people.set(a.userid, { id: a.userid, name: a.name, email: a.email });
  for (const c of COLLEAGUES) if (!people.has(c.id)) people.set(c.id, { ...c });
  return [...people.values()];
}
/** Page a newest-first list: `offset` is the key of the first item of the wanted page. */
function page<T>(items: T[], key: (t: T) => string, offset: string | null, size: number, offName: string) {
  let start = 0;
  if (offset) {
    start = items.findIndex((t) => key(t) === offset);
    if (start < 0) throw bad(`${offName} not found`);
  }
  const slice = items.slice(start, start + size);
  const next = items[start + size];
  return { slice, next: next === undefined ? undefined : key(next), remaining: Math.max(0, items.length - start - size) };
}

// ---------- API routes (paths are relative to /api/v1) ----------
function apiRoutes(st: State): Route[] {
  const r = (method: string, re: RegExp, area: Area | null, fn: Handler): Route => ({ method, re, area, fn });
  return [
    r('GET', /^\/account$/, 'account', (c) => ({ status: 200, body: c.account })),

    r('GET', /^\/groups$/, 'groups', (c) => {
      const name = c.query.get('name');
      const full = c.query.get('shouldMatchFullName') === 'true';
      const groups = st.groups.filter((g) => name === null
        || (full ? g.name.toLowerCase() === name.toLowerCase() : g.name.toLowerCase().includes(name.toLowerCase())));
      return { status: 200, body: { groups } };
    }),
    r('POST', /^\/groups$/, 'groups', (c) => {
      if (!isObj(c.body)) throw bad('Request body must be a JSON object');
      const name = optString(c.body, 'name', 100);
      if (!name?.trim()) throw bad('name is required');
      return { status: 200, body: newGroup(st, name, c.account) };
    }),
    r('GET', /^\/groups\/([^/]+)$/, 'groups', (_c, [id]) => {
      const g = st.groups.find((x) => x.id === id);
      if (!g) throw notFound('Group');
      return { status: 200, body: g };
    }),
    r('DELETE', /^\/groups\/([^/]+)$/, 'groups', (_c, [id]) => {
      if (!st.groups.some((x) => x.id === id)) throw notFound('Group');
      st.groups = st.groups.filter((x) => x.id !== id);
      return { status: 204 };
    }),
    r('POST', /^\/groups\/([^/]+)\/share_group$/, 'groups', (c, [id]) => {
      const g = st.groups.find((x) => x.id === id);
      if (!g) throw notFound('Group');
      if (!isObj(c.body) || !Array.isArray(c.body.users)) throw bad('users must be an array');
      for (const u of c.body.users as unknown[]) {
        if (!isObj(u) || typeof u.userid !== 'string' || !/^u\d+$/.test(u.userid)) throw bad('users[].userid must match ^u\\d+$');
        const permissions = u.permissions ?? 'read';
        if (permissions !== 'read' && permissions !== 'readwrite') throw bad('users[].permissions must be "read" or "readwrite"');
        const person = directory(st).find((p) => p.id === u.userid);
        g.shared_with = g.shared_with.filter((s) => s.userid !== u.userid);
        g.shared_with.push({ userid: u.userid, ...(person && { name: person.name }), permissions });
      }
      return { status: 204 };
    }),
    // {"users":["u…", …]} → 204 (the API manual's shape: a list of user ids, not objects).
    r('POST', /^\/groups\/([^/]+)\/unshare_group$/, 'groups', (c, [id]) => {
      const g = st.groups.find((x) => x.id === id);
      if (!g) throw notFound('Group');
      if (!isObj(c.body) || !Array.isArray(c.body.users)) throw bad('users must be an array');
      const ids = c.body.users as unknown[];
      if (ids.some((u) => typeof u !== 'string' || !/^u\d+$/.test(u))) throw bad('users[] must be user ids matching ^u\\d+$');
      g.shared_with = g.shared_with.filter((s) => !ids.includes(s.userid));
      return { status: 204 };
    }),

    r('GET', /^\/sessions$/, 'sessions', (c) => {
      const states = c.query.get('state')?.toLowerCase().split(',').map((x) => x.trim());
      if (states?.some((x) => x !== 'open' && x !== 'closed')) throw bad('state must be "open", "closed" or both, comma-separated');
      const groupid = c.query.get('groupid');
      const assigned = c.query.get('assigned_userid');
      const full = c.query.get('full_list') === 'true';
      const list = [...st.sessions].reverse().filter((s) =>
        (!states || states.includes(s.state.toLowerCase())) && (!groupid || s.groupid === groupid) && (!assigned || s.assigned_userid === assigned));
      const p = page(list, (s) => s.code, c.query.get('offset'), st.pageSize, 'offset');
      const sessions = full ? p.slice : p.slice.map((s) => clone({
        code: s.code, state: s.state, groupid: s.groupid, assigned_userid: s.assigned_userid, created_at: s.created_at,
        valid_until: s.valid_until, closed_at: s.closed_at,
      }));
      return { status: 200, body: { sessions, ...(p.next && { next_offset: p.next }), sessions_remaining: p.remaining } };
    }),
    r('POST', /^\/sessions$/, 'sessions', (c) => {
      const inp = parseSessionInput(c.body, false);
      const groupid = resolveGroup(st, inp, c.account)!;
      let digits: string;
      do digits = String(randomInt(100_000_000, 1_000_000_000)); while (st.sessions.some((s) => codeKey(s.code) === digits));
      const code = `s${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
      const queueToken = randomAlnum(12);
      const now = serverNow();
      const s: Session = {
        code, state: 'Open', groupid, description: inp.description, end_customer: inp.end_customer,
        assigned_userid: inp.assigned_userid ?? c.account.userid, assigned_at: iso(now),
        end_customer_link: `https://get.teamviewer.com/v15/s${digits}`,
        supporter_link: `https://get.teamviewer.com/v15/s${digits}-${queueToken}`,
        webclient_supporter_link: `https://login.teamviewer.com/Connect/IndexByol?sessioncode=s${digits}&servicequeuetoken=${queueToken}`,
        custom_api: inp.custom_api, created_at: iso(now), valid_until: inp.valid_until ?? iso(now + 24 * 3600_000),
        online: false, support_session_type: inp.support_session_type ?? 'Default', waiting_message: inp.waiting_message,
      };
      st.sessions.push(clone(s)); // clone drops undefined keys: absent fields are omitted like the real API
      return { status: 200, body: st.sessions[st.sessions.length - 1] };
    }),
    r('GET', /^\/sessions\/([^/]+)$/, 'sessions', (_c, [code]) => ({ status: 200, body: findSession(st, code!) })),
    r('PUT', /^\/sessions\/([^/]+)$/, 'sessions', (c, [code]) => {
      const s = findSession(st, code!);
      const inp = parseSessionInput(c.body, true);
      if (inp.state === 'open' && s.state === 'Closed') throw bad('A closed session cannot be reopened');
      const groupid = resolveGroup(st, inp, c.account);
      if (groupid) s.groupid = groupid;
      if (inp.description !== undefined) s.description = inp.description;
      if (inp.end_customer !== undefined) s.end_customer = inp.end_customer;
      if (inp.assigned_userid !== undefined && inp.assigned_userid !== s.assigned_userid) {
        s.assigned_userid = inp.assigned_userid;
        s.assigned_at = iso();
      }
      if (inp.waiting_message !== undefined) s.waiting_message = inp.waiting_message;
      if (inp.valid_until !== undefined) s.valid_until = inp.valid_until;
      if (inp.custom_api !== undefined) s.custom_api = inp.custom_api;
      if (inp.support_session_type !== undefined) s.support_session_type = inp.support_session_type;
      if (inp.state === 'closed') closeSession(s);
      return { status: 204 };
    }),
    r('DELETE', /^\/sessions\/([^/]+)$/, 'sessions', (_c, [code]) => {
      const s = findSession(st, code!);
      st.sessions = st.sessions.filter((x) => x !== s);
      return { status: 204 };
    }),

    r('GET', /^\/reports\/connections$/, 'reports', (c) => {
      const q = c.query;
      const from = optDate(q.get('from_date') ?? undefined, 'from_date');
      const to = optDate(q.get('to_date') ?? undefined, 'to_date');
      const groupid = q.get('groupid');
      const code = q.get('session_code');
      const hasCode = q.get('has_code');
      const userid = q.get('userid');
      // Newest end_date first; reversing first makes ties newest-inserted first (sort is stable).
      const list = [...st.reports].reverse().sort((a, b) => b.end_date.localeCompare(a.end_date)).filter((rec) =>
        (!groupid || rec.groupid === groupid) && (!code || codeKey(rec.session_code ?? '') === codeKey(code))
        && (hasCode !== 'true' || !!rec.session_code) && (hasCode !== 'false' || !rec.session_code) && (!userid || rec.userid === userid)
        // A record matches a date window when its connection overlaps it.
        && (!from || rec.end_date >= from) && (!to || rec.start_date <= to));
      const p = page(list, (rec) => rec.id, q.get('offset_id'), st.pageSize, 'offset_id');
      return { status: 200, body: { records: p.slice, records_remaining: p.remaining, ...(p.next && { next_offset: p.next }) } };
    }),
    r('PUT', /^\/reports\/connections\/([^/]+)$/, 'reports', (c, [id]) => {
      const rec = st.reports.find((x) => x.id === id);
      if (!rec) throw notFound('Connection');
      if (!isObj(c.body)) throw bad('Request body must be a JSON object');
      const notes = optString(c.body, 'notes', 4000);
      if (notes === undefined) throw bad('notes is required');
      rec.notes = notes;
      return { status: 204 };
    }),

    r('GET', /^\/devices$/, 'devices', (c) => {
      const name = c.query.get('name')?.toLowerCase();
      const online = c.query.get('online_state')?.toLowerCase();
      const groupid = c.query.get('groupid');
      const rid = c.query.get('remotecontrol_id');
      const devices = st.devices.filter((d) => (!name || d.alias.toLowerCase().includes(name))
        && (!online || d.online_state.toLowerCase() === online) && (!groupid || d.groupid === groupid) && (!rid || d.remotecontrol_id === rid));
      return { status: 200, body: { devices } };
    }),

    r('GET', /^\/users$/, 'users', (c) => {
      const email = c.query.get('email')?.toLowerCase();
      const name = c.query.get('name')?.toLowerCase();
      const users = directory(st, c.account).filter((u) =>
        (!email || u.email.toLowerCase() === email) && (!name || u.name.toLowerCase().includes(name)));
      return { status: 200, body: { users } };
    }),
  ];
}

// ---------- control routes (paths are relative to /__control) ----------
function controlRoutes(st: State): Route[] {
  const r = (method: string, re: RegExp, fn: Handler): Route => ({ method, re, area: null, fn });
  const obj = (b: unknown): Record<string, unknown> => {
    if (b === null) return {};
    if (!isObj(b)) throw bad('Body must be a JSON object');
    return b;
  };
  const ok = { status: 200, body: { ok: true } };
  return [
    r('POST', /^\/reset$/, () => { Object.assign(st, createState()); clockOffsetMs = 0; return ok; }),
    r('POST', /^\/rate-limit$/, (c) => {
      const n = obj(c.body).perMinute;
      st.rateLimitPerMinute = typeof n === 'number' && n > 0 ? Math.floor(n) : 0;
      st.callsByToken.clear();
      return { status: 200, body: { perMinute: st.rateLimitPerMinute } };
    }),
    // The server's clock against the machine's (negative: the server is behind the technician's).
    r('POST', /^\/clock$/, (c) => {
      const offset = obj(c.body).offsetMs;
      clockOffsetMs = typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
      return { status: 200, body: { offsetMs: clockOffsetMs } };
    }),
    r('POST', /^\/tokens$/, (c) => {
      const b = obj(c.body);
      if (typeof b.token !== 'string' || !b.token) throw bad('token is required');
      if (b.account !== undefined && !isObj(b.account)) throw bad('account must be an object');
      const account = { ...clone(DEMO_ACCOUNT), ...(b.account as Partial<Account> | undefined) } as Account;
      if (!/^u\d+$/.test(account.userid)) throw bad('account.userid must match ^u\\d+$');
      if (b.license !== undefined) account.license = b.license as License;
      const denied = (b.denied ?? []) as Area[];
      if (!Array.isArray(denied) || denied.some((a) => !AREAS.includes(a))) throw bad(`denied must be a subset of ${AREAS.join(', ')}`);
      const entry: TokenEntry = { token: b.token, account, denied, revoked: false };
      st.tokens.set(b.token, entry);
      return { status: 200, body: entry };
    }),
    r('POST', /^\/revoke$/, (c) => {
      const t = st.tokens.get(String(obj(c.body).token));
      if (!t) throw notFound('Token');
      t.revoked = true;
      return ok;
    }),
    r('POST', /^\/config$/, (c) => {
      const b = obj(c.body);
      if (b.pageSize !== undefined) {
        if (typeof b.pageSize !== 'number' || !Number.isInteger(b.pageSize) || b.pageSize < 1) throw bad('pageSize must be a positive integer');
        st.pageSize = b.pageSize;
      }
      return { status: 200, body: { pageSize: st.pageSize } };
    }),
    // Devices (issue 19): {"devices":[{alias, online_state?, description?, remotecontrol_id?, last_seen?}]}
    // replaces the list (missing ids and fields are made up); → the stored devices.
    r('POST', /^\/devices$/, (c) => {
      const list = obj(c.body).devices;
      if (!Array.isArray(list)) throw bad('devices must be an array');
      st.devices = list.map((raw: unknown, i) => makeDevice(isObj(raw) ? raw : {}, i));
      return { status: 200, body: { devices: st.devices } };
    }),
    // A finished remote-control connection to a device: reported without a session code.
    r('POST', /^\/devices\/([^/]+)\/connect$/, (c, [rid]) => {
      const d = st.devices.find((x) => x.remotecontrol_id === rid);
      if (!d) throw notFound('Device');
      const b = obj(c.body);
      const minutes = typeof b.minutes === 'number' ? b.minutes : 9;
      const owner = [...st.tokens.values()][0]!.account;
      const now = serverNow();
      const rec: ConnectionRecord = clone({
        id: randomUUID(), userid: owner.userid, username: owner.name, deviceid: d.remotecontrol_id, devicename: d.alias,
        groupid: d.groupid, groupname: 'My computers', start_date: iso(now - minutes * 60_000), end_date: iso(now),
        notes: typeof b.notes === 'string' ? b.notes : undefined, support_session_type: 'Default', billing_state: 'Bill', fee: 0, currency: 'EUR',
      });
      st.reports.push(rec);
      return { status: 200, body: rec };
    }),
    r('POST', /^\/sessions\/([^/]+)\/online$/, (c, [code]) => {
      const s = findSession(st, code!);
      s.online = obj(c.body).online !== false;
      return { status: 200, body: s };
    }),
    r('POST', /^\/sessions\/([^/]+)\/connect$/, (c, [code]) => {
      const s = findSession(st, code!);
      const b = obj(c.body);
      const minutes = typeof b.minutes === 'number' ? b.minutes : 12;
      if (s.state === 'Open') s.online = true; // a closed case cannot show up online
      const group = st.groups.find((g) => g.id === s.groupid);
      const person = directory(st).find((p) => p.id === s.assigned_userid);
      const now = serverNow();
      const rec: ConnectionRecord = clone({
        id: randomUUID(), userid: s.assigned_userid, username: person?.name ?? s.assigned_userid,
        deviceid: 'r123456789', devicename: typeof b.devicename === 'string' ? b.devicename : 'ANA-LAPTOP',
        groupid: s.groupid, groupname: group?.name ?? '', start_date: iso(now - minutes * 60_000), end_date: iso(now),
        session_code: s.code, session_created_at: s.created_at, valid_until: s.valid_until, assigned_userid: s.assigned_userid,
        notes: typeof b.notes === 'string' ? b.notes : undefined, custom_api: s.custom_api, end_customer: s.end_customer,
        support_session_type: s.support_session_type, billing_state: 'Bill', fee: 0, currency: 'EUR',
      });
      st.reports.push(rec);
      return { status: 200, body: rec };
    }),
    r('POST', /^\/sessions\/([^/]+)\/expire$/, (_c, [code]) => {
      const s = findSession(st, code!);
      s.valid_until = iso(); // state stays "Open": clients must compare valid_until themselves
      return { status: 200, body: s };
    }),
    r('POST', /^\/sessions\/([^/]+)\/close$/, (_c, [code]) => {
      const s = findSession(st, code!);
      closeSession(s);
      return { status: 200, body: s };
    }),
    r('POST', /^\/faults$/, (c) => {
      const b = obj(c.body);
      if (typeof b.status !== 'number') throw bad('status is required (number; 0 = delay only, -1 = drop connection)');
      if (b.path !== undefined) {
        try { new RegExp(String(b.path)); } catch { throw bad('path must be a valid regular expression'); }
      }
      const fault: Fault = {
        method: typeof b.method === 'string' ? b.method.toUpperCase() : undefined,
        path: typeof b.path === 'string' ? b.path : undefined,
        count: typeof b.count === 'number' ? b.count : 1, status: b.status, body: b.body,
        headers: isObj(b.headers) ? (b.headers as Record<string, string>) : undefined,
        delayMs: typeof b.delayMs === 'number' ? b.delayMs : undefined,
        after: typeof b.after === 'number' ? b.after : undefined,
        query: isObj(b.query) ? Object.fromEntries(Object.entries(b.query).map(([k, v]) => [k, String(v)])) : undefined,
      };
      st.faults.push(fault);
      return { status: 200, body: { faults: st.faults } };
    }),
    r('DELETE', /^\/faults$/, () => { st.faults = []; return ok; }),
    r('POST', /^\/bulk-sessions$/, (c) => bulkSessions(st, obj(c.body))),
    r('GET', /^\/requests$/, () => ({ status: 200, body: st.requests })),
    r('POST', /^\/clear-requests$/, () => { st.requests = []; return ok; }),
    r('GET', /^\/state$/, () => ({
      status: 200,
      body: { groups: st.groups, sessions: st.sessions, reports: st.reports, tokens: [...st.tokens.values()], pageSize: st.pageSize, faults: st.faults },
    })),
  ];
}

// ---------- devices (issue 19) ----------
/** A device from the control interface's loose description (the tests give alias and state). */
function makeDevice(b: Record<string, unknown>, i: number): Device {
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const rid = str('remotecontrol_id') ?? `r${987_654_000 + i}`;
  return clone({
    remotecontrol_id: rid, device_id: str('device_id') ?? `d${1000 + i}`, userid: DEMO_ACCOUNT.userid, alias: str('alias') ?? `PC-${i}`,
    groupid: str('groupid') ?? 'g100000001', description: str('description'),
    online_state: str('online_state') === 'Online' ? 'Online' : 'Offline', assigned_to: true, supported_features: 'remote_control',
    last_seen: str('last_seen') ?? iso(serverNow() - (i + 1) * 3_600_000), teamviewer_id: Number(rid.replace(/^r/, '')),
  });
}

/** The demo's Computers & Contacts (`npm run sandbox`, `npm start`): the demo desk's requesters. */
export const DEMO_DEVICES = [
  { alias: 'PC-ANA-RUIZ', online_state: 'Online', description: 'Finance, floor 2', remotecontrol_id: 'r123456789' },
  { alias: 'LAPTOP-0231', online_state: 'Offline', description: 'Ana Ruiz – laptop', remotecontrol_id: 'r223456789' },
  { alias: 'WS-SALES-07', online_state: 'Online', description: 'Jorge Martín', remotecontrol_id: 'r323456789' },
];

// ---------- bulk cases (reports, issue 10) ----------
const BULK = {
  technicians: ['Marta Gómez', 'Jon Snow', 'Arya Stark', 'Samwell Tarly', 'Brienne Tarth'],
  categories: ['Printer', 'Network', 'PC', 'Email', 'Phone', 'Software'],
  types: ['Incident', 'Service request', 'Request', 'Problem'],
  priorities: ['Low', 'Medium', 'High', 'Urgent'],
  sources: ['Email', 'Phone', 'User portal', 'Technician portal'],
};

/**
 * N ended cases in a group (default: BOSS, created if missing), oldest first so that lists stay
 * newest first, with this product's metadata in custom_api; deterministic for a given `seed`.
 * Body: count (≤ 200 000), origin (the help desk, default http://localhost:4020), start (ISO),
 * spanDays (30), expiredEvery (every n-th case expires; 10), reportEvery (every n-th closed case
 * gets a connection report; 2), foreign (extra sessions of another integration), technicians, seed.
 */
function bulkSessions(st: State, b: Record<string, unknown>): Result {
  const count = typeof b.count === 'number' && Number.isInteger(b.count) && b.count >= 0 && b.count <= 200_000 ? b.count : NaN;
  if (Number.isNaN(count)) throw bad('count must be an integer from 0 to 200000');
  const num = (k: string, d: number) => (typeof b[k] === 'number' ? (b[k] as number) : d);
  const origin = typeof b.origin === 'string' ? b.origin : 'http://localhost:4020';
  const technicians = Array.isArray(b.technicians) ? (b.technicians as string[]) : BULK.technicians;
  const start = Date.parse(typeof b.start === 'string' ? b.start : iso(Date.now() - num('spanDays', 30) * 86_400_000));
  const span = num('spanDays', 30) * 86_400_000;
  const expiredEvery = num('expiredEvery', 10);
  const reportEvery = num('reportEvery', 2);
  const foreign = num('foreign', 0);
  let seed = num('seed', 42) >>> 0 || 1;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const owner = DEMO_ACCOUNT;
  const group = typeof b.groupid === 'string' ? st.groups.find((g) => g.id === b.groupid)
    : st.groups.find((g) => g.name === 'BOSS') ?? newGroup(st, 'BOSS', owner);
  if (!group) throw notFound('Group');
  const used = new Set(st.sessions.map((s) => codeKey(s.code)));
  const total = count + foreign;
  for (let i = 0; i < total; i++) {
    let digits: string;
    do digits = String(100_000_000 + Math.floor(rnd() * 900_000_000)); while (used.has(digits));
    used.add(digits);
    const code = `s${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    const created = start + Math.floor((span * i) / Math.max(1, total));
    const expired = expiredEvery > 0 && i % expiredEvery === expiredEvery - 1;
    const minutes = 2 + Math.floor(rnd() * 58);
    const validUntil = created + 24 * 3600_000;
    const closed = expired ? validUntil : created + minutes * 60_000;
    const id = 5000 + i;
    const isForeign = i >= count;
    const ticket = {
      number: `#${id}`, title: `Bulk ticket ${id}`, category: pick(BULK.categories), type: pick(BULK.types),
      priority: pick(BULK.priorities), source: pick(BULK.sources), requesterName: `Requester ${i % 97}`, technician: pick(technicians),
    };
    const meta = isForeign ? JSON.stringify({ servicenow: { sys_id: randomUUID() } })
      : JSON.stringify({ app: 'boss-tv', v: 1, caseId: randomUUID(), ticketKey: `${origin}#${id}`, url: `${origin}/app/en/tickets/${id}`, ticket });
    const s: Session = {
      code, state: expired && validUntil > Date.now() ? 'Open' : 'Closed', groupid: group.id, description: `BOSS ticket #${id}`,
      assigned_userid: owner.userid, assigned_at: iso(created), end_customer_link: `https://get.teamviewer.com/v15/s${digits}`,
      supporter_link: `https://get.teamviewer.com/v15/s${digits}-${randomAlnum(12)}`,
      webclient_supporter_link: `https://login.teamviewer.com/Connect/IndexByol?sessioncode=s${digits}`,
      custom_api: meta, created_at: iso(created), valid_until: iso(validUntil), online: false, support_session_type: 'Default',
    };
    if (s.state === 'Closed') s.closed_at = iso(closed);
    st.sessions.push(s);
    if (!expired && reportEvery > 0 && i % reportEvery === 0) {
      st.reports.push({
        id: randomUUID(), userid: owner.userid, username: owner.name, deviceid: 'r123456789', devicename: `PC-${i % 50}`,
        groupid: group.id, groupname: group.name, start_date: iso(created + 60_000), end_date: iso(closed - 30_000),
        session_code: code, session_created_at: s.created_at, valid_until: s.valid_until, assigned_userid: owner.userid,
        custom_api: meta, support_session_type: 'Default', billing_state: 'Bill', fee: 0, currency: 'EUR',
      });
    }
  }
  return { status: 200, body: { groupid: group.id, created: count, foreign, sessions: st.sessions.length, reports: st.reports.length } };
}

// ---------- HTTP plumbing ----------
const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After, Date', // so page scripts can honour it on 429
  'Access-Control-Max-Age': '600',
};

/** A sliding one-minute window of calls per token (the real limit is undocumented: this one is set
 *  by the tests, POST /__control/rate-limit). */
function overRateLimit(st: State, token: string): Result | undefined {
  if (!st.rateLimitPerMinute) return undefined;
  const now = Date.now();
  const calls = (st.callsByToken.get(token) ?? []).filter((t) => now - t < 60_000);
  st.callsByToken.set(token, calls);
  if (calls.length >= st.rateLimitPerMinute) {
    const retryAfter = Math.max(1, Math.ceil((calls[0]! + 60_000 - now) / 1000));
    return { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: errorBody(429, 'rate_limit_reached', 'Rate limit reached') };
  }
  calls.push(now);
  return undefined;
}

function send(res: ServerResponse, r: Result): void {
  if (res.destroyed || res.headersSent) return;
  // Every HTTP server sends its own time; clients use it to judge expiry (valid_until) by the server's clock.
  const headers: Record<string, string> = { ...CORS, Date: new Date(serverNow()).toUTCString() };
  let payload: string | undefined;
  if (r.body !== undefined && r.status !== 204 && r.status !== 304) {
    const raw = typeof r.body === 'string';
    payload = raw ? (r.body as string) : JSON.stringify(r.body);
    headers['Content-Type'] = raw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  }
  Object.assign(headers, r.headers);
  res.writeHead(r.status, headers);
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; malformed: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return { body: null, malformed: false };
  try { return { body: JSON.parse(text) as unknown, malformed: false }; } catch { return { body: null, malformed: true }; }
}

function dispatch(routes: Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    const m = route.method === method ? route.re.exec(path) : null;
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return undefined;
}

function run(fn: () => Result): Result {
  try { return fn(); } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: errorBody(e.status, e.error, e.message) };
    return { status: 500, body: errorBody(500, 'internal_error', e instanceof Error ? e.message : String(e)) };
  }
}

/** `devices`: Computers & Contacts entries to start with (the demo's DEMO_DEVICES; a reset empties them). */
export async function startSandbox(opts: { port?: number; host?: string; devices?: Record<string, unknown>[] } = {}): Promise<SandboxHandle> {
  const host = opts.host ?? '127.0.0.1';
  const st = createState();
  st.devices = (opts.devices ?? []).map(makeDevice);
  const api = apiRoutes(st);
  const control = controlRoutes(st);
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, malformed } = await readBody(req);
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const entry: LoggedRequest = { method, path, query: Object.fromEntries(query), body, auth, status: 0, at: new Date().toISOString() };
    st.requests.push(entry); // logged on arrival so the order is the order calls were made

    let fault = st.faults.find((f) => (!f.method || f.method === method) && (!f.path || new RegExp(f.path).test(path))
      && (!f.query || Object.entries(f.query).every(([k, v]) => query.get(k) === v)));
    if (fault?.after) {
      fault.after--;
      fault = undefined;
    }
    if (fault) {
      if (--fault.count <= 0) st.faults = st.faults.filter((f) => f !== fault);
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.status === -1) { entry.status = -1; req.socket.destroy(); return; }
      if (fault.status !== 0 && fault.status !== -2) {
        const fb = fault.body !== undefined || fault.status < 400 ? fault.body
          : errorBody(fault.status, ERROR_NAMES[fault.status] ?? 'internal_error', `Injected fault (HTTP ${fault.status})`);
        entry.status = fault.status;
        return send(res, { status: fault.status, body: fb, headers: fault.headers });
      }
    }

    const result = run(() => {
      if (malformed) throw bad('Request body is not valid JSON');
      if (auth === null) throw new ApiError(401, 'invalid_token', 'An Authorization: Bearer <token> header is required');
      const token = st.tokens.get(auth);
      // Ping answers 200 with token_valid:false for unknown or revoked tokens, like the real API.
      if (method === 'GET' && path === '/ping') return { status: 200, body: { token_valid: !!token && !token.revoked } };
      if (!token) throw new ApiError(401, 'invalid_token', 'The access token is invalid');
      if (token.revoked) throw new ApiError(401, 'invalid_token', 'The token has been revoked');
      const limited = overRateLimit(st, auth);
      if (limited) return limited;
      const hit = dispatch(api, method, path);
      if (!hit) throw notFound(`Resource ${method} ${path}`);
      if (hit.route.area && token.denied.includes(hit.route.area)) {
        throw new ApiError(403, 'invalid_permission', `Permission denied: ${hit.route.area}`);
      }
      return hit.route.fn({ query, body, account: token.account }, hit.params);
    });
    entry.status = result.status;
    // -2: the call is processed, then the answer is lost (connection dropped before the response).
    if (fault?.status === -2) { req.socket.destroy(); return; }
    send(res, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (req.method === 'OPTIONS') return send(res, { status: 204 }); // CORS preflight
    if (path === '/api/v1' || path.startsWith('/api/v1/')) return handleApi(req, res, path.slice('/api/v1'.length) || '/', url.searchParams);
    if (path.startsWith('/__control/')) {
      const { body, malformed } = await readBody(req);
      return send(res, run(() => {
        if (malformed) throw bad('Body is not valid JSON');
        const hit = dispatch(control, (req.method ?? 'GET').toUpperCase(), path.slice('/__control'.length));
        if (!hit) throw notFound(`Control endpoint ${req.method} ${path}`);
        return hit.route.fn({ query: url.searchParams, body, account: DEMO_ACCOUNT }, hit.params);
      }));
    }
    send(res, { status: 404, body: errorBody(404, 'not_found', `${path} not found`) });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, { status: 500, body: errorBody(500, 'internal_error', String(e)) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  return {
    url,
    apiBase: `${url}/api/v1`,
    close: () => new Promise<void>((resolve, reject) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // fetch keeps sockets alive; don't wait for them to idle out
    }),
  };
}
