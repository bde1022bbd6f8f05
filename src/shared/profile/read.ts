// Reads a ticket page with a site profile. Works on any Document or Element: unit-tested with
// a DOM, used by the content script and by "Test on this page".
import { TICKET_FIELDS, type TicketField } from '../ticket';
import type { FieldRule, SiteProfile } from './types';

export function ticketIdFromUrl(profile: SiteProfile, url: URL): string | undefined {
  const target = url.pathname + url.search;
  for (const source of profile.ticketUrl) {
    let re: RegExp;
    try {
      re = new RegExp(source, 'i');
    } catch {
      continue;
    }
    const id = re.exec(target)?.groups?.id;
    if (id) return decodeURIComponent(id);
  }
  return undefined;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\s*[:：]$/, '').toLocaleLowerCase();

function valueText(el: Element): string {
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent?.trim() ?? el.value;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value.trim();
  const control = el.querySelector('select, input:not([type=hidden]), textarea');
  if (control && norm(el.textContent ?? '') === '') return valueText(control);
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Elements that are labels by nature are tried first, so a value cell whose text happens to equal
 *  a label ("Correo electrónico" as a Source value) cannot shadow the real label. */
const LABEL_TAGS = ['dt, th, label, legend', 'span, div, strong, b, p, li, td'];

/** The value next to a visible label: dt→dd, th→td, label[for]→control, else the next sibling. */
export function findByLabel(root: ParentNode, labels: string[]): Element | undefined {
  const wanted = new Set(labels.map(norm));
  for (const tags of LABEL_TAGS) {
    for (const el of root.querySelectorAll(tags)) {
      if (el.childElementCount > 2 || !wanted.has(norm(el.textContent ?? ''))) continue;
      if (el instanceof HTMLLabelElement && el.htmlFor) {
        const target = el.ownerDocument.getElementById(el.htmlFor);
        if (target) return target;
      }
      let next: Element | null = el.nextElementSibling;
      if (!next && el.parentElement && el.parentElement.childElementCount <= 2) next = el.parentElement.nextElementSibling;
      if (next) return next;
    }
  }
  return undefined;
}

function applyPattern(text: string, pattern: string | undefined): string | undefined {
  if (!pattern) return text;
  try {
    const m = new RegExp(pattern, 'i').exec(text);
    return m ? (m[1] ?? m[0]) : undefined;
  } catch {
    return undefined;
  }
}

export function readField(root: ParentNode, rule: FieldRule | undefined): string | undefined {
  if (!rule) return undefined;
  let el: Element | undefined;
  if (rule.selector) {
    try {
      el = root.querySelector(rule.selector) ?? undefined;
    } catch {
      el = undefined;
    }
  }
  if (!el && rule.labels?.length) el = findByLabel(root, rule.labels);
  if (!el) return undefined;
  const value = applyPattern(valueText(el), rule.pattern)?.trim();
  return value || undefined;
}

export function readFields(root: ParentNode, profile: SiteProfile): Partial<Record<TicketField, string>> {
  const out: Partial<Record<TicketField, string>> = {};
  for (const f of TICKET_FIELDS) {
    const v = readField(root, profile.fields[f]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

export function firstMatch(root: ParentNode, selectors: string[] | undefined): Element | undefined {
  for (const s of selectors ?? []) {
    try {
      const el = root.querySelector(s);
      if (el) return el;
    } catch {
      /* an invalid selector in a profile is reported by validation, not thrown here */
    }
  }
  return undefined;
}

export interface Diagnosis {
  url: boolean;
  ticketId?: string;
  fields: Record<TicketField, string | null>;
  mount: boolean;
  comment: boolean;
  reply: boolean;
  close: boolean;
}

/** Field by field: what matched and what did not (for the options page and the console line). */
export function diagnose(doc: Document, profile: SiteProfile, url: URL): Diagnosis {
  const ticketId = ticketIdFromUrl(profile, url);
  const values = readFields(doc, profile);
  const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, values[f] ?? null])) as Record<TicketField, string | null>;
  return {
    url: ticketId !== undefined,
    ...(ticketId ? { ticketId } : {}),
    fields,
    mount: !!firstMatch(doc, profile.mount),
    comment: !!(profile.comment && firstMatch(doc, [profile.comment.field]) && firstMatch(doc, [profile.comment.submit])),
    reply: !!(profile.reply && firstMatch(doc, [profile.reply.body])),
    close: !!(profile.close && firstMatch(doc, profile.close.controls)),
  };
}
