// The admin side: connecting the script token (and each refusal), revoking it with open cases.
import { test, expect, connectToken, widget, startFromWidget, currentWorker, DEMO_TOKEN, type SandboxControl } from './fixtures';
import type { Page } from '@playwright/test';

const optionsUrl = (id: string) => `chrome-extension://${id}/src/pages/options/index.html`;

async function tryToken(page: Page, extensionId: string, sandbox: SandboxControl, token: string) {
  await connectToken(page, extensionId, sandbox, token);
  return page.getByTestId('connect-error');
}

test('connect: account name, email, company and licence shown; a pasted "Bearer" prefix is accepted', async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox, `  Bearer ${DEMO_TOKEN}  `);
  const account = page.getByTestId('account');
  await expect(account).toContainText('Jon Snow');
  await expect(account).toContainText('jon.snow@example.com');
  await expect(account).toContainText('Winterfell IT');
  await expect(account).toContainText('Licence: Corporate');
  const pings = (await sandbox.requests()).filter((r) => r.path === '/ping');
  expect(pings.at(-1)).toMatchObject({ status: 200 });
});

test('connect refusals: malformed, invalid, inactive licence, missing permission', async ({ page, extensionId, sandbox }) => {
  await expect(await tryToken(page, extensionId, sandbox, '   ')).toContainText('does not look like a TeamViewer script token');
  await expect(await tryToken(page, extensionId, sandbox, 'not a token at all')).toContainText('does not look like a TeamViewer script token');
  await expect(await tryToken(page, extensionId, sandbox, '99999999-UnknownToken')).toContainText('TeamViewer access was revoked or the token is invalid');

  await sandbox.call('POST', '/tokens', { token: '22222222-InactiveLicense', license: { type: 'Corporate', isactive: false } });
  await expect(await tryToken(page, extensionId, sandbox, '22222222-InactiveLicense')).toContainText('licence is inactive or does not include the integration');

  await sandbox.call('POST', '/tokens', { token: '33333333-FreeLicense', license: { type: 'Free', isactive: true } });
  await expect(await tryToken(page, extensionId, sandbox, '33333333-FreeLicense')).toContainText('Premium or Corporate');

  await sandbox.call('POST', '/tokens', { token: '44444444-NoReports', denied: ['reports'] });
  const err = await tryToken(page, extensionId, sandbox, '44444444-NoReports');
  await expect(err).toContainText('lacks a permission');
  await expect(err).toContainText('Connection reports (view, edit)');
  await expect(err).toContainText('Edit profile → Apps');
  // None of them was stored.
  const sw = await currentWorker(page.context());
  expect(await sw.evaluate(() => chrome.storage.local.get('vault'))).toEqual({});
});

test('the token never reaches the page or a content script', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.goto(desk.ticketUrl('1042'));
  await expect(widget(page).getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(DEMO_TOKEN);
  // storage.local is locked to trusted contexts: a content script gets an error, not the vault.
  const sw = await currentWorker(page.context());
  const level = await sw.evaluate(async () => {
    const tabs = await chrome.tabs.query({ url: 'http://localhost/*' });
    const [res] = await chrome.scripting.executeScript({
      target: { tabId: tabs[0]!.id! },
      func: async () => { try { return JSON.stringify(await chrome.storage.local.get(null)); } catch (e) { return `error: ${String(e)}`; } },
    });
    return res?.result as string;
  });
  expect(level).toMatch(/^error:/);
  expect(level).not.toContain(DEMO_TOKEN);
});

test('revoke with an open case: offered to close it, then the token is gone and the widget says not connected', async ({ context, page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const code = await startFromWidget(page, desk.ticketUrl('1042'));
  const options = await context.newPage();
  await options.goto(optionsUrl(extensionId));
  await options.getByRole('button', { name: 'Revoke access' }).click();
  const panel = options.getByTestId('revoke-panel');
  await expect(panel).toContainText('1 TeamViewer service cases are still open');
  await expect(panel).toContainText(code);
  await panel.getByRole('button', { name: 'Close them and revoke' }).click();
  await expect(options.getByLabel('TeamViewer script token')).toBeVisible();
  expect((await sandbox.state()).sessions[0]!.state).toBe('Closed');
  const sw = await currentWorker(context);
  expect(await sw.evaluate(() => chrome.storage.local.get('vault'))).toEqual({});
  await expect(widget(page).getByText('TeamViewer is not connected.')).toBeVisible();
  // The closing comment was still written.
  await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
});

test('token revoked in TeamViewer: the next stop says so and the case stays in history', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const code = await startFromWidget(page, desk.ticketUrl('1043'));
  await sandbox.call('POST', '/revoke', { token: DEMO_TOKEN });
  await widget(page).getByRole('button', { name: 'Stop TeamViewer session' }).click();
  await expect(widget(page).getByTestId('error')).toContainText('TeamViewer access was revoked or the token is invalid.');
  const item = widget(page).getByTestId('history-item').first();
  await expect(item).toHaveAttribute('data-outcome', 'close_failed');
  await expect(item).toContainText(code);
  await expect(item).toContainText('close failed: access revoked');
});
