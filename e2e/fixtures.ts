// Playwright fixtures: the built test extension in real Chromium, a TeamViewer sandbox and a
// demo help desk per worker (ephemeral ports), state reset before every test.
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_TOKEN, startSandbox, type SandboxHandle } from './servers/sandbox';
import { startDesk, type DeskHandle } from './servers/desk';

export const EXTENSION_DIR = resolve('dist-test');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic',
  ];
}

/** `lang` sets Chromium's UI language, which the extension follows (chrome.i18n). */
export async function launchWithExtension(userDataDir: string, headless = true, lang = 'en-US'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless, args: [...chromiumArgs(), `--lang=${lang}`], locale: lang,
    env: { ...process.env, LANGUAGE: lang.replace('-', '_') },
  });
}

export async function serviceWorkerOf(ctx: BrowserContext): Promise<Worker> {
  return ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
}

/** Sandbox control interface. */
export class SandboxControl {
  constructor(readonly handle: SandboxHandle) {}
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.handle.url}/__control${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  state() { return this.call<{ groups: { id: string; name: string }[]; sessions: SandboxSession[]; reports: unknown[] }>('GET', '/state'); }
  requests() { return this.call<{ method: string; path: string; status: number; body: unknown }[]>('GET', '/requests'); }
  fault(f: Record<string, unknown>) { return this.call('POST', '/faults', f); }
}

export interface SandboxSession {
  code: string; state: string; groupid: string; description?: string; custom_api?: string;
  end_customer?: { name?: string; email?: string }; created_at: string; closed_at?: string; valid_until: string;
  online: boolean; end_customer_link: string; supporter_link: string;
}

/** Demo desk JSON API. */
export class DeskControl {
  constructor(readonly handle: DeskHandle) {}
  async get<T>(path: string): Promise<T> {
    return (await (await fetch(`${this.handle.url}${path}`)).json()) as T;
  }
  comments(ticket?: string) { return this.get<{ ticketId: string; text: string; internal: boolean }[]>(`/api/comments${ticket ? `?ticket=${ticket}` : ''}`); }
  replies(ticket?: string) { return this.get<{ ticketId: string; to: string; subject: string; body: string }[]>(`/api/replies${ticket ? `?ticket=${ticket}` : ''}`); }
  ticketUrl(id: string, opts: { layout?: 'cloud' | 'onprem'; lang?: 'en' | 'es' } = {}) {
    const lang = opts.lang ?? 'en';
    return opts.layout === 'onprem'
      ? `${this.handle.url}/BOSSSupportCentral/ServiceRecord.aspx?id=${id}&lang=${lang}`
      : `${this.handle.url}/app/${lang}/tickets/${id}`;
  }
}

type WorkerFixtures = { sandbox: SandboxControl; desk: DeskControl };
type TestFixtures = { uiLang: string; context: BrowserContext; extensionId: string; sw: Worker; page: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [async ({}, use) => {
    const handle = await startSandbox();
    await use(new SandboxControl(handle));
    await handle.close();
  }, { scope: 'worker' }],
  desk: [async ({}, use) => {
    const handle = await startDesk();
    await use(new DeskControl(handle));
    await handle.close();
  }, { scope: 'worker' }],
  uiLang: ['en-US', { option: true }],
  context: async ({ sandbox, desk, uiLang }, use) => {
    await sandbox.call('POST', '/reset');
    await fetch(`${desk.handle.url}/api/reset`, { method: 'POST' });
    const dir = mkdtempSync(join(tmpdir(), 'tv4boss-'));
    const ctx = await launchWithExtension(dir, true, uiLang);
    await use(ctx);
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  },
  sw: async ({ context }, use) => use(await serviceWorkerOf(context)),
  extensionId: async ({ sw }, use) => use(new URL(sw.url()).host),
  page: async ({ context }, use) => use(context.pages()[0] ?? (await context.newPage())),
});

export { expect };
export { DEMO_TOKEN };

/** Connects the extension to the sandbox through the options page, as an admin would. */
export async function connectToken(page: Page, extensionId: string, sandbox: SandboxControl, token = DEMO_TOKEN): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/pages/options/index.html`);
  await page.getByText('Advanced').click();
  await page.getByLabel('TeamViewer API address').fill(sandbox.handle.apiBase);
  await page.getByLabel('TeamViewer script token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** The widget's shadow root content (Playwright's locators pierce open shadow roots). */
export const widget = (page: Page) => page.locator('tv4boss-widget');

export function parseMeta(customApi: string | undefined): { caseId: string; ticketKey: string; ticket: Record<string, string> } {
  return JSON.parse(customApi ?? '{}');
}

type WorkerGlobals = { __tv4boss: { tick(): Promise<void>; onNotificationClick(id: string, button?: number): Promise<void> } };

/** The extension's current service worker (a stopped worker is replaced by a new one). */
export async function currentWorker(ctx: BrowserContext): Promise<Worker> {
  const workers = ctx.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  return workers[workers.length - 1] ?? (await ctx.waitForEvent('serviceworker'));
}

/** Runs one watcher tick now (the alarm would do the same on its own period). */
export async function tick(ctx: BrowserContext): Promise<void> {
  const sw = await currentWorker(ctx);
  await sw.evaluate(() => (globalThis as unknown as WorkerGlobals).__tv4boss.tick());
}

export async function notificationClick(ctx: BrowserContext, id: string, button?: number): Promise<void> {
  const sw = await currentWorker(ctx);
  await sw.evaluate(([i, b]) => (globalThis as unknown as WorkerGlobals).__tv4boss.onNotificationClick(i as string, b as number | undefined), [id, button] as const);
}

export async function notifications(ctx: BrowserContext): Promise<Record<string, unknown>> {
  const sw = await currentWorker(ctx);
  return sw.evaluate(() => chrome.notifications.getAll());
}

/** Stops every service worker (as Chrome does to an idle worker) through CDP. */
export async function stopWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Opens a demo ticket and starts a case from its widget; returns the session code. */
export async function startFromWidget(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start TeamViewer session' }).click();
  await expect(w.getByTestId('code')).toHaveText(/^s[\d-]+$/);
  return (await w.getByTestId('code').textContent())!;
}

/** On the reports page: when its figures were first painted (the browser's Element Timing of the
 *  sessions figure, NaN when none came within 5 s) and the page's first contentful paint. */
export async function figuresPaint(page: Page): Promise<{ figures: number; fcp: number }> {
  return page.evaluate(async () => ({
    figures: await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => {
        const e = list.getEntries().find((x) => (x as PerformanceEntry & { identifier?: string }).identifier === 'tv4boss-figures');
        if (e) resolve((e as PerformanceEntry & { renderTime: number }).renderTime || e.startTime);
      }).observe({ type: 'element', buffered: true });
      setTimeout(() => resolve(NaN), 5000);
    }),
    fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
  }));
}
