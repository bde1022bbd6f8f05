// After a worker restart: settle the cases that were mid-flight (creating, closing) when it died.
import browser from 'webextension-polyfill';
import { toUiError } from '../../shared/app-error';
import { TvError } from '../../shared/teamviewer/errors';
import type { CaseRecord } from '../../shared/case';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { connectedClient } from '../account/credentials';
import { activeCases, getCase } from '../store/history';
import { findCreated, finishClosed, markOpen } from './cases';
import { saveCase } from './record';
import { withTicketLock } from './ticket-lock';

/** A request in flight when the worker died may still be processed by TeamViewer for a while. */
const CREATING_GRACE_MS = 60_000;
export const RECONCILE_ALARM = 'reconcile';

const pastGrace = (rec: CaseRecord) => !(Date.now() - Date.parse(rec.requestedAt) < CREATING_GRACE_MS);
const interrupted = (rec: CaseRecord) => saveCase({ ...rec, state: 'failed', error: { kind: 'network', description: 'interrupted' } });

export async function reconcile(): Promise<void> {
  const pending = (await activeCases()).filter((c) => c.state !== 'open');
  if (!pending.length) return;
  let client: TeamViewerClient | undefined;
  try {
    ({ client } = await connectedClient());
  } catch {
    client = undefined; // no token (revoked, forgotten): nothing can be settled with TeamViewer
  }
  let again = false;
  for (const rec of pending) {
    await withTicketLock(rec.ticketKey, async () => {
      const cur = await getCase(rec.id);
      if (!cur || !['creating', 'closing'].includes(cur.state)) return;
      try {
        if (!client) throw new Error('not connected');
        if (cur.state === 'creating') {
          const found = await findCreated(client, cur);
          if (found) await markOpen(cur, found);
          else if (!pastGrace(cur)) again = true;
          else await interrupted(cur);
        } else if (cur.code) {
          const s = await client.getSession(cur.code).catch((e) => (e instanceof TvError && e.kind === 'not_found' ? undefined : Promise.reject(e)));
          if (s && s.state.toLowerCase() !== 'closed') await client.closeSession(cur.code);
          await finishClosed(client, cur, 'closed');
        }
      } catch (e) {
        // Whatever failed (no token, 401, TeamViewer down), a create is given its grace period and
        // no more: then it is recorded failed, so that no case stays "creating" (and blocks the
        // ticket's close guard) forever. A session TeamViewer did make is closed by the watcher.
        if (cur.state === 'creating' && pastGrace(cur)) await interrupted(cur);
        else if (cur.state === 'closing' && !client) await saveCase({ ...cur, state: 'close_failed', error: { kind: 'invalid_token' } });
        else again = true;
        console.warn('reconcile deferred', cur.id, toUiError(e).code);
      }
    });
  }
  if (again) await browser.alarms.create(RECONCILE_ALARM, { when: Date.now() + 5_000 });
}
