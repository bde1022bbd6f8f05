// The watcher: one list call per tick covers every open case (online flips, closed elsewhere,
// expiry). Driven by chrome.alarms so that it survives the worker being stopped.
import browser from 'webextension-polyfill';
import type { CaseRecord } from '../shared/case';
import type { TvSession } from '../shared/teamviewer/types';
import { connectedClient } from './api';
import { finishClosed, withLock } from './cases';
import { activeCases, getCase, putCase } from './history';
import { getSettings } from './settings-store';
import { broadcast } from './views';
import { notifyExpired, notifyJoined } from './notifier';

export const WATCH_ALARM = 'watch';
export const EXPIRY_ALARM = 'expiry';

/** (Re)creates the alarms from stored state. Called at every worker start and after each change. */
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

/** What the list says about one case. Pure: unit-tested. */
export type CaseChange = 'none' | 'expired' | 'closed_elsewhere' | 'online' | 'offline' | 'valid_until';

export function judgeCase(rec: Pick<CaseRecord, 'online' | 'validUntil'>, listed: TvSession | undefined, now: number): CaseChange {
  const validUntil = Date.parse(listed?.valid_until ?? rec.validUntil ?? '');
  if (Number.isFinite(validUntil) && validUntil <= now) return 'expired';
  if (!listed) return 'closed_elsewhere';
  if (!!listed.online !== !!rec.online) return listed.online ? 'online' : 'offline';
  if (listed.valid_until && listed.valid_until !== rec.validUntil) return 'valid_until';
  return 'none';
}

let ticking: Promise<void> | undefined;

/** One tick. Concurrent calls (two alarms at once) share the same run. */
export function tick(): Promise<void> {
  ticking ??= runTick().finally(() => (ticking = undefined));
  return ticking;
}

async function runTick(): Promise<void> {
  const open = (await activeCases()).filter((c) => c.state === 'open' && c.code);
  if (!open.length) return armWatcher();
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
  const now = Date.now();
  for (const rec of open) {
    const s = byCode.get(rec.code!);
    const change = judgeCase(rec, s, now);
    if (change === 'none') continue;
    await withLock(rec.ticketKey, async () => {
      const cur = await getCase(rec.id);
      if (!cur || cur.state !== 'open') return;
      if (change === 'expired') {
        const done = await finishClosed(client, { ...cur, validUntil: s?.valid_until ?? cur.validUntil }, 'expired');
        await notifyExpired(done);
      } else if (change === 'closed_elsewhere') {
        await finishClosed(client, cur, 'closed');
      } else {
        const next = await putCase({ ...cur, online: !!s?.online, validUntil: s?.valid_until ?? cur.validUntil, onlineNotified: cur.onlineNotified || !!s?.online });
        if (change === 'online' && !cur.onlineNotified) await notifyJoined(next);
      }
      await broadcast(cur.ticketKey);
    });
  }
  await armWatcher();
}
