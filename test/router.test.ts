// The worker's message receiver fails closed: who sent a request decides what it may ask.
import { describe, it, expect } from 'vitest';
import browser, { type Runtime } from 'webextension-polyfill';
import { handleMessage } from '../src/background/runtime/router';

const ID = 'test-extension-id'; // @webext-core/fake-browser's runtime.id
const page = (url: string, extra: Partial<Runtime.MessageSender> = {}): Runtime.MessageSender =>
  ({ id: ID, url, tab: { id: 7 } as Runtime.MessageSender['tab'], frameId: 0, ...extra });
const DESK = 'https://acme.bossdesk.io';

describe('handleMessage sender checks', () => {
  it('lets an extension page ask for the connection status', async () => {
    const r = await handleMessage({ type: 'token/status' }, { id: ID, url: `chrome-extension://${ID}/src/pages/options/index.html` });
    expect(r.ok).toBe(true);
  });

  it('refuses token and settings requests from a help-desk page', async () => {
    for (const type of ['token/status', 'token/connect', 'token/disconnect', 'settings/get', 'settings/set', 'sites/add']) {
      const r = await handleMessage({ type, token: 'x' }, page(`${DESK}/app/tickets/1`));
      expect(r, type).toEqual({ ok: false, error: { code: 'bad_request_message', detail: 'sender not allowed' } });
    }
  });

  it('answers a ticket request from its own help-desk origin only', async () => {
    const own = await handleMessage({ type: 'ticket/view', ticketKey: `${DESK}#1042` }, page(`${DESK}/app/tickets/1042`));
    expect(own.ok).toBe(true);
    const other = await handleMessage({ type: 'ticket/view', ticketKey: 'https://other.bossdesk.io#1042' }, page(`${DESK}/app/tickets/1042`));
    expect(other).toMatchObject({ ok: false, error: { code: 'bad_request_message' } });
    const notAKey = await handleMessage({ type: 'ticket/view', ticketKey: `${DESK}/` }, page(`${DESK}/app/tickets/1042`));
    expect(notAKey).toMatchObject({ ok: false, error: { code: 'bad_request_message' } });
  });

  it('refuses pages that are not help desks, sub-frames, other extensions and unknown requests', async () => {
    const req = { type: 'ticket/view', ticketKey: 'https://evil.example#1' };
    expect((await handleMessage(req, page('https://evil.example/x'))).ok).toBe(false);
    expect((await handleMessage({ ...req, ticketKey: `${DESK}#1` }, page(`${DESK}/x`, { frameId: 3 }))).ok).toBe(false);
    expect((await handleMessage({ ...req, ticketKey: `${DESK}#1` }, page(`${DESK}/x`, { id: 'another-extension' }))).ok).toBe(false);
    expect(await handleMessage({ type: 'case/delete-everything' }, { id: ID, url: `chrome-extension://${ID}/x` }))
      .toEqual({ ok: false, error: { code: 'bad_request_message', detail: 'unknown request' } });
    expect((await handleMessage('not a message', page(`${DESK}/x`))).ok).toBe(false);
  });

  it('refuses a case start for a ticket of another origin', async () => {
    const ticket = { origin: 'https://other.bossdesk.io', id: '1', url: 'https://other.bossdesk.io/tickets/1', fields: {} };
    const r = await handleMessage({ type: 'case/start', ticket }, page(`${DESK}/tickets/1`));
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request_message' } });
  });

  it('lets only a tab the picker was injected into save a taught profile, for its own origin', async () => {
    const profile = { version: 1, id: 'x', name: 'X', ticketUrl: ['/t/(?<id>\\d+)'], fields: { number: { labels: ['N'] }, title: { labels: ['T'] } }, mount: ['aside'] };
    const save = (sender: Runtime.MessageSender) => handleMessage({ type: 'picker/save', profile }, sender);
    const refused = { ok: false, error: { code: 'bad_request_message', detail: 'sender not allowed' } };
    // No picker injected anywhere: refused, as is the options page's own request from a page.
    expect(await save(page(`${DESK}/app/tickets/1`))).toEqual(refused);
    expect(await handleMessage({ type: 'sites/teach', origin: DESK }, page(`${DESK}/app/tickets/1`))).toEqual(refused);
    // The worker injected it into tab 7 on DESK: that tab gets past the sender check (the site is
    // not an added one, so saving itself fails), tab 8 and tab 7 on another origin do not.
    await browser.storage.session.set({ pickerTabs: { 7: DESK } });
    const own = await save(page(`${DESK}/app/tickets/1`));
    expect(own).toMatchObject({ ok: false, error: { code: 'bad_request_message', detail: 'unknown site' } });
    expect(await save(page(`${DESK}/app/tickets/1`, { tab: { id: 8 } as Runtime.MessageSender['tab'] }))).toEqual(refused);
    expect(await save(page('https://other.bossdesk.io/app/tickets/1'))).toEqual(refused);
  });
});
