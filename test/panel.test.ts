// The side panel's and the badge's pure logic (src/shared/panel.ts), and the shortcut that opens
// the panel: sidePanel.open() is called before anything is awaited (the gesture is lost after one).
import { describe, it, expect, vi } from 'vitest';
import type { CaseRecord } from '../src/shared/case';
import { badgeState, isMine, panelCase, panelLists } from '../src/shared/panel';

const ME = 'u1';
const rec = (id: string, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id, ticketKey: `https://acme.bossdesk.io#${id}`, state: 'open', requestedAt: '2026-12-02T08:00:00Z', updatedAt: '2026-12-02T08:00:00Z',
  ticket: { origin: 'https://acme.bossdesk.io', id, url: `https://acme.bossdesk.io/app/en/tickets/${id}`, fields: { number: `#${id}`, title: `T ${id}` } },
  code: `s${id}`, createdAt: '2026-12-02T08:00:00Z', assignedUserId: ME, supporterLink: 'https://secret', ...over,
});
const DAY = Date.parse('2026-12-02T00:00:00Z');

describe('panel lists', () => {
  it('mine newest first, colleagues apart, creating cases left out', () => {
    const l = panelLists([
      rec('1', { createdAt: '2026-12-02T08:00:00Z' }),
      rec('2', { createdAt: '2026-12-02T09:00:00Z' }),
      rec('3', { assignedUserId: 'u2', colleague: true, assignedName: 'Arya' }),
      rec('4', { state: 'creating', code: undefined }),
      rec('5', { state: 'closing' }),
    ], [], ME, DAY);
    expect(l.mine.map((c) => c.id)).toEqual(['2', '1', '5']);
    expect(l.colleagues.map((c) => c.id)).toEqual(['3']);
  });

  it('today: my cases that ended since the start of the day, closed or expired, newest first', () => {
    const l = panelLists([], [
      rec('a', { state: 'closed', closedAt: '2026-12-02T10:00:00Z' }),
      rec('b', { state: 'expired', closedAt: '2026-12-02T11:00:00Z' }),
      rec('c', { state: 'closed', closedAt: '2026-12-01T23:00:00Z' }), // yesterday
      rec('d', { state: 'closed', closedAt: '2026-12-02T10:30:00Z', assignedUserId: 'u2' }), // a colleague's
      rec('e', { state: 'failed', closedAt: '2026-12-02T10:30:00Z' }),
    ], ME, DAY);
    expect(l.today.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('a panel case names its ticket and help desk and never carries the supporter link or the ticket copy', () => {
    const c = panelCase(rec('7'));
    expect(c).toMatchObject({ ticketNumber: '#7', ticketTitle: 'T 7', helpdesk: 'acme.bossdesk.io', code: 's7' });
    expect(c).not.toHaveProperty('supporterLink');
    expect(c).not.toHaveProperty('ticket');
  });

  it('whose case: the assigned user, else (older records) not a colleague\'s', () => {
    expect(isMine({ assignedUserId: ME }, ME)).toBe(true);
    expect(isMine({ assignedUserId: 'u2' }, ME)).toBe(false);
    expect(isMine({}, ME)).toBe(true);
    expect(isMine({ colleague: true }, ME)).toBe(false);
  });
});

describe('badge', () => {
  it('blank without open cases; the count of mine; attention while a connected customer is unseen', () => {
    expect(badgeState([], ME, new Set())).toMatchObject({ text: '', attention: false });
    const cases = [rec('1'), rec('2', { online: true }), rec('3', { assignedUserId: 'u2', online: true }), rec('4', { state: 'closed' })];
    expect(badgeState(cases, ME, new Set())).toEqual({ text: '2', attention: true, open: 2, waiting: 1 });
    expect(badgeState(cases, ME, new Set(['2']))).toEqual({ text: '2', attention: false, open: 2, waiting: 0 });
  });
});

describe('open-panel shortcut', () => {
  it('calls sidePanel.open synchronously, before any await', async () => {
    const calls: string[] = [];
    const open = vi.fn(() => {
      calls.push('open');
      return Promise.resolve();
    });
    vi.stubGlobal('chrome', { ...globalThis.chrome, sidePanel: { open }, windows: { getLastFocused: async () => ({ id: 9 }) } });
    const { onCommand, PANEL_COMMAND } = await import('../src/background/runtime/commands');
    const p = onCommand(PANEL_COMMAND, { windowId: 3 } as chrome.tabs.Tab);
    calls.push('returned');
    expect(calls).toEqual(['open', 'returned']);
    expect(open).toHaveBeenCalledWith({ windowId: 3 });
    await p;
  });
});
