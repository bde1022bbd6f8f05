// The live lines the worker keeps to its extension pages (options, reports, side panel): only an
// extension page may join (a content script that opens one is disconnected), and a port whose
// page is gone is dropped when a message to it fails.
import type { Runtime } from 'webextension-polyfill';
import { isExtensionPage } from './sender';

export interface PagePorts<Out> {
  /** Joins an extension page's port; false (and disconnected) for anything else. */
  accept(port: Runtime.Port): boolean;
  post(port: Runtime.Port, msg: Out): void;
  broadcast(msg: Out): void;
  readonly size: number;
}

export function pagePorts<Out>(): PagePorts<Out> {
  const ports = new Set<Runtime.Port>();
  const post = (port: Runtime.Port, msg: Out): void => {
    try {
      port.postMessage(msg);
    } catch {
      ports.delete(port);
    }
  };
  return {
    accept(port) {
      if (!isExtensionPage(port.sender ?? {})) {
        port.disconnect();
        return false;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      return true;
    },
    post,
    broadcast: (msg) => ports.forEach((p) => post(p, msg)),
    get size() {
      return ports.size;
    },
  };
}
