// The customer email: template editor in the options page, delivery through the ticket's reply form.
import { test, expect, connectToken, widget, startFromWidget } from './fixtures';

const optionsUrl = (id: string) => `chrome-extension://${id}/src/pages/options/index.html`;

test.describe('English', () => {
  test.beforeEach(async ({ page, extensionId, sandbox }) => {
    await connectToken(page, extensionId, sandbox);
    await expect(page.getByTestId('account')).toBeVisible();
  });

  test('play sends one reply to the requester: the rendered default template with the real link and code', async ({ page, sandbox, desk }) => {
    const code = await startFromWidget(page, desk.ticketUrl('1042'));
    await expect.poll(async () => (await desk.replies('1042')).length).toBe(1);
    const [reply] = await desk.replies('1042');
    const s = (await sandbox.state()).sessions[0]!;
    expect(reply!.to).toBe('ana.ruiz@example.com');
    expect(reply!.subject).toBe('Remote support for ticket #1042: Printer on floor 2 not printing');
    expect(reply!.body).toContain('Hello Ana Ruiz');
    expect(reply!.body).toContain(s.end_customer_link);
    expect(reply!.body).toContain(`Session code: ${code}`);
    expect(reply!.body).toContain('Marta Gómez');
    expect(reply!.body).toMatch(/valid until \w+ \d{1,2}, \d{4}/);
    expect(reply!.body).not.toContain(s.supporter_link);
    await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'sent');
    // Still one reply after a reload (delivered once).
    await page.reload();
    await expect(widget(page).getByTestId('code')).toBeVisible();
    expect(await desk.replies('1042')).toHaveLength(1);
  });

  test('leaving the ticket at once after Start, then coming back: the customer gets exactly one email', async ({ page, desk }) => {
    test.setTimeout(60_000);
    // A desk whose reply form only clears its fields once sent: nothing else shows that it went out.
    await startFromWidget(page, `${desk.ticketUrl('1042')}?clearOnly=1`);
    await expect.poll(async () => (await desk.replies('1042')).length, { intervals: [20] }).toBe(1);
    await page.goto(`${desk.handle.url}/app/en/tickets`); // a full page load elsewhere, at once
    // Past the time a task handed to a tab is held back for that tab (15 s), then back on the ticket.
    await page.waitForTimeout(16_000);
    await page.goto(`${desk.ticketUrl('1042')}?clearOnly=1`);
    await expect(widget(page).getByTestId('code')).toBeVisible();
    await page.waitForTimeout(2000);
    expect(await desk.replies('1042')).toHaveLength(1);
    // Confirmed in time, or said to the technician (never sent again on its own).
    const status = await widget(page).getByTestId('email-status').getAttribute('data-status');
    expect(['sent', 'unconfirmed']).toContain(status);
  });

  test('a page that does not confirm the email: "may not have gone out", never resent by itself, Send again sends it once', async ({ page, desk }) => {
    test.setTimeout(60_000);
    await page.goto(desk.ticketUrl('1042'));
    // The page swallows the reply form's submission: the text stays, nothing is sent.
    await page.evaluate(() => {
      const block = (e: Event) => { e.preventDefault(); e.stopImmediatePropagation(); };
      (window as unknown as { unblock: () => void }).unblock = () => document.removeEventListener('submit', block, true);
      document.addEventListener('submit', block, true);
    });
    await widget(page).getByRole('button', { name: 'Start TeamViewer session' }).click();
    const status = widget(page).getByTestId('email-status');
    await expect(status).toHaveAttribute('data-status', 'sending');
    await expect(status).toHaveAttribute('data-status', 'unconfirmed', { timeout: 20_000 });
    await expect(status).toContainText('The email may not have gone out');
    expect(await desk.replies('1042')).toHaveLength(0);
    // A reload does not send it again on its own.
    await page.reload();
    await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'unconfirmed');
    await page.waitForTimeout(1500);
    expect(await desk.replies('1042')).toHaveLength(0);
    // Page script cannot press Send again; the technician can.
    await page.evaluate(() => document.querySelector('tv4boss-widget')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid=send-again]')?.click());
    await page.waitForTimeout(1000);
    expect(await desk.replies('1042')).toHaveLength(0);
    await widget(page).getByRole('button', { name: 'Send again' }).click();
    await expect.poll(async () => (await desk.replies('1042')).length).toBe(1);
    await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'sent');
    await page.waitForTimeout(1000);
    expect(await desk.replies('1042')).toHaveLength(1);
  });

  test('template editor: unknown placeholder refused by name, preview renders, saved template is used', async ({ page, extensionId, desk }) => {
    await page.goto(optionsUrl(extensionId));
    const body = page.getByLabel('Body');
    await body.fill('Hi {{ticket.requester.name}}, join here: {{teamviewer.customer_link}} {{ticket.foo}}');
    await expect(page.getByTestId('template-problems')).toContainText('Unknown placeholder {{ticket.foo}} in the body');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await body.fill('Hi {{ticket.requester.name}}, join here: ');
    await page.getByRole('button', { name: '{{teamviewer.customer_link}}' }).click();
    await page.getByLabel('Subject').fill('Ticket {{ticket.number}} · {{teamviewer.session_code}}');
    await expect(page.getByTestId('preview-body')).toHaveText('Hi Jamie Smith, join here: https://get.teamviewer.com/s12345678');
    await expect(page.getByTestId('preview-subject')).toHaveText('Ticket 1042 · s12-345-678');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved')).toBeVisible();
    // A template naming the supporter link is refused.
    await body.fill('{{teamviewer.customer_link}} {{teamviewer.supporter_link}}');
    await expect(page.getByTestId('template-problems')).toContainText('supporter link is private');

    const code = await startFromWidget(page, desk.ticketUrl('1043'));
    await expect.poll(async () => (await desk.replies('1043')).length).toBe(1);
    const [reply] = await desk.replies('1043');
    expect(reply!.subject).toBe(`Ticket #1043 · ${code}`);
    expect(reply!.body).toMatch(/^Hi .+, join here: https:\/\/get\.teamviewer\.com\/v15\/s\d+$/);
  });

  test('review mode fills the reply without sending it', async ({ page, extensionId, desk }) => {
    await page.goto(optionsUrl(extensionId));
    await page.getByLabel('Fill in the reply and let me review it before sending').check();
    await expect(page.getByLabel('Fill in the reply and let me review it before sending')).toBeChecked();
    await startFromWidget(page, desk.ticketUrl('1042'));
    await expect(page.locator('#reply-body')).toHaveValue(/Hello Ana Ruiz/);
    await expect(page.locator('#reply-subject')).toHaveValue('Remote support for ticket #1042: Printer on floor 2 not printing');
    await expect(widget(page).getByTestId('email-status')).toHaveAttribute('data-status', 'filled');
    expect(await desk.replies('1042')).toHaveLength(0);
  });

  test('a ticket title with <script> arrives as harmless text', async ({ page, desk }) => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
    await startFromWidget(page, desk.ticketUrl('1044'));
    await expect.poll(async () => (await desk.replies('1044')).length).toBe(1);
    const [reply] = await desk.replies('1044');
    expect(reply!.subject).toContain('<script>alert("x")</script> VPN drops <img src=x onerror=alert(1)>');
    await page.goto(desk.ticketUrl('1044'));
    await expect(widget(page).getByTestId('code')).toBeVisible();
    expect(dialogs).toBe(0);
    expect(await page.locator('img[src=x]').count()).toBe(0);
  });

  test('no requester email: the widget says so and offers copy and a mailto link', async ({ page, desk }) => {
    await startFromWidget(page, desk.ticketUrl('1045'));
    const status = widget(page).getByTestId('email-status');
    await expect(status).toHaveAttribute('data-status', 'no_email');
    await expect(status).toContainText('no requester email');
    await expect(status.getByRole('link', { name: 'Open in mail app' })).toHaveAttribute('href', /^mailto:\?subject=Remote%20support/);
    await expect(status.getByRole('button', { name: 'Copy email' })).toBeVisible();
    expect(await desk.replies('1045')).toHaveLength(0);
  });
});

test.describe('Spanish', () => {
  test.use({ uiLang: 'es' });

  test('Spanish UI and Spanish email on a Spanish ticket', async ({ page, extensionId, sandbox, desk }) => {
    await page.goto(optionsUrl(extensionId));
    await page.getByText('Avanzado').click();
    await page.getByLabel('Dirección de la API de TeamViewer').fill(sandbox.handle.apiBase);
    await page.getByLabel('Token de script de TeamViewer').fill('12345678-DemoBossSandboxToken');
    await page.getByRole('button', { name: 'Conectar' }).click();
    await expect(page.getByTestId('account')).toContainText('Jon Snow');

    await page.goto(desk.ticketUrl('1042', { lang: 'es' }));
    await widget(page).getByRole('button', { name: 'Iniciar sesión de TeamViewer' }).click();
    await expect(widget(page).getByText('Código de sesión')).toBeVisible();
    const code = await widget(page).getByTestId('code').textContent();
    await expect.poll(async () => (await desk.replies('1042')).length).toBe(1);
    const [reply] = await desk.replies('1042');
    expect(reply!.subject).toBe('Asistencia remota para el ticket #1042: La impresora de la planta 2 no imprime');
    expect(reply!.body).toContain(`Código de sesión: ${code}`);
    expect(reply!.body).toMatch(/válido hasta el \d{1,2} de \w+ de \d{4}/);
    await expect(widget(page).getByRole('button', { name: 'Detener sesión de TeamViewer' })).toBeVisible();
  });
});

test('opened from a ticket, the template preview uses that ticket', async ({ context, page, desk }) => {
  await page.goto(desk.ticketUrl('1043'));
  const opened = context.waitForEvent('page');
  await widget(page).getByRole('button', { name: 'Open settings' }).click();
  const options = await opened;
  await expect(options.getByTestId('template-preview')).toContainText('Preview (ticket #1043');
  await expect(options.getByTestId('preview-subject')).toHaveText('Remote support for ticket #1043: Cannot connect to Wi-Fi in meeting room B');
  await options.getByLabel('Preview with ticket #1043').uncheck();
  await expect(options.getByTestId('preview-subject')).toHaveText('Remote support for ticket 1042: Printer is not printing');
});
