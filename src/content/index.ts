// Content script entry: recognises ticket pages (also across SPA navigation), waits for the
// integrations area without polling, keeps exactly one widget per ticket.
import { BUILTIN_PROFILES } from '../shared/profile/builtin';
import { firstMatch, ticketIdFromUrl } from '../shared/profile/read';
import type { SiteProfile } from '../shared/profile/types';
import { ticketKey } from '../shared/ticket';
import { TicketSession } from './ticket-session';

const profiles: SiteProfile[] = BUILTIN_PROFILES;
let session: TicketSession | undefined;
let loggedMiss = '';

function matchPage(): { profile: SiteProfile; id: string } | undefined {
  const url = new URL(location.href);
  for (const profile of profiles) {
    const id = ticketIdFromUrl(profile, url);
    if (id) return { profile, id };
  }
  return undefined;
}

/** Waits for the mount point; disconnected as soon as it appears or the page changes. */
let waitObserver: MutationObserver | undefined;
/** Watches only the widget's ancestors (childList, no subtree): cheap however busy the page is. */
let removalObserver: MutationObserver | undefined;

function stopObservers(): void {
  waitObserver?.disconnect();
  removalObserver?.disconnect();
  waitObserver = removalObserver = undefined;
}

function mount(page: { profile: SiteProfile; id: string }, mountPoint: Element): void {
  session = new TicketSession(page.profile, page.id, mountPoint);
  const host = session.host;
  removalObserver = new MutationObserver(() => {
    if (!host.isConnected) sync();
  });
  for (let n: Node | null = host.parentNode; n; n = n.parentNode) removalObserver.observe(n, { childList: true });
}

function sync(): void {
  const page = matchPage();
  const key = page && ticketKey({ origin: location.origin, id: page.id });
  if (session && session.key === key && session.host.isConnected) return;
  stopObservers();
  session?.dispose();
  session = undefined;
  if (!page) return;
  const mountPoint = firstMatch(document, page.profile.mount);
  if (mountPoint) return mount(page, mountPoint);
  waitObserver = new MutationObserver(() => {
    const found = firstMatch(document, page.profile.mount);
    if (!found) return;
    stopObservers();
    mount(page, found);
  });
  waitObserver.observe(document.documentElement, { childList: true, subtree: true });
  if (loggedMiss !== location.href) {
    loggedMiss = location.href;
    console.info(`[TeamViewer for BOSS] ticket ${page.id}: waiting for the integrations area (${page.profile.mount.join(', ')})`);
  }
}

// SPA navigation: the Navigation API reports pushState/replaceState/back/forward in every world.
(window as unknown as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', () => sync());
addEventListener('popstate', () => sync());
sync();
