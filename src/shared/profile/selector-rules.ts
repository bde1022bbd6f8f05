// How a picked element becomes a profile rule (the "Teach on this page" picker). A value next to a
// visible label is stored by that label; anything else by a CSS selector built from stable
// attributes first and, for the rest, by @medv/finder with filters that refuse generated names.
// Every rule is checked against the page before it is proposed: it must find the picked element.
// Pure: works on the Element it is given (unit-tested with a DOM), no browser API.
import { finder } from '@medv/finder';
import { findByLabel, readFieldAt } from './read';
import type { FieldRule } from './types';
import type { TicketField } from '../ticket';

/** Class names, ids and attribute values a build tool or framework made up: CSS-in-JS hashes
 *  (`css-1k2j3h`, `sc-bdVaJa`, `emotion-0`), scoped styles (`jsx-123`, `svelte-xyz12`), CSS-module
 *  suffixes (`Button_root__3xYz1`), GUIDs and long digit runs (record ids). They change with the
 *  next build, the next server start, or the next ticket. */
export function isGeneratedName(name: string): boolean {
  if (!name || name.length > 60) return true;
  if (/^(?:css|sc|jsx|svelte|emotion|styled|tw|ng|v|chakra|makeStyles)-/i.test(name)) return true;
  if (/^_|__[\w-]{3,}$/.test(name)) return true; // CSS modules
  if (/\d{3,}/.test(name)) return true;
  if (/[0-9a-f]{8}-?[0-9a-f]{4}/i.test(name)) return true; // GUID-like
  return name.split(/[-_:.]/).some((part) => {
    if (part.length < 5) return false;
    const mixed = /\d/.test(part) && /[a-z]/i.test(part);
    const noVowel = !/[aeiouy]/i.test(part);
    // "jHkLmQ": case flips inside a short token are a hash, "camelCase" words are not.
    const flips = (part.match(/[a-z][A-Z]/g) ?? []).length;
    return mixed || noVowel || flips >= 2;
  });
}

/** Attributes people (and test tools) put there on purpose, tried first, in this order. */
export const TEST_ID_ATTRS = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'] as const;
/** Other attributes a selector may use (besides the test ids and `data-*` in general). */
// Not `type` or `for` alone: `[type=button]` says nothing about which button.
const STABLE_ATTRS = new Set(['name', 'role', 'aria-label', 'title', 'placeholder', 'alt']);
/** Vue's scoped-style markers and React's old ids carry no meaning. */
const MEANINGLESS_DATA = /^data-(?:v-|reactid|react-|emotion|styled)/;

/** Whether `name="value"` may appear in a selector: a known attribute, a short value that is not
 *  generated and names no record (no digit runs: the next ticket's would differ). */
export function isStableAttr(name: string, value: string): boolean {
  const known = STABLE_ATTRS.has(name) || (name.startsWith('data-') && !MEANINGLESS_DATA.test(name));
  if (!known || !value.trim() || value.length > 60 || /\d{3,}/.test(value)) return false;
  return value.split(/\s+/).every((w) => !w || /^[\p{L}\p{N}_.,:()'/&-]+$/u.test(w)) && !/[0-9a-f]{8}-[0-9a-f]{4}/i.test(value);
}

/** An id a selector may name: a stable word, not a generated one. */
export const isStableId = (id: string): boolean => /^[A-Za-z][\w-]*$/.test(id) && !isGeneratedName(id);

/** WebForms ids (`ctl00_cphMain_txtNote`) carry a meaningful tail after generated container
 *  prefixes: matched with `[id$=…]`, as the built-in Support Central profile does. */
export function idSuffix(id: string): string | undefined {
  const tail = /[_$]([A-Za-z][A-Za-z0-9]*)$/.exec(id)?.[1];
  return tail && tail.length >= 4 && tail !== id && !isGeneratedName(tail) ? tail : undefined;
}

/** Whether `selector` matches exactly one element of `root`, and that one is `el`. */
export function matchesOnly(root: ParentNode, selector: string, el: Element): boolean {
  try {
    const all = root.querySelectorAll(selector);
    return all.length === 1 && all[0] === el;
  } catch {
    return false;
  }
}

const q = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/** Candidates from the element's own stable attributes, best first (test id < id < name < label). */
function ownCandidates(el: Element): string[] {
  const tag = el.localName;
  const out: string[] = [];
  for (const a of TEST_ID_ATTRS) {
    const v = el.getAttribute(a);
    if (v && isStableAttr(a, v)) out.push(`[${a}=${q(v)}]`);
  }
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.push(`#${CSS.escape(id)}`);
  const suffix = id ? idSuffix(id) : undefined;
  if (suffix) out.push(`[id$=${suffix}]`);
  for (const a of ['name', 'aria-label']) {
    const v = el.getAttribute(a);
    if (v && isStableAttr(a, v)) out.push(`${tag}[${a}=${q(v)}]`);
  }
  return out;
}

/** A CSS selector that matches only `el` in its document, or undefined when none could be built.
 *  Own stable attributes first; else @medv/finder with every generated name filtered out (it then
 *  falls back to tags and :nth-child positions, which survive re-generated class names). */
export function selectorFor(el: Element): string | undefined {
  const doc = el.ownerDocument;
  for (const s of ownCandidates(el)) if (matchesOnly(doc, s, el)) return s;
  try {
    const s = finder(el, {
      root: doc.body ?? doc.documentElement,
      idName: isStableId,
      className: (n) => !isGeneratedName(n),
      attr: isStableAttr,
      tagName: () => true,
      seedMinLength: 2,
      timeoutMs: 400,
    });
    return matchesOnly(doc, s, el) ? s : undefined;
  } catch {
    return undefined;
  }
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().replace(/\s*[:：]$/, '');

/** Text that can be a label: short, not a number or a record's data. */
function labelish(el: Element | null | undefined): string | undefined {
  // One wrapping child at most (<th><b>Category</b></th>): a row holding a label and its value is no label.
  if (!el || el.childElementCount > 1) return undefined;
  const text = clean(el.textContent);
  return text && text.length <= 60 && !/\d{3,}/.test(text) && /\p{L}/u.test(text) ? text : undefined;
}

/** The picked element and the wrappers around it that add no text (a `dd` holding a link). */
function anchorsOf(el: Element): Element[] {
  const out = [el];
  const text = clean(el.textContent);
  for (let p = el.parentElement, i = 0; p && i < 3 && clean(p.textContent) === text && p.localName !== 'body'; p = p.parentElement, i++) out.push(p);
  return out;
}

/** Label texts that may stand for `anchor`: aria-labelledby, label[for], the element just before
 *  (dt before dd, th or td before td, a label before its control), or the last child of that one. */
function labelCandidates(anchor: Element): string[] {
  const doc = anchor.ownerDocument;
  const out: (string | undefined)[] = [];
  for (const id of (anchor.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) out.push(labelish(doc.getElementById(id)));
  const id = anchor.getAttribute('id');
  if (id) for (const l of doc.querySelectorAll('label[for]')) if (l.getAttribute('for') === id) out.push(labelish(l));
  const prev = anchor.previousElementSibling;
  out.push(labelish(prev));
  if (prev?.lastElementChild) out.push(labelish(prev.lastElementChild));
  if (!prev && anchor.parentElement) out.push(labelish(anchor.parentElement.previousElementSibling));
  return [...new Set(out.filter((x): x is string => !!x))];
}

/** The visible label of the picked value, when reading that label finds exactly this value:
 *  `{ label, anchor }` (anchor: the element the label leads to, the picked one or its wrapper). */
export function labelAnchor(el: Element): { label: string; anchor: Element } | undefined {
  const doc = el.ownerDocument;
  for (const anchor of anchorsOf(el)) {
    for (const label of labelCandidates(anchor)) {
      if (findByLabel(doc, [label]) === anchor) return { label, anchor };
    }
  }
  return undefined;
}

/** A regex for a value that carries extra text: the number out of "#1042" or "SR-1042"; the
 *  title out of "#1042 Printer on floor 2". Undefined when the text is the value. */
export function proposePattern(field: TicketField | 'signedInUser', text: string, numberText?: string): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (field === 'number') return /\d/.test(t) && !/^\d+$/.test(t) ? '(\\d+)' : undefined;
  if (field === 'title' && numberText && t.startsWith(numberText.trim()) && t.length > numberText.trim().length) {
    return '^\\s*#?[A-Z]*-?\\d+\\s*[-:·]?\\s*(.+)$';
  }
  return undefined;
}

export interface FieldPick {
  rule: FieldRule;
  /** The element the rule reads (the picked one, or the wrapper its label leads to). */
  el: Element;
  /** What the rule reads on this page, right now. */
  value: string;
  by: 'label' | 'selector';
}

/** The rule for a picked field: its label when that finds it, else a selector; a pattern when
 *  the text carries more than the value. Undefined when no rule reads the picked element. */
export function fieldRuleFor(el: Element, field: TicketField | 'signedInUser', numberText?: string): FieldPick | undefined {
  const doc = el.ownerDocument;
  const pattern = proposePattern(field, el.textContent ?? '', numberText);
  const withPattern = (r: FieldRule): FieldRule => (pattern ? { ...r, pattern } : r);
  const anchored = labelAnchor(el);
  if (anchored) {
    const rule = withPattern({ labels: [anchored.label] });
    const read = readFieldAt(doc, rule);
    if (read && read.el === anchored.anchor) return { rule, el: read.el, value: read.value, by: 'label' };
  }
  const selector = selectorFor(el);
  if (!selector) return undefined;
  const rule = withPattern({ selector });
  const read = readFieldAt(doc, rule);
  return read && read.el === el ? { rule, el, value: read.value, by: 'selector' } : undefined;
}
