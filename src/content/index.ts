// Content script entry: recognises ticket pages (also across SPA navigation), waits for the
// integrations area without polling, keeps exactly one widget per ticket, and says once what did
// not match when a ticket page never becomes readable.
import { BOSSDESK_PROFILE, BUILTIN_PROFILES, SUPPORT_CENTRAL_PROFILE } from '../shared/profile/builtin';
import { diagnose, firstMatch, readField, ticketIdFromUrl } from '../shared/profile/read';
import { REQUIRED_FIELDS, blocking, describeMiss, type PageReport } from '../shared/profile/report';
import type { SiteProfile } from '../shared/profile/types';
import type { TabRequest } from '../shared/protocol';
import { ticketKey } from '../shared/ticket';
import { isCloudHost } from '../shared/sites';
import { request } from './bridge';
import { HOST_TAG } from './mount';
import { TicketSession } from './ticket-session';

const LOG = '[TeamViewer for BOSS]';
/** How long a ticket page may take, after load, before its mismatch is reported. */
const SETTLE_MS = 3000;

/** The site's own profile, else the built-ins; undefined until the worker has answered. */
let profiles: SiteProfile[] | undefined;
let customProfile = false;
let session: TicketSession | undefined;
/** URLs already reported (one console line and one report per page, however often it re-syncs). */
const reported = new Set<string>();
let loggedNoMatch = '';

type Page = { profile: SiteProfile; id: string };

function matchPage(): Page | undefined {
  const url = new URL(location.href);
  for (const profile of profiles ?? []) {
    const id = ticketIdFromUrl(profile, url);
    if (id) return { profile, id };
  }
  return undefined;
}

/** The mount point, once the ticket's number and title can be read too (until then the page is
 *  not the ticket yet, or the profile does not fit it). The cheap selector check comes first. */
function readyMountPoint(profile: SiteProfile): Element | undefined {
  const el = firstMatch(document, profile.mount);
  if (!el) return undefined;
  return REQUIRED_FIELDS.every((f) => readField(document, profile.fields[f])) ? el : undefined;
}

/** Waits for the mount point; disconnected as soon as it appears or the page changes. */
let waitObserver: MutationObserver | undefined;
/** Watches only the widget's ancestors (childList, no subtree): cheap however busy the page is. */
let removalObserver: MutationObserver | undefined;
/** One timer per wait (not a poll): reports the page if it is still not readable. */
let settleTimer: ReturnType<typeof setTimeout> | undefined;
let onLoad: (() => void) | undefined;

function stopObservers(): void {
  waitObserver?.disconnect();
  removalObserver?.disconnect();
  waitObserver = removalObserver = undefined;
  clearTimeout(settleTimer);
  settleTimer = undefined;
  if (onLoad) removeEventListener('load', onLoad);
  onLoad = undefined;
}

function mount(page: Page, mountPoint: Element): void {
  session = new TicketSession(page.profile, page.id, mountPoint);
  const host = session.host;
  removalObserver = new MutationObserver(() => {
    if (!host.isConnected) sync();
  });
  for (let n: Node | null = host.parentNode; n; n = n.parentNode) removalObserver.observe(n, { childList: true });
}

function report(profile: SiteProfile, extra: Partial<PageReport> = {}): PageReport {
  const url = new URL(location.href);
  return {
    origin: location.origin, url: url.href, at: Date.now(),
    profile: { id: profile.id, name: profile.name, custom: customProfile },
    diagnosis: diagnose(document, profile, url),
    ...extra,
  };
}

function reportMiss(page: Page): void {
  const href = location.href;
  if (reported.has(href)) return;
  const r = report(page.profile);
  if (!blocking(r.diagnosis)) return; // it became readable in the meantime
  reported.add(href);
  console.warn(`${LOG} ticket ${page.id} not recognised: ${describeMiss(r)}`);
  void request({ type: 'page/diagnosis', report: r });
}

function armSettleTimer(page: Page): void {
  const arm = () => {
    onLoad = undefined;
    settleTimer = setTimeout(() => reportMiss(page), SETTLE_MS);
  };
  if (document.readyState === 'complete') arm();
  else addEventListener('load', (onLoad = arm), { once: true });
}

function sync(): void {
  if (!profiles) return; // the worker's answer comes first; it calls sync()
  const page = matchPage();
  const key = page && ticketKey({ origin: location.origin, id: page.id });
  if (session && session.key === key && session.host.isConnected) return;
  stopObservers();
  session?.dispose();
  session = undefined;
  if (!page) {
    if (loggedNoMatch !== location.href) {
      loggedNoMatch = location.href;
      console.debug(`${LOG} not a ticket page for ${profiles.map((p) => p.name).join(', ')}`);
    }
    return;
  }
  const mountPoint = readyMountPoint(page.profile);
  if (mountPoint) return mount(page, mountPoint);
  waitObserver = new MutationObserver(() => {
    const found = readyMountPoint(page.profile);
    if (!found) return;
    stopObservers();
    mount(page, found);
  });
  waitObserver.observe(document.documentElement, { childList: true, subtree: true });
  armSettleTimer(page);
}

/** "Test on this page" (asked by the worker for the options page): the profile in use, or the
 *  options page's draft, against this page right now. */
function testThisPage(draft: SiteProfile | undefined): PageReport {
  const url = new URL(location.href);
  let profile = draft ?? matchPage()?.profile;
  if (!profile) {
    const list = profiles ?? BUILTIN_PROFILES;
    profile = customProfile ? list[0]! : isCloudHost(url.hostname) ? BOSSDESK_PROFILE : SUPPORT_CENTRAL_PROFILE;
  }
  const r = report(profile, { widget: !!document.querySelector(HOST_TAG), ...(draft ? { draft: true } : {}) });
  if (draft) r.profile.custom = true;
  return r;
}

chrome.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
  const m = msg as TabRequest | undefined;
  // Only the extension itself (worker or its pages) sends to tabs; never another tab.
  if (sender.id !== chrome.runtime.id || sender.tab || m?.type !== 'tab/diagnose') return;
  sendResponse(testThisPage(m.profile));
});

// SPA navigation: the Navigation API reports pushState/replaceState/back/forward in every world.
// It fires inside pushState, before the app has swapped the ticket's DOM: look after the app's
// task, or the widget would mount into the outgoing ticket's sidebar first (measured: every click).
const syncSoon = () => setTimeout(sync, 0);
(window as unknown as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', syncSoon);
addEventListener('popstate', syncSoon);

// One question at start: does this site have its own profile? Until the answer, nothing mounts
// (the widget needs the worker for its first view anyway, so this costs no visible time).
void request({ type: 'profile/for-page' }).then((r) => {
  const custom = r.ok ? r.data : null;
  customProfile = !!custom;
  profiles = custom ? [custom] : BUILTIN_PROFILES;
  sync();
});
