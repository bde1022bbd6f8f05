// Every error code the UI shows and its message key, in full: typecheck fails when UiErrorCode gains
// a code without a key. The content script derives the key instead (errorKey in
// src/platform/i18n.ts, smaller than this table); test/i18n-keys.test.ts checks both agree, and the
// locales and README tests read this table.
import type { UiErrorCode } from './protocol';

export const ERROR_KEYS: Record<UiErrorCode, string> = {
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

