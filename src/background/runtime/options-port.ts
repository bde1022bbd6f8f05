// The options page's live line: a runtime port named OPTIONS_PORT on which the worker says
// { type: 'policy-changed' } when enterprise policy changed, so that the page shows the new
// connection, settings and sites at once. Extension pages only.
import type { Runtime } from 'webextension-polyfill';
import type { OptionsPortOut } from '../../shared/protocol';
import { on } from '../events';
import { pagePorts } from './page-ports';

const ports = pagePorts<OptionsPortOut>();

export function acceptOptionsPort(port: Runtime.Port): void {
  ports.accept(port);
}

export function pushOptionsOnEvents(): void {
  // After the other listeners of the same change (the connection's views) have started.
  on('policy-changed', () => ports.broadcast({ type: 'policy-changed' }));
}
