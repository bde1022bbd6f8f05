/** BOSSDesk cloud tenants: https://<tenant>.bossdesk.io */
export const CLOUD_ORIGIN_RE = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.bossdesk\.io$/i;
/** Loopback hosts of the demo help desk, trusted by the test build only (any port). */
export const TEST_ORIGINS = ['http://localhost', 'http://127.0.0.2'];
