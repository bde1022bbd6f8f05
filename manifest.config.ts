import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

/** BOSSDesk cloud. On-prem BOSS Support Central origins are added at run time by the admin. */
export const CLOUD_MATCHES = ['https://*.bossdesk.io/*'];
/** Test build only: the demo help desk (localhost, 127.0.0.2 as an "on-prem" host) and the sandbox (127.0.0.1). */
export const TEST_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*', 'http://127.0.0.2/*'];
/** Public key of the test build, so that its id (and thus managed policy) is fixed: jnolmkmcgfnghfjkmgilbcbinffbikdf. */
const TEST_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA242LNWdGYRq9X/Si6Ti83fx4olILrxl2E5JTP+wBybW9s5mWfQvjvxWOKk2tSrfiCkYnvMzj3oNS+r7msiDAApx4jrzQ5QVXSS4CZXrTgZ6QyNRhjbGt2P8P7SEDTzJoFaQTfqKw2yOhO6ZUzvFjlltng7plDe3qMra56tWTvHK9ml67Lj/ciTG+/mmtmh1ZQbfCq4zjD5mkXZuvk+vN0PPqsx6MOM6HgB3JgTHa9WNWXpiPIh08VZMcig00X7DvhA+d9Zh1yxVE4MlnmMR6Oip4Shgm0aewobC/YDLQGwWIilbysWdtAdjKPGeMdfGvzAaqtIQ+GTWAwpCVXqr0+QIDAQAB';

/** Extension pages run only the extension's own files: no remote code, no inline script, no eval.
 *  The dev server (`vite` serve, never a build) loads modules from localhost, which an unpacked
 *  extension may allow. Checked in the built manifest by scripts/check-build.ts. */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'self'";
const DEV_SERVER_CSP = "script-src 'self' http://localhost:5173; object-src 'self'";

export default defineManifest(({ mode, command }) => {
  const test = mode === 'test';
  return {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'TeamViewer for BOSS',
    description: '__MSG_extDescription__',
    version: pkg.version,
    default_locale: 'en',
    // The first version that can lock storage.local (and every other area) to trusted contexts:
    // StorageArea.setAccessLevel on all areas since Chrome 140 (MDN browser-compat-data).
    minimum_chrome_version: '140',
    icons: { 16: 'icons/icon16.png', 48: 'icons/icon48.png', 128: 'icons/icon128.png' },
    action: { default_title: '__MSG_extName__' },
    options_page: 'src/pages/options/index.html',
    // The technician's "Service cases" beside the ticket, across tabs (issue 17).
    side_panel: { default_path: 'src/pages/sidepanel/index.html' },
    // Changeable at chrome://extensions/shortcuts (README, "Keyboard shortcuts").
    commands: {
      'toggle-session': { suggested_key: { default: 'Alt+Shift+T' }, description: '__MSG_cmdToggle__' },
      'open-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_cmdPanel__' },
    },
    background: { service_worker: 'src/background/index.ts', type: 'module' },
    content_scripts: [{
      matches: test ? [...CLOUD_MATCHES, 'http://localhost/*'] : CLOUD_MATCHES,
      // One self-contained file (see main.iife.ts): the worker registers the same file for the
      // on-prem origins added at run time, which no web_accessible_resources entry could cover.
      js: ['src/content/main.iife.ts'],
      run_at: 'document_idle',
    }],
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'sidePanel'],
    // The TeamViewer API is reached from the worker only; on-prem help desks are optional hosts.
    host_permissions: ['https://webapi.teamviewer.com/*', ...CLOUD_MATCHES, ...(test ? TEST_HOSTS : [])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    content_security_policy: { extension_pages: command === 'serve' ? DEV_SERVER_CSP : EXTENSION_PAGES_CSP },
    ...(test ? { key: TEST_KEY } : {}),
  };
});
