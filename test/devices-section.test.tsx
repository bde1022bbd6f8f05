// @vitest-environment happy-dom
// The widget's "The requester's computers" (issue 19): drawn by the section the worker injects
// (src/devices), inside the widget's own tree; names and states only, no device id in the DOM.
import { describe, it, expect, afterEach } from 'vitest';
import { showWidget } from './helpers/widget';
import { DEVICES_GLOBAL, devicesSection } from '../src/devices/section';
import type { TicketView } from '../src/shared/protocol';

const base: TicketView = { ticketKey: 'https://acme.bossdesk.io#1042', connected: true, history: [] };
const DEVICES: TicketView['devices'] = [
  { key: '0', name: 'PC-ANA-RUIZ', online: true, lastSeen: '2026-12-01T09:00:00Z' },
  { key: '1', name: 'LAPTOP-0231', online: false, lastSeen: '2026-11-30T08:00:00Z' },
];

const show = async (view: TicketView): Promise<HTMLElement> => (await showWidget({ view })).root;

afterEach(() => void delete (globalThis as Record<string, unknown>)[DEVICES_GLOBAL]);

describe('the device section', () => {
  it('is not in the widget until the worker injected it', async () => {
    const root = await show({ ...base, devices: DEVICES });
    expect(root.querySelector('[data-testid="devices"]')).toBeNull();
  });

  it('lists each device with its state, Connect only for an online one, and no device id', async () => {
    (globalThis as Record<string, unknown>)[DEVICES_GLOBAL] = devicesSection;
    const root = await show({ ...base, devices: DEVICES });
    const rows = [...root.querySelectorAll('[data-testid="device"]')];
    expect(rows.map((r) => r.getAttribute('data-online'))).toEqual(['true', 'false']);
    expect(rows[0]!.textContent).toContain('PC-ANA-RUIZ');
    expect(rows[0]!.textContent).toContain('deviceOnline');
    expect(rows[0]!.querySelector('button')?.getAttribute('aria-label')).toBe('deviceConnectTo');
    expect(rows[1]!.textContent).toContain('deviceOffline');
    expect(rows[1]!.querySelector('button')).toBeNull();
    expect(root.querySelector('h4')?.textContent).toBe('devicesTitle');
    // Nothing that looks like a TeamViewer id, in text or attributes.
    const everything = [...root.querySelectorAll('*')].flatMap((e) => [e.textContent ?? '', ...[...e.attributes].map((a) => a.value)]).join(' ');
    expect(everything).not.toMatch(/\b\d{9}\b|r\d{6,}/);
  });

  it('a running connection replaces the list with its line and Done; not connected: nothing', async () => {
    (globalThis as Record<string, unknown>)[DEVICES_GLOBAL] = devicesSection;
    const running = await show({ ...base, devices: DEVICES, deviceConnection: { name: 'PC-ANA-RUIZ', since: '2026-12-01T10:02:00Z' } });
    expect(running.querySelector('[data-testid="devices"]')).toBeNull();
    const line = running.querySelector('[data-testid="device-connection"]')!;
    expect(line.textContent).toContain('connectedTo');
    expect(line.querySelector('button')?.textContent).toBe('deviceDone');
    const off = await show({ ...base, connected: false, devices: DEVICES });
    expect(off.querySelector('[data-testid="devices"]')).toBeNull();
  });
});
