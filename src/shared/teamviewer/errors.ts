// Maps whatever TeamViewer (or the network) answered to one closed set of error kinds that the
// UI can explain and the retry policy can act on. Pure: unit-tested without a browser.

export type TvErrorKind =
  | 'invalid_token' // 401, token_valid:false, revoked or expired
  | 'forbidden' // 403: a permission of the script token or the licence is missing
  | 'license_limit' // 400 "license limitations": concurrent-session limit reached
  | 'not_found' // 404
  | 'rate_limited' // 429 / rate_limit_reached
  | 'server' // 5xx
  | 'timeout'
  | 'network' // no answer at all
  | 'bad_request'; // any other 4xx

export interface TvErrorInfo {
  kind: TvErrorKind;
  status?: number;
  /** TeamViewer's own `error` / `error_description`, for the detail line and the logs. */
  apiError?: string;
  description?: string;
  /** From Retry-After, when the server sent one. */
  retryAfterMs?: number;
}

export class TvError extends Error {
  constructor(readonly info: TvErrorInfo) {
    super(`TeamViewer ${info.kind}${info.status ? ` (${info.status})` : ''}${info.description ? `: ${info.description}` : ''}`);
    this.name = 'TvError';
  }
  get kind(): TvErrorKind {
    return this.info.kind;
  }
}

interface ApiErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_code?: unknown;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function mapHttpError(status: number, body: unknown, retryAfter?: string | null): TvErrorInfo {
  const b: ApiErrorBody = body && typeof body === 'object' ? (body as ApiErrorBody) : {};
  const apiError = typeof b.error === 'string' ? b.error : undefined;
  const rawText = typeof body === 'string' ? body : '';
  const description = typeof b.error_description === 'string' ? b.error_description : rawText.slice(0, 300) || undefined;
  const base = { status, apiError, description };
  const text = `${apiError ?? ''} ${description ?? ''}`.toLowerCase();

  if (status === 401 || apiError === 'invalid_token' || apiError === 'token_expired') return { ...base, kind: 'invalid_token' };
  if (status === 429 || apiError === 'rate_limit_reached' || apiError === 'too_many_retries') {
    return { ...base, kind: 'rate_limited', retryAfterMs: parseRetryAfter(retryAfter) };
  }
  if (text.includes('license limitation') || text.includes('licence limitation')) return { ...base, kind: 'license_limit' };
  if (status === 403 || apiError === 'invalid_permission') return { ...base, kind: 'forbidden' };
  if (status === 404 || apiError === 'not_found') return { ...base, kind: 'not_found' };
  if (status >= 500 || apiError === 'internal_error') return { ...base, kind: 'server' };
  return { ...base, kind: 'bad_request' };
}

/** Kinds worth trying again without a human: the request may succeed on its own later. */
export function isTransient(kind: TvErrorKind): boolean {
  return kind === 'rate_limited' || kind === 'server' || kind === 'timeout' || kind === 'network';
}

export interface RetryPolicy {
  attempts: number; // total attempts, first one included
  baseDelayMs: number;
  maxDelayMs: number; // longer waits are not done inside the worker (it may be killed at 30 s)
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 };

/** How long to wait before the next attempt, or null to give up. `attempt` counts from 1. */
export function nextRetryDelay(err: TvErrorInfo, attempt: number, policy: RetryPolicy = DEFAULT_RETRY, jitter = Math.random()): number | null {
  if (!isTransient(err.kind) || attempt >= policy.attempts) return null;
  if (err.retryAfterMs !== undefined) return err.retryAfterMs <= policy.maxDelayMs ? err.retryAfterMs : null;
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(exp * (1 + 0.25 * jitter)));
}
