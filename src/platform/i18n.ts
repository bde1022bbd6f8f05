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

const ERROR_KEYS: Record<UiError['code'], string> = {
  invalid_token: 'errInvalidToken',
  forbidden: 'errForbidden',
  license_limit: 'errLicenseLimit',
  not_found: 'errNotFound',
  rate_limited: 'errRateLimited',
  server: 'errServer',
  timeout: 'errTimeout',
  network: 'errNetwork',
  bad_request: 'errBadRequest',
  not_connected: 'errNotConnected',
  bad_token_format: 'errBadTokenFormat',
  license_unsupported: 'errLicenseUnsupported',
  bad_request_message: 'errInternal',
  invalid_template: 'errInvalidTemplate',
  bad_api_address: 'errBadApiAddress',
  storage_unlocked: 'errStorageUnlocked',
  managed_by_policy: 'errManagedByPolicy',
  technician_unknown: 'errTechnicianUnknown',
  technician_left: 'errTechnicianLeft',
  managed_unlocked: 'errManagedUnlocked',
  internal: 'errInternal',
};

export const errorMessage = (e: UiError): string => t(ERROR_KEYS[e.code] ?? 'errInternal');
/** Errors a retry button can fix without a human changing something first. */
export const retryable = (e: UiError) => ['rate_limited', 'server', 'timeout', 'network', 'internal', 'license_limit'].includes(e.code);
/** Errors only the options page can fix. */
export const needsOptions = (e: UiError) => ['invalid_token', 'not_connected', 'forbidden', 'technician_unknown', 'technician_left', 'managed_by_policy', 'managed_unlocked'].includes(e.code);

/** TeamViewer permissions by the area of the API that needs them (detail of a `forbidden` error). */
const PERMISSION_KEYS: Record<string, string> = { groups: 'permGroups', sessions: 'permSessions', reports: 'permReports' };

/** "sessions,reports" → the permissions' names as the Management Console shows them; else as is. */
export const permissionNames = (detail: string): string =>
  detail.split(',').map((p) => (PERMISSION_KEYS[p] ? t(PERMISSION_KEYS[p]) : p)).join(', ');
