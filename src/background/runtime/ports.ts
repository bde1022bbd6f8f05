// Open help-desk tabs watching a ticket, over runtime ports: the one channel that carries a
// ticket's state to its widgets. Pushes a fresh view on every case event of that ticket and hands
// pending page tasks to one tab. Ports die with the worker; the content script reconnects, so this
// registry never needs persisting.
import browser, { type Runtime } from 'webextension-polyfill';
import devicesFile from '../../devices/main.iife.ts?script';
import type { CaseRecord } from '../../shared/case';
import { originOfKey, ticketKey } from '../../shared/ticket';
import type { PortIn, PortOut, TicketView } from '../../shared/protocol';
import { claimTasks } from '../cases/page-tasks';
import { noteTicketsOnScreen, ticketCameOnScreen } from '../cases/watcher';
import { on } from '../events';
import { casesOfTicket } from '../store/history';
import { helpdeskSenderOrigin } from './sender';
import { ticketView } from './views';
import { loadTicketDevices } from '../devices/requester-devices';

const watchers = new Map<Runtime.Port, string>();

function send(port: Runtime.Port, msg: PortOut): void {
  try {
    port.postMessage(msg);
  } catch {
    watchers.delete(port);
  }
}

function portsWatching(ticketKey: string): Runtime.Port[] {
  return [...watchers].filter(([, k]) => k === ticketKey).map(([p]) => p);
}

function offerTasks(rec: CaseRecord, port: Runtime.Port | undefined): void {
  if (!port) return;
  for (const task of claimTasks(rec)) send(port, { type: 'page-task', ticketKey: rec.ticketKey, caseId: rec.id, task });
}

/** Ports whose frame has the device section (src/devices) injected: a new page is a new port. */
const withDeviceSection = new WeakSet<Runtime.Port>();

/** The requester's computers (issue 19) are drawn by a section the content script does not carry
 *  (its size is budgeted): injected into the port's frame, in the content script's world, before
 *  the first view that has devices or a running connection reaches it. */
async function ensureDeviceSection(port: Runtime.Port, view: TicketView): Promise<void> {
  if ((!view.devices?.length && !view.deviceConnection) || withDeviceSection.has(port)) return;
  const tabId = port.sender?.tab?.id;
  if (tabId === undefined) return;
  withDeviceSection.add(port);
  await browser.scripting.executeScript({ target: { tabId, frameIds: [port.sender?.frameId ?? 0] }, files: [devicesFile] })
    .catch((e) => console.warn('device section not injected', e));
}

async function sendView(port: Runtime.Port, view: TicketView): Promise<void> {
  await ensureDeviceSection(port, view);
  send(port, { type: 'view', view });
}

async function pushView(ticketKey: string): Promise<void> {
  const ports = portsWatching(ticketKey);
  if (!ports.length) return;
  const view = await ticketView(ticketKey);
  await Promise.all(ports.map((port) => sendView(port, view)));
}

/** A content script asks to watch a ticket: only of its own origin, from a help-desk tab. */
export function acceptPort(port: Runtime.Port): void {
  const ready = helpdeskSenderOrigin(port.sender ?? {});
  port.onMessage.addListener(async (raw: unknown) => {
    const origin = await ready;
    const msg = raw as PortIn;
    if (!origin || msg?.type !== 'watch' || typeof msg.ticketKey !== 'string' || originOfKey(msg.ticketKey) !== origin) {
      port.disconnect();
      watchers.delete(port);
      return;
    }
    watchers.set(port, msg.ticketKey);
    noteTicketsOnScreen(watchers.size);
    void ticketCameOnScreen(msg.ticketKey).catch((e) => console.warn('no look at the group', e));
    await sendView(port, await ticketView(msg.ticketKey));
    for (const rec of await casesOfTicket(msg.ticketKey)) offerTasks(rec, port);
    // The requester's computers (issue 19): read after the first view (never delaying it), from
    // the fields the tab read; the view is pushed again when they are known.
    const t = msg.ticket;
    if (t && typeof t === 'object' && t.fields && typeof t.fields === 'object' && t.origin === origin && ticketKey(t) === msg.ticketKey) {
      void loadTicketDevices(t).catch((e) => console.warn('devices', e));
    }
  });
  port.onDisconnect.addListener(() => {
    watchers.delete(port);
    noteTicketsOnScreen(watchers.size);
  });
}

/** Every event that changes what a ticket's widgets show is pushed to them. */
export function pushOnEvents(): void {
  on('case-changed', async ({ ticketKey, record }) => {
    await pushView(ticketKey);
    offerTasks(record, portsWatching(ticketKey)[0]);
  });
  on('ticket-error', ({ ticketKey }) => pushView(ticketKey));
  on('ticket-waiting', ({ ticketKey }) => pushView(ticketKey));
  on('device-changed', ({ ticketKey }) => pushView(ticketKey));
  on('connection-changed', async () => {
    await Promise.all([...new Set(watchers.values())].map(pushView));
  });
}

/** The tab id of some tab showing the ticket (for "focus the ticket"). */
export function tabOf(ticketKey: string): number | undefined {
  return portsWatching(ticketKey)[0]?.sender?.tab?.id;
}
