// The requester's computers in the worker (issue 19), against the sandbox with fake browser storage
// and fake IndexedDB: one device list call per requester for a few minutes, a 403 remembered for the
// options page, Connect opening the checked start link, Done and the connection report recording a
// "device" history record with its closing comment.
import { describe, it, expect, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';
import { ticketKey, type Ticket } from '../src/shared/ticket';

const fx = useSandbox();
const ORIGIN = 'https://acme.bossdesk.io';
const DEVICES = [
  { alias: 'PC-ANA-RUIZ', online_state: 'Online', description: 'Finance', remotecontrol_id: 'r123456789' },
  { alias: 'LAPTOP-0231', online_state: 'Offline', description: 'Ana Ruiz – laptop', remotecontrol_id: 'r223456789', last_seen: '2026-11-30T08:00:00Z' },
  { alias: 'PC-0417', online_state: 'Online', description: 'Meeting room B', remotecontrol_id: 'r323456789' },
  { alias: 'PC-BOB', online_state: 'Online' },
];
const ticket = (id: string, fields: Ticket['fields'] = { requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com' }): Ticket =>
  ({ origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`, fields: { number: `#${id}`, title: 'Printer', technician: 'Marta Gómez', ...fields } });

async function worker() {
  expect((await import('webextension-polyfill')).default).toBe(fakeBrowser);
  const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
  const devices = await import('../src/background/devices/requester-devices');
  const connections = await import('../src/background/devices/connections');
  return { ...w, ...devices, ...connections };
}
const deviceCalls = async () => (await fx.requests()).filter((r) => r.path === '/devices').length;

describe('the requester\'s devices', () => {
  it('are read once per requester for a few minutes, matched, online first; a tab sees no device id', async () => {
    await fx.ctl('/devices', { devices: DEVICES });
    const w = await worker();
    await w.loadTicketDevices(ticket('1042'));
    await w.loadTicketDevices(ticket('1050')); // same requester, another ticket: the cache
    await w.loadTicketDevices(ticket('1042')); // the same ticket again (a second tab)
    expect(await deviceCalls()).toBe(1);
    const view = await w.ticketView(ticketKey(ticket('1042')));
    expect(view.devices).toEqual([
      { key: '0', name: 'PC-ANA-RUIZ', online: true, lastSeen: expect.any(String) },
      { key: '1', name: 'LAPTOP-0231', online: false, lastSeen: '2026-11-30T08:00:00Z' },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/r\d{9}|"d\d+"|remotecontrol|device_id/);
    // A few minutes later the next view reads them again.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + w.DEVICES_TTL_MS + 1000);
    await w.loadTicketDevices(ticket('1042'));
    expect(await deviceCalls()).toBe(2);
  });

  it('the profile\'s asset field matches a device alias; no match → no section', async () => {
    await fx.ctl('/devices', { devices: DEVICES });
    const w = await worker();
    await w.loadTicketDevices(ticket('1043', { requesterName: 'Jorge Martín', asset: 'pc-0417' }));
    expect((await w.ticketView(`${ORIGIN}#1043`)).devices?.map((d) => d.name)).toEqual(['PC-0417']);
    await w.loadTicketDevices(ticket('1044', { requesterName: 'Lucía Fernández' }));
    expect((await w.ticketView(`${ORIGIN}#1044`)).devices).toBeUndefined();
  });

  it('403: no section, not asked again for a while, and the connection status names the missing permission', async () => {
    await fx.ctl('/devices', { devices: DEVICES });
    await fx.ctl('/tokens', { token: 'no-devices-token', denied: ['devices'] });
    const w = await worker();
    await w.connect('no-devices-token', fx.sb.apiBase);
    expect((await w.connectionStatus()).devicesForbidden).toBeUndefined();
    await w.loadTicketDevices(ticket('1042'));
    expect((await w.ticketView(`${ORIGIN}#1042`)).devices).toBeUndefined();
    expect((await w.connectionStatus()).devicesForbidden).toEqual({ detail: expect.stringContaining('devices') });
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + w.DEVICES_TTL_MS + 1000);
    await w.loadTicketDevices(ticket('1042'));
    expect(await deviceCalls()).toBe(1);
    // Another token: what the old one was refused no longer holds.
    await w.disconnect();
    expect((await w.connectionStatus()).devicesForbidden).toBeUndefined();
  });
});

describe('a connection to a requester\'s device', () => {
  it('Connect opens the start link; Done records it (kind device) with a comment for the ticket, not taking a report from before Connect', async () => {
    await fx.ctl('/devices', { devices: DEVICES });
    const w = await worker();
    const opened: string[] = [];
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (p) => { opened.push(p.url!); return { id: 9 } as never; });
    const key = `${ORIGIN}#1042`;
    await w.loadTicketDevices(ticket('1042'));
    await expect(w.connectDevice(key, '1')).rejects.toThrow(/not connectable/); // offline: no Connect
    await expect(w.connectDevice(key, '7')).rejects.toThrow(/no such device/);
    await w.connectDevice(key, '0');
    expect(opened).toEqual(['https://start.teamviewer.com/123456789']);
    const running = await w.ticketView(key);
    expect(running.deviceConnection).toEqual({ name: 'PC-ANA-RUIZ', since: expect.stringMatching(/Z$/) });
    expect(await fakeBrowser.alarms.get(w.DEVICE_ALARM)).toBeDefined();
    await expect(w.connectDevice(key, '0')).rejects.toThrow(/running/); // one at a time: never lost
    expect(opened).toHaveLength(1);

    await fx.ctl('/devices/r123456789/connect', { minutes: 7, notes: 'Reinstalled the printer driver' });
    // The report starts 7 minutes back, before Connect: it is not this connection's.
    await w.doneDevice(key);
    await w.idle();
    const [rec] = (await w.casesOfTicket(key)).filter((c) => c.kind === 'device');
    expect(rec).toMatchObject({ state: 'closed', kind: 'device', connection: { devices: ['PC-ANA-RUIZ'], count: 1 }, comment: { posted: false } });
    expect(rec!.code).toBeUndefined();
    expect(rec!.comment!.text).toContain('PC-ANA-RUIZ');
    expect(rec!.comment!.text).toMatch(/Duration: /);
    const after = await w.ticketView(key);
    expect(after.deviceConnection).toBeUndefined();
    expect(after.active).toBeUndefined(); // Play stays free
    expect(await fakeBrowser.alarms.get(w.DEVICE_ALARM)).toBeUndefined();
    // Reports count it under its kind (the Kind filter is answered by the scan; no filter: both kinds).
    const { runReport, cleanFilter } = await import('../src/background/reports/query');
    const kinds = async (kind?: string) => (await runReport(cleanFilter({ kind }))).cases.map((c) => c.kind ?? 'service');
    expect(await kinds('device')).toEqual(['device']);
    expect(await kinds('service')).toEqual([]);
    expect(await kinds()).toEqual(['device']);
    expect(cleanFilter({ kind: 'other' })).toEqual({});
  });

  it('ends by itself when the connection reports show it ended (device, duration and notes in the comment)', async () => {
    await fx.ctl('/devices', { devices: DEVICES });
    const w = await worker();
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({ id: 9 } as never);
    const key = `${ORIGIN}#1042`;
    await w.loadTicketDevices(ticket('1042'));
    await w.connectDevice(key, '0');
    await w.checkDeviceConnections(); // nothing reported yet: still running
    expect((await w.ticketView(key)).deviceConnection).toBeDefined();
    await fx.ctl('/devices/r123456789/connect', { minutes: 0, notes: 'Cleared the queue' });
    await w.checkDeviceConnections();
    await w.idle();
    expect((await w.ticketView(key)).deviceConnection).toBeUndefined();
    const [rec] = (await w.casesOfTicket(key)).filter((c) => c.kind === 'device');
    expect(rec!.connection).toMatchObject({ notes: 'Cleared the queue', devices: ['PC-ANA-RUIZ'] });
    expect(rec!.comment!.text).toContain('Supporter notes: Cleared the queue');
    const reportCalls = (await fx.requests()).filter((r) => r.path === '/reports/connections');
    expect(reportCalls.some((r) => r.query.has_code === 'false')).toBe(true);
  });
});
