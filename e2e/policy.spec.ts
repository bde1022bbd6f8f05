// Enterprise policy through a real Chromium policy file: it sets the API address, the watcher
// period and an on-prem site; the options page shows them locked; the site's tickets get the
// widget (content script registered from policy); connecting uses the policy's API address.
//
// A policy file applies to every Chromium on the machine, so this spec runs alone, after all the
// others (project "policy" in playwright.config.ts; run it alone with
// `npx playwright test --project=policy --no-deps`). Needs root (CI runs as root).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { DEMO_TOKEN, expect, widget } from './fixtures';
import { test, optionsUrl, siteRow } from './site-helpers';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/tv4boss-test.json`;
/** The test build's id, fixed by the manifest `key`. */
const EXTENSION_ID = 'jnolmkmcgfnghfjkmgilbcbinffbikdf';

const removePolicy = () => rmSync(POLICY_FILE, { force: true });
// Left behind, the file would lock every later Chromium run on this machine: remove it however we exit.
process.once('exit', removePolicy);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ sandbox, onpremDesk }) => {
  // Before any Chromium of this worker starts: policy is read at browser start.
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({
    '3rdparty': { extensions: { [EXTENSION_ID]: {
      apiBaseUrl: sandbox.handle.apiBase,
      helpdeskSites: [{ origin: onpremDesk.handle.url }],
      pollSeconds: 5,
    } } },
  }, null, 2));
});

test.afterAll(removePolicy);

test('policy: API address, period and site are applied and shown locked; the site is injected; connect uses the policy address', async ({ page, context, extensionId, sandbox, onprem }) => {
  expect(extensionId).toBe(EXTENSION_ID);
  await page.goto(optionsUrl(extensionId));

  // Locked in the options page.
  await expect(page.getByTestId('policy-api')).toContainText(sandbox.handle.apiBase);
  await expect(page.getByTestId('policy-api')).toContainText('Set by your administrator');
  await expect(page.locator('#poll')).toBeDisabled();
  await expect(page.locator('#poll')).toHaveValue('5');
  await expect(page.getByTestId('poll-locked')).toBeVisible();
  const row = siteRow(page, onprem.handle.url);
  await expect(row).toHaveAttribute('data-source', 'policy');
  await expect(row.getByTestId('site-locked')).toHaveText('Set by your administrator');
  await expect(row.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'View profile' })).toBeVisible();

  // The policy site's tickets get the widget: its content script was registered from policy.
  const ticket = await context.newPage();
  await ticket.goto(onprem.ticketUrl('1042', { layout: 'onprem', lang: 'es' }));
  await expect(widget(ticket)).toHaveCount(1);

  // Connecting uses the policy's API address, whatever the form holds.
  await page.bringToFront();
  await page.getByText('Advanced').click();
  const api = page.getByLabel('TeamViewer API address');
  await expect(api).toBeDisabled();
  await page.getByLabel('TeamViewer script token').fill(DEMO_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('account')).toContainText('Jon Snow');
  expect((await sandbox.requests()).some((r) => r.path.endsWith('/ping'))).toBe(true);
  const view = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'settings/get' }));
  expect(view.data.settings.apiBaseUrl).toBe(sandbox.handle.apiBase);
  expect(view.data.locked).toEqual(['apiBaseUrl', 'pollSeconds']);

  // And the widget on the policy site starts a case against the sandbox.
  await ticket.bringToFront();
  await ticket.reload();
  await widget(ticket).getByRole('button', { name: 'Start TeamViewer session' }).click();
  await expect(widget(ticket).getByTestId('code')).toHaveText(/^s[\d-]+$/);
});
