// The watcher: one list call per tick covers every open case (online flips, closed elsewhere,
// expiry). How often is the polling policy's (shared/teamviewer/poll-policy.ts): calls follow the
// work. Periods of 30 s and more are chrome.alarms (they survive the worker being stopped); the
// 9 s of a fresh case waiting for its customer is a worker timer, with the alarm kept beside it in
// case Chrome stops the worker anyway (each tick calls extension APIs, which keeps it alive).
import browser from 'webextension-polyfill';
import { parseCaseMetadata, type CaseRecord } from '../../shared/case';
import { readMetadata } from '../../shared/reports/merge';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { TvError } from '../../shared/teamviewer/errors';
import { PollBackoff } from '../../shared/teamviewer/poll-backoff';
import { SLOW_MS, lookOnTicket, nextPollDelay, pollMode, tickSends, type PollInput, type TickSource } from '../../shared/teamviewer/poll-policy';
import type { TvSession } from '../../shared/teamviewer/types';
import { connectedClient, readCredentials, teamviewerBusy } from '../account/credentials';
import { cachedGroupId, findGroup } from '../account/group';
import { currentTechnician } from '../account/technician';
import { getSettings } from '../config/settings';
import { emit, on } from '../events';
import { activeCases, getCase } from '../store/history';
import { SESSION_KEYS } from '../store/keys';
import { adoptedCase, lastListAt, nameOf, noteOpenList } from './adopt';
import { finishClosed } from './cases';
import { saveCase } from './record';
import { withTicketLock } from './ticket-lock';

export const WATCH_ALARM = 'watch';
export const EXPIRY_ALARM = 'expiry';

/** Help-desk tickets on screen in this browser (told by the port layer). With a shared BOSS group,
 *  colleagues' cases on them are seen only by polling: one look when a ticket comes on screen, then
 *  slowly (the policy); otherwise a browser with no open case of its own sends TeamViewer nothing. */
let ticketsOnScreen = 0;
export function noteTicketsOnScreen(count: number): void {
  const changed = (count > 0) !== (ticketsOnScreen > 0);
  ticketsOnScreen = count;
  if (changed) void armWatcher().catch((e) => console.error('watcher not armed', e));
}

/** The token's BOSS group is seen by other browsers: an organisation token (one token for the whole
 *  team), or a personal token whose group this browser knows (it may be shared with colleagues, or
 *  used by the same technician elsewhere). A personal token without a known group: no call. */
async function sharedGroup(): Promise<boolean> {
  if ((await readCredentials().catch(() => undefined))?.source === 'organisation') return true;
  return !!(await cachedGroupId());
}

/** A ticket came on screen (a widget asked to watch it): one look at the group's open list, when the
 *  policy says so (shared group, no own case already polling it, no list of the last minute). */
export async function ticketCameOnScreen(ticketKey: string): Promise<void> {
  const own = (await activeCases()).filter((c) => c.state === 'open' && !c.colleague);
  const now = Date.now();
  const looks = await readLooks(now);
  if (!lookOnTicket({ now, ownOpen: own.length, sharedGroup: await sharedGroup(), lastListAt: Math.max(lastListAt() ?? 0, looks.listAt) || undefined, ticketLookedAt: looks.tickets[ticketKey] })) return;
  await browser.storage.session.set({ [SESSION_KEYS.groupLooks]: { ...looks, tickets: { ...looks.tickets, [ticketKey]: now } } satisfies Looks });
  await tick();
}

/** Kept in storage.session: the worker is stopped and restarted while tickets stay on screen. */
interface Looks { listAt: number; tickets: Record<string, number> }
async function readLooks(now: number): Promise<Looks> {
  const got = (await browser.storage.session.get(SESSION_KEYS.groupLooks))[SESSION_KEYS.groupLooks] as Partial<Looks> | undefined;
  const tickets = Object.fromEntries(Object.entries(got?.tickets ?? {}).filter(([, at]) => typeof at === 'number' && now - at < SLOW_MS));
  return { listAt: typeof got?.listAt === 'number' ? got.listAt : 0, tickets };
}
async function noteListRead(now: number): Promise<void> {
  const looks = await readLooks(now);
  await browser.storage.session.set({ [SESSION_KEYS.groupLooks]: { ...looks, listAt: now } satisfies Looks });
}

/** The policy's input from stored state. */
async function pollInput(open: CaseRecord[]): Promise<PollInput> {
  return {
    now: Date.now(),
    // Age on this browser's clock: requestedAt is when the technician asked for the case.
    own: open.filter((c) => !c.colleague).map((c) => ({ createdAt: Date.parse(c.requestedAt) || 0, online: !!c.online, notified: !!c.onlineNotified })),
    ticketsOnScreen,
    sharedGroup: await sharedGroup(),
    pollSeconds: (await getSettings()).pollSeconds,
    slowdown: backoff.slowdown,
  };
}

let fastTimer: ReturnType<typeof setTimeout> | undefined;
/** When a tick of this worker last sent its list call (an alarm tick that sent nothing leaves it). */
let lastSentAt: number | undefined;

/** (Re)creates the alarms (and the fast timer) from stored state. Called at every worker start, after
 *  every tick, and by listening: after every case change and settings change (see armOnChanges). */
export async function armWatcher(): Promise<void> {
  const open = (await activeCases()).filter((c) => c.state === 'open');
  const input = await pollInput(open);
  const mode = pollMode(input);
  clearTimeout(fastTimer);
  fastTimer = undefined;
  if (mode === 'none') await browser.alarms.clear(WATCH_ALARM);
  else {
    // The alarm: the case period, also under the fast timer (if Chrome stops the worker, the alarm
    // wakes it and the tick starts the timer again); slow without own cases.
    const periodInMinutes = (mode === 'slow' ? nextPollDelay(input)! / backoff.slowdown : input.pollSeconds * 1000) / 60_000;
    const existing = await browser.alarms.get(WATCH_ALARM);
    if (!existing || existing.periodInMinutes !== periodInMinutes) {
      // Browsers that share one token draw on one rate limit: a random first delay spreads their
      // ticks over the period instead of letting them fire together.
      await browser.alarms.create(WATCH_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes * (0.5 + Math.random()) });
    }
    // The timer counts from the last call sent, so that an alarm tick that sent nothing does not
    // push it back.
    if (mode === 'fast') fastTimer = setTimeout(() => void tick('timer').catch((e) => console.warn('watcher tick failed', e)), Math.max(0, (lastSentAt ?? input.now) + nextPollDelay(input)! - input.now));
  }
  if (!open.length) {
    await browser.alarms.clear(EXPIRY_ALARM);
    return;
  }
  const earliest = Math.min(...open.map((c) => Date.parse(c.validUntil ?? '') || Infinity));
  if (Number.isFinite(earliest)) await browser.alarms.create(EXPIRY_ALARM, { when: Math.max(Date.now() + 1000, earliest) });
}

/** What the list says about one case. `now` is TeamViewer's clock (client.serverNow()), not the
 *  technician's. A case missing from one list answer is only 'missing': the tick asks TeamViewer
 *  about that case before taking it as closed elsewhere. Pure: unit-tested. */
export type CaseChange = 'none' | 'expired' | 'missing' | 'online' | 'offline' | 'valid_until';

export function judgeCase(rec: Pick<CaseRecord, 'online' | 'validUntil'>, listed: TvSession | undefined, now: number): CaseChange {
  const validUntil = Date.parse(listed?.valid_until ?? rec.validUntil ?? '');
  if (Number.isFinite(validUntil) && validUntil <= now) return 'expired';
  if (!listed) return 'missing';
  if (!!listed.online !== !!rec.online) return listed.online ? 'online' : 'offline';
  if (listed.valid_until && listed.valid_until !== rec.validUntil) return 'valid_until';
  return 'none';
}

/** Re-arms after every case or settings change; changes that come while arming re-arm once more. */
export function armOnChanges(): void {
  let running: Promise<void> | undefined;
  let again = false;
  const arm = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = armWatcher().catch((e) => console.error('watcher not armed', e)).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        arm();
      }
    });
  };
  on('case-changed', ({ record }) => {
    // Only changes of state matter (an online flip or an email sent leaves the alarms as they are).
    if (record.state !== 'creating') arm();
  });
  on('settings-changed', arm);
}

let ticking: Promise<void> | undefined;
const backoff = new PollBackoff();

/** One tick, then the alarms and timer re-armed. Concurrent calls (two alarms at once, the timer)
 *  share the same run. `source`: what woke it (the policy's tickSends: an alarm right after a list
 *  read sends nothing; the fast timer's delay already has the backoff in it). */
export function tick(source: TickSource = 'now'): Promise<void> {
  ticking ??= runTick(source)
    .finally(() => armWatcher().catch((e) => console.error('watcher not armed', e)))
    .finally(() => (ticking = undefined));
  return ticking;
}

async function runTick(source: TickSource): Promise<void> {
  const open = (await activeCases()).filter((c) => c.state === 'open' && c.code);
  if (!open.length && !ticketsOnScreen) return; // nothing to watch: armWatcher clears the alarms
  // A 429 is being waited out, or was lately: this tick would only make it worse for everyone on
  // the token (see PollBackoff).
  if (teamviewerBusy() || (source === 'alarm' && backoff.skip())) return;
  if (source === 'alarm') {
    const looks = await readLooks(Date.now());
    const last = Math.max(lastListAt() ?? 0, looks.listAt) || undefined;
    if (!tickSends({ ...(await pollInput(open)), source, lastListAt: last })) return;
  }
  lastSentAt = Date.now();
  let client, account;
  try {
    ({ client, account } = await connectedClient());
  } catch {
    return;
  }
  const groups = new Set(open.map((c) => c.groupid));
  if (!open.length) {
    const groupid = await findGroup(client, account.userid).catch(() => undefined);
    if (!groupid) return; // no BOSS group yet: nobody has started a case
    groups.add(groupid);
  }
  // One call for all: filtered by the group when every case shares it.
  const listed = await client.listOpenSessions(groups.size === 1 ? [...groups][0] : undefined).catch((e: unknown) => {
    if (e instanceof TvError && e.kind === 'rate_limited') backoff.rateLimited();
    return undefined;
  });
  if (!listed) return; // network down, API failing or busy: try again next tick, lose nothing
  backoff.succeeded();
  await noteListRead(Date.now());
  noteOpenList(groups.size === 1 ? [...groups][0] : undefined, listed);
  const byCode = new Map(listed.map((s) => [s.code, s]));
  for (const rec of open) {
    const s = byCode.get(rec.code!);
    const change = judgeCase(rec, s, client.serverNow());
    if (change === 'none') continue;
    // One list answer is not proof: ask about this case. Still open, or no answer: next tick.
    if (change === 'missing' && (await confirmMissing(client, rec.code!)) !== 'closed') continue;
    await withTicketLock(rec.ticketKey, async () => {
      const cur = await getCase(rec.id);
      if (!cur || cur.state !== 'open') return;
      if (change === 'expired') {
        const done = await finishClosed(client, { ...cur, validUntil: s?.valid_until ?? cur.validUntil }, 'expired');
        emit('case-expired', { record: done });
      } else if (change === 'missing') {
        await finishClosed(client, cur, 'closed', 'elsewhere');
      } else {
        const next = await saveCase({ ...cur, online: !!s?.online, validUntil: s?.valid_until ?? cur.validUntil, onlineNotified: cur.onlineNotified || !!s?.online });
        if (change === 'online' && !cur.onlineNotified) emit('customer-joined', { record: next });
      }
    });
  }
  await settleOthers(client, listed, new Set(open.map((c) => c.code!)));
  // tick() re-arms afterwards: a tick that changed nothing still re-arms the one-shot expiry alarm.
}

/** GET /sessions/{code} for a case missing from the list: closed (or gone: 404), still open, or
 *  unknown when TeamViewer did not answer. */
async function confirmMissing(client: TeamViewerClient, code: string): Promise<'closed' | 'open' | 'unknown'> {
  try {
    return (await client.getSession(code)).state.toLowerCase() === 'closed' ? 'closed' : 'open';
  } catch (e) {
    return e instanceof TvError && e.kind === 'not_found' ? 'closed' : 'unknown';
  }
}

/**
 * Open sessions of the list that are not this browser's open cases:
 * - a **twin** (a POST the browser resent on its own, a create whose answer was lost, a twin whose
 *   removal failed) carries the local id of one of our cases under another code, or of a case that
 *   never opened here: it is closed;
 * - a **colleague's case** (the shared BOSS group) carries an id this browser does not know: it is
 *   recorded here, so that every tab on its ticket shows it and the close guard holds.
 * A session without this product's metadata is left alone. custom_api is anybody's text (whoever
 * may write to the group or use the Management Console): a case is adopted only through the strict
 * readMetadata (types checked, fields bounded, the page address only on the ticket's own origin),
 * and one session that fails never keeps the others from being settled.
 */
async function settleOthers(client: TeamViewerClient, listed: TvSession[], ours: Set<string>): Promise<void> {
  const me = await currentTechnician().catch(() => undefined);
  for (const s of listed) {
    if (ours.has(s.code)) continue;
    try {
      await settleOther(client, s, me?.userid);
    } catch (e) {
      console.warn('open session skipped', s.code, e);
    }
  }
}

async function settleOther(client: TeamViewerClient, s: TvSession, myUserId: string | undefined): Promise<void> {
  const caseId = parseCaseMetadata(s.custom_api)?.caseId;
  if (!caseId) return;
  const local = await getCase(caseId);
  if (local) {
    if (local.code === s.code || local.state === 'creating') return;
    // Our id under another code: a twin.
    await client.deleteSession(s.code).catch(() => client.closeSession(s.code)).catch((e) => console.warn('twin not closed yet', s.code, e));
    return;
  }
  const meta = readMetadata(s.custom_api);
  if (!meta) return; // not well-formed: never shown, never adopted
  await withTicketLock(meta.ticketKey, async () => {
    if (await getCase(meta.caseId)) return;
    await saveCase(adoptedCase(s, meta, myUserId, await nameOf(client, s.assigned_userid)));
  });
}
