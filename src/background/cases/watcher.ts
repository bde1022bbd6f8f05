// The watcher: one list call per tick covers every open case (online flips, closed elsewhere,
// expiry). Driven by chrome.alarms so that it survives the worker being stopped.
import browser from 'webextension-polyfill';
import { parseCaseMetadata, type CaseRecord } from '../../shared/case';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { TvError } from '../../shared/teamviewer/errors';
import type { TvSession } from '../../shared/teamviewer/types';
import { connectedClient } from '../account/credentials';
import { getSettings } from '../config/settings';
import { emit, on } from '../events';
import { activeCases, getCase } from '../store/history';
import { finishClosed } from './cases';
import { saveCase } from './record';
import { withTicketLock } from './ticket-lock';

export const WATCH_ALARM = 'watch';
export const EXPIRY_ALARM = 'expiry';

/** (Re)creates the alarms from stored state. Called at every worker start, and by listening: after
 *  every case change and settings change (see armOnChanges). */
export async function armWatcher(): Promise<void> {
  const open = (await activeCases()).filter((c) => c.state === 'open');
  if (!open.length) {
    await Promise.all([browser.alarms.clear(WATCH_ALARM), browser.alarms.clear(EXPIRY_ALARM)]);
    return;
  }
  const periodInMinutes = (await getSettings()).pollSeconds / 60;
  const existing = await browser.alarms.get(WATCH_ALARM);
  if (!existing || existing.periodInMinutes !== periodInMinutes) {
    await browser.alarms.create(WATCH_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
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

/** One tick. Concurrent calls (two alarms at once) share the same run. */
export function tick(): Promise<void> {
  ticking ??= runTick().finally(() => (ticking = undefined));
  return ticking;
}

async function runTick(): Promise<void> {
  const open = (await activeCases()).filter((c) => c.state === 'open' && c.code);
  if (!open.length) return armWatcher(); // nothing to watch: the alarms go
  let client;
  try {
    ({ client } = await connectedClient());
  } catch {
    return;
  }
  const groups = new Set(open.map((c) => c.groupid));
  // One call for all: filtered by the group when every case shares it.
  const listed = await client.listOpenSessions(groups.size === 1 ? [...groups][0] : undefined).catch(() => undefined);
  if (!listed) return; // network down or API failing: try again next tick, lose nothing
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
  await closeTwins(client, listed, new Set(open.map((c) => c.code!)));
  await armWatcher(); // a tick that changed nothing still re-arms the one-shot expiry alarm
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
 * The safety net for twins (a POST the browser resent on its own, a create whose answer was lost,
 * a twin whose removal failed): an open session in the list that carries the local id of one of
 * our cases, under another code than that case's, or of a case that never opened here, is closed.
 * A colleague's session carries an id this browser does not know and is left alone.
 */
async function closeTwins(client: TeamViewerClient, listed: TvSession[], ours: Set<string>): Promise<void> {
  for (const s of listed) {
    if (ours.has(s.code)) continue;
    const meta = parseCaseMetadata(s.custom_api);
    const local = meta ? await getCase(meta.caseId) : undefined;
    if (!local || local.code === s.code || local.state === 'creating') continue;
    await client.deleteSession(s.code).catch(() => client.closeSession(s.code)).catch((e) => console.warn('twin not closed yet', s.code, e));
  }
}
