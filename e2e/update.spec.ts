// An update keeps everything. The previous release (0.1.0, built from its commit: see
// previous-release.ts) is installed in a fresh browser profile and used as a technician and an
// administrator would: connected, a help-desk site added with its own profile, settings changed,
// cases made (one open, several closed, one whose closing comment is still pending). Then today's
// build replaces its files and is loaded again in the same profile, under the same id: Chromium
// handles that as an update (onInstalled with reason "update" and the previous version), as it does
// a store update. Both loads go through CDP's Extensions.loadUnpacked, the "Load unpacked" of
// chrome://extensions: a build given with --load-extension is reported as "install" at every
// browser start, and chrome.runtime.reload() keeps the old manifest, so neither is an update.
// After the update: history (the same records, in the IndexedDB migrated from version 1, not
// recreated), settings, sites and profiles, the token, the open case and its watcher, and the
// pending comment are all there and work.
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import { CHROMIUM, EXTENSION_DIR, chromiumArgs, connectToken, currentWorker, expect, widget, startFromWidget } from './fixtures';
import { PREVIOUS_RELEASE, previousReleaseBuild } from './previous-release';
import { test, addSite, optionsUrl, siteRow } from './site-helpers';
import { SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';

const EXTENSION_ID = 'jnolmkmcgfnghfjkmgilbcbinffbikdf'; // the test builds' fixed key
const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';
const POLL = 'Check TeamViewer every (seconds)';
const SUBJECT = 'Remote support, ticket {{ticket.number}}';
const PROFILE_NAME = 'ACME Support Central';
/** Today's built-in on-prem profile in the form 0.1.0 knows (regex ticketUrl entries, none of the
 *  keys added since), which the old build's validator accepts and the new one must keep. */
const { signedInUser: _u, numberInUrl: _n, ...onpremProfile } = SUPPORT_CENTRAL_PROFILE;
const { asset: _a, ...oldFields } = onpremProfile.fields; // the requester's computer (issue 19)
const OLD_PROFILE = { ...onpremProfile, fields: oldFields, name: PROFILE_NAME, ticketUrl: ['/ServiceRecord\\.aspx\\?(?:[^#]*&)?id=(?<id>\\d+)'] };

type Snapshot = { dbVersion: number; records: { id: string; state: string }[]; storage: Record<string, unknown> };

/** What the worker keeps: the history database (read without upgrading it) and storage.local. */
async function snapshot(sw: Worker): Promise<Snapshot> {
  return sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('tv4boss');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const records = await new Promise<{ id: string; state: string }[]>((resolve, reject) => {
      const q = db.transaction('cases').objectStore('cases').getAll();
      q.onsuccess = () => resolve(q.result as { id: string; state: string }[]);
      q.onerror = () => reject(q.error);
    });
    const indexes = [...db.transaction('cases').objectStore('cases').indexNames];
    db.close();
    return { dbVersion: db.version, records: records.sort((a, b) => a.id.localeCompare(b.id)), storage: { ...(await chrome.storage.local.get(null)), __indexes: indexes } };
  });
}

/** Chromium with no extension yet; extensions are loaded through CDP (see the top of this file). */
async function launch(profile: string): Promise<{ ctx: BrowserContext; load(dir: string): Promise<string> }> {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, locale: 'en-US', env: { ...process.env, LANGUAGE: 'en_US' },
    ignoreDefaultArgs: ['--disable-extensions'],
    // The suite's flags, less the two that load dist-test/ from the command line.
    args: [...chromiumArgs().filter((a) => !/^--(disable-extensions-except|load-extension)=/.test(a)), '--enable-unsafe-extension-debugging', '--lang=en-US'],
  });
  const cdp = await ctx.browser()!.newBrowserCDPSession();
  return { ctx, load: async (dir) => (await cdp.send('Extensions.loadUnpacked', { path: dir })).id };
}

async function stopCase(page: Page): Promise<void> {
  await widget(page).getByRole('button', { name: STOP }).click();
  await expect(widget(page).getByRole('button', { name: START })).toBeVisible();
}

test('an update from the previous release keeps history, settings, sites, profiles, the open case and its watcher, and a pending comment', async ({ sandbox, desk, onprem }) => {
  test.setTimeout(120_000);
  const previous = previousReleaseBuild();
  const root = mkdtempSync(join(tmpdir(), 'tv4boss-update-'));
  const extDir = join(root, 'extension');
  const profile = join(root, 'profile');
  cpSync(previous, extDir, { recursive: true });
  const { ctx, load } = await launch(profile);
  try {
    // --- The previous release, used. ---
    const first = ctx.waitForEvent('serviceworker');
    expect(await load(extDir)).toBe(EXTENSION_ID);
    let sw = await first;
    expect(await sw.evaluate(() => chrome.runtime.getManifest().version)).toBe(PREVIOUS_RELEASE.version);
    const options = ctx.pages()[0] ?? (await ctx.newPage());
    await connectToken(options, EXTENSION_ID, sandbox);
    await expect(options.getByTestId('account')).toBeVisible();
    // Settings: a 2 s watcher (the test build allows it), so that the real alarm works below; a subject.
    await options.getByLabel(POLL).fill('2');
    await options.getByLabel(POLL).blur();
    await options.getByLabel('Subject').fill(SUBJECT);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByText('Saved')).toBeVisible();
    // A site with its own profile.
    const site = onprem.handle.url;
    await addSite(options, EXTENSION_ID, site);
    await siteRow(options, site).getByRole('button', { name: 'Edit profile' }).click();
    await options.getByLabel('Profile (JSON)').fill(JSON.stringify(OLD_PROFILE, null, 2));
    await options.getByRole('button', { name: 'Save profile' }).click();
    await expect(options.getByText('Profile saved.')).toBeVisible();
    await expect(siteRow(options, site)).toContainText(`${PROFILE_NAME} (own profile)`);

    // Cases: two closed on the cloud layout, one closed on the added site, one closed with its
    // comment pending (the comment form is gone), one open.
    const tab = await ctx.newPage();
    for (const url of [desk.ticketUrl('1043'), desk.ticketUrl('1044'), onprem.ticketUrl('1046', { layout: 'onprem' })]) {
      await startFromWidget(tab, url);
      await stopCase(tab);
    }
    await startFromWidget(tab, desk.ticketUrl('1045'));
    await tab.locator('.comment-form').evaluate((f) => f.remove());
    await stopCase(tab);
    await expect(widget(tab).getByTestId('comment-pending')).toBeVisible();
    const openCode = await startFromWidget(tab, desk.ticketUrl('1042'));
    await expect.poll(async () => (await desk.comments()).map((c) => String(c.ticketId)).sort()).toEqual(['1043', '1044']);
    await expect.poll(async () => (await onprem.comments('1046')).length).toBe(1);

    sw = await currentWorker(ctx);
    const before = await snapshot(sw);
    expect(before.dbVersion).toBe(1);
    expect(before.records.map((r) => r.state).sort()).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    expect(Object.keys(before.storage)).toEqual(expect.arrayContaining(['vault', 'settings', 'sites', 'group']));

    // --- The update: today's files in place of the previous release's, loaded again. ---
    rmSync(extDir, { recursive: true, force: true });
    cpSync(EXTENSION_DIR, extDir, { recursive: true });
    const started = ctx.waitForEvent('serviceworker', { predicate: (w) => w !== sw });
    expect(await load(extDir)).toBe(EXTENSION_ID);
    sw = await started;
    expect(new URL(sw.url()).host).toBe(EXTENSION_ID);
    expect(await sw.evaluate(() => chrome.runtime.getManifest().version)).toBe(pkg.version);

    // onInstalled("update") ran: previous version and the database upgrade recorded.
    await expect.poll(async () => (await sw.evaluate(() => chrome.storage.local.get('install'))).install, { timeout: 15_000 })
      .toEqual({ version: pkg.version, previousVersion: PREVIOUS_RELEASE.version, updatedAt: expect.any(String), historyDb: { from: 1, to: 5 } });

    // History: the same records, in the migrated database (version 5: the report indexes, the daily roll-ups, the reports' per-day copy).
    const after = await snapshot(sw);
    expect(after.dbVersion).toBe(5);
    expect(after.records).toEqual(before.records);
    expect(after.storage.__indexes).toEqual(expect.arrayContaining(['byTicket', 'byState', 'byRequested', 'byTechnician', 'byOrigin']));
    // Settings, sites and profiles, the token and the BOSS group: every key as it was, except that
    // the token 0.1.0 kept without its API address is now pinned to the one it was used with.
    expect((before.storage.vault as { apiBaseUrl?: string }).apiBaseUrl).toBeUndefined();
    for (const [key, value] of Object.entries(before.storage)) {
      if (key === 'vault') expect(after.storage[key], key).toEqual({ ...(value as object), apiBaseUrl: sandbox.handle.apiBase });
      else if (key !== '__indexes') expect(after.storage[key], key).toEqual(value);
    }
    // The watcher is armed again, with the stored period.
    await expect.poll(async () => (await sw.evaluate(() => chrome.alarms.get('watch')))?.periodInMinutes).toBe(2 / 60);
    // The site's content script is registered for the new bundle.
    const js = await sw.evaluate(async () => ({
      manifest: chrome.runtime.getManifest().content_scripts?.[0]?.js,
      registered: (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, js: s.js })),
    }));
    expect(js.registered).toEqual([{ id: `site:${site}`, js: js.manifest }]);

    // The options page (the update closed the open one) shows what was set.
    const options2 = await ctx.newPage();
    await options2.goto(optionsUrl(EXTENSION_ID));
    await expect(options2.getByTestId('account')).toBeVisible();
    await expect(options2.getByLabel(POLL)).toHaveValue('2');
    await expect(options2.getByLabel('Subject')).toHaveValue(SUBJECT);
    await expect(siteRow(options2, site)).toContainText(`${PROFILE_NAME} (own profile)`);

    // The pending comment is posted on the next visit, once.
    await tab.goto(desk.ticketUrl('1045'));
    await expect.poll(async () => (await desk.comments('1045')).length).toBe(1);
    await expect(widget(tab).getByTestId('comment-pending')).toHaveCount(0);
    await expect(widget(tab).getByTestId('history-item').first()).toHaveAttribute('data-outcome', 'closed');

    // The site still gets its widget, with the earlier case in its history.
    await tab.goto(onprem.ticketUrl('1046', { layout: 'onprem' }));
    await expect(widget(tab).getByTestId('history-item')).toHaveAttribute('data-outcome', 'closed');

    // The open case: same code, and the watcher's alarm (not a test hook) sees the customer join.
    await tab.goto(desk.ticketUrl('1042'));
    await expect(widget(tab).getByTestId('code')).toHaveText(openCode);
    await sandbox.call('POST', `/sessions/${openCode}/online`, {});
    await expect(widget(tab).getByTestId('online')).toBeVisible({ timeout: 15_000 });
    await stopCase(tab);
    await expect.poll(async () => (await desk.comments('1042')).length).toBe(1);
    expect((await desk.comments('1042'))[0]!.text).toContain(openCode);
    expect((await sandbox.state()).sessions.filter((s) => s.state.toLowerCase() !== 'closed')).toEqual([]);
  } finally {
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  }
});
