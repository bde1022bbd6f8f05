// Reads a ticket page with a site profile. Works on any Document or Element: unit-tested with
// a DOM, used by the content script and by "Test on this page".
import { TICKET_FIELDS, type TicketField } from '../ticket';
import { isEmailAddress } from '../email-address';
import type { FieldRule, SiteProfile } from './types';

/** How much of the address and of a field's text the profile's regexes see. Patterns come from
 *  admins and a `(?:[^#]*&)?` is quadratic: on a 2 MB address it would block the page for a
 *  minute. A ticket's id sits in the first part of any real address and a field's value is short. */
export const MAX_URL_SCAN = 2000;
export const MAX_TEXT_SCAN = 4096;

const regex = (source: string): RegExp | undefined => {
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined; // an invalid pattern in a profile is reported by validation, not thrown here
  }
};

/** The ticket id of a URL, or undefined when it is not a ticket page of this profile. A regex entry
 *  runs on `pathname + search` (first MAX_URL_SCAN characters); a `{ path, param }` entry tests the
 *  path and reads the query parameter (name in any case) with URLSearchParams; a `{ path, hash }`
 *  entry tests the path and runs `hash` on the fragment (a hash-routed app). */
export function ticketIdFromUrl(profile: SiteProfile, url: URL): string | undefined {
  const target = (url.pathname + url.search).slice(0, MAX_URL_SCAN);
  for (const entry of profile.ticketUrl) {
    if (typeof entry !== 'string' && 'hash' in entry) {
      const raw = regex(entry.path)?.test(url.pathname.slice(0, MAX_URL_SCAN)) ? regex(entry.hash)?.exec(url.hash.slice(1, MAX_URL_SCAN))?.groups?.id : undefined;
      if (raw?.trim()) return raw.trim();
      continue;
    }
    if (typeof entry !== 'string') {
      if (!regex(entry.path)?.test(url.pathname.slice(0, MAX_URL_SCAN))) continue;
      const name = entry.param.toLowerCase();
      for (const [k, v] of new URLSearchParams(url.search.slice(0, MAX_URL_SCAN))) {
        if (k.toLowerCase() === name && v.trim()) return v.trim();
      }
      continue;
    }
    const raw = regex(entry)?.exec(target)?.groups?.id;
    if (!raw) continue;
    try {
      return decodeURIComponent(raw);
    } catch {
      // "%E0%A4%A": no page shows such a ticket; treat the URL as not a ticket's (or another entry's)
    }
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

/** Elements that are labels by nature (dt, th, label, legend, a row header) are tried first, then
 *  other elements followed by a value sibling, and last elements without one (wrapped labels): so a
 *  value whose text equals a label ("Email" as a Category value, "Correo electrónico" as a Source
 *  value) cannot shadow the real label. An element that is the second of a pair is a value, never a
 *  label. */
const LABEL_TAGS = 'dt, th, label, legend, [role=rowheader]';
const OTHER_TAGS = 'span, div, strong, b, p, li, td';

function labelled(el: Element, wanted: Set<string>): boolean {
  const text = el.textContent ?? '';
  // No label is that long (validation caps them at 100): skip big blocks without normalising them.
  return el.childElementCount <= 2 && text.length <= 300 && wanted.has(norm(text));
}

/** The value element a label names: label[for] → control, else the next sibling, else (a wrapped
 *  label) the parent's next sibling. */
function valueOfLabel(el: Element, wrappedOnly = false): Element | undefined {
  if (el instanceof HTMLLabelElement && el.htmlFor) {
    const target = el.ownerDocument.getElementById(el.htmlFor);
    if (target) return target;
  }
  const next = wrappedOnly ? null : el.nextElementSibling;
  if (next) return next;
  if (el.parentElement && el.parentElement.childElementCount <= 2) return el.parentElement.nextElementSibling ?? undefined;
  return undefined;
}

/** The value next to a visible label: dt→dd, th→td, label[for]→control, else the next sibling. */
export function findByLabel(root: ParentNode, labels: string[]): Element | undefined {
  const wanted = new Set(labels.map(norm));
  for (const el of root.querySelectorAll(LABEL_TAGS)) {
    const v = labelled(el, wanted) && valueOfLabel(el);
    if (v) return v;
  }
  const others = [...root.querySelectorAll(OTHER_TAGS)].filter((el) => !el.matches(LABEL_TAGS) && labelled(el, wanted));
  // An element followed by its value.
  for (const el of others) if (el.nextElementSibling) return el.nextElementSibling;
  // A wrapped label (nothing beside it): not one that comes second in its row, which is a value.
  for (const el of others) {
    if (el.previousElementSibling) continue;
    const v = valueOfLabel(el, true);
    if (v) return v;
  }
  return undefined;
}

function applyPattern(text: string, pattern: string | undefined): string | undefined {
  if (!pattern) return text;
  const m = regex(pattern)?.exec(text.slice(0, MAX_TEXT_SCAN));
  return m ? (m[1] ?? m[0]) : undefined;
}

/** A field's value and the element it was read from (to tell a re-rendered ticket from the same one). */
export function readFieldAt(root: ParentNode, rule: FieldRule | undefined): { el: Element; value: string } | undefined {
  if (!rule) return undefined;
  let el: Element | undefined;
  if (rule.selector) el = firstMatch(root, [rule.selector]);
  if (!el && rule.labels?.length) el = findByLabel(root, rule.labels);
  if (!el) return undefined;
  const value = applyPattern(valueText(el), rule.pattern)?.trim();
  return value ? { el, value } : undefined;
}

export const readField = (root: ParentNode, rule: FieldRule | undefined): string | undefined => readFieldAt(root, rule)?.value;

/** Digits without leading zeros: "#1042", "SR-01042" and "1042" all give "1042". */
const digits = (s: string) => s.replace(/\D/g, '').replace(/^0+(?=\d)/, '');

/** Whether the ticket number shown on a page is the id in its URL, comparing digits only ("#",
 *  prefixes and separators ignored); undefined when either has no digits to compare. */
export function numberIsId(number: string, id: string): boolean | undefined {
  const n = digits(number);
  const i = digits(id);
  return n && i ? n === i : undefined;
}

/** Fields whose value has a shape to check: a value without it was read off the wrong element and
 *  counts as not found (the requester email is sent to TeamViewer and addressed by the reply). */
const VALUE_CHECKS: Partial<Record<TicketField, (v: string) => boolean>> = { requesterEmail: isEmailAddress };

/** The ticket's fields; `refused` collects fields found on the page whose value failed its check. */
export function readFields(root: ParentNode, profile: SiteProfile, refused?: TicketField[]): Partial<Record<TicketField, string>> {
  const out: Partial<Record<TicketField, string>> = {};
  for (const f of TICKET_FIELDS) {
    const v = readField(root, profile.fields[f]);
    if (v === undefined) continue;
    if (VALUE_CHECKS[f]?.(v) === false) refused?.push(f);
    else out[f] = v;
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
  /** Fields found on the page whose value is not of their kind (a requester email that is not an
   *  email address): null in `fields`, never used. Optional: older reports have none. */
  invalid?: TicketField[];
  mount: boolean;
  comment: boolean;
  reply: boolean;
  close: boolean;
}

/** Field by field: what matched and what did not (for the options page and the console line). */
export function diagnose(doc: Document, profile: SiteProfile, url: URL): Diagnosis {
  const ticketId = ticketIdFromUrl(profile, url);
  const invalid: TicketField[] = [];
  const values = readFields(doc, profile, invalid);
  const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, values[f] ?? null])) as Record<TicketField, string | null>;
  return {
    url: ticketId !== undefined,
    ...(ticketId ? { ticketId } : {}),
    fields,
    ...(invalid.length ? { invalid } : {}),
    mount: !!firstMatch(doc, profile.mount),
    comment: !!(profile.comment && firstMatch(doc, [profile.comment.field]) && firstMatch(doc, [profile.comment.submit])),
    reply: !!(profile.reply && firstMatch(doc, [profile.reply.body])),
    close: !!(profile.close && firstMatch(doc, profile.close.controls)),
  };
}
