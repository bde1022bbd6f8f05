// @vitest-environment happy-dom
// Site profile validation: every rule has its own path and message; the built-ins pass; what is
// exported imports back unchanged.
import { describe, it, expect } from 'vitest';
import { BOSSDESK_PROFILE, BUILTIN_PROFILES, SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';
import {
  PROFILE_MAX_JSON, formatIssue, parseProfile, profileToJson, selectorLooksValid, validateProfile, type SelectorCheck,
} from '../src/shared/profile/validate';
import { selectorParses } from '../src/pages/options/selector-check';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
type Json = Record<string, unknown>;
/** A valid profile to break one thing at a time. */
const base = (): Json => clone(SUPPORT_CENTRAL_PROFILE) as unknown as Json;

function errorsOf(json: unknown, selectors?: SelectorCheck): string[] {
  const r = validateProfile(json, selectors ? { selectors } : {});
  return r.ok ? [] : r.errors;
}

describe('validateProfile: the built-ins', () => {
  for (const [mode, check] of [['dom', selectorParses], ['syntax', 'syntax']] as const) {
    it(`every built-in profile passes (${mode} selector check) and comes back equal`, () => {
      for (const p of BUILTIN_PROFILES) {
        const r = validateProfile(clone(p), { selectors: check });
        expect(r.ok ? [] : r.errors, p.id).toEqual([]);
        if (r.ok) expect(r.profile).toEqual(p);
      }
    });
  }
});

describe('validateProfile: errors, each with its path', () => {
  it('the whole document must be an object', () => {
    for (const bad of [null, [], 'profile', 1]) expect(errorsOf(bad)).toEqual(['profile: must be an object']);
  });

  it('version: required, and must be 1', () => {
    const p = base();
    delete p.version;
    expect(errorsOf(p)).toEqual(['version: is required']);
    expect(errorsOf({ ...base(), version: 2 })).toEqual(['version: must be 1']);
    expect(errorsOf({ ...base(), version: '1' })).toEqual(['version: must be 1']);
  });

  it('id and name', () => {
    expect(errorsOf({ ...base(), id: 'my desk!' })).toEqual(['id: use only letters, digits, "-" and "_"']);
    expect(errorsOf({ ...base(), id: '' })).toEqual(['id: must not be empty']);
    expect(errorsOf({ ...base(), name: 42 })).toEqual(['name: must be a string']);
    expect(errorsOf({ ...base(), name: 'x'.repeat(101) })).toEqual(['name: too long (max 100)']);
    const p = base();
    delete p.name;
    expect(errorsOf(p)).toEqual(['name: is required']);
  });

  it('unknown top-level properties are named (a typo must not be ignored silently)', () => {
    expect(errorsOf({ ...base(), mounts: ['#x'] })).toEqual(['mounts: unknown property']);
  });

  it('ticketUrl: a non-empty list of regexes, each with an (?<id>…) group', () => {
    expect(errorsOf({ ...base(), ticketUrl: [] })).toEqual(['ticketUrl: must not be empty']);
    expect(errorsOf({ ...base(), ticketUrl: '/tickets/(?<id>\\d+)' })).toEqual(['ticketUrl: must be a list']);
    expect(errorsOf({ ...base(), ticketUrl: ['/tickets/(\\d+)'] })).toEqual(['ticketUrl[0]: regex has no (?<id>…) group']);
    const [bad] = errorsOf({ ...base(), ticketUrl: ['/ok/(?<id>\\d+)', '/tickets/(?<id>\\d+'] });
    expect(bad).toMatch(/^ticketUrl\[1\]: invalid regular expression \(.+\)$/);
    expect(errorsOf({ ...base(), ticketUrl: [7] })).toEqual(['ticketUrl[0]: must be a string']);
  });

  it('ticketUrl: { path, param } entries (a regex on the path, a query parameter name)', () => {
    const ok = validateProfile({ ...base(), ticketUrl: [{ path: '/SC/Record\\.aspx$', param: ' RecordID ' }, '/t/(?<id>\\d+)'] });
    expect(ok.ok && ok.profile.ticketUrl).toEqual([{ path: '/SC/Record\\.aspx$', param: 'RecordID' }, '/t/(?<id>\\d+)']);
    expect(errorsOf({ ...base(), ticketUrl: [{ path: '/x' }] })).toEqual(['ticketUrl[0].param: is required']);
    expect(errorsOf({ ...base(), ticketUrl: [{ param: 'id' }] })).toEqual(['ticketUrl[0].path: is required']);
    expect(errorsOf({ ...base(), ticketUrl: [{ path: '/x', param: '' }] })).toEqual(['ticketUrl[0].param: must not be empty']);
    expect(errorsOf({ ...base(), ticketUrl: [{ path: '/x', param: 'id', id: 'x' }] })).toEqual(['ticketUrl[0].id: unknown property']);
    const [bad] = errorsOf({ ...base(), ticketUrl: [{ path: '/x(', param: 'id' }] });
    expect(bad).toMatch(/^ticketUrl\[0\]\.path: invalid regular expression \(.+\)$/);
  });

  it('numberInUrl: optional, true or false', () => {
    for (const v of [true, false]) {
      const r = validateProfile({ ...base(), numberInUrl: v });
      expect(r.ok && r.profile.numberInUrl).toBe(v);
    }
    const r = validateProfile(base());
    expect(r.ok && 'numberInUrl' in r.profile).toBe(false);
    expect(errorsOf({ ...base(), numberInUrl: 'yes' })).toEqual(['numberInUrl: must be true or false']);
  });

  it('fields: unknown names, number and title required', () => {
    const p = base();
    (p.fields as Json).department = { labels: ['Department'] };
    delete (p.fields as Json).number;
    expect(errorsOf(p)).toEqual([
      'fields.department: unknown field (known: number, title, category, type, priority, source, requesterName, requesterEmail, technician, status, asset)',
      'fields.number: is required',
    ]);
    expect(errorsOf({ ...base(), fields: [] })).toEqual(['fields: must be an object']);
  });

  it('a field rule: labels or selector, valid selector and pattern, no other keys', () => {
    const withRule = (rule: unknown) => {
      const p = base();
      (p.fields as Json).category = rule;
      return errorsOf(p);
    };
    expect(withRule({})).toEqual(['fields.category: needs labels or a selector']);
    expect(withRule({ labels: [] })).toEqual(['fields.category.labels: must not be empty']);
    expect(withRule({ labels: ['Category', ' '] })).toEqual(['fields.category.labels[1]: must not be empty']);
    expect(withRule({ labels: 'Category' })).toEqual(['fields.category.labels: must be a list']);
    expect(withRule({ selector: '[[invalid' })).toEqual(['fields.category.selector: invalid CSS selector']);
    expect(withRule({ selector: 'dd:has(' })).toEqual(['fields.category.selector: invalid CSS selector']);
    expect(withRule({ labels: ['Category'], pattern: '(' })[0]).toMatch(/^fields\.category\.pattern: invalid regular expression/);
    expect(withRule({ labels: ['Category'], colour: 'red' })).toEqual(['fields.category.colour: unknown property']);
    expect(withRule('Category')).toEqual(['fields.category: must be an object']);
    // An empty label list is fine next to a selector (and dropped).
    expect(withRule({ labels: [], selector: '.cat' })).toEqual([]);
  });

  it('mount: a non-empty list of valid selectors', () => {
    expect(errorsOf({ ...base(), mount: [] })).toEqual(['mount: must not be empty']);
    expect(errorsOf({ ...base(), mount: [''] })).toEqual(['mount[0]: must not be empty']);
    expect(errorsOf({ ...base(), mount: ['#ok', 'aside >'] })).toEqual(['mount[1]: invalid CSS selector']);
    const p = base();
    delete p.mount;
    expect(errorsOf(p)).toEqual(['mount: is required']);
  });

  it('comment, reply and close: their required parts', () => {
    expect(errorsOf({ ...base(), comment: { field: '#note' } })).toEqual(['comment.submit: is required']);
    expect(errorsOf({ ...base(), comment: { field: '#note', submit: '#add', internal: '[x' } })).toEqual(['comment.internal: invalid CSS selector']);
    expect(errorsOf({ ...base(), reply: { subject: '#s', body: '#b' } })).toEqual(['reply.send: is required']);
    expect(errorsOf({ ...base(), reply: { subject: '#s', body: '#b', send: '#go', cc: '#cc' } })).toEqual(['reply.cc: unknown property']);
    expect(errorsOf({ ...base(), close: { closedValues: ['closed'] } })).toEqual(['close.controls: is required']);
    expect(errorsOf({ ...base(), close: { controls: [], closedValues: 'closed' } })).toEqual(['close.closedValues: must be a list']);
    // A status drop-down without an apply button saves on change: apply is optional, select is not.
    const onChange = validateProfile({ ...base(), close: { controls: ['#c'], closedValues: [], status: { select: '#s' } } });
    expect(onChange.ok && onChange.profile.close).toEqual({ controls: ['#c'], status: { select: '#s' }, closedValues: [] });
    expect(errorsOf({ ...base(), close: { controls: ['#c'], closedValues: [], status: { apply: '#go' } } })).toEqual(['close.status.select: is required']);
    expect(errorsOf({ ...base(), close: { controls: ['#c'], closedValues: [], status: { select: '#s', apply: 'a >' } } })).toEqual(['close.status.apply: invalid CSS selector']);
    expect(errorsOf({ ...base(), close: 'yes' })).toEqual(['close: must be an object']);
    // They are optional.
    const p = base();
    delete p.comment;
    delete p.reply;
    delete p.close;
    expect(errorsOf(p)).toEqual([]);
  });

  it('reports every problem at once, not only the first', () => {
    const errors = errorsOf({ version: 2, id: 'x', name: 'X', ticketUrl: ['/t/(\\d+)'], fields: { title: { labels: ['T'] } }, mount: [] });
    expect(errors).toEqual([
      'version: must be 1',
      'ticketUrl[0]: regex has no (?<id>…) group',
      'mount: must not be empty',
      'fields.number: is required',
    ]);
  });

  it('without a DOM (the worker) selectors get a syntactic check', () => {
    const withMount = (sel: string) => errorsOf({ ...base(), mount: [sel] }, 'syntax');
    expect(withMount('[[invalid')).toEqual(['mount[0]: invalid CSS selector']);
    expect(withMount('#a > .b, aside [data-x="a]"]')).toEqual([]);
  });

  it('keeps only what it validated: a description is kept, an empty one dropped', () => {
    const r = validateProfile({ ...base(), description: 'Support Central 9.4, Spanish' });
    expect(r.ok && r.profile.description).toBe('Support Central 9.4, Spanish');
    const r2 = validateProfile({ ...base(), description: '' });
    expect(r2.ok && 'description' in r2.profile).toBe(false);
  });
});

describe('selectorLooksValid', () => {
  it('accepts ordinary selectors, refuses unbalanced or dangling ones', () => {
    for (const ok of ['#x', '.a .b > c', '[id$=lblRecordNumber]', 'a[title="x]y"]', 'div:not(.a, .b)', 'a\\[b']) expect(selectorLooksValid(ok), ok).toBe(true);
    for (const bad of ['', '  ', '[x', 'a)', 'div:not(.a', 'a["x]', '> a', 'a >', 'a,,b', 'a,']) expect(selectorLooksValid(bad), bad).toBe(false);
  });
});

describe('parseProfile and profileToJson (import / export)', () => {
  it('bad JSON is one error naming the parser’s complaint', () => {
    const r = parseProfile('{ "version": 1, ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^profile: not valid JSON \(.+\)$/);
      expect(r.issues[0]).toMatchObject({ path: 'profile', code: 'bad_json' });
    }
  });

  it('too large a file is refused before parsing', () => {
    const r = parseProfile(' '.repeat(PROFILE_MAX_JSON + 1));
    expect(!r.ok && r.errors).toEqual([`profile: too large (max ${PROFILE_MAX_JSON} bytes)`]);
  });

  it('export → import gives the same profile; a validated profile exports the same text again', () => {
    for (const p of [BOSSDESK_PROFILE, SUPPORT_CENTRAL_PROFILE]) {
      const back = parseProfile(profileToJson(p));
      expect(back.ok).toBe(true);
      if (!back.ok) continue;
      expect(back.profile).toEqual(p);
      // Validation fixes the key order, so export(import(x)) is stable text.
      const text = profileToJson(back.profile);
      const again = parseProfile(text);
      expect(again.ok && profileToJson(again.profile)).toBe(text);
    }
  });

  it('a custom profile round-trips with its description and only the parts it has', () => {
    const custom = {
      version: 1, id: 'acme-bsc', name: 'ACME Support Central', description: 'Intranet desk',
      ticketUrl: ['/Ticket\\.aspx\\?no=(?<id>\\d+)'],
      fields: { number: { selector: '#no' }, title: { labels: ['Asunto', 'Subject'], pattern: '^(.*?)\\s*$' } },
      mount: ['#side'],
    };
    const r = parseProfile(JSON.stringify(custom));
    expect(r.ok && r.profile).toEqual(custom);
    if (r.ok) expect(parseProfile(profileToJson(r.profile))).toEqual(r);
  });

  it('formatIssue writes path: message (detail)', () => {
    expect(formatIssue({ path: 'fields.category.selector', code: 'bad_selector' })).toBe('fields.category.selector: invalid CSS selector');
    expect(formatIssue({ path: 'name', code: 'too_long', detail: 'max 100' })).toBe('name: too long (max 100)');
  });
});
