import { defineConfig } from '@playwright/test';

// Each worker launches its own Chromium with the built test extension and its own sandbox and
// demo desk on ephemeral ports (see e2e/fixtures.ts). Two workers suit a 2-core machine.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: process.env.E2E_TIMEOUT ? Number(process.env.E2E_TIMEOUT) : 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: process.env.PW_OUTPUT ?? 'test-results',
  use: { trace: 'retain-on-failure' },
  // A Chromium policy file applies to every browser on the machine: the policy spec runs alone,
  // after all the others (alone: `npx playwright test --project=policy --no-deps`).
  projects: [
    { name: 'main', testIgnore: /policy\.spec\.ts$/ },
    { name: 'policy', testMatch: /policy\.spec\.ts$/, dependencies: ['main'] },
  ],
});
