// Validates a site profile (an admin's JSON: typed in the options page, imported from a file, or
// given by enterprise policy) and returns a clean copy, or every problem with its exact path.
// Pure: the worker checks CSS selectors syntactically; the options page passes the browser's own
// parser (pages/options/selector-check.ts). Not part of the content script.
import { TICKET_FIELDS, type TicketField } from '../ticket';
import { REQUIRED_FIELDS } from './report';
import type { FieldRule, SiteProfile, TicketUrlEntry } from './types';

export type IssueCode =
  | 'bad_json' | 'too_large' | 'not_object' | 'required' | 'not_string' | 'not_list' | 'empty' | 'too_long'
  | 'too_many' | 'must_be_1' | 'bad_id' | 'unknown_property' | 'unknown_field' | 'bad_regex' | 'no_id_group'
  | 'bad_selector' | 'needs_label_or_selector' | 'not_boolean';

export interface Issue {
  /** Where: `fields.category.selector`, `ticketUrl[0]`; `profile` for the whole document. */
  path: string;
  code: IssueCode;
  /** The parser's message for bad_json / bad_regex, the limit for too_long / too_many. */
  detail?: string;
}

export type ValidationResult =
  | { ok: true; profile: SiteProfile }
  | { ok: false; errors: string[]; issues: Issue[] };

/** 'syntax' (default), or a checker that asks a real CSS parser. */
export type SelectorCheck = 'syntax' | ((selector: string) => boolean);

export const PROFILE_MAX_JSON = 64 * 1024;
const MAX = { text: 100, longText: 1000, source: 500, list: 20, closedValues: 50 };

const MESSAGES: Record<IssueCode, string> = {
  bad_json: 'not valid JSON',
  too_large: 'too large',
  not_object: 'must be an object',
  required: 'is required',
  not_string: 'must be a string',
  not_list: 'must be a list',
  empty: 'must not be empty',
  too_long: 'too long',
  too_many: 'too many entries',
  must_be_1: 'must be 1',
  bad_id: 'use only letters, digits, "-" and "_"',
  unknown_property: 'unknown property',
  unknown_field: `unknown field (known: ${TICKET_FIELDS.join(', ')})`,
  bad_regex: 'invalid regular expression',
  no_id_group: 'regex has no (?<id>…) group',
  bad_selector: 'invalid CSS selector',
  needs_label_or_selector: 'needs labels or a selector',
  not_boolean: 'must be true or false',
};

/** `path: message (detail)`, in English: for logs, the worker, and as the UI's fallback text. */
export function formatIssue(i: Issue): string {
  return `${i.path}: ${MESSAGES[i.code]}${i.detail ? ` (${i.detail})` : ''}`;
}

/** Balanced quotes, brackets and parentheses, no dangling combinator or comma. Catches typos,
 *  not every invalid selector: where there is a DOM the browser's parser is used instead. */
export function selectorLooksValid(sel: string): boolean {
  if (!sel.trim()) return false;
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') stack.push(c);
    else if (c === ')' || c === ']') {
      if (stack.pop() !== (c === ')' ? '(' : '[')) return false;
    }
  }
  if (quote || stack.length) return false;
  return !/^\s*[>+~,]|[>+~,]\s*$|,\s*,/.test(sel);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

class Checker {
  readonly issues: Issue[] = [];
  constructor(private readonly selectorOk: (s: string) => boolean) {}

  add(path: string, code: IssueCode, detail?: string): undefined {
    this.issues.push(detail === undefined ? { path, code } : { path, code, detail });
    return undefined;
  }

  unknownKeys(o: Obj, allowed: readonly string[], prefix: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.add(`${prefix}${k}`, 'unknown_property');
  }

  text(v: unknown, path: string, opts: { required?: boolean; max?: number; nonEmpty?: boolean } = {}): string | undefined {
    if (v === undefined) return opts.required ? this.add(path, 'required') : undefined;
    if (typeof v !== 'string') return this.add(path, 'not_string');
    if ((opts.nonEmpty ?? true) && !v.trim()) return this.add(path, 'empty');
    const max = opts.max ?? MAX.text;
    if (v.length > max) return this.add(path, 'too_long', `max ${max}`);
    return v;
  }

  selector(v: unknown, path: string, required = true): string | undefined {
    const s = this.text(v, path, { required, max: MAX.source });
    if (s === undefined) return undefined;
    return this.selectorOk(s) ? s.trim() : this.add(path, 'bad_selector');
  }

  regex(v: unknown, path: string, needsId: boolean): string | undefined {
    const s = this.text(v, path, { required: true, max: MAX.source });
    if (s === undefined) return undefined;
    try {
      new RegExp(s, 'i');
    } catch (e) {
      return this.add(path, 'bad_regex', e instanceof Error ? e.message : undefined);
    }
    if (needsId && !s.includes('(?<id>')) return this.add(path, 'no_id_group');
    return s;
  }

  list<T>(v: unknown, path: string, item: (x: unknown, p: string) => T | undefined, opts: { required?: boolean; nonEmpty?: boolean; max?: number } = {}): T[] | undefined {
    if (v === undefined) return opts.required ? this.add(path, 'required') : undefined;
    if (!Array.isArray(v)) return this.add(path, 'not_list');
    if (opts.nonEmpty && !v.length) return this.add(path, 'empty');
    const max = opts.max ?? MAX.list;
    if (v.length > max) return this.add(path, 'too_many', `max ${max}`);
    const out: T[] = [];
    v.forEach((x, i) => {
      const r = item(x, `${path}[${i}]`);
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  object(v: unknown, path: string, required: boolean): Obj | undefined {
    if (v === undefined) return required ? this.add(path, 'required') : undefined;
    return isObj(v) ? v : this.add(path, 'not_object');
  }
}

/** A `ticketUrl` entry: a regex with an (?<id>…) group, `{ "path": regex, "param": name }`, or
 *  `{ "path": regex, "hash": regex with (?<id>…) }` for a hash-routed app. */
function ticketUrlEntry(c: Checker, v: unknown, path: string): TicketUrlEntry | undefined {
  if (!isObj(v)) return c.regex(v, path, true);
  if (v.hash !== undefined && v.param === undefined) {
    c.unknownKeys(v, ['path', 'hash'], `${path}.`);
    const re = c.regex(v.path, `${path}.path`, false);
    const hash = c.regex(v.hash, `${path}.hash`, true);
    return re !== undefined && hash !== undefined ? { path: re, hash } : undefined;
  }
  c.unknownKeys(v, ['path', 'param'], `${path}.`);
  const re = c.regex(v.path, `${path}.path`, false);
  const param = c.text(v.param, `${path}.param`, { required: true });
  return re !== undefined && param !== undefined ? { path: re, param: param.trim() } : undefined;
}

function fieldRule(c: Checker, v: unknown, path: string): FieldRule | undefined {
  const o = c.object(v, path, false);
  if (!o) return undefined;
  c.unknownKeys(o, ['labels', 'selector', 'pattern'], `${path}.`);
  const labels = c.list(o.labels, `${path}.labels`, (x, p) => c.text(x, p));
  const selector = c.selector(o.selector, `${path}.selector`, false);
  const pattern = o.pattern === undefined ? undefined : c.regex(o.pattern, `${path}.pattern`, false);
  if (o.labels === undefined && o.selector === undefined) c.add(path, 'needs_label_or_selector');
  else if (Array.isArray(o.labels) && !o.labels.length && o.selector === undefined) c.add(`${path}.labels`, 'empty');
  const rule: FieldRule = {};
  if (labels?.length) rule.labels = labels;
  if (selector !== undefined) rule.selector = selector;
  if (pattern !== undefined) rule.pattern = pattern;
  return rule;
}

const TOP_KEYS = ['version', 'id', 'name', 'description', 'ticketUrl', 'numberInUrl', 'fields', 'mount', 'signedInUser', 'comment', 'reply', 'close'] as const;

/** Checks a parsed profile. */
export function validateProfile(json: unknown, opts: { selectors?: SelectorCheck } = {}): ValidationResult {
  const check = opts.selectors ?? 'syntax';
  const c = new Checker(check === 'syntax' ? selectorLooksValid : (sel) => !!sel.trim() && check(sel));
  if (!isObj(json)) {
    c.add('profile', 'not_object');
    return fail(c.issues);
  }
  c.unknownKeys(json, TOP_KEYS, '');
  if (json.version === undefined) c.add('version', 'required');
  else if (json.version !== 1) c.add('version', 'must_be_1');
  const id = c.text(json.id, 'id', { required: true, max: 64 });
  if (id !== undefined && !/^[A-Za-z0-9_-]+$/.test(id)) c.add('id', 'bad_id');
  const name = c.text(json.name, 'name', { required: true });
  const description = c.text(json.description, 'description', { max: MAX.longText, nonEmpty: false });
  const ticketUrl = c.list(json.ticketUrl, 'ticketUrl', (x, p) => ticketUrlEntry(c, x, p), { required: true, nonEmpty: true, max: 10 });
  const numberInUrl = json.numberInUrl;
  if (numberInUrl !== undefined && typeof numberInUrl !== 'boolean') c.add('numberInUrl', 'not_boolean');
  const mount = c.list(json.mount, 'mount', (x, p) => c.selector(x, p), { required: true, nonEmpty: true, max: 10 });

  const fields: SiteProfile['fields'] = {};
  const rawFields = c.object(json.fields, 'fields', true);
  if (rawFields) {
    for (const [k, v] of Object.entries(rawFields)) {
      if (!(TICKET_FIELDS as readonly string[]).includes(k)) {
        c.add(`fields.${k}`, 'unknown_field');
        continue;
      }
      const rule = fieldRule(c, v, `fields.${k}`);
      if (rule) fields[k as TicketField] = rule;
    }
    for (const f of REQUIRED_FIELDS) if (rawFields[f] === undefined) c.add(`fields.${f}`, 'required');
  }

  let comment: SiteProfile['comment'];
  const rc = c.object(json.comment, 'comment', false);
  if (rc) {
    c.unknownKeys(rc, ['field', 'submit', 'internal'], 'comment.');
    const field = c.selector(rc.field, 'comment.field');
    const submit = c.selector(rc.submit, 'comment.submit');
    const internal = c.selector(rc.internal, 'comment.internal', false);
    if (field && submit) comment = { field, submit, ...(internal ? { internal } : {}) };
  }

  let reply: SiteProfile['reply'];
  const rr = c.object(json.reply, 'reply', false);
  if (rr) {
    c.unknownKeys(rr, ['subject', 'body', 'send', 'to'], 'reply.');
    const subject = c.selector(rr.subject, 'reply.subject');
    const body = c.selector(rr.body, 'reply.body');
    const send = c.selector(rr.send, 'reply.send');
    const to = c.selector(rr.to, 'reply.to', false);
    if (subject && body && send) reply = { ...(to ? { to } : {}), subject, body, send };
  }

  let close: SiteProfile['close'];
  const rx = c.object(json.close, 'close', false);
  if (rx) {
    c.unknownKeys(rx, ['controls', 'status', 'closedValues'], 'close.');
    const controls = c.list(rx.controls, 'close.controls', (x, p) => c.selector(x, p), { required: true });
    const closedValues = c.list(rx.closedValues, 'close.closedValues', (x, p) => c.text(x, p), { required: true, max: MAX.closedValues });
    let status: { select: string; apply?: string } | undefined;
    const rs = c.object(rx.status, 'close.status', false);
    if (rs) {
      c.unknownKeys(rs, ['select', 'apply'], 'close.status.');
      const select = c.selector(rs.select, 'close.status.select');
      // No apply button: the drop-down saves on change.
      const apply = c.selector(rs.apply, 'close.status.apply', false);
      if (select) status = { select, ...(apply ? { apply } : {}) };
    }
    if (controls && closedValues) close = { controls, ...(status ? { status } : {}), closedValues };
  }

  const signedInUser = json.signedInUser === undefined ? undefined : fieldRule(c, json.signedInUser, 'signedInUser');

  if (c.issues.length) return fail(c.issues);
  // Known keys only, in a fixed order: what is exported is what was validated.
  const profile: SiteProfile = {
    version: 1, id: id!, name: name!.trim(), ...(description ? { description } : {}),
    ticketUrl: ticketUrl!, ...(typeof numberInUrl === 'boolean' ? { numberInUrl } : {}), fields, mount: mount!,
    ...(signedInUser ? { signedInUser } : {}),
    ...(comment ? { comment } : {}), ...(reply ? { reply } : {}), ...(close ? { close } : {}),
  };
  return { ok: true, profile };
}

function fail(issues: Issue[]): ValidationResult {
  return { ok: false, issues, errors: issues.map(formatIssue) };
}

/** Parses and validates profile JSON text (import, the options editor, a policy string). */
export function parseProfile(text: string, opts: { selectors?: SelectorCheck } = {}): ValidationResult {
  if (text.length > PROFILE_MAX_JSON) return fail([{ path: 'profile', code: 'too_large', detail: `max ${PROFILE_MAX_JSON} bytes` }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail([{ path: 'profile', code: 'bad_json', detail: e instanceof Error ? e.message : undefined }]);
  }
  return validateProfile(json, opts);
}

/** The export format: the validated profile, pretty-printed, stable key order. */
export function profileToJson(profile: SiteProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}
