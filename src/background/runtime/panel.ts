// The side panel's worker end (issue 17): a runtime port named PANEL_PORT, extension pages only,
// that gets a snapshot of the service cases on connect and after every case event (debounced);
// and the panel's actions, by case id. Everything comes from history and storage: the panel adds
// no TeamViewer call (bench/panel.ts counts them).
import type { Runtime } from 'webextension-polyfill';
import { AppError, toUiError } from '../../shared/app-error';
import { isActive, type CaseRecord } from '../../shared/case';
import { panelDevice, panelLists } from '../../shared/panel';
import type { PanelPortOut, PanelSnapshot } from '../../shared/protocol';
import { lastServerOffsetMs } from '../../shared/teamviewer/client';
import { connectedAccount } from '../account/credentials';
import { currentTechnician } from '../account/technician';
import { stopCase } from '../cases/cases';
import { on } from '../events';
import { activeCases, db, getCase } from '../store/history';
import { markSeen } from './badge';
import { focusTicket, openSupporterLinkOf } from './open-tabs';
import { pagePorts } from './page-ports';
import { runningDevices } from '../devices/connections';

const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** Cases that ended since `sinceMs` (the byClosed index: no scan of the whole history). */
async function endedSince(sinceMs: number): Promise<CaseRecord[]> {
  // A day earlier in the index (closed_at strings from TeamViewer and from this browser may differ
  // in form); the exact cut is panelLists'.
  const from = new Date(sinceMs - 86_400_000).toISOString();
  return (await db()).getAllFromIndex('cases', 'byClosed', IDBKeyRange.lowerBound(from));
}

export async function panelSnapshot(): Promise<PanelSnapshot> {
  try {
    const [account, me, active, ended, running] = await Promise.all([connectedAccount(), currentTechnician(), activeCases(), endedSince(startOfToday()), runningDevices()]);
    return { connected: !!account, serverOffsetMs: lastServerOffsetMs(), ...panelLists(active, ended, me?.userid, startOfToday()), devices: running.map(panelDevice) };
  } catch (e) {
    return { connected: false, serverOffsetMs: 0, mine: [], colleagues: [], today: [], error: toUiError(e) };
  }
}

const ports = pagePorts<PanelPortOut>();
/** The latest snapshot sent: a panel that opens gets it at once, then a fresh one if it changed. */
let last: { snapshot: PanelSnapshot; json: string } | undefined;

async function fresh(): Promise<{ snapshot: PanelSnapshot; json: string; changed: boolean }> {
  const snapshot = await panelSnapshot();
  const json = JSON.stringify(snapshot);
  const changed = json !== last?.json;
  last = { snapshot, json };
  return { ...last, changed };
}

export function acceptPanelPort(port: Runtime.Port): void {
  if (!ports.accept(port)) return;
  const known = last;
  if (known) ports.post(port, { type: 'cases', snapshot: known.snapshot });
  void fresh().then((f) => {
    if (!known || f.json !== known.json) ports.post(port, { type: 'cases', snapshot: f.snapshot });
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** A burst of events (a stop writes closing, then closed) makes one snapshot. */
function pushSoon(): void {
  if (!ports.size || timer) return;
  timer = setTimeout(async () => {
    timer = undefined;
    const { snapshot } = await fresh();
    ports.broadcast({ type: 'cases', snapshot });
  }, 50);
}

export function pushPanelOnEvents(): void {
  on('case-changed', pushSoon);
  on('connection-changed', pushSoon);
  on('history-changed', pushSoon);
  on('settings-changed', pushSoon);
  on('device-changed', pushSoon);
}

async function caseById(caseId: unknown): Promise<CaseRecord> {
  const rec = typeof caseId === 'string' ? await getCase(caseId) : undefined;
  if (!rec) throw AppError.of('bad_request_message', 'unknown case');
  return rec;
}

export async function panelOpenTicket(caseId: unknown): Promise<null> {
  const rec = await caseById(caseId);
  await markSeen(rec.id);
  await focusTicket(rec);
  return null;
}

export async function panelConnect(caseId: unknown): Promise<null> {
  const rec = await caseById(caseId);
  if (!isActive(rec.state)) throw AppError.of('not_found');
  await markSeen(rec.id);
  await openSupporterLinkOf(rec);
  return null;
}

/** Stops the case's ticket's open case (the same stop as the widget's); the closing comment waits
 *  in history for the next tab of the ticket, as for a case closed elsewhere. */
export async function panelStop(caseId: unknown, confirmColleague = false): Promise<null> {
  const rec = await caseById(caseId);
  if (!isActive(rec.state)) return null;
  await stopCase(rec.ticketKey, { confirmColleague });
  const after = await getCase(rec.id);
  // The stop failed (the case stays open, or could not be closed with this token): say why.
  if (after?.state === 'close_failed') throw AppError.of('invalid_token');
  if (after && isActive(after.state) && after.error) throw AppError.of(after.error.kind);
  return null;
}
