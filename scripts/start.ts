// `npm start`: the demo. Starts the TeamViewer sandbox and the demo help desk on loopback, opens
// Chromium with the (test-build) extension already connected to the sandbox on a demo ticket.
// Without a display it runs the same walkthrough headless and saves screenshots, then teaches the
// demo desk's generated-class layout (Helpdesk Hub) with "Teach on this page", by clicking only,
// and saves screenshots of the picker panel.
// Environment: SANDBOX_PORT / DESK_PORT (default 4010 / 4020; 0 = any free port, the real ones are
// printed), START_ARTIFACTS (screenshot folder, default .artifacts/start), HEADLESS=1.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectToken, launchWithExtension, SandboxControl, serviceWorkerOf, tick } from '../e2e/fixtures';
import { DEMO_DEVICES, startSandbox } from '../e2e/servers/sandbox';
import { startDesk } from '../e2e/servers/desk';
import { teachHub } from '../e2e/teach-walkthrough';

const port = (name: string, dflt: number): number => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0 = any free port), not "${v}"`);
  return n;
};
const SANDBOX_PORT = port('SANDBOX_PORT', 4010);
const DESK_PORT = port('DESK_PORT', 4020);
const headed = !!process.env.DISPLAY && process.env.HEADLESS !== '1';

const sandbox = await startSandbox({ port: SANDBOX_PORT, devices: DEMO_DEVICES });
const desk = await startDesk({ port: DESK_PORT });
console.log(`Ports: sandbox ${new URL(sandbox.url).port}, demo desk ${new URL(desk.url).port}`);
console.log(`TeamViewer sandbox: ${sandbox.apiBase}  (control: ${sandbox.url}/__control/state)`);
console.log(`Demo help desk:     ${desk.url}/app/en/tickets/1042  ·  ${desk.url}/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es`);

const profileDir = mkdtempSync(join(tmpdir(), 'tv4boss-demo-'));
const ctx = await launchWithExtension(profileDir, !headed);
const sw = await serviceWorkerOf(ctx);
const id = new URL(sw.url()).host;
const page = ctx.pages()[0] ?? (await ctx.newPage());

// Connect the extension to the sandbox through its options page, as an admin would (by role and
// label, as the e2e suite does: the page has more than one submit button).
await connectToken(page, id, new SandboxControl(sandbox));
await page.getByTestId('account').waitFor();
await page.goto(`${desk.url}/app/en/tickets/1042`);
await page.locator('tv4boss-widget').waitFor();

if (headed) {
  console.log('\nChromium is open on demo ticket #1042 with the extension connected. Press Ctrl+C to stop.');
  console.log(`Make the customer join: curl -X POST ${sandbox.url}/__control/sessions/<code>/connect`);
  ctx.on('close', () => process.exit(0));
  process.on('SIGINT', () => void ctx.close().then(() => process.exit(0)));
} else {
  const out = resolve(process.env.START_ARTIFACTS || '.artifacts/start');
  mkdirSync(out, { recursive: true });
  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, name), fullPage: true });
    console.log(`  saved ${join(out, name)}`);
  };
  console.log('\nNo display: running the walkthrough headless.');
  const w = page.locator('tv4boss-widget');
  await shot('1-ticket.png');
  await w.getByRole('button', { name: /Start TeamViewer session/ }).click();
  await w.getByTestId('code').waitFor();
  const code = (await w.getByTestId('code').textContent()) ?? '';
  await shot('2-case-open.png');
  await fetch(`${sandbox.url}/__control/sessions/${code}/connect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await tick(ctx); // the watcher's next alarm would do the same, a little later
  await w.getByTestId('online').waitFor();
  await shot('3-customer-joined.png');
  await w.getByRole('button', { name: /Stop TeamViewer session/ }).click();
  await w.getByRole('button', { name: /Start TeamViewer session/ }).waitFor();
  await shot('4-closed-with-comment.png');
  // Teach on this page: the Hub layout (every class generated) on an "on-prem" host, by clicking.
  const hub = await startDesk({ host: '127.0.0.2' });
  await page.goto(`chrome-extension://${id}/src/pages/options/index.html`);
  await teachHub(page, hub, async (tab, name, el) => {
    await tab.waitForTimeout(300);
    await (el ?? tab).screenshot({ path: join(out, name) });
    console.log(`  saved ${join(out, name)}`);
  });
  await ctx.close();
  await Promise.all([sandbox.close(), desk.close(), hub.close()]);
  rmSync(profileDir, { recursive: true, force: true });
  console.log(`\nWalkthrough done. Screenshots are in ${out}`);
}
