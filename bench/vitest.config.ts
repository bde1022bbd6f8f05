// Benchmarks that run in the unit-test environment (fake browser, fake IndexedDB, local sandbox).
// `npm run bench:watcher`
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __TEST_BUILD__: 'true' },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)), // the project, whatever the working directory
    include: ['bench/**/*.bench-test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
