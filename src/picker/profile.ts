// Picks → a site profile, and the same profile checked on another ticket's document.
import { firstMatch, readField, ticketIdFromUrl } from '../shared/profile/read';
import { fieldRuleFor, selectorFor } from '../shared/profile/selector-rules';
import type { FieldRule, SiteProfile } from '../shared/profile/types';
import { templateToEntry } from '../shared/profile/url-proposal';
import { TICKET_FIELDS, type TicketField } from '../shared/ticket';
import { isFieldPart, type PartKey } from './parts';

export interface PartPick {
  /** The element the rule reads or names (the picked one, or the control it stands for). */
  el: Element;
  /** Fields: labels / selector / pattern. Controls and places: `selector` only. */
  rule: FieldRule;
  /** What the rule reads now (fields); undefined for controls ("found"). */
  value?: string;
  /** The picked element's own text (the title's pattern needs the number as shown). */
  text: string;
}
export type Picks = Partial<Record<PartKey, PartPick>>;

const CONTROL_OF: Partial<Record<PartKey, string>> = {
  commentField: 'textarea, input:not([type=hidden]):not([type=checkbox]), [contenteditable=""], [contenteditable=true]',
  replySubject: 'input:not([type=hidden]):not([type=checkbox])',
  replyBody: 'textarea, [contenteditable=""], [contenteditable=true]',
  commentInternal: 'input[type=checkbox]',
  statusSelect: 'select',
};
const BUTTON = 'button, input[type=submit], input[type=button], a[href], [role=button]';
const BUTTON_PARTS: readonly PartKey[] = ['commentSubmit', 'replySend', 'closeControl', 'statusApply'];

/** The element a click stands for: the form control in (or labelled by) the clicked element, the
 *  button around a clicked icon. Applied to clicks only: arrow keys move exactly where asked. */
export function normalizeClick(key: PartKey, el: Element): Element {
  const want = CONTROL_OF[key];
  if (want) {
    if (el.matches(want)) return el;
    const control = (el as HTMLLabelElement).control ?? el.querySelector(want) ?? el.closest('label')?.querySelector(want);
    return control ?? el;
  }
  if (BUTTON_PARTS.includes(key)) return el.closest(BUTTON) ?? el;
  return el;
}

/** A part's rule for `el`, checked to find exactly that element; undefined when none does. */
export function pickFor(key: PartKey, el: Element, numberText?: string): PartPick | undefined {
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (isFieldPart(key)) {
    const f = fieldRuleFor(el, key, key === 'title' ? numberText : undefined);
    return f && { el: f.el, rule: f.rule, value: f.value, text };
  }
  const selector = selectorFor(el);
  return selector ? { el, rule: { selector }, text } : undefined;
}

export interface Draft {
  picks: Picks;
  template: string;
  numberInUrl?: false;
  closedValues: string[];
  id: string;
  name: string;
}

const sel = (p: PartPick | undefined) => p?.rule.selector;

/** The profile the picks make (not validated yet: validateProfile says what is missing). */
export function buildProfile(d: Draft): unknown {
  const p = d.picks;
  const fields: Partial<Record<TicketField, FieldRule>> = {};
  for (const f of TICKET_FIELDS) if (p[f]) fields[f] = p[f].rule;
  const entry = templateToEntry(d.template);
  const commentField = sel(p.commentField);
  const commentSubmit = sel(p.commentSubmit);
  const reply = [sel(p.replySubject), sel(p.replyBody), sel(p.replySend)];
  const controls = p.closeControl ? [sel(p.closeControl)!] : [];
  const select = sel(p.statusSelect);
  return {
    version: 1, id: d.id, name: d.name,
    ticketUrl: entry ? [entry] : [],
    ...(d.numberInUrl === false ? { numberInUrl: false } : {}),
    fields,
    mount: p.mount ? [sel(p.mount)] : [],
    ...(p.signedInUser ? { signedInUser: p.signedInUser.rule } : {}),
    ...(commentField && commentSubmit ? { comment: { field: commentField, submit: commentSubmit, ...(p.commentInternal ? { internal: sel(p.commentInternal) } : {}) } } : {}),
    ...(reply.every(Boolean) ? { reply: { subject: reply[0], body: reply[1], send: reply[2] } } : {}),
    ...(controls.length || select ? {
      close: { controls, ...(select ? { status: { select, ...(p.statusApply ? { apply: sel(p.statusApply) } : {}) } } : {}), closedValues: d.closedValues },
    } : {}),
  };
}

export type PartCheck = { ok: boolean; value?: string };

/** Each picked part on another document: found (and its value) or not. */
export function checkParts(doc: Document, picks: Picks): Partial<Record<PartKey, PartCheck>> {
  const out: Partial<Record<PartKey, PartCheck>> = {};
  for (const [key, pick] of Object.entries(picks) as [PartKey, PartPick][]) {
    if (isFieldPart(key)) {
      const value = readField(doc, pick.rule);
      out[key] = value === undefined ? { ok: false } : { ok: true, value };
    } else out[key] = { ok: !!firstMatch(doc, [pick.rule.selector ?? '']) };
  }
  return out;
}

/** The ticket id the template gives for an address (undefined: not a ticket address). */
export function idFor(template: string, href: string): string | undefined {
  const entry = templateToEntry(template);
  if (!entry) return undefined;
  try {
    return ticketIdFromUrl({ ticketUrl: [entry] } as SiteProfile, new URL(href));
  } catch {
    return undefined;
  }
}

/** Option values and texts of a status drop-down that mean closed or resolved. */
const CLOSED_WORDS = /clos|resol|cerr|resuel|finish|done|complet/i;
export function statusOptions(select: Element | undefined): { value: string; text: string; closed: boolean }[] {
  if (!select || select.localName !== 'select') return [];
  return [...(select as HTMLSelectElement).options].map((o) => {
    const text = (o.textContent ?? '').trim();
    return { value: o.value, text, closed: CLOSED_WORDS.test(o.value) || CLOSED_WORDS.test(text) };
  });
}
