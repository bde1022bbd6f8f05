// chrome.i18n directly, not the polyfill: this module is in the content script, whose size is budgeted.
import type { UiError } from '../shared/protocol';

export const t = (key: string, subs?: string | string[]): string => chrome.i18n.getMessage(key, subs) || key;

/**
 * The language the extension's own strings resolved to ("en", "es"), read from a message that each
 * _locales file defines. Used for everything the technician reads (dates, email, comment) so that
 * all of it speaks one language; getUILanguage() and @@ui_locale report the browser's UI language,
 * which can differ (e.g. a browser without that UI translation).
 */
export const uiLocale = (): string => chrome.i18n.getMessage('locale') || chrome.i18n.getUILanguage() || 'en';

/** The message key of an error code: "err" and the code in camel case ("rate_limited" →
 *  errRateLimited); a malformed request is an internal error to the user. Derived rather than
 *  tabled: this module is in the content script, whose size is budgeted. src/shared/error-keys.ts
 *  has the full table (every code, checked by typecheck), and test/i18n-keys.test.ts checks that
 *  this gives the same key for every code. */
export const errorKey = (code: string): string =>
  (code === 'bad_request_message' ? 'errInternal' : `err${code.replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase())}`);

/** An unknown code (a newer worker's) reads as an internal error. */
export const errorMessage = (e: UiError): string => {
  const errKey = errorKey(e.code);
  return chrome.i18n.getMessage(errKey) || t('errInternal');
};
/** Errors a retry button can fix without a human changing something first. */
export const retryable = (e: UiError) => ['rate_limited', 'server', 'timeout', 'network', 'internal', 'license_limit'].includes(e.code);
/** Errors only the options page can fix. */
export const needsOptions = (e: UiError) => ['invalid_token', 'not_connected', 'forbidden', 'technician_unknown', 'technician_left', 'managed_by_policy', 'managed_unlocked'].includes(e.code);

/** "sessions,reports" → the TeamViewer permissions (by the area of the API that needs them, the
 *  detail of a `forbidden` error) named as the Management Console shows them; else as is. */
export const permissionNames = (detail: string): string =>
  detail.split(',').map((p) => (/^(groups|sessions|reports)$/.test(p) ? t(`perm${p[0]!.toUpperCase()}${p.slice(1)}`) : p)).join(', ');
