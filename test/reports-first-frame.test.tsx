// @vitest-environment happy-dom
// The reports page's first frame (issue 18): early.ts asks for the address's figures before the
// page's code has loaded; when they come in time the first frame holds the title and the figures
// (no "Loading" frame), only the list is asked again, and the filters follow in the next frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { Message } from '../src/shared/protocol';
import { app, fakeReportsWorker, frame, reportResult as result } from './helpers/reports-page';

let sent: Message[] = [];
beforeEach(() => {
  sent = fakeReportsWorker();
  document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'app' }));
});
afterEach(() => {
  render(null, document.getElementById('app')!);
  globalThis.tv4bossFirstFigures = undefined;
});


describe('early.ts', () => {
  it('asks for the figures of the address\'s filter and leaves the answer for the page', async () => {
    history.replaceState(null, '', '?tech=Jon+Snow');
    vi.resetModules();
    await import('../src/pages/reports/early');
    expect(sent).toEqual([{ type: 'reports/prefetch', search: '?tech=Jon+Snow', tz: Intl.DateTimeFormat().resolvedOptions().timeZone }]);
    const { firstFigures } = await import('../src/pages/reports/first-figures');
    expect((await firstFigures(100))?.summary.sessions).toBe(7);
    expect(globalThis.tv4bossFirstFigures).toBeUndefined(); // taken once
    history.replaceState(null, '', location.pathname);
  });
});

describe('firstFigures', () => {
  it('only for this address, only in time, only an answer that is ok', async () => {
    const { firstFigures } = await import('../src/pages/reports/first-figures');
    const set = (search: string, answer: Promise<unknown>) => void (globalThis.tv4bossFirstFigures = { search, answer } as never);
    set(location.search, Promise.resolve({ ok: true, data: result(3) }));
    expect((await firstFigures(50))?.summary.sessions).toBe(3);
    set('?tech=Other', Promise.resolve({ ok: true, data: result(3) }));
    expect(await firstFigures(50)).toBeUndefined();
    set(location.search, new Promise(() => undefined));
    expect(await firstFigures(20)).toBeUndefined();
    set(location.search, Promise.resolve({ ok: false, error: { code: 'internal' } }));
    expect(await firstFigures(50)).toBeUndefined();
    expect(await firstFigures(50)).toBeUndefined(); // nothing left by early.ts
  });
});

describe('the first frame', () => {
  it('with early figures: the title and the figures, no "Loading", only the list asked; the filters come next', async () => {
    const { Reports } = await import('../src/pages/reports/Reports');
    await act(() => render(<Reports first={result(7)} />, app()));
    expect(app().querySelector('[data-testid="fig-sessions"]')!.textContent).toBe('7');
    expect(app().querySelector('[data-testid="loading"]')).toBeNull();
    expect(app().querySelector('form.filters')).toBeNull();
    expect(sent.filter((m) => m.type === 'reports/query').map((m) => (m as Message<'reports/query'>).limit)).toEqual([200]);
    await frame();
    await frame();
    expect(app().querySelector('form.filters')).not.toBeNull();
    expect(app().querySelectorAll('[data-testid="case-row"]')).toHaveLength(200);
  });

  it('without them: "Loading" and the filters at once, then the figures and the list asked together', async () => {
    const { Reports } = await import('../src/pages/reports/Reports');
    await act(() => render(<Reports />, app()));
    expect(app().querySelector('form.filters')).not.toBeNull();
    // The figures asked first: the worker answers in the order it is asked.
    expect(sent.filter((m) => m.type === 'reports/query').map((m) => (m as Message<'reports/query'>).limit)).toEqual([0, 200]);
    await frame();
    expect(app().querySelector('[data-testid="fig-sessions"]')!.textContent).toBe('7');
  });
});
