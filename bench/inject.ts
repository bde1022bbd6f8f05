// Benchmark: what the content script costs a BOSS ticket page, in real Chromium (headless) with
// the test build (dist-test/), the demo desk and the TeamViewer sandbox started in-process.
//   1. Content-script JavaScript a ticket page loads (gzip -9, every chunk): (a) statically, the
//      production build's manifest entry and its import graph; (b) dynamically, the
//      chrome-extension:// scripts a ticket page fetches (CDP Network) or has injected (CDP
//      Debugger.scriptParsed). Plus a per-source-module split from the test build's source maps.
//   2. Time until the widget is rendered (a button in its shadow root) after the integrations
//      sidebar appears and after an SPA navigation to a ticket; warm and cold service worker.
//   3. Main-thread time on a page that churns its DOM, with vs without the extension, per 1000
//      churn ticks; plus a profiled window attributing time to the extension's own frames.
// Prints figures and a summary table; fails only when a measurement cannot be taken.
// Needs `npm run build` and `npm run build:test` first. Run: npx tsx bench/inject.ts
// Knobs: BENCH_REPEATS (navigations per series, 15), BENCH_CHURN_RUNS (3), BENCH_CHURN_MS (5000).
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, chromiumArgs, connectToken, SandboxControl } from '../e2e/fixtures.ts';
import { startDesk } from '../e2e/servers/desk.ts';
import { startSandbox } from '../e2e/servers/sandbox.ts';
import { writeFigures, type Group } from './figures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DIST_TEST = join(ROOT, 'dist-test');

const BUDGET_GZ = 15 * 1024; // 15 KB (KiB) gzipped
const GOAL_SIDEBAR_MS = 16;
const GOAL_NAV_MS = 100;
const GOAL_CHURN_RATIO = 1.02;
const envInt = (name: string, dflt: number) => Number(process.env[name]) > 0 ? Number(process.env[name]) : dflt;
const REPEATS = envInt('BENCH_REPEATS', 15);
const SIDEBAR_DELAY = 200;
const TICKETS = ['1042', '1043', '1044', '1045', '1046'];
const CHURN_WINDOW_MS = envInt('BENCH_CHURN_MS', 5000);
const CHURN_RUNS = envInt('BENCH_CHURN_RUNS', 3);

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
/** Test-build chunks name their source map (a file beside them) in a comment; it is not code, so it is left out of the gzip figure. */
const stripInlineMap = (text: string) => text.replace(/\n?\/\/# sourceMappingURL=[^\n]*\n?/g, '\n');

/** Whole-machine CPU counters (Linux /proc/stat): busy and total jiffies, or undefined elsewhere. */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}
const busyPct = (a?: { busy: number; total: number }, b?: { busy: number; total: number }) =>
  a && b && b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : NaN;

function stats(xs: number[]): { median: number; p90: number; max: number; n: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { median: at(0.5), p90: at(0.9), max: s[s.length - 1] ?? NaN, n: s.length };
}

// ---------------------------------------------------------------------------------------------
// 1a. Static: the content script's module graph in a build directory

interface ChunkInfo { file: string; raw: number; gz: number; via: string }

/** Import specifiers of an emitted chunk: static imports/re-exports and import("…"), including
 *  CRXJS's loader form import(chrome.runtime.getURL("…")) (which is relative to the extension root). */
function importsOf(code: string): { spec: string; fromRoot: boolean; dynamic: boolean }[] {
  const out: { spec: string; fromRoot: boolean; dynamic: boolean }[] = [];
  const stat = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'`])([^"'`\n]+)\1/g;
  const dyn = /\bimport\s*\(\s*(?:\/\*[\s\S]*?\*\/\s*)*(?:(["'`])([^"'`\n]+)\1|chrome\.runtime\.getURL\(\s*(["'`])([^"'`\n]+)\3\s*\))/g;
  for (const m of code.matchAll(stat)) out.push({ spec: m[2]!, fromRoot: false, dynamic: false });
  for (const m of code.matchAll(dyn)) {
    if (m[2] !== undefined) out.push({ spec: m[2], fromRoot: false, dynamic: true });
    else if (m[4] !== undefined) out.push({ spec: m[4], fromRoot: true, dynamic: true });
  }
  return out;
}

function contentScriptGraph(dir: string, stripMaps: boolean): { files: ChunkInfo[]; unresolved: string[] } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  const entries = manifest.content_scripts?.[0]?.js ?? [];
  if (!entries.length) throw new Error(`${dir}/manifest.json has no content_scripts[0].js`);
  const files: ChunkInfo[] = [];
  const unresolved: string[] = [];
  const seen = new Set<string>();
  const queue: { file: string; via: string }[] = entries.map((file) => ({ file: file.replace(/^\//, ''), via: 'manifest' }));
  while (queue.length) {
    const { file, via } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    const code = stripMaps ? stripInlineMap(text) : text;
    files.push({ file, raw: Buffer.byteLength(code), gz: gz(code), via });
    for (const imp of importsOf(code)) {
      const spec = imp.spec.replace(/[?#].*$/, '');
      const isPath = imp.fromRoot || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
      const target = imp.fromRoot || spec.startsWith('/')
        ? posix.normalize(spec.replace(/^\//, ''))
        : posix.normalize(posix.join(posix.dirname(file), spec));
      if (!isPath || !existsSync(join(dir, target))) {
        unresolved.push(`${file}: ${imp.spec}`);
        continue;
      }
      queue.push({ file: target, via: `${imp.dynamic ? 'import()' : 'import'} from ${posix.basename(file)}` });
    }
  }
  return { files, unresolved };
}

const sum = (xs: ChunkInfo[], k: 'raw' | 'gz') => xs.reduce((a, f) => a + f[k], 0);

function printChunks(title: string, files: ChunkInfo[]): void {
  console.log(`  ${title}`);
  const w = Math.max(...files.map((f) => f.file.length));
  for (const f of [...files].sort((a, b) => b.gz - a.gz)) {
    console.log(`    ${f.file.padEnd(w)}  raw ${String(f.raw).padStart(7)} B  gz ${String(f.gz).padStart(6)} B  (${f.via})`);
  }
  console.log(`    ${'TOTAL'.padEnd(w)}  raw ${String(sum(files, 'raw')).padStart(7)} B  gz ${String(sum(files, 'gz')).padStart(6)} B  = ${kb(sum(files, 'gz'))}`);
}

/** Splits a chunk's generated code by original source module using its source map (the
 *  test build has one; its code is the production code plus __TEST_BUILD__ branches). */
function bySourceModule(text: string, path: string): Map<string, string> | undefined {
  const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)/.exec(text);
  const file = /\/\/# sourceMappingURL=([^\s]+\.map)\s*$/.exec(text);
  if (!inline && !file) return undefined;
  const json = inline ? Buffer.from(inline[1]!, 'base64').toString('utf8') : readFileSync(join(dirname(path), file![1]!), 'utf8');
  const map = JSON.parse(json) as { sources: string[]; mappings: string };
  const code = stripInlineMap(text);
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const decode = (seg: string): number[] => {
    const out: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of seg) {
      const d = B64.indexOf(ch);
      value += (d & 31) << shift;
      if (d & 32) { shift += 5; continue; }
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
    return out;
  };
  const label = (src: string | undefined) => {
    if (src === undefined) return '(no source mapping: glue, inlined CSS string…)';
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src);
    return nm ? `npm: ${nm[1]}` : src.replace(/^(\.\.\/)+/, '');
  };
  const pieces = new Map<string, string[]>();
  const add = (key: string, piece: string) => {
    if (!piece) return;
    const list = pieces.get(key) ?? [];
    list.push(piece);
    pieces.set(key, list);
  };
  const lines = code.split('\n');
  let srcIdx = 0;
  map.mappings.split(';').forEach((lineMap, li) => {
    const line = lines[li] ?? '';
    let col = 0;
    const segs: { col: number; src?: number }[] = [];
    for (const seg of lineMap.split(',')) {
      if (!seg) continue;
      const v = decode(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) { srcIdx += v[1] ?? 0; segs.push({ col, src: srcIdx }); } else segs.push({ col });
    }
    add(label(undefined), line.slice(0, segs[0]?.col ?? line.length));
    segs.forEach((sg, i) => add(label(sg.src === undefined ? undefined : map.sources[sg.src]), line.slice(sg.col, segs[i + 1]?.col ?? line.length)));
  });
  for (let li = map.mappings.split(';').length; li < lines.length; li++) add(label(undefined), lines[li] ?? '');
  return new Map([...pieces].map(([k, v]) => [k, v.join('')]));
}

function printModules(dir: string, files: ChunkInfo[]): void {
  const modules = new Map<string, string>();
  for (const f of files) {
    for (const [k, v] of bySourceModule(readFileSync(join(dir, f.file), 'utf8'), join(dir, f.file)) ?? []) modules.set(k, (modules.get(k) ?? '') + v);
  }
  if (!modules.size) return;
  const total = [...modules.values()].reduce((a, v) => a + Buffer.byteLength(v), 0);
  console.log('  by source module (attributed with the source maps of dist-test/; gz = that module\'s code gzipped alone,');
  console.log('  so the column sums to more than the bundle\'s gz):');
  const rowsM = [...modules].map(([k, v]) => ({ k, raw: Buffer.byteLength(v), gz: gz(v) })).sort((a, b) => b.raw - a.raw);
  const w = Math.max(...rowsM.map((r) => r.k.length));
  for (const r of rowsM) {
    console.log(`    ${r.k.padEnd(w)}  raw ${String(r.raw).padStart(6)} B (${((r.raw / total) * 100).toFixed(1).padStart(4)} %)  gz alone ${String(r.gz).padStart(5)} B`);
  }
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

const EXT_FLAGS = ['--disable-extensions-except=', '--load-extension='];

async function launch(withExtension: boolean): Promise<{ ctx: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), withExtension ? 'tv4boss-bench-ext-' : 'tv4boss-bench-plain-'));
  const args = chromiumArgs(DIST_TEST).filter((a) => withExtension || !EXT_FLAGS.some((f) => a.startsWith(f)));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args });
  return { ctx, dir };
}

/** Main-world instrumentation (a string, so no transpiler helper can leak into the page). One
 *  record per navigation: the initial load, then one per click on a link (capture listener).
 *  Only a widget inserted into the integrations element that appeared after that navigation
 *  counts; widgets inserted anywhere else meanwhile (e.g. into the outgoing ticket's sidebar,
 *  which the desk removes in the same task) are counted as "stray". */
const INSTRUMENT = `(() => {
  const T = { navs: [] };
  const sidebars = new Map();
  Object.defineProperty(window, '__tvb', { value: T });
  const newRec = (kind, href, start) => {
    const r = { kind, href, start, origin: performance.timeOrigin, sidebar: null, host: null, content: null,
      button: null, buttonClass: null, frame: null, stray: 0 };
    T.navs.push(r);
    return r;
  };
  newRec('load', location.href, 0);
  addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (a) newRec('click', a.href, performance.now());
  }, true);
  const watchShadow = (host, rec) => {
    let mo;
    const check = () => {
      const root = host.shadowRoot;
      if (!root || rec.button !== null) return;
      if (!mo) { mo = new MutationObserver(check); mo.observe(root, { childList: true, subtree: true }); }
      if (rec.content === null && root.childNodes.length) rec.content = performance.now();
      const b = root.querySelector('button');
      if (!b) return;
      rec.button = performance.now();
      rec.buttonClass = b.className;
      mo.disconnect();
      requestAnimationFrame(() => { rec.frame = performance.now(); });
    };
    check();
    const poll = () => { if (rec.button === null && host.isConnected) { check(); requestAnimationFrame(poll); } };
    requestAnimationFrame(poll);
  };
  new MutationObserver((records) => {
    const now = performance.now();
    const rec = T.navs[T.navs.length - 1];
    for (const m of records) for (const n of m.addedNodes) {
      if (n.nodeType !== 1) continue;
      if (rec.sidebar === null) {
        const body = n.matches('.integrations-body') ? n : n.querySelector('.integrations-body');
        if (body) { rec.sidebar = now; sidebars.set(rec, body); }
      }
      const host = n.localName === 'tv4boss-widget' ? n : null;
      if (!host) continue;
      const body = sidebars.get(rec);
      if (rec.host === null && body && body.contains(host)) { rec.host = now; watchShadow(host, rec); }
      else rec.stray++;
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

interface NavRec {
  kind: 'load' | 'click'; href: string; start: number; origin: number; sidebar: number | null; host: number | null;
  content: number | null; button: number | null; buttonClass: string | null; frame: number | null; stray: number;
}

const lastRec = (page: Page) => page.evaluate('window.__tvb.navs[window.__tvb.navs.length - 1]') as Promise<NavRec>;
const waitRendered = (page: Page, n: number) =>
  page.waitForFunction(`window.__tvb.navs.length === ${n} && window.__tvb.navs[${n - 1}].frame !== null`, undefined, { timeout: 10_000 });

/** Extension service worker state, from CDP ServiceWorker events on a page session. */
class WorkerWatch {
  status = 'unknown';
  /** Epoch ms (performance.timeOrigin + now(), comparable with the page's) of each start. */
  starts: number[] = [];
  stops = 0;
  readonly log: string[] = [];
  private constructor(readonly cdp: CDPSession) {}
  static async on(page: Page, extensionId: string): Promise<WorkerWatch> {
    const cdp = await page.context().newCDPSession(page);
    const w = new WorkerWatch(cdp);
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) {
        if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
        if (v.runningStatus === w.status) continue;
        w.log.push(`${Math.round(performance.now() - t0)} ms v${v.versionId} ${v.runningStatus}`);
        if (v.runningStatus === 'starting') w.starts.push(performance.timeOrigin + performance.now());
        if (v.runningStatus === 'stopped') w.stops++;
        w.status = v.runningStatus;
      }
    });
    await cdp.send('ServiceWorker.enable');
    return w;
  }
  /** Stops the worker; resolves once it has been seen stopped (it may be restarted right after). */
  async stop(): Promise<void> {
    const before = this.stops;
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    const until = performance.now() + 3000;
    while (this.stops === before && performance.now() < until) await new Promise((r) => setTimeout(r, 2));
    if (this.stops === before) throw new Error(`service worker not seen stopped; events: ${this.log.slice(-12).join(', ')}`);
  }
}

interface NavSample { stray: number; workerStart: number; sidebarToHost: number; sidebarToButton: number; sidebarToFrame: number; navToSidebar: number; navToButton: number; navToFrame: number }

/** Clicks through tickets in the left list REPEATS times (or, with fullLoad, loads each ticket's
 *  URL afresh); optionally stops the worker first. */
async function navigations(page: Page, opts: { cold?: WorkerWatch; fullLoad?: (id: string) => string }): Promise<{ samples: NavSample[]; coldConfirmed: number }> {
  const samples: NavSample[] = [];
  let coldConfirmed = 0;
  let n = (await page.evaluate('window.__tvb.navs.length')) as number;
  let current = /\/tickets\/(\d+)/.exec(page.url())?.[1] ?? TICKETS[0];
  for (let i = 0; i < REPEATS; i++) {
    const next = TICKETS[(TICKETS.indexOf(current!) + 1) % TICKETS.length]!;
    const link = page.locator(`a.ticket-link[href*="/tickets/${next}"]`);
    if (!opts.fullLoad) await link.waitFor();
    const stopAt = performance.timeOrigin + performance.now();
    if (opts.cold) await opts.cold.stop();
    if (opts.fullLoad) {
      await page.goto(opts.fullLoad(next), { waitUntil: 'commit' });
      n = 1;
    } else {
      await link.click();
      n++;
    }
    await waitRendered(page, n).catch(async (err: unknown) => {
      throw new Error(`widget not rendered on #${next}: ${JSON.stringify(await page.evaluate('window.__tvb.navs.slice(-2)'))}`, { cause: err });
    });
    const r = await lastRec(page);
    if (r.kind !== (opts.fullLoad ? 'load' : 'click') || r.sidebar === null || r.host === null || r.button === null || r.frame === null) {
      throw new Error(`incomplete record: ${JSON.stringify(r)}`);
    }
    // Cold for real: the worker stayed stopped until the click (the old widget's port reconnects
    // 250 ms after the stop) and was started again after it. Start time relative to the click
    // (for a full load: to the document's time origin, i.e. navigation start).
    let workerStart = NaN;
    if (opts.cold) {
      const starts = opts.cold.starts.filter((s) => s > stopAt).map((s) => s - (r.origin + r.start));
      if (starts.length && starts.every((s) => s >= -1)) coldConfirmed++;
      workerStart = starts[0] ?? NaN;
    }
    samples.push({
      stray: r.stray, workerStart,
      sidebarToHost: r.host - r.sidebar, sidebarToButton: r.button - r.sidebar, sidebarToFrame: r.frame - r.sidebar,
      navToSidebar: r.sidebar - r.start, navToButton: r.button - r.start, navToFrame: r.frame - r.start,
    });
    current = next;
    await page.waitForTimeout(60); // let the port traffic of the new ticket settle
  }
  return { samples, coldConfirmed };
}

// ---------------------------------------------------------------------------------------------
// 3. Churn: main-thread time per 1000 churn ticks

interface ChurnRun { ext: boolean; machineBusy: number; ticks: number; task: number; script: number; taskPer1k: number; scriptPer1k: number }

async function churnRun(ctx: BrowserContext, url: string, ext: boolean): Promise<ChurnRun> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForFunction('window.__deskChurn && document.querySelector(".integrations-body")');
  if (ext) await page.locator('tv4boss-widget button').first().waitFor(); // widget mounted, connected
  await page.waitForTimeout(500);
  const sample = async () => {
    const ticks = (await page.evaluate('window.__deskChurn.ticks')) as number;
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { ticks, task: get('TaskDuration') * 1000, script: get('ScriptDuration') * 1000 };
  };
  const a = await sample();
  const cpuA = cpuTimes();
  await page.waitForTimeout(CHURN_WINDOW_MS);
  const cpuB = cpuTimes();
  const b = await sample();
  await cdp.detach();
  await page.close();
  const ticks = b.ticks - a.ticks;
  if (!(ticks > 0)) throw new Error('the churn panel did not tick');
  const task = b.task - a.task;
  const script = b.script - a.script;
  return { ext, machineBusy: busyPct(cpuA, cpuB), ticks, task, script, taskPer1k: (task / ticks) * 1000, scriptPer1k: (script / ticks) * 1000 };
}

/** One more window with the extension, under the CDP sampling profiler: main-thread time whose
 *  stack contains a chrome-extension:// frame (the content script and what it calls), i.e. the
 *  extension's own share, free of the machine's run-to-run noise. Not part of the ratio above
 *  (the profiler itself costs time). */
async function churnProfile(ctx: BrowserContext, url: string): Promise<{ ticks: number; extMs: number; sampledMs: number }> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.goto(url);
  await page.waitForFunction('window.__deskChurn && document.querySelector(".integrations-body")');
  await page.locator('tv4boss-widget button').first().waitFor();
  await page.waitForTimeout(500);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const t1 = (await page.evaluate('window.__deskChurn.ticks')) as number;
  await cdp.send('Profiler.start');
  await page.waitForTimeout(CHURN_WINDOW_MS);
  const { profile } = await cdp.send('Profiler.stop');
  const ticks = ((await page.evaluate('window.__deskChurn.ticks')) as number) - t1;
  await cdp.detach();
  await page.close();
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isExt = new Map<number, boolean>();
  const extStack = (id: number): boolean => {
    const known = isExt.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const p = parent.get(id);
    const v = !!n && (n.callFrame.url.startsWith('chrome-extension://') || (p !== undefined && extStack(p)));
    isExt.set(id, v);
    return v;
  };
  let extUs = 0;
  let sampledUs = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const dt = profile.timeDeltas?.[i + 1] ?? 0;
    const name = byId.get(id)?.callFrame.functionName;
    if (name !== '(idle)' && name !== '(program)') sampledUs += dt;
    if (extStack(id)) extUs += dt;
  });
  return { ticks, extMs: extUs / 1000, sampledMs: sampledUs / 1000 };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  for (const d of [DIST, DIST_TEST]) {
    if (!existsSync(join(d, 'manifest.json'))) throw new Error(`${d} is missing: run npm run build && npm run build:test first`);
  }
  const rows: string[][] = [];
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'OVER');

  // 1a. Static size, production build.
  console.log('\n== 1. Content-script JavaScript a ticket page loads (gzip level 9) ==');
  const prod = contentScriptGraph(DIST, false);
  printChunks('(a) static, production build dist/ (manifest content_scripts[0].js + its import graph):', prod.files);
  if (prod.unresolved.length) console.log(`    unresolved specifiers (not counted): ${prod.unresolved.join('; ')}`);
  const prodGz = sum(prod.files, 'gz');
  console.log(`    budget ≤ ${kb(BUDGET_GZ)} (${BUDGET_GZ} B): ${verdict(prodGz <= BUDGET_GZ)}`);
  rows.push(['Content script JS gz, static (dist/, prod)', `${kb(prodGz)} (${prodGz} B, ${prod.files.length} files)`, '', '', `≤ ${kb(BUDGET_GZ)}`, verdict(prodGz <= BUDGET_GZ)]);
  const testGraph = contentScriptGraph(DIST_TEST, true);
  printModules(DIST_TEST, testGraph.files);

  const sandbox = await startSandbox();
  const desk = await startDesk();
  const { ctx, dir } = await launch(true);
  const plain = await launch(false);
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 20_000 }).catch((err: unknown) => {
      throw new Error('the extension\'s service worker did not start (does dist-test/ build and load? try npm run build:test)', { cause: err });
    }));
    const extensionId = new URL(sw.url()).host;
    const first = ctx.pages()[0] ?? (await ctx.newPage());
    await connectToken(first, extensionId, new SandboxControl(sandbox));
    await first.getByTestId('account').waitFor();
    await first.goto('about:blank');
    console.log(`\n  [${elapsed()}] extension ${extensionId} connected to the sandbox ${sandbox.apiBase}; desk ${desk.url}`);

    // 1b. Dynamic: chrome-extension:// scripts in the ticket page, seen by CDP on the page: Network
    // (fetched chunks, with their bodies) and Debugger.scriptParsed (every script compiled in the
    // page's renderer, including the content script Chrome injects itself, which is no network load).
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const fetched = new Map<string, { url: string; type: string; bytes: number; body?: string }>();
    const parsed = new Map<string, string>(); // url -> scriptId
    const pending: Promise<void>[] = [];
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.url.startsWith('chrome-extension://')) fetched.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = fetched.get(e.requestId);
      if (!r) return;
      r.bytes = e.encodedDataLength;
      pending.push(cdp.send('Network.getResponseBody', { requestId: e.requestId }).then(
        (b) => { r.body = b.base64Encoded ? Buffer.from(b.body, 'base64').toString('utf8') : b.body; },
        () => undefined,
      ));
    });
    cdp.on('Debugger.scriptParsed', (e) => {
      if (e.url.startsWith('chrome-extension://') && !parsed.has(e.url)) parsed.set(e.url, e.scriptId);
    });
    await cdp.send('Network.enable');
    await cdp.send('Debugger.enable');
    await page.goto(`${desk.url}/app/en/tickets/1042`);
    await page.locator('tv4boss-widget button').first().waitFor();
    await page.waitForTimeout(300);
    await Promise.all(pending);
    const observed = new Map<string, { text: string; via: string }>(); // path in the extension -> source
    for (const r of fetched.values()) {
      if (r.type !== 'Script' && !/\.m?js$/.test(new URL(r.url).pathname)) continue;
      observed.set(new URL(r.url).pathname.slice(1), {
        text: r.body ?? '', via: `network (${r.bytes} B)${parsed.has(r.url) ? ' + parsed' : ''}`,
      });
    }
    for (const [url, scriptId] of parsed) {
      const file = new URL(url).pathname.slice(1);
      if (observed.has(file)) continue;
      const { scriptSource } = await cdp.send('Debugger.getScriptSource', { scriptId });
      observed.set(file, { text: scriptSource, via: 'parsed only (Debugger.scriptParsed: injected by Chrome, not fetched)' });
    }
    await cdp.detach();
    await page.close();
    const dyn: ChunkInfo[] = [...observed].map(([file, o]) => {
      const code = stripInlineMap(o.text);
      return { file, raw: Buffer.byteLength(code), gz: gz(code), via: o.via };
    });
    for (const f of testGraph.files) {
      if (!observed.has(f.file)) dyn.push({ ...f, via: 'NOT observed in the page (size from the file)' });
    }
    printChunks('(b) dynamic, test build dist-test/ loaded by a ticket page in Chromium (CDP Network + Debugger on the page;\n' +
      '      source map comments stripped before gzip):', dyn);
    const dynGz = sum(dyn, 'gz');
    const staticNames = new Set(testGraph.files.map((f) => f.file));
    const dynNames = new Set(dyn.map((f) => f.file));
    const same = staticNames.size === dynNames.size && [...staticNames].every((f) => dynNames.has(f));
    console.log(`    same file set as the static graph of dist-test/: ${same ? 'yes' : `NO (static: ${[...staticNames].join(', ')})`}`);
    console.log(`    budget ≤ ${kb(BUDGET_GZ)}: ${verdict(dynGz <= BUDGET_GZ)}  (test build: __TEST_BUILD__ code paths included)`);
    rows.push(['Content script JS gz, loaded in Chromium (dist-test/)', `${kb(dynGz)} (${dynGz} B, ${dyn.length} files)`, '', '', `≤ ${kb(BUDGET_GZ)}`, verdict(dynGz <= BUDGET_GZ)]);

    // 2. Widget latency.
    console.log(`\n== 2. Widget rendered (button in its shadow root) — ${REPEATS} SPA navigations each, sidebarDelay=${SIDEBAR_DELAY} ==`);
    const lat = await ctx.newPage();
    await lat.addInitScript(INSTRUMENT);
    await lat.goto(`${desk.url}/app/en/tickets/1042?sidebarDelay=${SIDEBAR_DELAY}`);
    await waitRendered(lat, 1);
    const warm = await navigations(lat, {});
    const watch = await WorkerWatch.on(lat, extensionId);
    const cold = await navigations(lat, { cold: watch });
    await watch.cdp.detach();
    await lat.goto(`${desk.url}/app/en/tickets/1042?sidebarDelay=0`);
    await waitRendered(lat, 1);
    const quick = await navigations(lat, {});
    const watch2 = await WorkerWatch.on(lat, extensionId);
    const coldLoad = await navigations(lat, { cold: watch2, fullLoad: (id) => `${desk.url}/app/en/tickets/${id}?sidebarDelay=${SIDEBAR_DELAY}` });
    await watch2.cdp.detach();
    await lat.close();
    const latRow = (label: string, xs: number[], goal?: number) => {
      const s = stats(xs);
      console.log(`  ${label.padEnd(58)} median ${ms(s.median).padStart(9)}  p90 ${ms(s.p90).padStart(9)}  max ${ms(s.max).padStart(9)}  (n=${s.n})`);
      const v = goal === undefined ? '' : s.p90 <= goal ? 'PASS' : s.median <= goal ? 'PASS median, p90 over' : 'OVER';
      rows.push([label, ms(s.median), ms(s.p90), ms(s.max), goal === undefined ? '' : `≤ ${goal} ms`, v]);
    };
    const col = (xs: NavSample[], k: keyof NavSample) => xs.map((x) => x[k]);
    const strays = [...warm.samples, ...cold.samples, ...quick.samples].map((x) => x.stray);
    const coldInfo = (what: string, c: { samples: NavSample[]; coldConfirmed: number }) => console.log(
      `  ${what}: worker stopped before and started after the navigation in ${c.coldConfirmed}/${REPEATS}; worker start ` +
      `at median ${ms(stats(col(c.samples, 'workerStart')).median)} after navigation start, sidebar at ${ms(stats(col(c.samples, 'navToSidebar')).median)}`);
    coldInfo('cold, SPA click', cold);
    coldInfo('cold, full page load', coldLoad);
    console.log(`  widgets inserted outside the new ticket's sidebar (stray mounts, e.g. into the outgoing sidebar): ` +
      `${strays.reduce((a, b) => a + b, 0)} in ${strays.length} navigations`);
    latRow('Sidebar → widget element inserted (warm)', col(warm.samples, 'sidebarToHost'));
    latRow('Sidebar → widget rendered (warm)', col(warm.samples, 'sidebarToButton'), GOAL_SIDEBAR_MS);
    latRow('Sidebar → widget rendered, next frame (warm)', col(warm.samples, 'sidebarToFrame'));
    /** How many cold runs had the worker started before the sidebar appeared (then it is not cold any more when the widget connects). */
    const early = (c: { samples: NavSample[] }) => `${c.samples.filter((x) => x.workerStart < x.navToSidebar).length}/${c.samples.length}`;
    latRow(`Sidebar → widget rendered (cold, SPA click; worker up early ${early(cold)})`, col(cold.samples, 'sidebarToButton'), GOAL_SIDEBAR_MS);
    latRow(`Sidebar → widget rendered (cold, full load; worker up early ${early(coldLoad)})`, col(coldLoad.samples, 'sidebarToButton'), GOAL_SIDEBAR_MS);
    latRow(`Click → sidebar appears (desk itself, sidebarDelay=${SIDEBAR_DELAY})`, col(warm.samples, 'navToSidebar'));
    latRow(`Click → widget rendered (warm, sidebarDelay=${SIDEBAR_DELAY})`, col(warm.samples, 'navToButton'));
    latRow(`Click → widget rendered (cold, sidebarDelay=${SIDEBAR_DELAY})`, col(cold.samples, 'navToButton'));
    latRow('Click → sidebar appears (desk itself, sidebarDelay=0)', col(quick.samples, 'navToSidebar'));
    latRow('Click → widget rendered (warm, sidebarDelay=0)', col(quick.samples, 'navToButton'), GOAL_NAV_MS);
    latRow('Click → widget rendered, next frame (warm, sidebarDelay=0)', col(quick.samples, 'navToFrame'));
    console.log(`  [${elapsed()}]`);

    // 3. Churn.
    console.log(`\n== 3. Main-thread time on a churning ticket page (${CHURN_WINDOW_MS / 1000} s windows, CDP Performance.getMetrics) ==`);
    const churnUrl = `${desk.url}/app/en/tickets/1042?churn=1`;
    const runs: ChurnRun[] = [];
    const idleA = cpuTimes();
    await new Promise((r) => setTimeout(r, 1000));
    console.log(`  machine CPU busy with both browsers idle, before the runs: ${busyPct(idleA, cpuTimes()).toFixed(0)} % of ${availableParallelism()} cores ` +
      '(other load on the machine makes these windows noisy)');
    for (let i = 0; i < CHURN_RUNS; i++) {
      for (const ext of i % 2 ? [false, true] : [true, false]) { // ABBA…: no side always goes first
        const r = await churnRun(ext ? ctx : plain.ctx, churnUrl, ext);
        runs.push(r);
        console.log(`  ${ext ? 'with extension   ' : 'without extension'}  ticks ${String(r.ticks).padStart(5)}  TaskDuration ${ms(r.task).padStart(9)}  ScriptDuration ${ms(r.script).padStart(9)}  → per 1000 ticks: task ${ms(r.taskPer1k).padStart(8)}  script ${ms(r.scriptPer1k).padStart(8)}  (machine CPU busy ${r.machineBusy.toFixed(0)} %)`);
      }
    }
    const arm = (ext: boolean, k: 'taskPer1k' | 'scriptPer1k' | 'ticks') => runs.filter((r) => r.ext === ext).map((r) => r[k]);
    const med = (ext: boolean, k: 'taskPer1k' | 'scriptPer1k' | 'ticks') => stats(arm(ext, k)).median;
    const min = (ext: boolean, k: 'taskPer1k' | 'scriptPer1k') => Math.min(...arm(ext, k));
    /** Spread of one arm's runs, (max - min) / median: the noise the ratio has to be read against. */
    const spread = (ext: boolean, k: 'taskPer1k' | 'scriptPer1k') => {
      const xs = arm(ext, k);
      return (Math.max(...xs) - Math.min(...xs)) / stats(xs).median;
    };
    const ratio = med(true, 'taskPer1k') / med(false, 'taskPer1k');
    const sratio = med(true, 'scriptPer1k') / med(false, 'scriptPer1k');
    const minRatio = min(true, 'taskPer1k') / min(false, 'taskPer1k');
    const noise = Math.max(spread(true, 'taskPer1k'), spread(false, 'taskPer1k'));
    console.log(`  median per 1000 ticks: task ${ms(med(true, 'taskPer1k'))} with vs ${ms(med(false, 'taskPer1k'))} without (×${ratio.toFixed(3)}); ` +
      `script ${ms(med(true, 'scriptPer1k'))} vs ${ms(med(false, 'scriptPer1k'))} (×${sratio.toFixed(3)}); ticks/window ${med(true, 'ticks')} vs ${med(false, 'ticks')}`);
    console.log(`  best run per side: task ${ms(min(true, 'taskPer1k'))} vs ${ms(min(false, 'taskPer1k'))} (×${minRatio.toFixed(3)}); ` +
      `run-to-run spread within one side: up to ${(noise * 100).toFixed(0)} % of the median` +
      (Math.abs(ratio - 1) < noise ? ' → the difference is within the noise of this machine' : ''));
    const noiseNote = Math.abs(ratio - 1) < noise ? ` (noise ±${(noise * 50).toFixed(0)} %)` : '';
    rows.push(['Churn: TaskDuration / 1000 ticks, ext vs none', `${ms(med(true, 'taskPer1k'))} vs ${ms(med(false, 'taskPer1k'))}`, '', '', `×≤ ${GOAL_CHURN_RATIO}`, `×${ratio.toFixed(3)} ${verdict(ratio <= GOAL_CHURN_RATIO)}${noiseNote}`]);
    rows.push(['Churn: TaskDuration / 1000 ticks, best run each', `${ms(min(true, 'taskPer1k'))} vs ${ms(min(false, 'taskPer1k'))}`, '', '', '', `×${minRatio.toFixed(3)}`]);
    rows.push(['Churn: ScriptDuration / 1000 ticks, ext vs none', `${ms(med(true, 'scriptPer1k'))} vs ${ms(med(false, 'scriptPer1k'))}`, '', '', '', `×${sratio.toFixed(3)}`]);
    const prof = await churnProfile(ctx, churnUrl);
    const extPer1k = (prof.extMs / prof.ticks) * 1000;
    console.log(`  profiled window with the extension (sampling every 0.2 ms): ${prof.ticks} ticks, ` +
      `${ms(prof.extMs)} of ${ms(prof.sampledMs)} sampled JS/native time had a chrome-extension:// frame on the stack ` +
      `→ ${ms(extPer1k)} per 1000 ticks = ${((extPer1k / med(false, 'taskPer1k')) * 100).toFixed(2)} % of the no-extension TaskDuration`);
    rows.push(['Churn: extension frames on the stack / 1000 ticks (profiler)', ms(extPer1k), '', '', '', `${((extPer1k / med(false, 'taskPer1k')) * 100).toFixed(2)} % of no-ext task`]);
  } finally {
    await ctx.close();
    await plain.ctx.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(plain.dir, { recursive: true, force: true });
    await Promise.all([sandbox.close(), desk.close()]);
  }

  // Summary.
  const head = ['Figure', 'median / value', 'p90', 'max', 'goal', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n== Summary (Chromium ${chromiumVersion ?? '?'}, ${elapsed()}) ==`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  // For the one table (bench/table.ts).
  const group = (label: string): Group => (label.startsWith('Content script') ? 'content-script' : label.startsWith('Churn') ? 'churn' : 'injection');
  writeFigures('inject', rows.map(([label, value, p90, max, goal, verdict]) => ({
    group: group(label!), label: label!, value: value!, p90: p90!, max: max!, goal: goal!, verdict: verdict!,
  })));
}

let chromiumVersion: string | undefined;
chromium.launch({ executablePath: CHROMIUM, headless: true })
  .then(async (b) => { chromiumVersion = b.version(); await b.close(); })
  .then(main)
  .then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
