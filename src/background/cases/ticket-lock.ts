// Work on one ticket's cases runs one at a time inside this worker (start, stop, the watcher's
// changes, page-task results): a double click becomes one start, and no writer works from a stale
// record.
import { createKeyedLock } from '../../shared/keyed-lock';

export const withTicketLock = createKeyedLock();
