// The content script's only ways to the worker: typed requests and one live port per ticket.
import { TICKET_PORT, type PortIn, type PortOut } from '../shared/protocol';

export { request } from '../platform/messaging';

/** Keeps a port open for a ticket, reconnecting when the worker is stopped. Returns a closer. */
export function watchTicket(ticketKey: string, onMessage: (m: PortOut) => void): () => void {
  let closed = false;
  let port: chrome.runtime.Port | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    if (closed) return;
    try {
      port = chrome.runtime.connect({ name: TICKET_PORT });
    } catch {
      return; // extension context gone: nothing to reconnect to
    }
    port.onMessage.addListener((m: unknown) => onMessage(m as PortOut));
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (!closed) timer = setTimeout(open, 250);
    });
    port.postMessage({ type: 'watch', ticketKey } satisfies PortIn);
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
