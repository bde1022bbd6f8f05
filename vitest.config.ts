import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

/** CRXJS's `?script` imports (a script's built file name, see background/config/teach.ts) are a
 *  build feature: in unit tests they give the source path instead of running the script. */
const scriptNames = {
  name: 'tv4boss:script-names',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id.endsWith('?script') ? `\0script:${id.slice(0, -'?script'.length)}` : undefined),
  load: (id: string) => (id.startsWith('\0script:') ? `export default ${JSON.stringify(id.slice('\0script:'.length))};` : undefined),
};

export default defineConfig({
  plugins: [scriptNames, preact()],
  define: { __TEST_BUILD__: 'true' },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    // Worker tests against fake IndexedDB take 1–2 s alone; a busy 2-core machine can triple that.
    testTimeout: 20_000,
  },
});
