import { describe, it, expect } from 'vitest';
import {
  DEFAULT_RETRY, isTransient, mapHttpError, nextRetryDelay, parseRetryAfter, TvError,
  type RetryPolicy, type TvErrorKind,
} from '../src/shared/teamviewer/errors';

const body = (error: string, error_description: string, error_code: number) => ({ error, error_description, error_code });

describe('mapHttpError', () => {
  it('401 → invalid_token, keeping TeamViewer’s error and description', () => {
    const info = mapHttpError(401, body('invalid_token', 'The access token is invalid', 401));
    expect(info).toEqual({ kind: 'invalid_token', status: 401, apiError: 'invalid_token', description: 'The access token is invalid' });
  });

  it('400 with an invalid_token body → invalid_token (some clients see 400 for a bad token)', () => {
    expect(mapHttpError(400, body('invalid_token', 'bad token', 400)).kind).toBe('invalid_token');
    expect(mapHttpError(400, body('token_expired', 'expired', 400)).kind).toBe('invalid_token');
  });

  it('403 invalid_permission → forbidden', () => {
    const info = mapHttpError(403, body('invalid_permission', 'Permission denied: reports', 403));
    expect(info.kind).toBe('forbidden');
    expect(info.apiError).toBe('invalid_permission');
    expect(info.description).toBe('Permission denied: reports');
  });

  it('400 whose description mentions license limitations → license_limit', () => {
    const info = mapHttpError(400, body('invalid_request', 'Session could not be created due to license limitations.', 400));
    expect(info.kind).toBe('license_limit');
    expect(info.status).toBe(400);
    // Only the text makes it a licence limit: the same error without it is a plain bad request.
    expect(mapHttpError(400, body('invalid_request', 'groupid must match ^g\\d+$', 400)).kind).toBe('bad_request');
  });

  it('404 → not_found', () => {
    expect(mapHttpError(404, body('not_found', 'Session not found', 404)).kind).toBe('not_found');
    expect(mapHttpError(404, undefined).kind).toBe('not_found');
  });

  it('429 with Retry-After in seconds → rate_limited with retryAfterMs', () => {
    const info = mapHttpError(429, body('rate_limit_reached', 'Rate limit reached', 429), '2');
    expect(info).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000 });
  });

  it('429 with Retry-After as an HTTP date → milliseconds until that date', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString(); // second precision
    const ms = mapHttpError(429, {}, inTenSeconds).retryAfterMs!;
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });

  it('429 without Retry-After → rate_limited, no retryAfterMs', () => {
    const info = mapHttpError(429, body('rate_limit_reached', 'Rate limit reached', 429), null);
    expect(info.kind).toBe('rate_limited');
    expect(info.retryAfterMs).toBeUndefined();
  });

  it('rate_limit_reached on a 400 → rate_limited', () => {
    expect(mapHttpError(400, body('rate_limit_reached', 'Rate limit reached', 400), '3')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(mapHttpError(400, body('too_many_retries', 'slow down', 400)).kind).toBe('rate_limited');
  });

  it('5xx → server', () => {
    expect(mapHttpError(500, body('internal_error', 'boom', 500)).kind).toBe('server');
    expect(mapHttpError(503, undefined).kind).toBe('server');
    expect(mapHttpError(502, '<html>Bad gateway</html>').kind).toBe('server');
  });

  it('an unknown 4xx → bad_request', () => {
    expect(mapHttpError(400, body('invalid_request', 'state must be "open" or "closed"', 400)).kind).toBe('bad_request');
    expect(mapHttpError(409, {}).kind).toBe('bad_request');
    expect(mapHttpError(418, null).kind).toBe('bad_request');
  });

  it('a non-JSON string body becomes the description (bounded to 300 characters)', () => {
    const info = mapHttpError(400, 'Bad Request: something odd');
    expect(info).toEqual({ kind: 'bad_request', status: 400, apiError: undefined, description: 'Bad Request: something odd' });
    expect(mapHttpError(500, 'x'.repeat(1000)).description).toHaveLength(300);
    // A plain-text licence message is still recognised.
    expect(mapHttpError(400, 'Session could not be created due to license limitations.').kind).toBe('license_limit');
    expect(mapHttpError(400, '').description).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-04-16T20:40:38Z');
  it('reads delta-seconds (integer and fractional)', () => {
    expect(parseRetryAfter('1')).toBe(1000);
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Tue, 16 Apr 2024 20:40:45 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 16 Apr 2024 20:40:00 GMT', now)).toBe(0);
  });
  it('is undefined for missing or garbage values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('isTransient', () => {
  it('is true exactly for rate_limited, server, timeout and network', () => {
    const all: TvErrorKind[] = ['invalid_token', 'forbidden', 'license_limit', 'not_found', 'rate_limited', 'server', 'timeout', 'network', 'bad_request'];
    expect(all.filter(isTransient)).toEqual(['rate_limited', 'server', 'timeout', 'network']);
  });
});

describe('nextRetryDelay', () => {
  const policy: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 };

  it('grows exponentially with the jitter fixed', () => {
    const server = { kind: 'server' as const };
    expect([1, 2, 3].map((a) => nextRetryDelay(server, a, policy, 0))).toEqual([500, 1000, 2000]);
    // Jitter adds up to 25 %.
    expect([1, 2, 3].map((a) => nextRetryDelay(server, a, policy, 1))).toEqual([625, 1250, 2500]);
    expect(nextRetryDelay(server, 2, policy, 0.5)).toBe(1125);
  });

  it('gives up after `attempts` (the first attempt counts)', () => {
    const net = { kind: 'network' as const };
    expect(nextRetryDelay(net, 3, policy, 0)).not.toBeNull();
    expect(nextRetryDelay(net, 4, policy, 0)).toBeNull();
    expect(nextRetryDelay(net, 5, policy, 0)).toBeNull();
    expect(nextRetryDelay(net, 1, { ...policy, attempts: 1 }, 0)).toBeNull();
  });

  it('caps the exponential delay at maxDelayMs', () => {
    const p: RetryPolicy = { attempts: 20, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(nextRetryDelay({ kind: 'timeout' }, 10, p, 0)).toBe(5000);
    expect(nextRetryDelay({ kind: 'timeout' }, 3, p, 1)).toBe(5000); // 4000 * 1.25 = 5000
    expect(nextRetryDelay({ kind: 'timeout' }, 3, p, 0)).toBe(4000);
  });

  it('honours Retry-After instead of the backoff', () => {
    expect(nextRetryDelay({ kind: 'rate_limited', retryAfterMs: 1000 }, 1, policy, 1)).toBe(1000);
    expect(nextRetryDelay({ kind: 'rate_limited', retryAfterMs: 0 }, 2, policy, 1)).toBe(0);
    expect(nextRetryDelay({ kind: 'rate_limited', retryAfterMs: 20_000 }, 1, policy, 0)).toBe(20_000);
  });

  it('refuses to wait longer than maxDelayMs when Retry-After asks for it', () => {
    expect(nextRetryDelay({ kind: 'rate_limited', retryAfterMs: 20_001 }, 1, policy, 0)).toBeNull();
    expect(nextRetryDelay({ kind: 'rate_limited', retryAfterMs: 60_000 }, 1, DEFAULT_RETRY, 0)).toBeNull();
  });

  it('is null for non-transient kinds, whatever the attempt', () => {
    for (const kind of ['invalid_token', 'forbidden', 'license_limit', 'not_found', 'bad_request'] as const) {
      expect(nextRetryDelay({ kind }, 1, policy, 0)).toBeNull();
    }
    expect(nextRetryDelay({ kind: 'forbidden', retryAfterMs: 10 }, 1, policy, 0)).toBeNull();
  });

  it('uses DEFAULT_RETRY (4 attempts from 500 ms) when no policy is given', () => {
    expect(nextRetryDelay({ kind: 'server' }, 1, undefined, 0)).toBe(500);
    expect(nextRetryDelay({ kind: 'server' }, 4, undefined, 0)).toBeNull();
  });
});

describe('TvError', () => {
  it('exposes the kind and builds a readable message', () => {
    const e = new TvError({ kind: 'forbidden', status: 403, description: 'Permission denied: reports' });
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe('forbidden');
    expect(e.name).toBe('TvError');
    expect(e.message).toBe('TeamViewer forbidden (403): Permission denied: reports');
    expect(new TvError({ kind: 'network' }).message).toBe('TeamViewer network');
  });
});
