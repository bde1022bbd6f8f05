// Benchmark: TeamViewer API calls (and wall time) per watcher tick with 1, 10 and 100 open cases,
// with the API's page size (1000) and with a page size of 50 (100 cases need two pages).
// Real code path: cases are started with startCase(), the tick is the real tick() of
// src/background/watcher.ts, calls are counted in the sandbox's request log.
// Run: npm run bench:watcher
import { it, expect, beforeAll, afterAll } from 'vitest';
import { startSandbox, DEMO_TOKEN, type LoggedRequest, type SandboxHandle } from '../e2e/servers/sandbox.ts';
import type { Ticket } from '../src/shared/ticket';
import { freshWorkerState, loadWorker } from '../test/helpers/worker-state';
import { writeFigures } from './figures.ts';

const CASES = [1, 10, 100];
const PAGE_SIZES = [1000, 50];
const TICKS = 5; // ticks timed per configuration (the median is reported)


let sb: SandboxHandle;
beforeAll(async () => { sb = await startSandbox({ port: 0 }); });
afterAll(async () => { await sb.close(); });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ctl(path: string, body: unknown = {}, method: 'GET' | 'POST' = 'POST'): Promise<any> {
  const res = await fetch(`${sb.url}/__control${path}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return res.json();
}

async function freshWorker() {
  await freshWorkerState(sb.url);
  const { startCase, activeCases, tick } = await loadWorker(sb.apiBase, DEMO_TOKEN);
  return { startCase, activeCases, tick };
}

const ticket = (i: number): Ticket => ({
  origin: 'https://acme.bossdesk.io', id: String(2000 + i), url: `https://acme.bossdesk.io/app/en/tickets/${2000 + i}`,
  fields: { number: `#${2000 + i}`, title: `Bench ticket ${i}`, requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com' },
});

interface Row { cases: number; pageSize: number; calls: number; detail: string; medianMs: number; minMs: number; maxMs: number }

it('API calls per watcher tick', async () => {
  const rows: Row[] = [];
  for (const pageSize of PAGE_SIZES) {
    for (const n of CASES) {
      const w = await freshWorker();
      await ctl('/config', { pageSize });
      for (let i = 0; i < n; i++) await w.startCase(ticket(i));
      const open = (await w.activeCases()).filter((c) => c.state === 'open');
      expect(open).toHaveLength(n);

      const counts: number[] = [];
      const times: number[] = [];
      let detail = '';
      for (let k = 0; k < TICKS; k++) {
        await ctl('/clear-requests');
        const t0 = performance.now();
        await w.tick();
        times.push(performance.now() - t0);
        const log: LoggedRequest[] = await ctl('/requests', undefined, 'GET');
        counts.push(log.length);
        if (k === 0) {
          const byRoute = new Map<string, number>();
          for (const r of log) byRoute.set(`${r.method} ${r.path}`, (byRoute.get(`${r.method} ${r.path}`) ?? 0) + 1);
          detail = [...byRoute].map(([route, c]) => `${c}× ${route}`).join(', ');
        }
      }
      // Sanity: nothing changed between ticks, so every tick makes the same calls and no case moved.
      expect(new Set(counts).size).toBe(1);
      expect((await w.activeCases()).filter((c) => c.state === 'open')).toHaveLength(n);
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({ cases: n, pageSize, calls: counts[0]!, detail, medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)! });
    }
  }

  const header = ['open cases', 'API calls per tick', 'pageSize', 'requests', 'ms per tick (median)', 'min–max ms'];
  const body = rows.map((r) => [String(r.cases), String(r.calls), String(r.pageSize), r.detail, r.medianMs.toFixed(1), `${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log([
    `Watcher tick: TeamViewer API calls (median of ${TICKS} ticks for the time)`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n'));

  // For the one table: one list call per page of open cases (the API's page holds 1000).
  writeFigures('watcher', rows.map((r) => {
    const goal = Math.ceil(r.cases / r.pageSize);
    return {
      group: 'watcher' as const, label: `${r.cases} open case${r.cases > 1 ? 's' : ''}, page size ${r.pageSize}`,
      value: `${r.calls} (${r.detail}; ${r.medianMs.toFixed(1)} ms)`, goal: `≤ ${goal} (one list call per page)`, verdict: r.calls <= goal ? 'PASS' : 'OVER',
    };
  }));
  for (const r of rows) expect(r.calls).toBeGreaterThan(0);
});
