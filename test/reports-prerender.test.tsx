// @vitest-environment happy-dom
// The reports page opened with its first frame in its HTML (issue 18): the worker writes the page's
// title and figures into the page (shared/reports/prerendered.ts, pages/reports/prerender.tsx), the
// page's code hydrates that frame without asking for the figures, and loads once it is painted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { Message } from '../src/shared/protocol';
import type { ReportResult } from '../src/shared/reports/types';
import { FIRST_FIGURES_ID, withFirstFrame } from '../src/shared/reports/prerendered';
import { firstFrameHtml } from '../src/pages/reports/prerender';
import { BUILT } from './helpers/built-reports-page';
import { app, fakeReportsWorker, frame, reportResult as result } from './helpers/reports-page';

// The charts draw on a canvas, which happy-dom has not: not what these tests are about.
vi.mock('../src/pages/reports/Chart', () => ({ DaysChart: () => null }));

let sent: Message[] = [];
beforeEach(() => {
  sent = fakeReportsWorker();
  document.head.replaceChildren();
  document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'app' }));
});
afterEach(() => render(null, document.getElementById('app')!));

/** The page as the worker answers it, laid into this document (head and body). */
function openPrerendered(r: ReportResult) {
  const html = withFirstFrame(BUILT, r, firstFrameHtml(r))!;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelector('script[src]')!.remove(); // early.js: the test below runs it itself
  document.head.replaceChildren(...[...doc.head.childNodes].map((n) => document.importNode(n, true)));
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}

describe('the page with its first frame (withFirstFrame)', () => {
  it('has the frame in the app element, the figures in a data block first in the head, and no module script', () => {
    const html = withFirstFrame(BUILT, result(3), '<main>frame</main>')!;
    expect(html).toContain('<div id="app"><main>frame</main></div>');
    expect(html).toMatch(new RegExp(`<head><script type="application/json" id="${FIRST_FIGURES_ID}" data-main="/assets/reports-lI9uZUMB.js">`));
    expect(html.indexOf(FIRST_FIGURES_ID)).toBeLessThan(html.indexOf('early.js'));
    expect(html).not.toContain('type="module"');
    expect(html).not.toContain('modulepreload');
    expect(html).toContain('<style>main{margin:0}</style>');
  });

  it('a name that would close the data block reads back as it was', () => {
    const r = result(2, { technician: '</script><script>alert(1)</script><!--' });
    const doc = new DOMParser().parseFromString(withFirstFrame(BUILT, r, '')!, 'text/html');
    expect(doc.querySelectorAll('script')).toHaveLength(2); // the data block and early.js
    expect(JSON.parse(doc.getElementById(FIRST_FIGURES_ID)!.textContent!)).toEqual(r);
  });

  it('a page without its app element or module script is left as it is (undefined)', () => {
    expect(withFirstFrame(BUILT.replace('<div id="app"></div>', '<div id="root"></div>'), result(1), 'x')).toBeUndefined();
    expect(withFirstFrame(BUILT.replace(/<script type="module"[^>]*><\/script>/, ''), result(1), 'x')).toBeUndefined();
  });
});

describe('the first frame', () => {
  it('the worker\'s markup is the page\'s own first render with those figures', async () => {
    const { Reports } = await import('../src/pages/reports/Reports');
    const r = result(12_345, { expired: 1 }); // with the expired note
    render(<Reports first={r} />, app()); // the first render, before its effects run
    const written = new DOMParser().parseFromString(`<div id="app">${firstFrameHtml(r)}</div>`, 'text/html').getElementById('app')!;
    expect(app().isEqualNode(written)).toBe(true);
    expect(app().querySelector('[data-testid="fig-sessions"]')!.textContent).toBe('12,345');
    await frame();
    expect(app().querySelector<HTMLButtonElement>('[data-testid="sync"] button')!.disabled).toBe(false); // live now
  });

  it('the page hydrates it: the same elements, no question for the figures, the filters next', async () => {
    openPrerendered(result(9));
    const painted = app().querySelector('[data-testid="fig-sessions"]')!;
    vi.resetModules();
    await act(async () => void (await import('../src/pages/reports/main')));
    expect(document.getElementById(FIRST_FIGURES_ID)).toBeNull(); // taken once
    expect(app().querySelector('[data-testid="fig-sessions"]')).toBe(painted);
    expect(painted.textContent).toBe('9');
    expect(sent.filter((m) => m.type === 'reports/query' || m.type === 'reports/prefetch')).toEqual([expect.objectContaining({ type: 'reports/query', limit: 200 })]);
    await frame();
    await frame();
    expect(app().querySelector('form.filters')).not.toBeNull();
    expect(app().querySelector('[data-testid="fig-sessions"]')!.textContent).toBe('7'); // the list's answer
  });
});

describe('early.ts on a page with its first frame', () => {
  it('asks nothing and loads the page\'s module once the frame is painted', async () => {
    openPrerendered(result(4));
    document.getElementById(FIRST_FIGURES_ID)!.dataset.main = new URL('./helpers/marks-loaded.ts', import.meta.url).pathname;
    globalThis.tv4bossMainLoads = 0;
    vi.resetModules();
    await import('../src/pages/reports/early');
    expect(globalThis.tv4bossMainLoads).toBe(0);
    await vi.waitFor(() => expect(globalThis.tv4bossMainLoads).toBe(1));
    expect(sent).toEqual([]);
    expect(globalThis.tv4bossFirstFigures).toBeUndefined();
  });
});
