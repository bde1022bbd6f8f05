// The content script's only ways to the worker: typed requests and one live port per ticket.
import { TICKET_PORT, type PortIn, type PortOut } from '../shared/protocol';
import type { Ticket } from '../shared/ticket';

export { request } from '../platform/messaging';

/** First reconnect delay; doubled after each failed try up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 250;
export const RETRY_MAX_MS = 30_000;
/** A port that stayed up this long was a working connection: the next reconnect is quick again. */
const STABLE_MS = 10_000;

/** Keeps a port open for a ticket, reconnecting when the worker is stopped. Returns a closer.
 *  A port the worker closes right after our 'watch', without ever sending a view, is a refusal
 *  (a ticket of another origin, a sender it does not trust): asking again would only keep the
 *  worker awake, so the watch ends there. Anything else is retried with exponential backoff. */
export function watchTicket(ticketKey: string, onMessage: (m: PortOut) => void, ticket?: Ticket): () => void {
  let closed = false;
  let port: chrome.runtime.Port | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_FIRST_MS;
  const open = () => {
    if (closed) return;
    let heard = false;
    const since = Date.now();
    try {
      port = chrome.runtime.connect({ name: TICKET_PORT });
    } catch {
      return; // extension context gone: nothing to reconnect to
    }
    port.onMessage.addListener((m: unknown) => {
      heard = true;
      onMessage(m as PortOut);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      // lastError set: the worker could not be reached (not a refusal). Reading it also keeps
      // Chromium from logging "Unchecked runtime.lastError".
      const failed = !!chrome.runtime.lastError;
      if (closed || (!heard && !failed)) return;
      if (heard && Date.now() - since >= STABLE_MS) delay = RETRY_FIRST_MS;
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    });
    // The ticket as read when it came on screen: the worker looks up its requester's computers (issue 19).
    port.postMessage({ type: 'watch', ticketKey, ticket } satisfies PortIn);
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
