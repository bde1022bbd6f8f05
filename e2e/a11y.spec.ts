// Accessibility from outside (issue 17): axe-core's WCAG 2.1 A/AA rules on every extension surface
// (options, reports, side panel, the widget in its shadow root on the demo desk), in light and dark
// (prefers-color-scheme emulated; the demo desk's own dark theme for the widget, which follows the
// page's background). Label-in-name (experimental in axe) is switched on: a button's accessible
// name must contain its visible text. 0 violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectToken, expect, test, tick, widget } from './fixtures';

const panelUrl = (id: string) => `chrome-extension://${id}/src/pages/sidepanel/index.html`;
const reportsUrl = (id: string) => `chrome-extension://${id}/src/pages/reports/index.html`;

async function violations(page: Page, include?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (include) axe = axe.include(include);
  const r = await axe.analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: options, reports, side panel and the widget have no WCAG 2.1 A/AA violation (${scheme})`, async ({ context, page, extensionId, sandbox, desk }) => {
    test.setTimeout(240_000); // seven axe runs on a shared 2-core machine
    const open = async (url: string) => {
      const p = await context.newPage();
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(url);
      return p;
    };
    await page.emulateMedia({ colorScheme: scheme });

    // The side panel before a token is connected (its "not connected" state).
    const panel = await open(panelUrl(extensionId));
    await expect(panel.getByTestId('not-connected')).toBeVisible();
    expect(await violations(panel), 'side panel, not connected').toEqual([]);

    // Options, connected.
    await connectToken(page, extensionId, sandbox);
    await expect(page.getByTestId('account')).toBeVisible();
    expect(await violations(page), 'options').toEqual([]);

    // The widget on the demo desk (its dark theme in dark): ready, then open with the customer.
    const ticket = await open(`${desk.ticketUrl('1042')}${scheme === 'dark' ? '?theme=dark' : ''}`);
    const w = widget(ticket);
    await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
    expect(await w.getAttribute('data-scheme')).toBe(scheme);
    expect(await violations(ticket, 'tv4boss-widget'), 'widget, ready').toEqual([]);
    await w.getByRole('button', { name: 'Start TeamViewer session' }).click();
    await expect(w.getByTestId('code')).toHaveText(/^s[\d-]+$/);
    const code = (await w.getByTestId('code').textContent())!;
    await sandbox.call('POST', `/sessions/${code}/online`, {});
    await tick(context);
    await expect(w.getByTestId('online')).toBeVisible();
    expect(await violations(ticket, 'tv4boss-widget'), 'widget, open').toEqual([]);

    // The side panel with the case (customer connected).
    await expect(panel.getByTestId('mine').getByTestId('case')).toHaveCount(1);
    await expect(panel.getByTestId('state')).toContainText('Customer connected');
    expect(await violations(panel), 'side panel, a case').toEqual([]);

    // Stopped: the widget's history, the panel's Today, the reports page.
    await w.getByRole('button', { name: 'Stop TeamViewer session' }).click();
    await expect(w.getByRole('button', { name: 'Start TeamViewer session' })).toBeVisible();
    expect(await violations(ticket, 'tv4boss-widget'), 'widget, history').toEqual([]);
    await expect(panel.getByTestId('today').getByTestId('ended')).toHaveCount(1);
    expect(await violations(panel), 'side panel, today').toEqual([]);
    const reports = await open(reportsUrl(extensionId));
    await expect(reports.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(reports.getByText(code).first()).toBeVisible();
    expect(await violations(reports), 'reports').toEqual([]);
  });
}
