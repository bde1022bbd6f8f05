// @vitest-environment happy-dom
// The widget and a colleague's case: a failed start's Retry never turns into an unconfirmed stop of
// a colleague's case, and a local error is dropped once the ticket's active case changes.
import { describe, it, expect } from 'vitest';
import { withView } from '../src/content/widget/store';
import { showWidget } from './helpers/widget';
import type { CaseView, TicketView } from '../src/shared/protocol';

const KEY = 'https://acme.bossdesk.io#1042';
const theirs: CaseView = {
  id: 'c-arya', ticketKey: KEY, state: 'open', requestedAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z',
  code: 's12-345-678', createdAt: '2026-11-20T10:00:00Z', validUntil: '2026-11-21T10:00:00Z', colleague: true, assignedName: 'Arya Stark',
};
const show = async (view: TicketView, localError?: TicketView['error']): Promise<HTMLElement> =>
  (await showWidget({ view, ...(localError ? { localError } : {}) })).root;
const buttons = (root: HTMLElement) => [...root.querySelectorAll('button')].map((b) => b.textContent?.trim());

describe('widget and a colleague\'s case', () => {
  it('a retryable error beside a colleague\'s case offers no Retry (Stop asks first)', async () => {
    const err = { code: 'network' as const };
    const mine = await show({ ticketKey: KEY, connected: true, history: [], active: { ...theirs, colleague: false }, error: err });
    expect(buttons(mine)).toContain('retry');
    const root = await show({ ticketKey: KEY, connected: true, history: [], active: theirs, error: err });
    expect(root.querySelector('[data-testid="error"]')).not.toBeNull();
    expect(buttons(root)).not.toContain('retry');
  });

  it('a local error is dropped when the ticket\'s active case changes, kept while it is the same', () => {
    const before: TicketView = { ticketKey: KEY, connected: true, history: [] };
    const s = { busy: false, refusedClose: false, pageChanged: false, confirmStop: false, view: before, localError: { code: 'network' as const } };
    expect(withView(s, { ...before })).not.toHaveProperty('localError');
    expect(withView(s, { ...before, active: theirs })).toEqual({ view: { ...before, active: theirs }, localError: undefined });
    const same = { ...s, view: { ...before, active: theirs } };
    expect(withView(same, { ...before, active: { ...theirs, online: true } })).not.toHaveProperty('localError');
  });
});
