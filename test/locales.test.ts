// Every _locales key exists in English and Spanish with the same placeholders; every key the code
// asks for exists; no key is left unused. Keys are found in the code as:
//   t('key') / getMessage('key')                 literal keys
//   t(`prefix_${x}`) / getMessage(`prefix_${x}`) dynamic keys: each prefix must be listed in DYNAMIC
//                                                 below with the exact suffixes it can take
//   t(someVariable)                               indirect keys: each call must be listed in INDIRECT
//                                                 below with the keys it can name
//   __MSG_key__                                   in the manifest
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CASE_KINDS, type CaseState } from '../src/shared/case';
import type { IssueCode } from '../src/shared/profile/validate';
import type { OriginCheck } from '../src/shared/sites';
import { TICKET_FIELDS } from '../src/shared/ticket';
import type { Outcome } from '../src/shared/reports/types';
import { i18nMap } from './helpers/i18n-source';
import { CONTROL_PARTS, PART_KEYS } from '../src/picker/parts';

const ROOT = join(__dirname, '..');
const LANGS = ['en', 'es'] as const;
interface Message { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> }
const messages = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(join(ROOT, 'public', '_locales', l, 'messages.json'), 'utf8')) as Record<string, Message>]));

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
const sources = files(join(ROOT, 'src')).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

/** Each value set is written out in full; `satisfies Record<Union, true>` makes typecheck fail when
 *  the union gains or loses a member, so a new case state (say) cannot go without its message. */
const CASE_STATES = Object.keys({
  creating: true, open: true, closing: true, closed: true, expired: true, failed: true, close_failed: true,
} satisfies Record<CaseState, true>);
const SITE_ERRORS = Object.keys({
  invalid: true, scheme: true, wildcard: true, credentials: true,
} satisfies Record<Extract<OriginCheck, { ok: false }>['reason'], true>);
const ISSUE_CODES = Object.keys({
  bad_json: true, too_large: true, not_object: true, required: true, not_string: true, not_list: true, empty: true,
  too_long: true, too_many: true, must_be_1: true, bad_id: true, unknown_property: true, unknown_field: true,
  bad_regex: true, no_id_group: true, bad_selector: true, needs_label_or_selector: true, not_boolean: true,
} satisfies Record<IssueCode, true>);

/** Dynamic key prefixes (the text before `${` in a template-literal key) and their suffixes. */
const DYNAMIC: Record<string, readonly string[]> = {
  outcome_: CASE_STATES, // widget history: t(`outcome_${c.state}`)
  siteErr_: SITE_ERRORS, // options, Sites: t(`siteErr_${o.reason}`)
  field_: TICKET_FIELDS, // options, "Test on this page": t(`field_${f}`)
  verr_: ISSUE_CODES, // options, profile errors: getMessage(`verr_${i.code}`)
  rpOutcome_: ['closed', 'closed_elsewhere', 'expired', 'close_failed'] satisfies Outcome[], // reports: t(`rpOutcome_${o}`)
  part_: CONTROL_PARTS, // picker: partName(k) for the parts that are not ticket fields
  help_: PART_KEYS, // picker: t(`help_${key}`), one help line per part
  perm: ['Groups', 'Sessions', 'Reports'], // widget: permissionNames, t(`perm${Name}`)
  rpKind_: CASE_KINDS, // reports: the Kind filter and column, t(`rpKind_${kind}`) (issue 19)
};

/** Calls whose key is a variable: `file: argument text` → the keys it can be. */
const INDIRECT: Record<string, readonly string[]> = {
  // t() itself and the notifier's wrapper pass their callers' keys through (checked at the callers).
  'src/platform/i18n.ts: key': [],
  'src/background/runtime/notifier.ts: key': [],
  // The badge's and the shortcuts' wrappers (issue 17), the same.
  'src/background/runtime/badge.ts: key': [],
  'src/background/runtime/commands.ts: key': [],
  // errorMessage: the key derived from the error code (errorKey; test/i18n-keys.test.ts).
  'src/platform/i18n.ts: errKey': i18nMap('ERROR_KEYS').map((e) => e.key),
  // EmailStatus: sent / filled / expired / pending
  'src/content/widget/Widget.tsx: key': ['emailSent', 'emailFilled', 'emailExpired', 'emailPending'],
  // Reports: one table per dimension, its heading and column (Breakdowns.tsx DIMS); date presets.
  'src/pages/reports/Breakdowns.tsx: heading': ['rpByTechnician', 'rpByCategory', 'rpByType', 'rpByPriority', 'rpBySource'],
  'src/pages/reports/Breakdowns.tsx: column': ['rpTechnician', 'rpCategory', 'rpType', 'rpPriority', 'rpSource'],
  'src/pages/reports/Filters.tsx: PRESET_KEYS[p]': ['rpToday', 'rpLast7', 'rpLast30', 'rpThisMonth', 'rpAllTime'],
  "src/pages/reports/format.ts: technician ? 'rpNoTechnician' : 'rpNone'": ['rpNoTechnician', 'rpNone'],
};

const CALL = /\b(?:t|getMessage)\(\s*(?:'([^']*)'|"([^"]*)"|`([^`$]*)(\$\{)?[^`]*`|([^,)]+))/g;

function usage() {
  const literal = new Set<string>();
  const dynamic = new Set<string>();
  const indirect = new Set<string>();
  for (const { path, text } of sources) {
    for (const m of text.matchAll(CALL)) {
      const [, single, double, tpl, interp, expr] = m;
      if (single !== undefined || double !== undefined) literal.add((single ?? double)!);
      else if (tpl !== undefined && interp) dynamic.add(tpl);
      else if (tpl !== undefined) literal.add(tpl);
      else if (expr !== undefined) indirect.add(`${path}: ${expr.trim()}`);
    }
  }
  const manifest = readFileSync(join(ROOT, 'manifest.config.ts'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) literal.add(m[1]!);
  return { literal, dynamic, indirect };
}

describe('_locales', () => {
  const { literal, dynamic, indirect } = usage();
  const expectedKeys = new Set<string>([
    ...literal,
    ...Object.entries(DYNAMIC).flatMap(([prefix, suffixes]) => suffixes.map((s) => prefix + s)),
    ...Object.values(INDIRECT).flat(),
  ]);

  it('English and Spanish have the same keys', () => {
    const [en, es] = LANGS.map((l) => Object.keys(messages[l]!).sort());
    expect(en!.filter((k) => !es!.includes(k)), 'missing in es').toEqual([]);
    expect(es!.filter((k) => !en!.includes(k)), 'missing in en').toEqual([]);
  });

  it('every message has the same placeholders in both languages, each one defined and used', () => {
    const problems: string[] = [];
    const shape = (m: Message) => ({
      positional: [...new Set(m.message.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort(),
      named: [...new Set([...m.message.replace(/\$\$/g, '').matchAll(/\$(\w+)\$/g)].map((x) => x[1]!.toLowerCase()))].sort(),
      defined: Object.keys(m.placeholders ?? {}).map((k) => k.toLowerCase()).sort(),
      contents: Object.entries(m.placeholders ?? {}).map(([k, p]) => `${k.toLowerCase()}=${p.content}`).sort(),
    });
    for (const key of Object.keys(messages.en!)) {
      const en = messages.en![key]!;
      const es = messages.es![key];
      if (!es) continue; // reported by the test above
      const [a, b] = [shape(en), shape(es)];
      if (JSON.stringify(a.positional) !== JSON.stringify(b.positional)) problems.push(`${key}: en ${a.positional.join(',') || 'none'} vs es ${b.positional.join(',') || 'none'}`);
      if (JSON.stringify(a.named) !== JSON.stringify(b.named)) problems.push(`${key}: named en ${a.named.join(',') || 'none'} vs es ${b.named.join(',') || 'none'}`);
      if (JSON.stringify(a.contents) !== JSON.stringify(b.contents)) problems.push(`${key}: placeholder contents differ`);
      for (const [lang, s] of [['en', a], ['es', b]] as const) {
        for (const n of s.named) if (!s.defined.includes(n)) problems.push(`${key} (${lang}): $${n}$ has no placeholders entry`);
        for (const d of s.defined) if (!s.named.includes(d)) problems.push(`${key} (${lang}): placeholder ${d} is never used`);
        const msg = lang === 'en' ? en : es;
        if (!msg.message.trim()) problems.push(`${key} (${lang}): empty message`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every dynamic key prefix in the code is listed, with its suffixes', () => {
    expect([...dynamic].filter((p) => !(p in DYNAMIC)), 'add the prefix to DYNAMIC').toEqual([]);
    expect(Object.keys(DYNAMIC).filter((p) => !dynamic.has(p)), 'a DYNAMIC prefix no code uses').toEqual([]);
  });

  it('every call with a variable key is listed, with the keys it can name', () => {
    expect([...indirect].filter((c) => !(c in INDIRECT)), 'add the call to INDIRECT').toEqual([]);
    expect(Object.keys(INDIRECT).filter((c) => !indirect.has(c)), 'an INDIRECT call no longer in the code').toEqual([]);
  });

  it('every key the code asks for exists', () => {
    for (const lang of LANGS) {
      expect([...expectedKeys].filter((k) => !(k in messages[lang]!)).sort(), `missing in ${lang}`).toEqual([]);
    }
  });

  it('no key is unused', () => {
    expect(Object.keys(messages.en!).filter((k) => !expectedKeys.has(k)).sort()).toEqual([]);
  });
});
