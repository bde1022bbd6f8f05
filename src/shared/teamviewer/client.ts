// TeamViewer Web API v1 client: base URL, bearer, timeouts, retries with backoff and Retry-After,
// error mapping. No browser APIs: the worker gives it a token and a base URL.
import { ofetch, FetchError } from 'ofetch';
import { DEFAULT_RETRY, TvError, mapHttpError, nextRetryDelay, type RetryPolicy, type TvErrorInfo } from './errors';
import type { RateGate } from './rate-gate';
import type {
  TvAccount, TvConnectionPage, TvConnectionRecord, TvCreateSession, TvDevice, TvGroup, TvSession, TvSessionList, TvUser,
} from './types';

/** Under Chrome's 30 s limit for a pending fetch in a service worker. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Told before each wait, so the UI can say "waiting" during a 429 or an outage. */
  onRetry?: (err: TvErrorInfo, delayMs: number, attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Shared by every client of one worker: a 429 makes all of them wait (see rate-gate.ts). */
  gate?: RateGate;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function normalizeToken(input: string): string {
  return input.trim().replace(/^bearer\s+/i, '').trim();
}

/** TeamViewer's group ids grow with creation ("g" + a number): the oldest has the smallest number
 *  (ids that do not have that form come after, in text order). */
export function oldestGroup<G extends { id: string }>(groups: readonly G[]): G | undefined {
  const num = (id: string) => (/^g\d{1,15}$/.test(id) ? Number(id.slice(1)) : Infinity);
  return [...groups].sort((a, b) => num(a.id) - num(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
/** The server's clock minus ours, from the latest answer of any client (the side panel's timers). */
let lastOffsetMs = 0;
export const lastServerOffsetMs = (): number => lastOffsetMs;

export class TeamViewerClient {
  /** The server's clock minus ours, from the last answer's Date header (undefined until one came). */
  private serverOffsetMs: number | undefined;

  constructor(private readonly opts: ClientOptions) {}

  /** "Now" by TeamViewer's clock, so that expiry (valid_until) is judged by the server's time, not by
   *  a technician's clock that may be off by minutes or hours. Second resolution is plenty here. */
  serverNow(): number {
    return Date.now() + (this.serverOffsetMs ?? 0);
  }

  private async once<T>(method: Method, path: string, query?: Record<string, string | undefined>, body?: unknown): Promise<T> {
    const cleanQuery = query ? Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) : undefined;
    try {
      return await ofetch<T>(path, {
        baseURL: this.opts.baseUrl.replace(/\/+$/, ''),
        method,
        query: cleanQuery,
        body: body as Record<string, unknown> | undefined,
        headers: { Authorization: `Bearer ${this.opts.token}`, Accept: 'application/json' },
        timeout: this.opts.timeoutMs ?? REQUEST_TIMEOUT_MS,
        retry: 0, // retries are ours: we must tell the UI and honour Retry-After
        onResponse: ({ response }) => {
          const date = Date.parse(response.headers.get('date') ?? '');
          // The header has whole seconds: an offset under 2 s is noise, not skew.
          if (Number.isFinite(date)) lastOffsetMs = this.serverOffsetMs = Math.abs(date - Date.now()) < 2000 ? 0 : date - Date.now();
        },
      });
    } catch (e) {
      throw new TvError(toErrorInfo(e));
    }
  }

  /** Sends a request, retrying transient failures. `retry: false` for calls that must not repeat blindly. */
  async request<T>(method: Method, path: string, opts: { query?: Record<string, string | undefined>; body?: unknown; retry?: boolean } = {}): Promise<T> {
    const policy = opts.retry === false ? { ...DEFAULT_RETRY, attempts: 1 } : (this.opts.retry ?? DEFAULT_RETRY);
    for (let attempt = 1; ; attempt++) {
      const closed = this.opts.gate?.waitMs() ?? 0;
      if (closed > 0) {
        const info: TvErrorInfo = { kind: 'rate_limited', retryAfterMs: closed };
        if (closed > policy.maxDelayMs) throw new TvError(info); // not worth holding the caller
        this.opts.onRetry?.(info, closed, attempt);
        await (this.opts.sleep ?? defaultSleep)(closed);
      }
      try {
        return await this.once<T>(method, path, opts.query, opts.body);
      } catch (e) {
        const info = (e as TvError).info;
        if (info.kind === 'rate_limited') this.opts.gate?.block(info.retryAfterMs);
        const delay = nextRetryDelay(info, attempt, policy);
        if (delay === null) throw e;
        this.opts.onRetry?.(info, delay, attempt);
        await (this.opts.sleep ?? defaultSleep)(delay);
      }
    }
  }

  /** True when the token is accepted; false for token_valid:false (HTTP 200) and for 401. */
  async ping(): Promise<boolean> {
    try {
      const r = await this.request<{ token_valid?: boolean }>('GET', '/ping');
      return r.token_valid === true;
    } catch (e) {
      if (e instanceof TvError && e.kind === 'invalid_token') return false;
      throw e;
    }
  }

  account(): Promise<TvAccount> {
    return this.request('GET', '/account');
  }

  /** The group of that exact name; of several (two browsers created one at once), the oldest, so
   *  that every browser settles on the same one. */
  async findGroupByName(name: string): Promise<TvGroup | undefined> {
    const r = await this.request<{ groups?: TvGroup[] }>('GET', '/groups', { query: { name, shouldMatchFullName: 'true' } });
    // shouldMatchFullName is honoured by the API, but compare anyway: "BOSS" must not pick "BOSS old".
    return oldestGroup((r.groups ?? []).filter((g) => g.name === name));
  }

  deleteGroup(id: string): Promise<void> {
    return this.request('DELETE', `/groups/${encodeURIComponent(id)}`);
  }

  getGroup(id: string): Promise<TvGroup> {
    return this.request('GET', `/groups/${encodeURIComponent(id)}`);
  }

  createGroup(name: string): Promise<TvGroup> {
    return this.request('POST', '/groups', { body: { name }, retry: false });
  }

  async users(): Promise<TvUser[]> {
    return (await this.request<{ users?: TvUser[] }>('GET', '/users')).users ?? [];
  }

  shareGroup(id: string, users: { userid: string; permissions: 'read' | 'readwrite' }[]): Promise<void> {
    return this.request('POST', `/groups/${encodeURIComponent(id)}/share_group`, { body: { users } });
  }

  unshareGroup(id: string, userids: string[]): Promise<void> {
    return this.request('POST', `/groups/${encodeURIComponent(id)}/unshare_group`, { body: { users: userids } });
  }

  /** Never retried here: a lost answer may still have created the case (the caller reconciles). */
  createSession(body: TvCreateSession): Promise<TvSession> {
    return this.request('POST', '/sessions', { body, retry: false });
  }

  getSession(code: string): Promise<TvSession> {
    return this.request('GET', `/sessions/${encodeURIComponent(code)}`);
  }

  closeSession(code: string): Promise<void> {
    return this.request('PUT', `/sessions/${encodeURIComponent(code)}`, { body: { state: 'closed' } });
  }

  deleteSession(code: string): Promise<void> {
    return this.request('DELETE', `/sessions/${encodeURIComponent(code)}`);
  }

  /** Every open case (of a group), paging through `next_offset`. */
  async listOpenSessions(groupid?: string): Promise<TvSession[]> {
    const all: TvSession[] = [];
    let offset: string | undefined;
    for (let page = 0; page < 100; page++) {
      const r = await this.request<TvSessionList>('GET', '/sessions', {
        query: { state: 'open', full_list: 'true', groupid, offset },
      });
      all.push(...(r.sessions ?? []));
      if (!r.next_offset || !r.sessions_remaining) break;
      offset = r.next_offset;
    }
    return all;
  }

  /** The devices of Computers & Contacts (issue 19); 403 without its "view entries" permission. */
  async devices(): Promise<TvDevice[]> {
    return (await this.request<{ devices?: TvDevice[] }>('GET', '/devices')).devices ?? [];
  }

  // ---- Reports (issue 10): one page at a time, so a sync can keep its place between pages ----
  /** One page of cases, newest first (at most 1000); pass `next_offset` back as `offset`.
   *  `state` may list several states (`open,closed`); `full_list` asks for every field. */
  listSessions(q: { groupid?: string; state?: string; full_list?: boolean; offset?: string }): Promise<TvSessionList> {
    return this.request<TvSessionList>('GET', '/sessions', {
      query: { groupid: q.groupid, state: q.state, full_list: q.full_list ? 'true' : undefined, offset: q.offset },
    });
  }

  /** One page of connection reports, newest end first; pass `next_offset` back as `offset_id`. */
  connectionReportsPage(q: { groupid?: string; from_date?: string; to_date?: string; offset_id?: string }): Promise<TvConnectionPage> {
    return this.request<TvConnectionPage>('GET', '/reports/connections', { query: { ...q } });
  }

  /** Connection reports, paging through `next_offset` → `offset_id`. */
  async connectionReports(query: { session_code?: string; groupid?: string; from_date?: string; to_date?: string; has_code?: 'true' | 'false' }): Promise<TvConnectionRecord[]> {
    const all: TvConnectionRecord[] = [];
    let offset_id: string | undefined;
    for (let page = 0; page < 100; page++) {
      const r = await this.request<TvConnectionPage>('GET', '/reports/connections', { query: { ...query, offset_id } });
      all.push(...(r.records ?? []));
      if (!r.next_offset || !r.records_remaining) break;
      offset_id = r.next_offset;
    }
    return all;
  }
}

function toErrorInfo(e: unknown): TvErrorInfo {
  if (e instanceof FetchError) {
    const status = e.response?.status ?? e.status;
    if (status) return mapHttpError(status, e.data, e.response?.headers.get('retry-after'));
    const cause = (e.cause ?? {}) as { name?: string };
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError' || /timeout|aborted/i.test(e.message)) {
      return { kind: 'timeout', description: e.message };
    }
    return { kind: 'network', description: e.message };
  }
  return { kind: 'network', description: e instanceof Error ? e.message : String(e) };
}
