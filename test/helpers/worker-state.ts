// history.ts keeps its IndexedDB connection open for the worker's life, and a delete waits for
// open connections to close: remember every connection so that the database can be deleted
// between tests.
import { beforeEach, vi } from 'vitest';

const connections: IDBDatabase[] = [];
const realOpen = indexedDB.open.bind(indexedDB);
vi.spyOn(indexedDB, 'open').mockImplementation((name: string, version?: number) => {
  const req = realOpen(name, version);
  req.addEventListener('success', () => connections.push(req.result));
  return req;
});

export async function deleteDb(name: string): Promise<void> {
  for (const c of connections.splice(0)) c.close();
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}

/** Before each test: the history database deleted and the worker's modules reloaded (they keep
 *  its connection and the reports' memory at module level). */
export function freshHistoryEachTest(): void {
  beforeEach(async () => {
    await deleteDb('tv4boss');
    vi.resetModules();
  });
}

/**
 * A worker's browser as after a fresh install: fake browser storage emptied, IndexedDB deleted and
 * modules reloaded (history.ts and friends cache state at module level); the manifest of `version`
 * and content-script registration, which the fake browser does not implement (no-ops here).
 */
export async function resetWorkerBrowser(version = '0.0.0'): Promise<void> {
  const { fakeBrowser } = await import('@webext-core/fake-browser');
  fakeBrowser.reset();
  await deleteDb('tv4boss');
  vi.resetModules();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3, name: 'TeamViewer for BOSS', version,
    content_scripts: [{ matches: ['https://*.bossdesk.io/*'], js: ['src/content/main.iife.js'] }],
  });
  Object.assign(fakeBrowser, {
    scripting: { getRegisteredContentScripts: async () => [], registerContentScripts: async () => undefined, unregisterContentScripts: async () => undefined },
  });
}

/** resetWorkerBrowser, with the sandbox reset and i18n answering with its keys. */
export async function freshWorkerState(sandboxUrl: string): Promise<void> {
  const { fakeBrowser } = await import('@webext-core/fake-browser');
  await fetch(`${sandboxUrl}/__control/reset`, { method: 'POST', body: '{}' });
  await resetWorkerBrowser();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
}

/**
 * The worker's modules, freshly evaluated, with their event listeners wired as in index.ts, and
 * connected to the sandbox unless told otherwise. start/stop answer with the ticket's view once
 * every listener has run: what the widgets would have been pushed.
 */
export async function loadWorker(apiBase: string, token: string, opts: { connect?: boolean } = {}) {
  const account = await import('../../src/background/account/account');
  const cases = await import('../../src/background/cases/cases');
  const reconcile = await import('../../src/background/cases/reconcile');
  const history = await import('../../src/background/store/history');
  const watcher = await import('../../src/background/cases/watcher');
  const views = await import('../../src/background/runtime/views');
  const events = await import('../../src/background/events');
  const { listenToEvents } = await import('../../src/background/listeners');
  const { ticketKey } = await import('../../src/shared/ticket');
  listenToEvents();
  if (opts.connect !== false) await account.connect(token, apiBase);
  const settled = async (key: string) => {
    await events.idle();
    return views.ticketView(key);
  };
  return {
    ...account, ...history, ...watcher, ...views, ...reconcile,
    startCase: async (t: Parameters<typeof cases.startCase>[0]) => {
      await cases.startCase(t);
      return settled(ticketKey(t));
    },
    stopCase: async (key: string, opts?: Parameters<typeof cases.stopCase>[1]) => {
      await cases.stopCase(key, opts);
      return settled(key);
    },
    tick: async (source?: Parameters<typeof watcher.tick>[0]) => {
      await watcher.tick(source);
      await events.idle();
    },
    idle: events.idle,
  };
}
