// The panel's live line to the worker: a runtime port that the worker pushes a snapshot on, on
// every case event. Nothing polls: the port is reconnected when the worker restarts.
import { PANEL_PORT, type PanelPortOut, type PanelSnapshot } from '../../shared/protocol';

export function listenToCases(onSnapshot: (s: PanelSnapshot) => void, onLost: () => void): () => void {
  let port: chrome.runtime.Port | undefined;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    if (!performance.getEntriesByName('tv4boss-panel-connect').length) performance.mark('tv4boss-panel-connect');
    port = chrome.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((m: PanelPortOut) => {
      if (m?.type !== 'cases') return;
      if (!performance.getEntriesByName('tv4boss-panel-snapshot').length) performance.mark('tv4boss-panel-snapshot'); // bench/panel.ts
      onSnapshot(m.snapshot);
    });
    port.onDisconnect.addListener(() => {
      void chrome.runtime.lastError;
      port = undefined;
      if (closed) return;
      onLost();
      timer = setTimeout(connect, 500); // the worker was stopped: a new one answers the next connect
    });
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
