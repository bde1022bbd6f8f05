// Colleagues' cases in the shared BOSS group (issue 15 §2), against the TeamViewer sandbox: what
// the watcher adopts from the group's open sessions, what a stop may do to a colleague's case, and
// a start that finds the ticket's case already open in another browser.
import { describe, it, expect } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { DEMO_TOKEN, type Session } from '../e2e/servers/sandbox.ts';
import { useSandbox } from './helpers/sandbox';
import { caseMetadata } from '../src/shared/case';
import { ticketKey, type Ticket } from '../src/shared/ticket';
import { loadWorker } from './helpers/worker-state';

const fx = useSandbox();
const { state, requests } = fx;
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(fx.sb.apiBase + path, {
    method, headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function worker() {
  expect((await import('webextension-polyfill')).default).toBe(fakeBrowser);
  return loadWorker(fx.sb.apiBase, DEMO_TOKEN);
}

const ORIGIN = 'https://acme.bossdesk.io';
const COLLEAGUE = 'u22334455'; // Arya Stark in the sandbox's directory
function ticket(id: string): Ticket {
  return { origin: ORIGIN, id, url: `${ORIGIN}/app/en/tickets/${id}`, fields: { number: `#${id}`, title: 'Printer', technician: 'Arya Stark' } };
}

/** The BOSS group, as another browser (or the Management Console) made it. */
async function bossGroup(): Promise<string> {
  return (await api<{ id: string }>('POST', '/groups', { name: 'BOSS' })).id;
}

/** A session in the group with this custom_api, assigned to a colleague. */
async function session(groupid: string, customApi: string, assigned = COLLEAGUE): Promise<Session> {
  return api<Session>('POST', '/sessions', { groupid, custom_api: customApi, assigned_userid: assigned });
}

const colleagueMeta = (id: string, caseId = `colleague-${id}`) => caseMetadata({ id: caseId, ticketKey: ticketKey(ticket(id)), ticket: ticket(id) });

describe('the watcher adopts colleagues\' cases only from well-formed metadata', () => {
  it('three bad sessions beside a valid colleague case: the valid one is shown on its ticket, the bad ones never', async () => {
    const groupid = await bossGroup();
    const key = (id: string) => `${ORIGIN}#${id}`;
    // Listed first, so that each would be met before the valid one.
    await session(groupid, JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'bad-no-ticket', ticketKey: key('2001') }));
    await session(groupid, JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'bad-technician', ticketKey: key('2002'), ticket: { technician: 42, title: 'x' } }));
    await session(groupid, JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'bad-url', ticketKey: key('2003'), url: 'https://evil.example.com/phish', ticket: { number: '#2003' } }));
    const valid = await session(groupid, colleagueMeta('1042'));

    const w = await worker();
    w.noteTicketsOnScreen(1); // a ticket on screen: the watcher polls the group
    await w.tick();

    const view = await w.ticketView(key('1042'));
    expect(view.active).toMatchObject({ code: valid.code, colleague: true, assignedUserId: COLLEAGUE, state: 'open' });
    // The others: nothing of them that is not well-formed reaches a record.
    const noTicket = await w.getCase('bad-no-ticket');
    expect(noTicket?.ticket.fields ?? {}).toEqual({});
    const numeric = await w.getCase('bad-technician');
    expect(numeric?.technician).toBeUndefined();
    expect(typeof (numeric?.ticket.fields.technician ?? '')).toBe('string');
    const foreign = await w.getCase('bad-url');
    expect(foreign?.ticket.url ?? '').toBe('');
    for (const c of [noTicket, numeric, foreign]) expect(JSON.stringify(c ?? {})).not.toContain('evil.example.com');
  });

  it('metadata with a key that is not a help desk origin, or junk, is never adopted', async () => {
    const groupid = await bossGroup();
    await session(groupid, JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'js-key', ticketKey: 'javascript:alert(1)#7', ticket: {} }));
    await session(groupid, JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'x'.repeat(300), ticketKey: `${ORIGIN}#8`, ticket: {} }));
    await session(groupid, '{"app":"boss-tv"');
    const valid = await session(groupid, colleagueMeta('1043'));
    const w = await worker();
    w.noteTicketsOnScreen(1);
    await w.tick();
    expect((await w.ticketView(`${ORIGIN}#1043`)).active?.code).toBe(valid.code);
    expect(await w.getCase('js-key')).toBeUndefined();
    expect(await w.getCase('x'.repeat(300))).toBeUndefined();
    expect((await w.activeCases()).map((c) => c.code)).toEqual([valid.code]);
  });
});

describe('a colleague\'s case is stopped only with confirmation', () => {
  it('an unconfirmed stop (the widget\'s Retry) leaves it open; a confirmed one closes it', async () => {
    const groupid = await bossGroup();
    const theirs = await session(groupid, colleagueMeta('1042'));
    const w = await worker();
    w.noteTicketsOnScreen(1);
    await w.tick();
    const key = `${ORIGIN}#1042`;
    expect((await w.ticketView(key)).active?.colleague).toBe(true);

    await w.stopCase(key);
    expect((await state()).sessions.find((s) => s.code === theirs.code)!.state).toBe('Open');
    expect((await w.ticketView(key)).active).toMatchObject({ code: theirs.code, state: 'open' });
    expect((await requests()).some((r) => r.method === 'PUT' && r.path.includes(theirs.code))).toBe(false);

    await w.stopCase(key, { confirmColleague: true });
    expect((await state()).sessions.find((s) => s.code === theirs.code)!.state).toBe('Closed');
    expect((await w.ticketView(key)).active).toBeUndefined();
  });

  it('a failed start\'s error (and its Retry) is cleared once a colleague\'s case is the ticket\'s active case', async () => {
    const w = await worker();
    await fx.ctl('/faults', { path: '^/sessions$', method: 'POST', status: 400, body: { error: 'invalid_request', error_description: 'Session could not be created due to license limitations.', error_code: 400 } });
    const key = `${ORIGIN}#1042`;
    const failed = await w.startCase(ticket('1042'));
    expect(failed.error?.code).toBe('license_limit');
    // Meanwhile a colleague started the ticket's case; this browser's watcher adopts it.
    const groupid = (await state()).groups.find((g) => g.name === 'BOSS')!.id;
    const theirs = await session(groupid, colleagueMeta('1042'));
    w.noteTicketsOnScreen(1);
    await w.tick();
    const view = await w.ticketView(key);
    expect(view.active).toMatchObject({ code: theirs.code, colleague: true });
    expect(view.error).toBeUndefined();
  });

  it('a failed stop of this browser\'s own case keeps its error while that case stays active', async () => {
    const w = await worker();
    const key = `${ORIGIN}#1042`;
    await w.startCase(ticket('1042'));
    await fx.ctl('/faults', { path: '^/sessions/', method: 'PUT', status: 403, body: { error: 'invalid_permission', error_code: 403 } });
    const view = await w.stopCase(key);
    expect(view.active?.state).toBe('open');
    expect(view.error).toBeDefined();
    await w.tick(); // a tick that rewrites nothing of the case leaves the error
    expect((await w.ticketView(key)).error).toBeDefined();
  });
});

describe('one case per ticket across browsers', () => {
  it('a start finds the ticket\'s case another browser opened since the last tick, and shows it instead of creating one', async () => {
    const w = await worker();
    await w.startCase(ticket('1')); // the BOSS group exists and is cached
    const groupid = (await state()).groups.find((g) => g.name === 'BOSS')!.id;
    const theirs = await session(groupid, colleagueMeta('1042'));
    const view = await w.startCase(ticket('1042'));
    expect(view.active).toMatchObject({ code: theirs.code, colleague: true, assignedName: 'Arya Stark' });
    const open = (await state()).sessions.filter((s) => s.state === 'Open' && s.custom_api?.includes(`${ORIGIN}#1042`));
    expect(open.map((s) => s.code)).toEqual([theirs.code]);
  });

  it('the same technician\'s case from another browser is shown as theirs (not a colleague\'s)', async () => {
    const w = await worker();
    await w.startCase(ticket('1'));
    const groupid = (await state()).groups.find((g) => g.name === 'BOSS')!.id;
    const mine = await session(groupid, colleagueMeta('1042', 'other-browser'), 'u11293276');
    const view = await w.startCase(ticket('1042'));
    expect(view.active).toMatchObject({ code: mine.code, colleague: false });
    expect((await state()).sessions.filter((s) => s.state === 'Open')).toHaveLength(2);
  });

  it('a ticket whose own case just closed is started again (the list\'s stale copy of it is not adopted)', async () => {
    const w = await worker();
    const key = `${ORIGIN}#1042`;
    const first = (await w.startCase(ticket('1042'))).active!;
    await w.tick(); // fresh list, with the case open
    await w.stopCase(key);
    const again = (await w.startCase(ticket('1042'))).active!;
    expect(again.code).not.toBe(first.code);
    expect(again.colleague).toBeFalsy();
    expect((await w.getCase(first.id))!.state).toBe('closed');
  });
});
