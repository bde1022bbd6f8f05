import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-test/', 'node_modules/', 'test-results/', 'playwright-report/', '.artifacts/'] },
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
  // Playwright fixtures declare their dependencies by destructuring, even when there are none.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
);
