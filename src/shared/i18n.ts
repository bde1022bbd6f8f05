import browser from 'webextension-polyfill';
import type { UiError } from './protocol';

export const t = (key: string, subs?: string | string[]): string => browser.i18n.getMessage(key, subs) || key;

const ERROR_KEYS: Record<UiError['code'], string> = {
  invalid_token: 'errInvalidToken',
  forbidden: 'errForbidden',
  licence_limit: 'errLicenceLimit',
  not_found: 'errNotFound',
  rate_limited: 'errRateLimited',
  server: 'errServer',
  timeout: 'errTimeout',
  network: 'errNetwork',
  bad_request: 'errBadRequest',
  not_connected: 'errNotConnected',
  bad_token_format: 'errBadTokenFormat',
  licence_unsupported: 'errLicenceUnsupported',
  bad_request_message: 'errInternal',
  internal: 'errInternal',
};

export const errorMessage = (e: UiError): string => t(ERROR_KEYS[e.code] ?? 'errInternal');
/** Errors a retry button can fix without a human changing something first. */
export const retryable = (e: UiError) => ['rate_limited', 'server', 'timeout', 'network', 'internal', 'licence_limit'].includes(e.code);
/** Errors only the options page can fix. */
export const needsOptions = (e: UiError) => ['invalid_token', 'not_connected', 'forbidden'].includes(e.code);
