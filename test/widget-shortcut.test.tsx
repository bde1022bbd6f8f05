// @vitest-environment happy-dom
// The widget's side of the start/stop shortcut (issue 17): the worker's stop asks for confirmation
// in the widget, focused on its "Stop it"; and the Start/Stop buttons' accessible names contain
// their visible text (WCAG 2.5.3, label in name).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import type { WidgetState } from '../src/content/widget/store';
import { noActions, showWidget } from './helpers/widget';
import type { CaseView } from '../src/shared/protocol';

const open: CaseView = {
  id: 'c1', ticketKey: 'https://acme.bossdesk.io#1042', state: 'open', requestedAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z',
  code: 's12-345-678', createdAt: '2026-11-20T10:00:00Z', validUntil: '2026-11-21T10:00:00Z', customerLink: 'https://get.teamviewer.com/s1',
};
const calls: string[] = [];
const actions = noActions({ start: () => void calls.push('start'), stop: () => void calls.push('stop') });
const show = (state: Partial<WidgetState>) => showWidget(state, { actions, attach: true });

const nameOf = (b: HTMLElement) => b.getAttribute('aria-label') ?? b.textContent!.replace('■', '').replace('▶', '').trim();
const visible = (b: HTMLElement) => [...b.childNodes].filter((n) => !(n instanceof HTMLElement && n.getAttribute('aria-hidden'))).map((n) => n.textContent).join('').trim();

describe('widget and the shortcut', () => {
  it('a stop asked by the shortcut shows the confirmation, focused on "Stop it"; a script click on Cancel does nothing', async () => {
    calls.length = 0;
    const { root } = await show({ view: { ticketKey: open.ticketKey, connected: true, history: [], active: open }, confirmStop: true });
    const confirm = root.querySelector('[data-testid="confirm-stop"]')!;
    expect(confirm.textContent).toContain('stopConfirm');
    const [yes, no] = [...confirm.querySelectorAll('button')];
    expect(document.activeElement).toBe(yes);
    await act(async () => void no!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(calls).toEqual([]); // untrusted (script) clicks do nothing, as for every widget button
  });

  it('without the shortcut, an own case shows Stop, not the question', async () => {
    const { root } = await show({ view: { ticketKey: open.ticketKey, connected: true, history: [], active: open } });
    expect(root.querySelector('[data-testid="confirm-stop"]')).toBeNull();
    expect(root.querySelector('.tv-stop')).not.toBeNull();
  });

  it('Start and Stop: the accessible name contains the visible text', async () => {
    const ready = await show({ view: { ticketKey: open.ticketKey, connected: true, history: [] } });
    const play = ready.root.querySelector<HTMLElement>('.tv-play')!;
    expect(nameOf(play)).toContain(visible(play));
    const running = await show({ view: { ticketKey: open.ticketKey, connected: true, history: [], active: open } });
    const stop = running.root.querySelector<HTMLElement>('.tv-stop')!;
    expect(nameOf(stop)).toContain(visible(stop));
    const closing = await show({ view: { ticketKey: open.ticketKey, connected: true, history: [], active: { ...open, state: 'closing' } } });
    const stopping = closing.root.querySelector<HTMLElement>('.tv-stop')!;
    expect(stopping.getAttribute('aria-label')).toBeNull();
  });
});

describe('label in name, in the real messages', () => {
  for (const lang of ['en', 'es']) {
    it(`${lang}: "Start TeamViewer session" contains the visible "Start", and so for Stop`, () => {
      const m = JSON.parse(readFileSync(join(__dirname, '..', 'public', '_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
      expect(m.startSession!.message.toLowerCase()).toContain(m.start!.message.toLowerCase());
      expect(m.stopSession!.message.toLowerCase()).toContain(m.stop!.message.toLowerCase());
    });
  }
});
