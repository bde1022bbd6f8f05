// Who listens to the worker's events (events.ts). The order matters: the views' transient facts
// are kept before any push reads them.
import { armOnChanges } from './cases/watcher';
import { notifyOnCaseEvents } from './runtime/notifier';
import { pushOptionsOnEvents } from './runtime/options-port';
import { pushOnEvents } from './runtime/ports';
import { pushReportsOnEvents } from './runtime/reports-port';
import { rememberTicketFacts } from './runtime/views';
import { pushPanelOnEvents } from './runtime/panel';
import { badgeOnEvents } from './runtime/badge';
import { devicesOnEvents } from './devices/requester-devices';

export function listenToEvents(): void {
  rememberTicketFacts();
  devicesOnEvents();
  pushOnEvents();
  notifyOnCaseEvents();
  armOnChanges();
  pushReportsOnEvents();
  pushOptionsOnEvents();
  pushPanelOnEvents();
  badgeOnEvents();
}
