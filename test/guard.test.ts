// @vitest-environment happy-dom
// The close guard (src/content/guard.ts): close controls, a status drop-down applied by a button,
// and a drop-down that saves on change (no apply button), refused while a case is open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardClose } from '../src/content/guard';
import type { SiteProfile } from '../src/shared/profile/types';

const profile = (status: { select: string; apply?: string }): SiteProfile => ({
  version: 1, id: 't', name: 'T', ticketUrl: ['/t/(?<id>\\d+)'], fields: { number: { selector: '#n' }, title: { selector: '#t' } },
  mount: ['#m'], close: { controls: ['.close-ticket'], status, closedValues: ['closed', 'resolved'] },
});

let select: HTMLSelectElement;
let apply: HTMLButtonElement;
let saved: string[];
let refused: number;
let blocked: boolean;
let remove: () => void;

function page(withApply: boolean): void {
  select = document.createElement('select');
  select.id = 's';
  for (const v of ['open', 'in_progress', 'resolved', 'closed']) {
    const o = document.createElement('option');
    o.value = o.textContent = v;
    select.append(o);
  }
  select.value = 'open';
  // The page's own listeners: save on change, or on the apply button.
  select.addEventListener('change', () => saved.push(`change:${select.value}`));
  select.addEventListener('input', () => saved.push(`input:${select.value}`));
  apply = document.createElement('button');
  apply.id = 'apply';
  apply.addEventListener('click', () => saved.push(`apply:${select.value}`));
  document.body.replaceChildren(select, ...(withApply ? [apply] : []));
}

/** What a technician's pick does: the value changes, then input and change are fired. */
function pick(value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

beforeEach(() => {
  saved = [];
  refused = 0;
  blocked = true;
});
afterEach(() => remove?.());

const install = (p: SiteProfile) => {
  remove = guardClose(p, () => blocked, () => refused++);
};

describe('a status drop-down that saves on change (no apply)', () => {
  it('a closed value is refused: the page sees nothing, the previous value is back', () => {
    page(false);
    install(profile({ select: '#s' }));
    pick('closed');
    expect(select.value).toBe('open');
    expect(saved).toEqual([]);
    expect(refused).toBe(1);
    pick('resolved');
    expect(select.value).toBe('open');
    expect(refused).toBe(2);
  });

  it('other values go through; the value to put back follows them', () => {
    page(false);
    install(profile({ select: '#s' }));
    pick('in_progress');
    expect(saved).toEqual(['input:in_progress', 'change:in_progress']);
    pick('closed');
    expect(select.value).toBe('in_progress');
    expect(saved).toHaveLength(2);
  });

  it('the value is remembered when the technician focuses or presses the drop-down', () => {
    page(false);
    install(profile({ select: '#s' }));
    select.value = 'in_progress'; // set by the page after the guard was installed
    select.dispatchEvent(new Event('mousedown', { bubbles: true }));
    pick('closed');
    expect(select.value).toBe('in_progress');
  });

  it('nothing is refused when no case is open', () => {
    page(false);
    install(profile({ select: '#s' }));
    blocked = false;
    pick('closed');
    expect(select.value).toBe('closed');
    expect(saved).toEqual(['input:closed', 'change:closed']);
    expect(refused).toBe(0);
  });

  it('a profile apply button that is not on the page: the drop-down saves on change, so it is guarded', () => {
    page(false);
    install(profile({ select: '#s', apply: '#apply' }));
    pick('closed');
    expect(select.value).toBe('open');
    expect(saved).toEqual([]);
  });
});

describe('a status drop-down applied by a button', () => {
  it('the drop-down may change; applying a closed value is refused', () => {
    page(true);
    install(profile({ select: '#s', apply: '#apply' }));
    pick('closed');
    expect(select.value).toBe('closed');
    apply.click();
    expect(saved).toEqual(['input:closed', 'change:closed']);
    expect(refused).toBe(1);
    blocked = false;
    apply.click();
    expect(saved).toContain('apply:closed');
  });
});
