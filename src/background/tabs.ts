// Open help-desk tabs watching a ticket, over runtime ports. Ports die with the worker; the
// content script reconnects, so this registry never needs persisting.
import type { Runtime } from 'webextension-polyfill';
import { originOfKey } from '../shared/ticket';
import type { PortIn, PortOut } from '../shared/protocol';
import { helpdeskSenderOrigin } from './sender';

const watchers = new Map<Runtime.Port, string>();
type OnWatch = (ticketKey: string, port: Runtime.Port) => void;

export function acceptPort(port: Runtime.Port, onWatch: OnWatch): void {
  const ready = helpdeskSenderOrigin(port.sender ?? {});
  port.onMessage.addListener(async (raw: unknown) => {
    const origin = await ready;
    const msg = raw as PortIn;
    // A page may only watch tickets of its own origin.
    if (!origin || msg?.type !== 'watch' || typeof msg.ticketKey !== 'string' || originOfKey(msg.ticketKey) !== origin) {
      port.disconnect();
      watchers.delete(port);
      return;
    }
    watchers.set(port, msg.ticketKey);
    onWatch(msg.ticketKey, port);
  });
  port.onDisconnect.addListener(() => watchers.delete(port));
}

export function send(port: Runtime.Port, msg: PortOut): void {
  try {
    port.postMessage(msg);
  } catch {
    watchers.delete(port);
  }
}

export function portsWatching(ticketKey: string): Runtime.Port[] {
  return [...watchers].filter(([, k]) => k === ticketKey).map(([p]) => p);
}

export function watchedTickets(): string[] {
  return [...new Set(watchers.values())];
}

/** The tab id of some tab showing the ticket (for "focus the ticket"). */
export function tabOf(ticketKey: string): number | undefined {
  return portsWatching(ticketKey)[0]?.sender?.tab?.id;
}
