// onInstalled (src/background/install.ts): an update from 0.1.0 migrates the history database it
// left (version 1) instead of recreating it, registers the sites' content scripts for the new
// bundle, re-arms the watcher for the open case, and records where it came from. The browser's end
// of it (a real profile, the same extension id) is e2e/update.spec.ts.
import { describe, it, expect, beforeEach } from 'vitest';
import { writeHistoryV1 } from './helpers/history-v1';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { CaseRecord } from '../src/shared/case';
import { resetWorkerBrowser } from './helpers/worker-state';

const ORIGIN = 'https://acme.bossdesk.io';
const SITE = 'https://desk.acme.local';
const NEW_JS = ['src/content/main.iife.js'];
const future = new Date(Date.now() + 20 * 3600_000).toISOString();

function record(id: string, over: Partial<CaseRecord>): CaseRecord {
  return {
    id, ticketKey: `${ORIGIN}#${id}`, state: 'closed', technician: 'Marta Gómez',
    ticket: { origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`, fields: { number: `#${id}`, title: 'Printer' } },
    requestedAt: '2026-11-20T08:00:00.000Z', code: `s12-345-${id}`, createdAt: '2026-11-20T08:00:01.000Z',
    closedAt: '2026-11-20T08:30:00.000Z', validUntil: '2026-11-21T08:00:01.000Z', updatedAt: '2026-11-20T08:30:00.000Z', ...over,
  };
}
const RECORDS = [
  record('101', { state: 'open', closedAt: undefined, validUntil: future }),
  record('102', { comment: { text: 'Session closed', posted: true } }),
  record('103', { state: 'expired' }),
  record('104', { comment: { text: 'Session closed', posted: false } }), // the pending comment
];

/** The profile 0.1.0 leaves: its history database (version 1, built as src/background/history.ts
 *  built it at 8f4bfae), its storage keys, and a content script registered for its bundle. */
async function previousRelease(): Promise<{ registered: { id: string; js?: string[] }[] }> {
  await writeHistoryV1(RECORDS);
  await fakeBrowser.storage.local.set({
    settings: { apiBaseUrl: 'https://webapi.teamviewer.com/api/v1', pollSeconds: 60, notifyOnExpiry: true, autoSendEmail: false, emailSubject: 'Ticket {{ticket.number}}', emailBody: '{{teamviewer.customer_link}}' },
    sites: [{ origin: SITE }],
  });
  const registered = [{ id: `site:${SITE}`, matches: [`${SITE}/*`], js: ['src/content/main.iife.old.js'] }];
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: async () => registered.map((r) => ({ ...r })),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.splice(registered.findIndex((r) => r.id === id), 1);
      },
      registerContentScripts: async (list: typeof registered) => void registered.push(...list),
    },
  });
  return { registered };
}

beforeEach(() => resetWorkerBrowser('0.2.0'));

describe('onInstalled', () => {
  it('update from 0.1.0: history migrated with every record, content scripts for the new bundle, watcher armed, versions recorded', async () => {
    const { registered } = await previousRelease();
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'update', previousVersion: '0.1.0' });

    const history = await import('../src/background/store/history');
    const db = await history.db();
    expect(db.version).toBe(history.DB_VERSION);
    expect([...db.transaction('cases').store.indexNames]).toContain('byRequested');
    expect((await history.allCases()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(RECORDS);
    expect(registered).toEqual([{ id: `site:${SITE}`, matches: [`${SITE}/*`], js: NEW_JS, runAt: 'document_idle', persistAcrossSessions: true }]);
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name).sort()).toEqual(['expiry', 'watch']);
    expect((await fakeBrowser.alarms.get('watch'))?.periodInMinutes).toBe(1); // the stored 60 s
    const { install } = await fakeBrowser.storage.local.get('install');
    expect(install).toEqual({ version: '0.2.0', previousVersion: '0.1.0', updatedAt: expect.any(String), historyDb: { from: 1, to: history.DB_VERSION } });
  });

  it('a later install event (an unpacked build loaded again) keeps what the update recorded', async () => {
    await previousRelease();
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'update', previousVersion: '0.1.0' });
    await onInstalled({ reason: 'install' });
    const { install } = await fakeBrowser.storage.local.get('install');
    expect(install).toMatchObject({ version: '0.2.0', previousVersion: '0.1.0', installedAt: expect.any(String) });
  });

  it('a fresh install records the version only; a browser update changes nothing', async () => {
    const { onInstalled } = await import('../src/background/install');
    await onInstalled({ reason: 'browser_update' });
    expect(await fakeBrowser.storage.local.get('install')).toEqual({});
    await onInstalled({ reason: 'install' });
    const { install } = await fakeBrowser.storage.local.get('install');
    expect(install).toEqual({ version: '0.2.0', installedAt: expect.any(String) });
  });
});
