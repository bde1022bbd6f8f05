import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** `no-restricted-imports` patterns: which folder may not import which (the architecture). */
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', {
    patterns: groups.map(([group, message]) => ({ group: [group], message })),
  }],
});
const BACKGROUND = ['**/background/**', 'The service worker is reached through messages (src/shared/protocol.ts), never imported.'];
const CONTENT = ['**/content/**', 'Content-script code belongs to the help-desk page.'];
const PAGES = ['**/pages/**', 'Extension pages are not a library.'];
const PLATFORM = ['**/platform/**', 'src/shared is pure: browser glue lives in src/platform or with its context.'];
const POLYFILL = ['webextension-polyfill', 'No browser API here.'];
const RUNTIME = ['**/runtime/**', 'Domain code tells what happened through events.ts; only the runtime layer talks to tabs.'];
/** DOM and extension globals that pure code must not touch. */
const BROWSER_GLOBALS = ['chrome', 'browser', 'document', 'window', 'location', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB']
  .map((name) => ({ name, message: 'src/shared is pure: pass what you need in, or put the glue in src/platform.' }));

export default tseslint.config(
  { ignores: ['dist/', 'dist-test/', 'node_modules/', 'test-results/', 'playwright-report/', '.artifacts/', 'release/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      // Ticket text is untrusted: never build DOM from strings.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Use textContent or preact: ticket data is untrusted.' },
        { property: 'outerHTML', message: 'Use textContent or preact: ticket data is untrusted.' },
        { property: 'insertAdjacentHTML', message: 'Use DOM APIs: ticket data is untrusted.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The extension's own code: no code from strings (the manifest's CSP forbids it at run time too).
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text through preact: ticket data is untrusted.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render text through preact: ticket data is untrusted.' }],
    },
  },
  // No import cycle anywhere in the extension's source.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Boundaries between the contexts and layers (README, Architecture).
  { files: ['src/content/**'], rules: forbid(BACKGROUND, PAGES, POLYFILL) },
  // The picker, the page diagnosis and the device section (issue 19) are injected into the help-desk page like a content script:
  // same boundaries.
  { files: ['src/picker/**', 'src/diagnosis/**', 'src/devices/**'], rules: forbid(BACKGROUND, PAGES, POLYFILL, CONTENT) },
  { files: ['src/pages/**'], rules: forbid(BACKGROUND, CONTENT) },
  { files: ['src/platform/**'], rules: forbid(BACKGROUND, CONTENT, PAGES, POLYFILL) },
  {
    files: ['src/shared/**'],
    rules: { ...forbid(BACKGROUND, CONTENT, PAGES, PLATFORM, POLYFILL), 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] },
  },
  { files: ['src/background/{cases,account,config,store,devices}/**'], rules: forbid(RUNTIME, CONTENT, PAGES) },
  {
    files: ['src/background/store/**'],
    rules: forbid(RUNTIME, ['**/cases/**', 'The store is the bottom layer: it knows no domain module.'], ['**/account/**', 'The store is the bottom layer.'], ['**/config/**', 'The store is the bottom layer.']),
  },
  // Playwright fixtures declare their dependencies by destructuring, even when there are none.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
);
