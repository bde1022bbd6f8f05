// Benchmark (issue 18 §4): the service worker's start, in real Chromium with the test build.
// The worker is stopped (CDP ServiceWorker.stopAllWorkers), then woken by an extension page's
// request (the same start a ticket page's port causes: fetch, compile and run the worker's modules,
// register the listeners, answer); the wall time from the request to its answer, and a trace of
// the worker's thread at that start (CDP Tracing): where its time goes (module compile and
// evaluation, the rest of the start, the first answer).
// Needs `npm run build` first (BENCH_WORKER_DIST=dist-test for the test build). Run: npx tsx bench/worker.ts   Knob: BENCH_WORKER_RUNS (9).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithCdp, type TraceEvent } from './cdp.ts';
import { writeFigures, type Figure } from './figures.ts';

const RUNS = Number(process.env.BENCH_WORKER_RUNS) > 0 ? Number(process.env.BENCH_WORKER_RUNS) : 9;
/** Issue 18 §4: the widget renders within 16 ms of the sidebar when the worker is up; a cold start
 *  is what a stopped worker adds to that (see bench/inject.ts). */
const GOAL_START_MS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Where the worker thread's start goes, from a trace: V8 isolate and context set-up, reading the
 *  installed scripts, compiling and evaluating the modules, and from the evaluated top-level script
 *  (listeners registered) to its last event (the start-up work and the first answer). */
function workerTime(events: TraceEvent[]): Record<'init' | 'fetch' | 'compile' | 'evaluate' | 'after' | 'span', number> {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
  const mine = events.filter((e) => e.ph !== 'M' && /ServiceWorker thread/i.test(names.get(`${e.pid}:${e.tid}`) ?? '')).sort((a, b) => a.ts - b.ts);
  const sum = (re: RegExp) => mine.filter((e) => e.ph === 'X' && re.test(e.name)).reduce((n, e) => n + (e.dur ?? 0) / 1000, 0);
  const end = Math.max(...mine.map((e) => e.ts + (e.dur ?? 0)));
  const evaluated = mine.find((e) => e.name === 'ServiceWorkerGlobalScopeProxy::DidEvaluateTopLevelScript')?.ts;
  return {
    init: sum(/^V8PerIsolateData::Initialize$|^V8\.DeserializeContext$/), fetch: sum(/GetScriptData/), compile: sum(/^v8\.compile/),
    evaluate: sum(/^v8\.evaluateModule$/), after: evaluated === undefined ? NaN : (end - evaluated) / 1000, span: mine.length ? (end - mine[0]!.ts) / 1000 : NaN,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tv4boss-bench-worker-'));
  // The production build (dist/, no inline source maps): the worker a technician starts.
  const { ctx, cdp } = await launchWithCdp(dir, resolve(process.env.BENCH_WORKER_DIST ?? 'dist'));
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    const id = new URL(sw.url()).host;
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`chrome-extension://${id}/src/pages/options/index.html`);
    const session = await ctx.newCDPSession(page);
    await session.send('ServiceWorker.enable');
    let running = 0;
    session.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${id}/`)) running = v.runningStatus === 'running' ? 1 : 0;
    });
    const wake = () => page.evaluate(async () => {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'reports/sync-status' });
      return performance.now() - t0;
    });
    const warm: number[] = [], cold: number[] = [];
    const traced: ReturnType<typeof workerTime>[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      warm.push(await wake());
      await session.send('ServiceWorker.stopAllWorkers');
      for (let k = 0; k < 100 && running; k++) await page.waitForTimeout(20);
      await page.waitForTimeout(200);
      let took = NaN;
      const events = await cdp.trace(['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'ServiceWorker'], async () => {
        took = await wake();
      });
      if (process.env.BENCH_WORKER_TRACE) writeFileSync(process.env.BENCH_WORKER_TRACE, JSON.stringify(events));
      if (i === 0) continue; // the first start compiles afresh; later ones are what a technician meets
      cold.push(took);
      traced.push(workerTime(events));
    }
    const t = (k: keyof ReturnType<typeof workerTime>) => median(traced.map((x) => x[k]));
    console.log(`worker start (stopped → first answer): median ${ms(median(cold))}, p90 ${ms(p90(cold))}; warm answer ${ms(median(warm))}`);
    const where = `V8 isolate + context ${ms(t('init'))}, reading the scripts ${ms(t('fetch'))}, compiling the modules ${ms(t('compile'))}, evaluating them ${ms(t('evaluate'))}, start-up work + first answer ${ms(t('after'))} (thread busy from first to last event: ${ms(t('span'))})`;
    console.log(`  worker thread at start (medians): ${where}`);
    const heap = await cdp.workerHeapAfterGc(id);
    const figures: Figure[] = [
      { group: 'worker', label: 'Worker start: stopped → first answer to a request (a ticket port wakes it the same way)', value: ms(median(cold)), p90: ms(p90(cold)), max: ms(Math.max(...cold)),
        goal: `≤ ${GOAL_START_MS} ms`, verdict: median(cold) <= GOAL_START_MS ? 'PASS' : 'OVER' },
      { group: 'worker', label: 'Worker start, where the time goes (trace of its thread, medians)', value: where },
      { group: 'worker', label: 'The same request to a running worker', value: ms(median(warm)) },
      { group: 'worker', label: 'Worker JS heap after GC, empty history', value: `${(heap.used / 1024 / 1024).toFixed(2)} MB` },
      { group: 'worker', label: 'Machine load average (1 min) during the worker bench', value: loadavg()[0]!.toFixed(1) },
    ];
    writeFigures('worker', figures);
  } finally {
    cdp.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
