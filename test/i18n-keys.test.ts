// The content script derives an error code's message key (errorKey) instead of carrying the full
// table (src/shared/error-keys.ts): both must name the same key for every code, and the widget's
// permission names must be the permissions' own messages.
import { describe, it, expect, vi, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_KEYS } from '../src/shared/error-keys';
import { errorKey, errorMessage, permissionNames } from '../src/platform/i18n';

const en = JSON.parse(readFileSync(join(__dirname, '..', 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;

beforeEach(() => {
  vi.stubGlobal('chrome', { i18n: { getMessage: (k: string) => en[k]?.message ?? '', getUILanguage: () => 'en' } });
});

describe('error and permission message keys', () => {
  it('errorKey gives the table\'s key for every error code', () => {
    expect(Object.keys(ERROR_KEYS).length).toBeGreaterThan(15);
    for (const [code, key] of Object.entries(ERROR_KEYS)) expect(errorKey(code), code).toBe(key);
  });

  it('errorMessage: the code\'s message; an unknown code reads as an internal error', () => {
    expect(errorMessage({ code: 'rate_limited' })).toBe(en.errRateLimited!.message);
    expect(errorMessage({ code: 'bad_request_message' })).toBe(en.errInternal!.message);
    expect(errorMessage({ code: 'no_such_code' as never })).toBe(en.errInternal!.message);
  });

  it('permissionNames: known permissions by their message, anything else as is', () => {
    expect(permissionNames('groups,sessions,reports,other')).toBe(
      [en.permGroups!.message, en.permSessions!.message, en.permReports!.message, 'other'].join(', '));
  });
});
