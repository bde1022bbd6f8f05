// @vitest-environment happy-dom
// The picker's rules: generated names refused, a value next to a label stored by its label,
// selectors that match only the picked element.
import { describe, it, expect, beforeEach } from 'vitest';
import { fieldRuleFor, idSuffix, isGeneratedName, isStableAttr, labelAnchor, matchesOnly, proposePattern, selectorFor } from '../src/shared/profile/selector-rules';
import { readField } from '../src/shared/profile/read';

type Child = Node | string;
function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}
const mount = (...nodes: Node[]) => document.body.replaceChildren(...nodes);

describe('generated names', () => {
  it.each(['css-1k2j3h', 'sc-bdVaJa', 'jsx-123', 'svelte-x1y2z3', 'Button_root__3xYz1', '_3xYz1', 'item-20231104',
    '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'emotion-0', 'qzkrtx'])('refuses %s', (name) => {
    expect(isGeneratedName(name)).toBe(true);
  });
  it.each(['ticket-title', 'status-control', 'comment-form', 'integrations', 'btn-primary', 'ticketNumber', 'txtNote'])('accepts %s', (name) => {
    expect(isGeneratedName(name)).toBe(false);
  });
  it('attributes: meaningful names with word values only', () => {
    expect(isStableAttr('aria-label', 'Add a comment')).toBe(true);
    expect(isStableAttr('name', 'comment')).toBe(true);
    expect(isStableAttr('data-field', 'status')).toBe(true);
    expect(isStableAttr('data-v-7ba5bd90', '')).toBe(false);
    expect(isStableAttr('href', '/tickets/1042')).toBe(false);
    expect(isStableAttr('aria-label', 'Ticket 1042')).toBe(false);
    expect(isStableAttr('style', 'color: red')).toBe(false);
  });
  it('WebForms ids keep their meaningful tail', () => {
    expect(idSuffix('ctl00_cphMain_txtNote')).toBe('txtNote');
    expect(idSuffix('comment')).toBeUndefined();
  });
});

describe('selectors', () => {
  beforeEach(() => mount());
  it('never names a generated class, and match exactly the picked element', () => {
    const target = h('button', { class: 'css-9x8y7z' }, 'Close ticket');
    mount(h('div', { class: 'css-1k2j3h' }, h('button', { class: 'css-9x8y7z' }, 'Update'), target));
    const sel = selectorFor(target)!;
    expect(sel).toBeTruthy();
    expect(sel).not.toMatch(/css-/);
    expect(matchesOnly(document, sel, target)).toBe(true);
  });
  it('prefers a test id, then a stable id, then name, then aria-label', () => {
    const a = h('textarea', { 'data-testid': 'note', id: 'note-box', name: 'note', class: 'css-abc123' });
    const b = h('textarea', { id: 'ctl00_cphMain_txtReply', name: 'ctl00$cphMain$txtReply' });
    const c = h('input', { name: 'subject', class: 'css-x1y2z3' });
    const d = h('button', { 'aria-label': 'Send reply', class: 'css-x1y2z3' });
    mount(a, b, c, d);
    expect(selectorFor(a)).toBe('[data-testid="note"]');
    expect(selectorFor(b)).toBe('[id$=txtReply]');
    expect(selectorFor(c)).toBe('input[name="subject"]');
    expect(selectorFor(d)).toBe('button[aria-label="Send reply"]');
  });
  it('an attribute shared by two elements is not enough: the selector is made unique', () => {
    const first = h('input', { name: 'x' });
    const second = h('input', { name: 'x' });
    mount(h('form', {}, first), h('form', {}, second));
    const sel = selectorFor(second)!;
    expect(sel).not.toBe('input[name="x"]');
    expect(matchesOnly(document, sel, second)).toBe(true);
  });
  it('matchesOnly refuses a selector that matches another element or several', () => {
    const a = h('span', {}, 'a');
    mount(a, h('span', {}, 'b'));
    expect(matchesOnly(document, 'span', a)).toBe(false);
    expect(matchesOnly(document, 'span:first-child', a)).toBe(true);
    expect(matchesOnly(document, '[[', a)).toBe(false);
  });
});

describe('label anchoring comes first', () => {
  it('dt → dd, even when the value sits in a link inside the dd', () => {
    const link = h('a', { href: 'mailto:ana@example.com', class: 'css-q1w2e3' }, 'ana@example.com');
    mount(h('dl', { class: 'css-a1b2c3' },
      h('div', {}, h('dt', {}, 'Category'), h('dd', {}, 'Network')),
      h('div', {}, h('dt', {}, 'Requester email'), h('dd', {}, link))));
    const pick = fieldRuleFor(link, 'requesterEmail')!;
    expect(pick.by).toBe('label');
    expect(pick.rule).toEqual({ labels: ['Requester email'] });
    expect(pick.value).toBe('ana@example.com');
  });
  it('table cells: the cell before the value, trailing colon dropped', () => {
    const cell = h('td', {}, 'Printer');
    mount(h('table', {}, h('tbody', {}, h('tr', {}, h('td', {}, 'Category:'), cell), h('tr', {}, h('th', {}, 'Type'), h('td', {}, 'Incident')))));
    expect(labelAnchor(cell)).toEqual({ label: 'Category', anchor: cell });
    expect(fieldRuleFor(cell, 'category')!.rule).toEqual({ labels: ['Category'] });
  });
  it('a label that leads elsewhere (same text earlier on the page) is not used', () => {
    const value = h('dd', {}, 'High');
    mount(h('dl', {}, h('dt', {}, 'Priority'), h('dd', {}, 'Low')), h('dl', {}, h('dt', {}, 'Priority'), value));
    const pick = fieldRuleFor(value, 'priority')!;
    expect(pick.by).toBe('selector');
    expect(pick.rule.labels).toBeUndefined();
    expect(readField(document, pick.rule)).toBe('High');
  });
  it('no label: a selector, with a pattern only when the value carries extra text', () => {
    const num = h('span', { class: 'css-n1u2m3' }, '#1042');
    const title = h('h1', { class: 'css-t1t2l3' }, 'Printer on floor 2');
    mount(h('header', {}, num, title));
    const n = fieldRuleFor(num, 'number')!;
    expect(n.by).toBe('selector');
    expect(n.rule.pattern).toBe('(\\d+)');
    expect(n.value).toBe('1042');
    const t = fieldRuleFor(title, 'title')!;
    expect(t.rule.pattern).toBeUndefined();
    expect(t.value).toBe('Printer on floor 2');
  });
  it('patterns', () => {
    expect(proposePattern('number', '1042')).toBeUndefined();
    expect(proposePattern('number', 'SR-1042')).toBe('(\\d+)');
    const p = proposePattern('title', '#1042 Printer on floor 2', '#1042')!;
    expect(new RegExp(p).exec('#1042 Printer on floor 2')?.[1]).toBe('Printer on floor 2');
    expect(new RegExp(p).exec('#1042Printer on floor 2')?.[1]).toBe('Printer on floor 2');
    expect(proposePattern('category', 'Network')).toBeUndefined();
  });
});

describe('what is not a label', () => {
  it('a row holding a label and its value does not label the next row', () => {
    const row = h('div', {}, h('dt', {}, 'Category'), h('dd', {}, 'Network'));
    mount(h('dl', {}, h('div', {}, h('dt', {}, 'Type'), h('dd', {}, 'Incident')), row));
    expect(labelAnchor(row)).toBeUndefined();
    expect(fieldRuleFor(row, 'category')!.by).toBe('selector');
  });
});

describe('attributes that say nothing', () => {
  it('[type=button] alone never names a button (a close control would catch every such button)', () => {
    const close = h('button', { type: 'button', class: 'css-a1b2c3' }, 'Close ticket');
    mount(h('div', {}, h('button', { type: 'submit' }, 'Add note'), close));
    const sel = selectorFor(close)!;
    expect(sel).not.toMatch(/\[type/);
    expect(matchesOnly(document, sel, close)).toBe(true);
  });
});
