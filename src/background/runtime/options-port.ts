// The options page's live line: a runtime port named OPTIONS_PORT on which the worker says
// { type: 'policy-changed' } when enterprise policy changed, so that the page shows the new
// connection, settings and sites at once. Extension pages only.
import type { Runtime } from 'webextension-polyfill';
import type { OptionsPortOut } from '../../shared/protocol';
import { on } from '../events';
import { isExtensionPage } from './sender';

const ports = new Set<Runtime.Port>();

export function acceptOptionsPort(port: Runtime.Port): void {
  if (!isExtensionPage(port.sender ?? {})) {
    port.disconnect();
    return;
  }
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
}

function post(port: Runtime.Port, msg: OptionsPortOut): void {
  try {
    port.postMessage(msg);
  } catch {
    ports.delete(port);
  }
}

export function pushOptionsOnEvents(): void {
  // After the other listeners of the same change (the connection's views) have started.
  on('policy-changed', () => ports.forEach((p) => post(p, { type: 'policy-changed' })));
}
