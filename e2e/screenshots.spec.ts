// The README's pictures (docs/screenshots/*.png), taken by the e2e run itself: each state is
// asserted first, then photographed, clipped to the widget or to the options page's section.
// English UI, the demo help desk and the TeamViewer sandbox. Every run takes them; they replace the
// README's copies with UPDATE_SCREENSHOTS=1 (codes, links and times differ from run to run, so a
// plain `npm test` leaves the work tree alone and writes them under test-results/).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { connectToken, expect, tick, widget } from './fixtures';
import { test, addSite, optionsUrl, siteRow } from './site-helpers';

const DIR = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../docs/screenshots/' : '../test-results/screenshots/', import.meta.url));
const START = 'Start TeamViewer session';

async function shoot(target: Locator, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: `${DIR}${name}.png`, animations: 'disabled', caret: 'hide' });
}

test('README screenshots: the widget in each state and the options page, each asserted before it is taken', async ({ context, page, extensionId, sandbox, desk, onprem }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1100, height: 900 });

  // Options: connection.
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await shoot(page.locator('section[aria-labelledby=conn-h]'), 'options-connection');

  // Widget: ready.
  const ticket = await context.newPage();
  await ticket.setViewportSize({ width: 1100, height: 900 });
  await ticket.goto(desk.ticketUrl('1042'));
  const w = widget(ticket);
  await expect(w.getByTestId('status')).toHaveText('Ready to start a TeamViewer session');
  await expect(w.getByRole('button', { name: START })).toBeEnabled();
  await shoot(w, 'widget-ready');

  // Widget: open, with code, expiry, links and the customer email sent.
  await w.getByRole('button', { name: START }).click();
  await expect(w.getByTestId('code')).toHaveText(/^s[\d-]+$/);
  const code = (await w.getByTestId('code').textContent())!;
  await expect(w.getByTestId('expiry')).toContainText(/\d+ h \d{2} min left/);
  await expect(w.getByTestId('connect')).toBeVisible(); // the supporter link itself never reaches the page
  await expect(w.getByTestId('customer-link')).toHaveAttribute('href', /^https:\/\//);
  await expect(w.getByTestId('email-status')).toHaveAttribute('data-status', 'sent');
  await shoot(w, 'widget-open');

  // Widget: the customer joined.
  await sandbox.call('POST', `/sessions/${code}/online`, {});
  await tick(context);
  await expect(w.getByTestId('online')).toHaveText('Customer is waiting: connect now.');
  await expect(w.getByTestId('status')).toHaveText(/customer/i);
  await shoot(w, 'widget-customer-joined');

  // Widget: an error (the licence's concurrent session limit), with "Try again".
  await ticket.goto(desk.ticketUrl('1043'));
  await sandbox.fault({ method: 'POST', path: '^/sessions$', status: 400, body: { error: 'invalid_request', error_description: 'Session could not be created due to license limitations.', error_code: 400 } });
  await w.getByRole('button', { name: START }).click();
  await expect(w.getByTestId('error')).toContainText('concurrent session limit of your TeamViewer licence');
  await expect(w.getByTestId('error').getByRole('button', { name: 'Try again' })).toBeVisible();
  await shoot(w, 'widget-error');

  // Options: help-desk sites (the built-in cloud row and an added on-prem server), then "Test on
  // this page" on the ticket tab, field by field.
  await ticket.goto(desk.ticketUrl('1042'));
  await expect(w.getByTestId('code')).toHaveText(code);
  await page.bringToFront();
  await addSite(page, extensionId, onprem.handle.url);
  await expect(siteRow(page, onprem.handle.url).getByTestId('site-insecure')).toBeVisible();
  await page.getByRole('button', { name: 'Test on this page', exact: true }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toContainText('BOSSDesk (cloud)');
  for (const part of ['number', 'title', 'requesterEmail', 'mount', 'comment', 'reply', 'close', 'widget']) {
    await expect(result.getByTestId(`test-${part}`), part).toHaveAttribute('data-ok', 'true');
  }
  await shoot(page.getByTestId('sites'), 'options-sites');

  // Options: the customer email template with its preview.
  await page.goto(optionsUrl(extensionId));
  const template = page.locator('section[aria-labelledby=tpl-h]');
  await expect(template.getByTestId('preview-subject')).toContainText('Remote support for ticket');
  await expect(template.getByTestId('preview-body')).toContainText('https://get.teamviewer.com/');
  await shoot(template, 'options-template');
});
