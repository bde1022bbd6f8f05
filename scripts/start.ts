// `npm start`: the demo. Starts the TeamViewer sandbox and the demo help desk on loopback, opens
// Chromium with the (test-build) extension already connected to the sandbox on a demo ticket.
// Without a display it runs the same walkthrough headless and saves screenshots.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures';
import { DEMO_TOKEN, startSandbox } from '../e2e/servers/sandbox';
import { startDesk } from '../e2e/servers/desk';

const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
const DESK_PORT = Number(process.env.DESK_PORT ?? 4020);
const headed = !!process.env.DISPLAY && process.env.HEADLESS !== '1';

const sandbox = await startSandbox({ port: SANDBOX_PORT });
const desk = await startDesk({ port: DESK_PORT });
console.log(`TeamViewer sandbox: ${sandbox.apiBase}  (control: ${sandbox.url}/__control/state)`);
console.log(`Demo help desk:     ${desk.url}/app/en/tickets/1042  ·  ${desk.url}/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es`);

const ctx = await launchWithExtension(mkdtempSync(join(tmpdir(), 'tv4boss-demo-')), !headed);
const sw = await serviceWorkerOf(ctx);
const id = new URL(sw.url()).host;
const page = ctx.pages()[0] ?? (await ctx.newPage());

// Connect the extension to the sandbox through its options page, as an admin would.
await page.goto(`chrome-extension://${id}/src/pages/options/index.html`);
await page.locator('details summary').first().click();
await page.locator('#api').fill(sandbox.apiBase);
await page.locator('#token').fill(DEMO_TOKEN);
await page.locator('form button[type=submit]').click();
await page.getByTestId('account').waitFor();
await page.goto(`${desk.url}/app/en/tickets/1042`);
await page.locator('tv4boss-widget').waitFor();

if (headed) {
  console.log('\nChromium is open on demo ticket #1042 with the extension connected. Press Ctrl+C to stop.');
  console.log(`Make the customer join: curl -X POST ${sandbox.url}/__control/sessions/<code>/connect`);
  ctx.on('close', () => process.exit(0));
  process.on('SIGINT', () => void ctx.close().then(() => process.exit(0)));
} else {
  const out = resolve('.artifacts/start');
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
  await sw.evaluate(() => (globalThis as unknown as { __tv4boss: { tick(): Promise<void> } }).__tv4boss.tick());
  await w.getByTestId('online').waitFor();
  await shot('3-customer-joined.png');
  await w.getByRole('button', { name: /Stop TeamViewer session/ }).click();
  await w.getByRole('button', { name: /Start TeamViewer session/ }).waitFor();
  await shot('4-closed-with-comment.png');
  await ctx.close();
  await Promise.all([sandbox.close(), desk.close()]);
  console.log(`\nWalkthrough done. Screenshots are in ${out}`);
}
