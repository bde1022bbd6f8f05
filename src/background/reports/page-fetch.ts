// The reports page opens with its figures already in its HTML (issue 18: figures on screen within
// 200 ms of opening). An extension's service worker sees the requests of the extension's own pages:
// it answers the page's navigation with the page's file plus its first frame (the page's own
// components rendered to a string, pages/reports/prerender.tsx) and the figures as JSON, which the
// page's code hydrates instead of asking for them (no message, no second frame). Every other request
// of the extension's pages goes straight to the files (a static route, set at install): the options
// page and the side panel never wait for the worker.
import browser from 'webextension-polyfill';
import { localZoneName } from '../../shared/reports/zone';
import { withFirstFrame } from '../../shared/reports/prerendered';
import { within } from '../../shared/within';
import { firstFrameHtml } from '../../pages/reports/prerender';
import { REPORTS_PAGE } from '../runtime/open-tabs';
import { prefetchReport } from './query';

/** How long the page's navigation may wait for the figures. A worker that was stopped needs longer
 *  (start, database, roll-ups): the page then loads without them, shows "Loading" and asks. */
export const PRERENDER_WAIT_MS = 250;

/** What this module uses of a service worker's FetchEvent and InstallEvent (the DOM lib has neither). */
export interface PageFetchEvent {
  request: Request;
  respondWith(answer: Promise<Response>): void;
}
export interface RoutesInstallEvent {
  addRoutes?: (rules: unknown[]) => Promise<void>;
  waitUntil(p: Promise<unknown>): void;
}

/** Install: every request but the reports page's goes to the extension's files without the worker
 *  (Service Worker static routing, Chrome 123+; without it the handler below lets them pass). */
export function routePastWorker(e: RoutesInstallEvent): void {
  const Pattern = (globalThis as { URLPattern?: new (init: { pathname: string }) => unknown }).URLPattern;
  if (!e.addRoutes || !Pattern) return;
  const page = { urlPattern: new Pattern({ pathname: `/${REPORTS_PAGE}` }) };
  e.waitUntil(e.addRoutes([{ condition: { not: page }, source: 'network' }]).catch(() => undefined));
}

export function onPageFetch(e: PageFetchEvent): void {
  const url = new URL(e.request.url);
  if (e.request.mode !== 'navigate' || e.request.method !== 'GET' || `${url.protocol}//${url.host}${url.pathname}` !== browser.runtime.getURL(REPORTS_PAGE)) return;
  e.respondWith(prerenderedPage(url.search).catch(() => fetch(e.request)));
}

let pageFile: Promise<{ html: string; init: ResponseInit }> | undefined;
/** The page's file, read once per worker (it cannot change while the worker runs). */
function readPageFile(): Promise<{ html: string; init: ResponseInit }> {
  pageFile ??= fetch(browser.runtime.getURL(REPORTS_PAGE)).then(async (r) => {
    if (!r.ok) throw new Error(`reports page: ${r.status}`);
    // Its headers too: the extension's content security policy comes with them (not its length).
    const headers = new Headers(r.headers);
    headers.delete('content-length');
    return { html: await r.text(), init: { status: r.status, statusText: r.statusText, headers } };
  });
  return pageFile.catch((err: unknown) => {
    pageFile = undefined;
    throw err;
  });
}

/** The reports page for the address's `search` part, with the first frame of its filter when the
 *  figures come within PRERENDER_WAIT_MS; else the page's file as it is. */
export async function prerenderedPage(search: string): Promise<Response> {
  const figures = prefetchReport(search, localZoneName()).catch(() => undefined);
  const [file, result] = await Promise.all([readPageFile(), within(figures, PRERENDER_WAIT_MS)]);
  const html = result && withFirstFrame(file.html, result, firstFrameHtml(result));
  return new Response(html ?? file.html, file.init);
}
