// The worker's answer to the reports page's navigation (issue 18): the page's file with its first
// frame and the figures of the address's filter, under the extension's content security policy;
// the page as it is when the figures come late or fail; nothing else passes through the worker.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_FIGURES_ID } from '../src/shared/reports/prerendered';
import type { ReportResult } from '../src/shared/reports/types';
import { BUILT } from './helpers/built-reports-page';
import { record } from './helpers/report-cases';
import { freshHistoryEachTest } from './helpers/worker-state';

freshHistoryEachTest();

const ORIGIN = 'chrome-extension://test-extension-id'; // fake-browser's runtime.getURL
const PAGE = `${ORIGIN}/src/pages/reports/index.html`;
const CSP = "script-src 'self';";
let fetched: string[] = [];
beforeEach(() => {
  fetched = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    fetched.push(url);
    if (url !== PAGE) return new Response('not found', { status: 404 });
    return new Response(BUILT, { headers: { 'content-security-policy': CSP, 'content-type': 'text/html', 'content-length': String(BUILT.length) } });
  }));
});

function navigate(url: string, mode: RequestMode = 'navigate', method = 'GET') {
  let answer: Promise<Response> | undefined;
  return { event: { request: { url, mode, method } as Request, respondWith: (p: Promise<Response>) => void (answer = p) }, answer: () => answer };
}

const figuresIn = (html: string) => {
  const json = new RegExp(`<script type="application/json" id="${FIRST_FIGURES_ID}"[^>]*>(.*?)</script>`).exec(html)?.[1];
  return json === undefined ? undefined : (JSON.parse(json) as ReportResult);
};

describe('the reports page\'s navigation', () => {
  it('gets the page with its first frame and the figures of its filter, under the extension\'s policy', async () => {
    const { putCase } = await import('../src/background/store/history');
    await putCase(record({ fields: { technician: 'Ana' } }));
    await putCase(record({ fields: { technician: 'Ana' } }));
    await putCase(record({ fields: { technician: 'Jon' } }));
    const { onPageFetch } = await import('../src/background/reports/page-fetch');
    for (const [search, sessions] of [['', 3], ['?tech=Ana', 2]] as const) {
      const nav = navigate(PAGE + search);
      onPageFetch(nav.event);
      const res = await nav.answer()!;
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('content-length')).toBeNull(); // the page is longer now
      const html = await res.text();
      expect(figuresIn(html)?.summary.sessions).toBe(sessions);
      expect(html).toMatch(new RegExp(`data-testid="fig-sessions"[^>]*>${sessions}</dd>`));
    }
    expect(fetched).toEqual([PAGE]); // the file read once per worker
  });

  it('other requests, other pages and other origins pass through untouched', async () => {
    const { onPageFetch } = await import('../src/background/reports/page-fetch');
    for (const nav of [
      navigate(`${ORIGIN}/src/pages/sidepanel/index.html`), navigate(`${ORIGIN}/assets/reports-X.js`, 'cors'),
      navigate(PAGE, 'same-origin'), navigate(PAGE, 'navigate', 'POST'), navigate('https://evil.example/src/pages/reports/index.html'), navigate(`chrome-extension://other-extension/src/pages/reports/index.html`),
    ]) {
      onPageFetch(nav.event);
      expect(nav.answer()).toBeUndefined();
    }
  });
});

describe('without figures in time', () => {
  it('figures that come late, or fail: the page\'s file as it is, with its policy', async () => {
    vi.doMock('../src/background/reports/query', () => ({ prefetchReport: () => new Promise(() => undefined) }));
    const late = await import('../src/background/reports/page-fetch');
    const t0 = Date.now();
    const res = await late.prerenderedPage('');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(late.PRERENDER_WAIT_MS - 5);
    expect(await res.text()).toBe(BUILT);
    expect(res.headers.get('content-security-policy')).toBe(CSP);

    vi.resetModules();
    vi.doMock('../src/background/reports/query', () => ({ prefetchReport: () => Promise.reject(new Error('database gone')) }));
    const failed = await import('../src/background/reports/page-fetch');
    expect(await (await failed.prerenderedPage('')).text()).toBe(BUILT);
    vi.doUnmock('../src/background/reports/query');
  });

  it('a page file that cannot be read: the browser\'s own answer to the request', async () => {
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => (typeof input === 'object' && 'mode' in input ? new Response('own') : new Response('', { status: 500 }))));
    const { onPageFetch } = await import('../src/background/reports/page-fetch');
    const nav = navigate(PAGE);
    onPageFetch(nav.event);
    expect(await (await nav.answer()!).text()).toBe('own');
  });
});

describe('the static route set at install', () => {
  it('sends every request but the reports page past the worker; without static routing, nothing', async () => {
    vi.stubGlobal('URLPattern', class { constructor(readonly init: { pathname: string }) {} });
    const { routePastWorker } = await import('../src/background/reports/page-fetch');
    const rules: unknown[][] = [];
    const waited: Promise<unknown>[] = [];
    routePastWorker({ addRoutes: async (r) => void rules.push(r), waitUntil: (p) => void waited.push(p) });
    await Promise.all(waited);
    expect(rules).toEqual([[{ condition: { not: { urlPattern: { init: { pathname: '/src/pages/reports/index.html' } } } }, source: 'network' }]]);
    expect(() => routePastWorker({ waitUntil: () => undefined })).not.toThrow();
    // A browser that refuses the rule: the install goes on (the handler lets other requests pass).
    const refused: Promise<unknown>[] = [];
    routePastWorker({ addRoutes: () => Promise.reject(new TypeError('not supported')), waitUntil: (p) => void refused.push(p) });
    await expect(Promise.all(refused)).resolves.toBeDefined();
  });
});
