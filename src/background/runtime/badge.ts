// The toolbar badge (issue 17): the number of this technician's open cases (blank when none), a
// distinct colour while a customer has connected and the technician has not opened that case's
// ticket since, and a tooltip in words. Recomputed from history on every case event; "seen" is
// kept in storage.session (a case seen stays seen for the browser session).
import browser, { type Runtime } from 'webextension-polyfill';
import { BADGE_COLOURS, badgeState, type BadgeState } from '../../shared/panel';
import { TICKET_PORT, type PortIn } from '../../shared/protocol';
import { originOfKey } from '../../shared/ticket';
import { currentTechnician } from '../account/technician';
import { on } from '../events';
import { activeCases, casesOfTicket } from '../store/history';
import { SESSION_KEYS } from '../store/keys';
import { helpdeskSenderOrigin } from './sender';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);

async function seenIds(): Promise<Set<string>> {
  const got = (await browser.storage.session.get(SESSION_KEYS.badgeSeen))[SESSION_KEYS.badgeSeen];
  return new Set(Array.isArray(got) ? (got as string[]) : []);
}

/** The technician looked at this case (opened its ticket, connected, clicked its notification). */
export async function markSeen(caseId: string): Promise<void> {
  const seen = await seenIds();
  if (seen.has(caseId)) return;
  seen.add(caseId);
  // Only ids of cases still open are worth keeping.
  const open = new Set((await activeCases()).map((c) => c.id));
  await browser.storage.session.set({ [SESSION_KEYS.badgeSeen]: [...seen].filter((id) => open.has(id)) });
  await updateBadge();
}

export function badgeTitle(s: BadgeState): string {
  if (!s.open) return t('badgeNone');
  return s.attention ? t('badgeWaiting', [String(s.open), String(s.waiting)]) : t('badgeOpen', [String(s.open)]);
}

let updating: Promise<void> | undefined;
let again = false;
/** Recomputes the badge; calls that come while one runs make one more run. */
export function updateBadge(): Promise<void> {
  if (updating) {
    again = true;
    return updating;
  }
  updating = (async () => {
    do {
      again = false;
      const [active, me, seen] = await Promise.all([activeCases(), currentTechnician().catch(() => undefined), seenIds()]);
      const s = badgeState(active, me?.userid, seen);
      await Promise.all([
        browser.action.setBadgeText({ text: s.text }),
        browser.action.setBadgeBackgroundColor({ color: s.attention ? BADGE_COLOURS.attention : BADGE_COLOURS.open }),
        chrome.action.setBadgeTextColor({ color: '#ffffff' }),
        browser.action.setTitle({ title: badgeTitle(s) }),
      ]);
    } while (again);
  })().catch((e) => console.error('badge not updated', e)).finally(() => (updating = undefined));
  return updating;
}

/** A tab that opens a ticket (its widget's port) has its case seen: the customer is on screen. */
export function seeOnTicketPorts(port: Runtime.Port): void {
  if (port.name !== TICKET_PORT) return;
  port.onMessage.addListener(async (raw: unknown) => {
    const msg = raw as PortIn;
    if (msg?.type !== 'watch' || typeof msg.ticketKey !== 'string') return;
    const origin = await helpdeskSenderOrigin(port.sender ?? {});
    if (!origin || originOfKey(msg.ticketKey) !== origin) return;
    const online = (await casesOfTicket(msg.ticketKey)).filter((c) => c.online && c.state === 'open');
    for (const c of online) await markSeen(c.id);
  });
}

export function badgeOnEvents(): void {
  on('case-changed', () => updateBadge());
  on('connection-changed', () => updateBadge());
  on('history-changed', () => updateBadge());
}
