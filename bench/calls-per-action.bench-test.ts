// Benchmark: TeamViewer API calls per technician or administrator action, counted in the sandbox's
// request log on the real code path (the worker's modules with a fake browser, as in the unit tests).
// (Calls per watcher tick: bench/watcher-calls.bench-test.ts.)
// Run: npm run bench (or npx vitest run --config bench/vitest.config.ts bench/calls-per-action.bench-test.ts)
import { it, expect, beforeAll, afterAll } from 'vitest';
import { startSandbox, DEMO_TOKEN, type LoggedRequest, type SandboxHandle } from '../e2e/servers/sandbox.ts';
import { ticketKey, type Ticket } from '../src/shared/ticket';
import { freshWorkerState, loadWorker } from '../test/helpers/worker-state';
import { writeFigures, type Figure } from './figures.ts';

let sb: SandboxHandle;
beforeAll(async () => { sb = await startSandbox({ port: 0 }); });
afterAll(async () => { await sb.close(); });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ctl(path: string, body: unknown = {}, method: 'GET' | 'POST' = 'POST'): Promise<any> {
  const res = await fetch(`${sb.url}/__control${path}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return res.json();
}

const ticket = (id: string): Ticket => ({
  origin: 'https://acme.bossdesk.io', id, url: `https://acme.bossdesk.io/app/en/tickets/${id}`,
  fields: { number: `#${id}`, title: 'Printer', requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com' },
});

/** The calls `action` makes, as "METHOD path" in order. */
async function callsOf(action: () => Promise<unknown>): Promise<string[]> {
  await ctl('/clear-requests');
  await action();
  const log: LoggedRequest[] = await ctl('/requests', undefined, 'GET');
  return log.map((r) => `${r.method} ${r.path.replace(/s\d{3}-\d{3}-\d{3,4}|s\d{8,9}/, '{code}').replace(/g\d+/, '{group}')}`);
}

it('TeamViewer API calls per action', async () => {
  await freshWorkerState(sb.url);
  const w = await loadWorker(sb.apiBase, DEMO_TOKEN, { connect: false });
  const rows: { action: string; calls: string[]; goal?: number }[] = [];
  rows.push({ action: 'Connect a token (ping, account, one probe per permission)', calls: await callsOf(() => w.connect(DEMO_TOKEN, sb.apiBase)) });
  rows.push({ action: 'Start, first case of the account (finds or creates the BOSS group)', calls: await callsOf(() => w.startCase(ticket('1'))) });
  // One call per create once the group is known (the twin net lives in the watcher).
  rows.push({ action: 'Start (group known)', calls: await callsOf(() => w.startCase(ticket('2'))), goal: 1 });
  const open = (await w.activeCases()).find((c) => c.ticketKey === ticketKey(ticket('2')))!;
  await ctl(`/sessions/${open.code}/connect`, { devicename: 'ANA-LAPTOP', minutes: 7 });
  rows.push({ action: 'Stop (close, read it back, connection report)', calls: await callsOf(() => w.stopCase(ticketKey(ticket('2')))) });
  // Issue 19: the requester's computers, read when a ticket comes on screen, kept per requester.
  const { loadTicketDevices } = await import('../src/background/devices/requester-devices');
  await ctl('/devices', { devices: [{ alias: 'PC-ANA-RUIZ', online_state: 'Online' }] });
  rows.push({ action: 'Ticket on screen: the requester\'s computers (GET /devices)', calls: await callsOf(() => loadTicketDevices(ticket('3'))), goal: 1 });
  rows.push({ action: 'Another ticket of the same requester within 3 minutes', calls: await callsOf(() => loadTicketDevices(ticket('4'))), goal: 0 });

  const width = Math.max(...rows.map((r) => r.action.length));
  console.log(['TeamViewer API calls per action', ...rows.map((r) => `  ${r.action.padEnd(width)}  ${String(r.calls.length).padStart(2)}  ${r.calls.join(', ')}`)].join('\n'));
  writeFigures('calls-per-action', rows.map((r): Figure => ({
    group: 'calls-per-action', label: r.action, value: `${r.calls.length} (${r.calls.join(', ')})`,
    ...(r.goal !== undefined ? { goal: `≤ ${r.goal}`, verdict: r.calls.length <= r.goal ? 'PASS' : 'OVER' } : {}),
  })));
  for (const r of rows) expect(r.calls.length).toBeGreaterThan(r.goal === 0 ? -1 : 0);
});
