// The reports page's live line: a runtime port named 'reports' that the worker pushes
// { type: 'changed' } (history changed: query again) and { type: 'sync', status } on, from the
// worker's events. Extension pages only; a content script that opens one is disconnected.
import type { Runtime } from 'webextension-polyfill';
import type { ReportsPortOut } from '../../shared/reports/types';
import { on } from '../events';
import { pagePorts } from './page-ports';

const ports = pagePorts<ReportsPortOut>();

export function acceptReportsPort(port: Runtime.Port, hello?: () => Promise<ReportsPortOut | undefined>): void {
  if (!ports.accept(port)) return;
  void hello?.().then((m) => m && ports.post(port, m));
}

const broadcast = (msg: ReportsPortOut) => ports.broadcast(msg);

let timer: ReturnType<typeof setTimeout> | undefined;
/** History changed: a case (its lifecycle), a sync or an import. Debounced. */
function notifyReportsChanged(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    broadcast({ type: 'changed' });
  }, 250);
}

/** Live refresh of open reports pages from the worker's events. */
export function pushReportsOnEvents(): void {
  on('case-changed', notifyReportsChanged);
  on('history-changed', notifyReportsChanged);
  on('sync-progress', ({ status }) => broadcast({ type: 'sync', status }));
}
