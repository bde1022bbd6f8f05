// Content script entry: recognises ticket pages (also across SPA navigation), waits for the
// integrations area without polling, keeps exactly one widget per ticket, and says once what did
// not match when a ticket page never becomes readable.
import { firstMatch, numberIsId, readFieldAt, ticketIdFromUrl } from '../shared/profile/read';
import type { SiteProfile } from '../shared/profile/types';
import type { TabRequest } from '../shared/protocol';
import { ticketKey } from '../shared/ticket';
import { request } from './bridge';
import { TicketSession } from './ticket-session';

const LOG = '[TeamViewer for BOSS]';
/** How long a ticket page may take, after load, before its mismatch is reported. */
const SETTLE_MS = 3000;

/** The site's own profile, else the built-ins (both from the worker: the built-in profiles are not
 *  part of this script, whose size is budgeted); undefined until the worker has answered. */
let profiles: SiteProfile[] | undefined;
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

const keyOf = (page: Page | undefined) => page && ticketKey({ origin: location.origin, id: page.id });

/** The ticket's number and title as the page shows them, with the elements they were read from. */
type Shown = { n: Element; nt: string; t: Element; tt: string };
function shown(profile: SiteProfile): Shown | undefined {
  const n = readFieldAt(document, profile.fields.number);
  const t = n && readFieldAt(document, profile.fields.title);
  return t && { n: n.el, nt: n.value, t: t.el, tt: t.value };
}

/** The ticket the last sync was about, and what the page showed when the URL then changed to
 *  another ticket: a desk that loads the next ticket after pushState (fetch, then render) keeps the
 *  old ticket's DOM under the new URL for a while. */
let syncedKey: string | undefined;
let before: Shown | undefined;
let beforeHref = '';
/** The last ticket a session started on, the number the page showed for it, and where. */
let lastShown: { key: string; number: string; href: string } | undefined;

/** The number on the page when it really shows `page`'s ticket, else undefined. Where the number
 *  is the URL's id (profile `numberInUrl`, else when the digits happen to match) that is checked.
 *  Otherwise: the last started ticket's number means that ticket, so not this one; at the very
 *  address that ticket started on, another number is another ticket (a desk that renders the next
 *  ticket before changing the address shows it under the old address first, and the widget it
 *  removed must not come back there); and number and title still the very nodes and text shown
 *  when the address changed mean the content has not been replaced yet. */
function showsTicket(page: Page): string | undefined {
  const s = shown(page.profile);
  if (!s) return undefined;
  const { numberInUrl } = page.profile;
  const match = numberIsId(s.nt, page.id);
  if (numberInUrl || (match && numberInUrl !== false)) return match ? s.nt : undefined;
  const stale = (lastShown && (lastShown.key === keyOf(page) ? lastShown.href === location.href && lastShown.number !== s.nt : lastShown.number === s.nt))
    || (before && before.n === s.n && before.nt === s.nt && before.t === s.t && before.tt === s.tt);
  return stale ? undefined : s.nt;
}

/** The mount point and the number shown, once the page shows the URL's ticket (until then the page
 *  is not the ticket yet, or the profile does not fit it). The cheap selector check comes first. */
function readyMountPoint(page: Page): { el: Element; number: string } | undefined {
  const el = firstMatch(document, page.profile.mount);
  const number = el && showsTicket(page);
  return number ? { el, number } : undefined;
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

function mount(page: Page, at: { el: Element; number: string }): void {
  session = new TicketSession(page.profile, page.id, at.el, at.number);
  lastShown = { key: session.key, number: at.number, href: location.href };
  before = undefined;
  const host = session.host;
  removalObserver = new MutationObserver(() => {
    if (!host.isConnected) sync();
  });
  for (let n: Node | null = host.parentNode; n; n = n.parentNode) removalObserver.observe(n, { childList: true });
  tellSignedInUser(page.profile);
}

/** The help desk's signed-in user, told once per name: the options page pre-selects the matching
 *  TeamViewer user when a shared token is in use. */
let toldUser = '';
function tellSignedInUser(profile: SiteProfile): void {
  const name = profile.signedInUser ? readFieldAt(document, profile.signedInUser)?.value.trim() : undefined;
  if (!name || name === toldUser) return;
  toldUser = name;
  void request({ type: 'page/signed-in-user', name: name.slice(0, 200) });
}

function reportMiss(page: Page): void {
  const href = location.href;
  if (reported.has(href)) return;
  reported.add(href);
  // The worker records the report when the widget is kept away (blocking) and answers with the
  // console line's text (describeMiss); null: the page became readable in the meantime, so it
  // may be reported later.
  void request({ type: 'page/diagnosis' }).then((d) => {
    if (d.ok && d.data) console.warn(`${LOG} ticket ${page.id} not recognised: ${d.data}`);
    else if (d.ok) reported.delete(href);
  });
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
  const key = (syncedKey = keyOf(page));
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
  const ready = readyMountPoint(page);
  if (ready) return mount(page, ready);
  const href = location.href;
  waitObserver = new MutationObserver(() => {
    // The address changed (a sync is on its way): what the page shows now is not `page`'s business.
    if (location.href !== href) return;
    const found = readyMountPoint(page);
    if (!found) return;
    stopObservers();
    mount(page, found);
  });
  // characterData too: a desk may swap the ticket by rewriting text nodes in place.
  waitObserver.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  armSettleTimer(page);
}

chrome.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
  const m = msg as TabRequest | undefined;
  // Only the extension itself (worker or its pages) sends to tabs; never another tab.
  if (sender.id !== chrome.runtime.id || sender.tab) return;
  if (m?.type === 'tab/toggle') sendResponse(!!session?.host.isConnected && session.toggle());
  else if (m?.type === 'tab/profile' && m.profile) {
    // Just taught on this page ("Teach on this page"): the widget appears without a reload.
    profiles = [m.profile];
    session?.dispose();
    session = syncedKey = undefined;
    sync();
    sendResponse(null);
  }
});

// SPA navigation: the Navigation API reports pushState/replaceState/back/forward in every world.
// It fires inside pushState, before the app has swapped the ticket's DOM: note what the page shows
// now (the outgoing ticket, see showsTicket), then look after the app's task, or the widget would
// mount into the outgoing ticket's sidebar first (measured: every click).
const onNavigate = () => {
  const page = matchPage();
  if (beforeHref !== location.href && page && keyOf(page) !== syncedKey) {
    beforeHref = location.href; // popstate after currententrychange: the app may have rendered by then
    const s = shown(page.profile);
    // Already another number than the one shown for the previous address: the app rendered the
    // next ticket before changing the address, there is no old content left to wait for.
    before = s && !(lastShown && lastShown.key === syncedKey && lastShown.number !== s.nt) ? s : undefined;
  }
  setTimeout(sync, 0);
};
(window as unknown as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', onNavigate);
addEventListener('popstate', onNavigate);

// One question at start: does this site have its own profile? Until the answer, nothing mounts
// (the widget needs the worker for its first view anyway, so this costs no visible time).
void request({ type: 'profile/for-page' }).then((r) => {
  // A help desk the extension does not serve here (e.g. a BOSSDesk tenant outside the policy's
  // cloudTenants): nothing mounts and nothing more is asked.
  if (!r.ok && r.error.detail === 'sender not allowed') return;
  // No answer from the worker at all (the extension was reloaded under this page): no widget could
  // work here anyway. (A worker that cannot read the site's profile answers with the built-ins.)
  if (!r.ok) return;
  profiles = r.data.profiles;
  sync();
});
