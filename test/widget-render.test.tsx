// @vitest-environment happy-dom
// What the widget shows for facts the worker sends: a customer email that expired before it could
// be sent (open case and history), who a case is assigned to, and the Reports link.
import { describe, it, expect } from 'vitest';
import { showWidget } from './helpers/widget';
import type { CaseView, TicketView } from '../src/shared/protocol';

const base: CaseView = {
  id: 'c1', ticketKey: 'https://acme.bossdesk.io#1042', state: 'closed', requestedAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:30:00Z',
  code: 's12-345-678', createdAt: '2026-11-20T10:00:00Z', closedAt: '2026-11-20T10:12:30Z',
};

const show = async (view: TicketView): Promise<HTMLElement> => (await showWidget({ view })).root;

describe('widget', () => {
  it('a customer email that expired is said so, in the history and not as pending', async () => {
    const email = { to: 'ana@example.com', subject: 's', body: 'b', autoSend: true, status: 'expired' as const };
    const root = await show({ ticketKey: base.ticketKey, connected: true, history: [{ ...base, email }] });
    const item = root.querySelector('[data-testid="history-item"]')!;
    expect(item.querySelector('[data-testid="email-expired"]')?.textContent).toContain('emailExpiredShort');
    expect(item.textContent).toContain('12 min 30 s'); // shared/duration, not a copy of it
  });

  it('an open case says whom it is assigned to; a colleague\'s case says who started it', async () => {
    const open = { ...base, state: 'open' as const, closedAt: undefined, assignedUserId: 'u22334455', assignedName: 'Arya Stark', validUntil: '2026-11-21T10:00:00Z', customerLink: 'https://get.teamviewer.com/s1' };
    const mine = await show({ ticketKey: base.ticketKey, connected: true, history: [], active: open });
    expect(mine.querySelector('[data-testid="assigned"]')?.textContent).toBe('Arya Stark');
    expect(mine.querySelector('[data-testid="colleague"]')).toBeNull();
    expect(mine.querySelector('[data-testid="reports-link"]')).not.toBeNull();
    const theirs = await show({ ticketKey: base.ticketKey, connected: true, history: [], active: { ...open, colleague: true } });
    expect(theirs.querySelector('[data-testid="colleague"]')?.textContent).toContain('startedByColleague');
  });
});
