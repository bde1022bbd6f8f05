// The customer email at most once (issue 15): the worker records the attempt before a tab clicks
// Send; from then on it is never offered again automatically, whatever happens to the tab, until
// the technician's Send again. Against the real sandbox with fake storage and IndexedDB.
import { describe, it, expect } from 'vitest';
import { DEMO_TOKEN } from '../e2e/servers/sandbox.ts';
import { ticketKey, type Ticket } from '../src/shared/ticket';
import { useSandbox } from './helpers/sandbox';
import { loadWorker } from './helpers/worker-state';

const fx = useSandbox();

const ORIGIN = 'https://acme.bossdesk.io';
const ticket = (id = '1042'): Ticket => ({
  origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`,
  fields: { number: `#${id}`, title: 'Printer', requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com', technician: 'Marta Gómez' },
});

async function worker() {
  const w = await loadWorker(fx.sb.apiBase, DEMO_TOKEN, {});
  const tasks = await import('../src/background/cases/page-tasks');
  return { ...w, ...tasks };
}

describe('customer email at most once', () => {
  it('an attempt is recorded before the click, granted once, and never offered again (the tab vanished)', async () => {
    const w = await worker();
    const t = ticket();
    const key = ticketKey(t);
    const open = (await w.startCase(t)).active!;
    expect(w.claimTasks((await w.getCase(open.id))!).map((x) => x.kind)).toEqual(['reply']);
    const [a, b] = await Promise.all([w.attemptReply(key, open.id), w.attemptReply(key, open.id)]);
    expect([a, b].sort()).toEqual([false, true]); // two tabs: one click
    const rec = (await w.getCase(open.id))!;
    expect(rec.email).toMatchObject({ status: 'unconfirmed' });
    expect(Date.parse(rec.email!.attemptedAt!)).toBeGreaterThan(Date.now() - 10_000);
    // The tab left before it could report: a new tab (a reload, much later) gets no reply task.
    await new Promise((r) => setTimeout(r, 20));
    expect(w.claimTasks(rec).some((x) => x.kind === 'reply')).toBe(false);
    // The tab reported that the page did not confirm it: still unconfirmed, not pending.
    await w.taskResult(key, open.id, 'reply', false);
    expect((await w.getCase(open.id))!.email?.status).toBe('unconfirmed');
    // Another ticket's page cannot ask for this case's attempt.
    expect(await w.attemptReply(`${ORIGIN}#9999`, open.id)).toBe(false);
  });

  it('a confirmation turns it sent; Send again offers it once more; a stop keeps what is known', async () => {
    const w = await worker();
    const t = ticket();
    const key = ticketKey(t);
    const open = (await w.startCase(t)).active!;
    w.claimTasks((await w.getCase(open.id))!);
    expect(await w.attemptReply(key, open.id)).toBe(true);
    await w.sendAgain(key, open.id);
    const again = (await w.getCase(open.id))!;
    expect(again.email?.status).toBe('pending');
    expect(again.email?.attemptedAt).toBeUndefined();
    expect(w.claimTasks(again).map((x) => x.kind)).toEqual(['reply']); // not held back by the first hand-out
    expect(await w.attemptReply(key, open.id)).toBe(true);
    await w.taskResult(key, open.id, 'reply', true);
    expect((await w.getCase(open.id))!.email?.status).toBe('sent');
    await w.sendAgain(key, open.id); // nothing to send again
    expect((await w.getCase(open.id))!.email?.status).toBe('sent');

    const t2 = ticket('1043');
    const open2 = (await w.startCase(t2)).active!;
    expect(await w.attemptReply(ticketKey(t2), open2.id)).toBe(true);
    await w.stopCase(ticketKey(t2));
    const closed = (await w.getCase(open2.id))!;
    expect(closed.state).toBe('closed');
    expect(closed.email?.status).toBe('unconfirmed'); // not "expired": it may have gone out
    await w.sendAgain(ticketKey(t2), open2.id); // its link no longer works: not offered
    expect((await w.getCase(open2.id))!.email?.status).toBe('unconfirmed');
    expect(await w.attemptReply(ticketKey(t2), open2.id)).toBe(false);
  });
});
