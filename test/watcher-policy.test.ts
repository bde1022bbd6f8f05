// The watcher applies the polling policy (issue 18), against the TeamViewer sandbox: what a ticket
// coming on screen costs, with and without a known BOSS group, and which alarm it leaves.
import { describe, it, expect } from 'vitest';
import browser from 'webextension-polyfill';
import { DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';
import { SLOW_MS } from '../src/shared/teamviewer/poll-policy';
import type { Ticket } from '../src/shared/ticket';

const fx = useSandbox();
const T = 30_000;
const ORIGIN = 'https://acme.bossdesk.io';
const ticket = (id: string): Ticket => ({ origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`, fields: { number: `#${id}`, title: 'Printer' } });
const apiCalls = async () => (await fx.requests()) as { method: string; path: string }[];

describe('a ticket on screen, no case of this browser', () => {
  it('a personal token without a BOSS group: no call, no alarm', async () => {
    const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
    await fx.ctl('/clear-requests');
    w.noteTicketsOnScreen(1);
    await w.ticketCameOnScreen(`${ORIGIN}#1042`);
    await w.armWatcher();
    expect(await browser.alarms.get('watch')).toBeFalsy();
    expect(await apiCalls()).toEqual([]);
  }, T);

  it('a known group: one look per ticket coming on screen, then a slow alarm; an alarm tick right after sends nothing', async () => {
    const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
    await w.startCase(ticket('1042')); // finds or creates the group: this browser knows it now
    await w.stopCase(`${ORIGIN}#1042`);
    await fx.ctl('/clear-requests');
    w.noteTicketsOnScreen(1);
    await w.ticketCameOnScreen(`${ORIGIN}#1043`);
    await w.idle();
    const looks = (await apiCalls()).filter((r) => r.method === 'GET' && r.path === '/sessions');
    expect(looks).toHaveLength(1);
    expect((await browser.alarms.get('watch'))?.periodInMinutes).toBe(SLOW_MS / 60_000);
    // The same ticket again (a widget reconnecting), another ticket within the minute, an alarm tick
    // right after the look: no call.
    const lists = async () => (await apiCalls()).filter((r) => r.method === 'GET' && r.path === '/sessions').length;
    await w.ticketCameOnScreen(`${ORIGIN}#1043`);
    expect(await lists()).toBe(1);
    await w.ticketCameOnScreen(`${ORIGIN}#1044`);
    expect(await lists()).toBe(1);
    await w.tick('alarm');
    expect(await lists()).toBe(1);
  }, T);
});

describe('an own open case', () => {
  it('a fresh case keeps the 30 s alarm beside its 9 s timer; a direct tick always sends', async () => {
    const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN);
    await w.startCase(ticket('1045'));
    await w.armWatcher();
    expect((await browser.alarms.get('watch'))?.periodInMinutes).toBe(0.5);
    await fx.ctl('/clear-requests');
    await w.tick();
    expect((await apiCalls()).filter((r) => r.method === 'GET' && r.path === '/sessions')).toHaveLength(1);
  }, T);
});
