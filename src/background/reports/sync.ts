// Team-wide sync: TeamViewer, not one browser's cache, is the team's truth. Pages through the
// BOSS group's connection reports (offset_id) and cases (state=open,closed, full_list, offset),
// rebuilds each ended case from its custom_api metadata and merges it idempotently. Its place in
// either phase is saved after every page (the reports read so far are kept in staging.ts), so a
// worker stopped mid-sync resumes there at its next start, without duplicates (records are keyed
// by the case id, staged reports by their own id). The sync only looks the group up: it never
// creates one.
import browser from 'webextension-polyfill';
import { isActive } from '../../shared/case';
import { toUiError } from '../../shared/app-error';
import { TvError } from '../../shared/teamviewer/errors';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { mergeSynced, readMetadata, realSession, sameRecord, serverEnd } from '../../shared/reports/merge';
import type { SyncStatus } from '../../shared/reports/types';
import { connectedClient } from '../account/credentials';
import { findGroup } from '../account/group';
import { emit } from '../events';
import { updateCases } from '../store/history';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, setLocal } from '../store/local';
import { clearStaged, stagedReports, stageReports } from './staging';

export const SYNC_ALARM = 'reports-sync';
export const SYNC_PERIOD_MIN = 60;
/** A 'recent' sync re-reads cases created up to this long before the last one started (a case
 *  lives 24 h at most, so older ones had ended and were merged then). */
const RECENT_OVERLAP_MS = 48 * 3600_000;
const MAX_PAGES = 10_000;

interface Saved {
  status: SyncStatus;
  /** Where the sessions phase goes on (the next page's offset), while running. */
  offset?: string;
  /** Where the reports phase goes on (the next page's offset_id); `reportsDone` once it ended. */
  reportsOffset?: string;
  reportsDone?: boolean;
  /** 'recent': only cases created since (ISO). */
  since?: string;
  /** When the last successful sync started (for the next 'recent' one). */
  lastStartedAt?: string;
}

const idle = (): SyncStatus => ({ running: false, pages: 0, calls: 0, seen: 0, added: 0, updated: 0, foreign: 0, open: 0 });

async function load(): Promise<Saved> {
  return (await getLocal<Saved>(LOCAL_KEYS.reportsSync)) ?? { status: idle() };
}
async function save(s: Saved): Promise<void> {
  await setLocal(LOCAL_KEYS.reportsSync, s);
  emit('sync-progress', { status: { ...s.status } }); // a snapshot: the run goes on mutating its status
}

export async function syncStatus(): Promise<SyncStatus> {
  const s = await load();
  // Persisted as running but not running here: a worker died mid-sync; it resumes at start-up.
  return s.status;
}

let running: { done: Promise<SyncStatus>; started: Promise<SyncStatus> } | undefined;

function launch(mode: 'full' | 'recent', resume: boolean) {
  let onStarted!: (s: SyncStatus) => void;
  const started = new Promise<SyncStatus>((r) => (onStarted = r));
  const done = doSync(mode, resume, onStarted).finally(() => (running = undefined));
  void done.then(onStarted); // in case it ended before it said it started
  running = { done, started };
  return running;
}

/** Runs a sync (or joins the one running) and resolves when it ends. */
export function runSync(mode: 'full' | 'recent' = 'full'): Promise<SyncStatus> {
  return (running ?? launch(mode, false)).done;
}

/** Starts a sync (or joins the one running) and answers with its status once it runs;
 *  progress goes over the reports port. */
export function startSync(mode: 'full' | 'recent' = 'full'): Promise<SyncStatus> {
  return (running ?? launch(mode, false)).started;
}

/** At worker start: finishes a sync that a stopped worker left half done. */
export async function resumeSync(): Promise<void> {
  const s = await load();
  if (!s.status.running || running) return;
  await launch(s.status.mode ?? 'full', true).done;
}

export async function armSyncAlarm(): Promise<void> {
  const a = await browser.alarms.get(SYNC_ALARM);
  if (!a) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MIN, delayInMinutes: SYNC_PERIOD_MIN });
}

/** The hourly alarm: a 'recent' sync, only when connected. */
export async function onSyncAlarm(): Promise<void> {
  try {
    await connectedClient();
  } catch {
    return;
  }
  await runSync('recent');
}

async function doSync(mode: 'full' | 'recent', resume: boolean, onStarted: (s: SyncStatus) => void): Promise<SyncStatus> {
  const prev = await load();
  const startedAt = new Date().toISOString();
  const s: Saved = resume
    ? { ...prev }
    : {
      status: { ...idle(), running: true, mode, startedAt, ...(prev.status.lastSyncAt ? { lastSyncAt: prev.status.lastSyncAt } : {}) },
      ...(mode === 'recent' && prev.lastStartedAt ? { since: new Date(Date.parse(prev.lastStartedAt) - RECENT_OVERLAP_MS).toISOString() } : {}),
      ...(prev.lastStartedAt ? { lastStartedAt: prev.lastStartedAt } : {}),
    };
  const st = s.status;
  delete st.error;
  await save(s);
  onStarted({ ...st });
  try {
    const { client, account } = await connectedClient();
    if (!resume) await clearStaged();
    // Look up, never create (the group comes with the first case or share); by name each time, so
    // that every browser settles on the same group (group.ts).
    const groupid = await findGroup(client, account.userid, { fresh: !resume });
    if (groupid) {
      if (!s.reportsDone) {
        st.phase = 'reports';
        await save(s);
        await connectionReports(client, groupid, s);
      }
      st.phase = 'sessions';
      await save(s);
      await sessions(client, groupid, s);
    }
    st.running = false;
    delete st.phase;
    st.lastSyncAt = new Date().toISOString();
    s.lastStartedAt = st.startedAt ?? startedAt;
    delete s.since;
  } catch (e) {
    st.running = false;
    delete st.phase;
    delete s.offset;
    delete s.since;
    const ui = toUiError(e);
    st.error = { code: ui.code, ...(ui.detail ? { detail: ui.detail } : {}) };
  }
  delete s.reportsOffset;
  delete s.reportsDone;
  await clearStaged().catch((e) => console.warn('staged reports not cleared', e));
  await save(s);
  emit('history-changed', {});
  return st;
}

async function sessions(client: TeamViewerClient, groupid: string, s: Saved): Promise<void> {
  const st = s.status;
  let restarted = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    let list;
    try {
      st.calls++;
      list = await client.listSessions({ groupid, state: 'open,closed', full_list: true, offset: s.offset });
    } catch (e) {
      // The saved place was deleted meanwhile: start the list again (merging is idempotent).
      if (e instanceof TvError && e.kind === 'bad_request' && s.offset && !restarted) {
        restarted = true;
        delete s.offset;
        continue;
      }
      throw e;
    }
    const found = list.sessions ?? [];
    await mergePage(found, s, client.serverNow());
    st.pages++;
    st.seen += found.length;
    const oldest = found[found.length - 1]?.created_at;
    const done = !list.next_offset || !found.length || (!!s.since && !!oldest && oldest < s.since);
    if (done) delete s.offset;
    else s.offset = list.next_offset;
    await save(s);
    if (done) break;
  }
}

/** The reports phase: every page is kept (staging.ts) and its place saved before the next one. */
async function connectionReports(client: TeamViewerClient, groupid: string, s: Saved): Promise<void> {
  const st = s.status;
  delete st.reportsUnavailable;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      st.calls++;
      const r = await client.connectionReportsPage({ groupid, ...(s.since ? { from_date: s.since } : {}), ...(s.reportsOffset ? { offset_id: s.reportsOffset } : {}) });
      await stageReports(r.records ?? []);
      if (!r.next_offset || !r.records?.length) break;
      s.reportsOffset = r.next_offset;
      await save(s);
    }
  } catch (e) {
    // Cases still sync without connection reports (e.g. a token without that permission).
    if (!(e instanceof TvError && e.kind === 'forbidden')) throw e;
    st.reportsUnavailable = true;
  }
  delete s.reportsOffset;
  s.reportsDone = true;
}

type Listed = Awaited<ReturnType<TeamViewerClient['listSessions']>>['sessions'];

/** Merges one page of the group's sessions. `now`: TeamViewer's clock, which judges expiry. */
async function mergePage(sessions: Listed, s: Saved, now: number): Promise<void> {
  const st = s.status;
  const byId = new Map<string, Listed>();
  for (const session of sessions) {
    const meta = readMetadata(session.custom_api);
    if (!meta) st.foreign++;
    else byId.set(meta.caseId, [...(byId.get(meta.caseId) ?? []), session]);
  }
  if (!byId.size) return;
  const reports = await stagedReports(sessions.map((x) => x.code));
  // A 'recent' sync reads reports from `since` on: a session created before then may have had
  // connections earlier, so its record keeps what it has (that session had ended before the last
  // sync started, which read all of them).
  const since = s.since ? Date.parse(s.since) : NaN;
  const complete = (x: Listed[number]) => !(Date.parse(x.created_at ?? '') < since);
  const written = await updateCases([...byId.keys()], (id, cur) => {
    const session = realSession(byId.get(id)!, cur?.code, (code) => reports.has(code));
    if ((!cur || isActive(cur.state)) && serverEnd(session, now).state === 'open') {
      st.open++;
      return undefined;
    }
    const next = mergeSynced(cur, session, complete(session) ? reports.get(session.code) ?? [] : undefined, now);
    if (!next || sameRecord(cur, next)) return undefined;
    if (cur) st.updated++;
    else st.added++;
    return next;
  });
  if (written.length) emit('history-changed', {});
}
