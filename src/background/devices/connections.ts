// Connections to a requester's own device (issue 19). "Connect" (the technician's click in the
// widget) opens TeamViewer's start link for the device in a new tab (checked: https on
// start.teamviewer.com; never a link placed in the page) and keeps the running connection per
// ticket in storage. It ends with "Done" or when TeamViewer's connection reports show it ended
// (checked on an alarm while one runs): then it is recorded in the history (kind "device") with a
// closing comment for the ticket (device, start, end, duration, notes), which a tab of the ticket
// posts through the same page-task path as a service case's comment.
import browser from 'webextension-polyfill';
import { AppError } from '../../shared/app-error';
import type { CaseRecord } from '../../shared/case';
import { deviceComment } from '../../shared/closing-comment';
import { isConnectionOf, isOnline, isStartLink, startLink } from '../../shared/devices';
import type { DeviceConnectionView } from '../../shared/protocol';
import { lastServerOffsetMs } from '../../shared/teamviewer/client';
import type { TvConnectionRecord } from '../../shared/teamviewer/types';
import { uiLocale } from '../../platform/i18n';
import type { Ticket } from '../../shared/ticket';
import { connectedClient } from '../account/credentials';
import { currentTechnician } from '../account/technician';
import { saveCase } from '../cases/record';
import { withTicketLock } from '../cases/ticket-lock';
import { emit } from '../events';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, updateLocal } from '../store/local';
import { shownDevice } from './requester-devices';

export const DEVICE_ALARM = 'device-connections';

/** A connection in progress (storage.local: it survives a stopped worker). */
export interface RunningDevice {
  id: string;
  ticketKey: string;
  ticket: Ticket;
  name: string;
  remotecontrolId?: string;
  deviceId?: string;
  /** When Connect was clicked, by TeamViewer's clock as last seen. */
  startedAt: string;
  assignedUserId?: string;
  assignedName?: string;
}
type Running = Record<string, RunningDevice>;

export async function runningDevices(): Promise<RunningDevice[]> {
  return Object.values((await getLocal<Running>(LOCAL_KEYS.deviceConnections)) ?? {});
}

export async function runningDevice(ticketKey: string): Promise<RunningDevice | undefined> {
  return ((await getLocal<Running>(LOCAL_KEYS.deviceConnections)) ?? {})[ticketKey];
}

export const connectionView = (r: RunningDevice): DeviceConnectionView => ({ name: r.name, since: r.startedAt });

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Arms the alarm that looks for the end of running connections (or clears it when none runs). */
export async function armDeviceAlarm(): Promise<void> {
  if ((await runningDevices()).length) {
    if (!(await browser.alarms.get(DEVICE_ALARM))) await browser.alarms.create(DEVICE_ALARM, { periodInMinutes: 1 });
  } else await browser.alarms.clear(DEVICE_ALARM);
}

/** The technician's Connect on a device row of the ticket's widget. */
export function connectDevice(ticketKey: string, key: string): Promise<void> {
  return withTicketLock(ticketKey, async () => {
    const shown = shownDevice(ticketKey, String(key));
    if (!shown) throw AppError.of('bad_request_message', 'no such device on this ticket');
    const { device, ticket } = shown;
    const url = startLink(device.remotecontrol_id);
    if (!isOnline(device) || !isStartLink(url)) throw AppError.of('bad_request_message', 'device not connectable');
    // One at a time per ticket (the widget shows Done instead of the list while one runs).
    if (await runningDevice(ticketKey)) throw AppError.of('bad_request_message', 'a device connection is running');
    const { account } = await connectedClient();
    const assignee = await currentTechnician().catch(() => undefined);
    await browser.tabs.create({ url });
    const run: RunningDevice = {
      id: crypto.randomUUID(), ticketKey, ticket, name: device.alias || device.remotecontrol_id!,
      ...(device.remotecontrol_id ? { remotecontrolId: device.remotecontrol_id } : {}),
      ...(device.device_id ? { deviceId: device.device_id } : {}),
      startedAt: isoSecond(Date.now() + lastServerOffsetMs()),
      assignedUserId: assignee?.userid ?? account.userid, assignedName: assignee?.name ?? account.name,
    };
    await updateLocal<Running>(LOCAL_KEYS.deviceConnections, (cur) => ({ ...cur, [ticketKey]: run }));
    await armDeviceAlarm();
    emit('device-changed', { ticketKey });
  });
}

/** Reports of connections to devices (no session code) since the earliest of `runs` started. */
async function deviceReports(runs: RunningDevice[]): Promise<TvConnectionRecord[]> {
  const since = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const { client } = await connectedClient();
  return client.connectionReports({ has_code: 'false', from_date: isoSecond(since - 60_000) });
}

const reportsOf = (run: RunningDevice, all: TvConnectionRecord[]) => all.filter((r) => isConnectionOf(r, run, Date.parse(run.startedAt)));

/** Records the connection as ended: from its reports when TeamViewer has them (times, notes), else
 *  from Connect until now. */
async function finish(run: RunningDevice, reports: TvConnectionRecord[]): Promise<void> {
  const starts = reports.map((r) => r.start_date!).filter(Boolean).sort();
  const ends = reports.map((r) => r.end_date!).filter(Boolean).sort();
  const start = starts[0] ?? run.startedAt;
  const end = ends[ends.length - 1] ?? isoSecond(Date.now() + lastServerOffsetMs());
  const notes = reports.map((r) => r.notes?.trim()).filter(Boolean).join('\n') || undefined;
  const seconds = reports.length
    ? reports.reduce((s, r) => s + Math.max(0, (Date.parse(r.end_date ?? '') - Date.parse(r.start_date ?? '')) / 1000 || 0), 0)
    : Math.max(0, (Date.parse(end) - Date.parse(start)) / 1000);
  const rec: CaseRecord = {
    id: run.id, ticketKey: run.ticketKey, ticket: run.ticket, state: 'closed', kind: 'device', closedBy: 'stop',
    ...(run.ticket.fields.technician ? { technician: run.ticket.fields.technician } : {}),
    ...(run.assignedUserId ? { assignedUserId: run.assignedUserId } : {}), ...(run.assignedName ? { assignedName: run.assignedName } : {}),
    requestedAt: run.startedAt, createdAt: start, closedAt: end, updatedAt: end,
    connection: { seconds, count: Math.max(1, reports.length), devices: [run.name], ...(notes ? { notes } : {}) },
    comment: { text: deviceComment({ device: run.name, start, end, ...(notes ? { notes } : {}) }, uiLocale()), posted: false },
  };
  await updateLocal<Running>(LOCAL_KEYS.deviceConnections, (cur) => {
    const { [run.ticketKey]: _gone, ...rest } = cur ?? {};
    return rest;
  });
  await saveCase(rec); // case-changed: the ticket's widgets are told and a tab posts the comment
  emit('device-changed', { ticketKey: run.ticketKey });
  await armDeviceAlarm();
}

/** The technician's Done: the connection is recorded with what TeamViewer reported of it so far. */
export function doneDevice(ticketKey: string): Promise<void> {
  return withTicketLock(ticketKey, async () => {
    const run = await runningDevice(ticketKey);
    if (!run) return;
    const reports = await deviceReports([run]).then((all) => reportsOf(run, all)).catch(() => []);
    await finish(run, reports);
  });
}

/** The alarm (and the test build's tick): a running connection that TeamViewer reports as ended is
 *  recorded. One report call for all running connections. */
export async function checkDeviceConnections(): Promise<void> {
  const runs = await runningDevices();
  if (!runs.length) return armDeviceAlarm();
  const all = await deviceReports(runs).catch(() => undefined);
  if (!all) return;
  for (const run of runs) {
    const mine = reportsOf(run, all).filter((r) => r.end_date);
    if (mine.length) {
      await withTicketLock(run.ticketKey, async () => {
        if ((await runningDevice(run.ticketKey))?.id === run.id) await finish(run, mine);
      });
    }
  }
}
