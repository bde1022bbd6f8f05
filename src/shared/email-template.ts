// Email sent to the ticket requester when a TeamViewer service case starts.
// Templates are admin-editable Mustache; only a fixed whitelist of plain
// placeholders is accepted, so a template can never reach data (such as the
// supporter link) that is not meant for the customer.
import Mustache, { type TemplateSpans } from 'mustache';
import { dayjs, langOf, type Lang } from './locale';

export const PLACEHOLDERS = [
  'teamviewer.customer_link',
  'teamviewer.session_code',
  'teamviewer.expires_at',
  'ticket.title',
  'ticket.number',
  'ticket.technician.name',
  'ticket.requester.name',
] as const;
export type Placeholder = typeof PLACEHOLDERS[number];

export interface EmailTemplate { subject: string; body: string }

export interface EmailContext {
  teamviewer: { customer_link: string; session_code: string; expires_at: string /* ISO UTC */ };
  ticket: { title: string; number: string; technician: { name: string }; requester: { name: string } };
}

type Field = 'subject' | 'body';

export type TemplateProblem =
  | { kind: 'unknown_placeholder'; field: Field; name: string }
  | { kind: 'syntax'; field: Field; detail: string }
  | { kind: 'missing_customer_link' }
  | { kind: 'forbidden_placeholder'; field: Field; name: string }
  | { kind: 'too_long'; field: Field; max: number };

export const MAX_LENGTH: Record<Field, number> = { subject: 255, body: 10000 };

const ALLOWED: ReadonlySet<string> = new Set(PLACEHOLDERS);
const CUSTOMER_LINK: Placeholder = 'teamviewer.customer_link';
// Captured once so a later change to the global cannot weaken html mode.
const htmlEscape: (s: string) => string = Mustache.escape;
const identity = (s: string): string => s;


/** Sections, partials… are reported by name with their sigil, e.g. "#ticket.title". */
function tagName(type: string, value: string): string {
  return type === 'name' || type === '&' ? value : type + value;
}

interface Scan { problems: TemplateProblem[]; names: Set<string> }

function scanField(field: Field, source: string): Scan {
  const problems: TemplateProblem[] = [];
  const names = new Set<string>();
  const reported = new Set<string>();
  if (source.length > MAX_LENGTH[field]) problems.push({ kind: 'too_long', field, max: MAX_LENGTH[field] });

  let tokens: TemplateSpans;
  try {
    tokens = Mustache.parse(source);
  } catch (e) {
    problems.push({ kind: 'syntax', field, detail: e instanceof Error ? e.message : String(e) });
    return { problems, names };
  }

  const walk = (spans: TemplateSpans): void => {
    let prevWasTag = false;
    for (const span of spans) {
      const [type, value, start] = span;
      if (type === 'text') {
        // Mustache keeps stray closers as literal text; they are almost always a typo.
        const stray = value.indexOf('}}');
        if (stray >= 0) problems.push({ kind: 'syntax', field, detail: `Unopened tag "}}" at ${start + stray}` });
        else if (prevWasTag && value.startsWith('}')) problems.push({ kind: 'syntax', field, detail: `Unmatched "}" at ${start}` });
        prevWasTag = false;
        continue;
      }
      prevWasTag = true;
      if (type === '!') continue; // comments render nothing
      if (type === '=') {
        problems.push({ kind: 'syntax', field, detail: `Changing delimiters is not supported (at ${start})` });
        continue;
      }
      if (value === '') {
        problems.push({ kind: 'syntax', field, detail: `Empty tag at ${start}` });
        continue;
      }
      if (/[{}]/.test(value)) {
        problems.push({ kind: 'syntax', field, detail: `Unclosed tag at ${start}` });
        continue;
      }
      const name = tagName(type, value);
      if ((type === 'name' || type === '&') && ALLOWED.has(value)) {
        names.add(value);
      } else if (!reported.has(name)) {
        reported.add(name);
        const kind = /supporter/i.test(value) ? 'forbidden_placeholder' : 'unknown_placeholder';
        problems.push({ kind, field, name });
      }
      const children = span[4];
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(tokens);
  return { problems, names };
}

export function validateTemplate(t: EmailTemplate): TemplateProblem[] {
  const subject = scanField('subject', t.subject);
  const body = scanField('body', t.body);
  const problems = [...subject.problems, ...body.problems];
  // Without a clean parse we cannot tell whether the link is there; the syntax error says enough.
  const bodyParsed = !body.problems.some((p) => p.kind === 'syntax');
  if (bodyParsed && !body.names.has(CUSTOMER_LINK)) problems.push({ kind: 'missing_customer_link' });
  return problems;
}

function formatExpiry(iso: string, lang: Lang): string {
  const d = dayjs(iso);
  return d.isValid() ? d.locale(lang).format('LLL') : iso;
}

export function renderEmail(
  t: EmailTemplate,
  ctx: EmailContext,
  opts: { locale: string; format?: 'text' | 'html' },
): EmailTemplate {
  const [first] = validateTemplate(t);
  if (first) throw new Error(problemMessage(first, 'en'));

  // Values are escaped up front (not via Mustache's escape option) so that
  // {{{triple}}} / {{&amp}} tags are escaped in html mode too.
  const esc = opts.format === 'html' ? htmlEscape : identity;
  const v = (s: unknown): string => esc(String(s ?? ''));
  // Built field by field: whatever else the caller's object carries never reaches the template.
  const view = {
    teamviewer: {
      customer_link: v(ctx.teamviewer.customer_link),
      session_code: v(ctx.teamviewer.session_code),
      expires_at: v(formatExpiry(ctx.teamviewer.expires_at, langOf(opts.locale))),
    },
    ticket: {
      title: v(ctx.ticket.title),
      number: v(ctx.ticket.number),
      technician: { name: v(ctx.ticket.technician.name) },
      requester: { name: v(ctx.ticket.requester.name) },
    },
  };
  const render = (s: string): string => Mustache.render(s, view, undefined, { escape: identity });
  return {
    // A subject is a single header line, whatever the ticket title contains.
    subject: render(t.subject).replace(/[\r\n]+/g, ' ').trim(),
    body: render(t.body),
  };
}

export const DEFAULT_TEMPLATES: Record<Lang, EmailTemplate> = {
  en: {
    subject: 'Remote support for ticket {{ticket.number}}: {{ticket.title}}',
    body: [
      'Hello {{ticket.requester.name}},',
      '',
      'To let {{ticket.technician.name}} connect to your computer, open this link and follow the steps:',
      '',
      '{{teamviewer.customer_link}}',
      '',
      'Session code: {{teamviewer.session_code}}',
      'The link is valid until {{teamviewer.expires_at}}.',
      '',
      'Best regards,',
      '{{ticket.technician.name}}',
    ].join('\n'),
  },
  es: {
    subject: 'Asistencia remota para el ticket {{ticket.number}}: {{ticket.title}}',
    body: [
      'Hola, {{ticket.requester.name}}:',
      '',
      'Para que {{ticket.technician.name}} pueda conectarse a su ordenador, abra este enlace y siga los pasos indicados:',
      '',
      '{{teamviewer.customer_link}}',
      '',
      'Código de sesión: {{teamviewer.session_code}}',
      'El enlace es válido hasta el {{teamviewer.expires_at}}.',
      '',
      'Un saludo,',
      '{{ticket.technician.name}}',
    ].join('\n'),
  },
};

export function defaultTemplate(locale: string): EmailTemplate {
  return { ...DEFAULT_TEMPLATES[langOf(locale)] };
}

/** The template in force: an empty subject or body stands for the default in `locale`. */
export function withDefaults(t: EmailTemplate, locale: string): EmailTemplate {
  const d = defaultTemplate(locale);
  return { subject: t.subject || d.subject, body: t.body || d.body };
}

export function sampleContext(locale: string): EmailContext {
  const es = langOf(locale) === 'es';
  return {
    teamviewer: {
      customer_link: 'https://get.teamviewer.com/s12345678',
      session_code: 's12-345-678',
      expires_at: '2026-11-27T20:40:00Z',
    },
    ticket: {
      title: es ? 'La impresora no imprime' : 'Printer is not printing',
      number: '1042',
      technician: { name: es ? 'Lucía Martín' : 'Alex Morgan' },
      requester: { name: es ? 'Javier López' : 'Jamie Smith' },
    },
  };
}

const FIELD: Record<Lang, Record<Field, string>> = {
  en: { subject: 'the subject', body: 'the body' },
  es: { subject: 'el asunto', body: 'el cuerpo' },
};

// Mustache reports errors in English; these are the shapes it (and scanField) produce.
function syntaxDetailEs(detail: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^Unclosed tag at (\d+)$/, (m) => `etiqueta sin cerrar en la posición ${m[1]}`],
    [/^Unclosed section "(.*)" at (\d+)$/, (m) => `sección «${m[1]}» sin cerrar en la posición ${m[2]}`],
    [/^Unopened section "(.*)" at (\d+)$/, (m) => `cierre de sección «${m[1]}» sin apertura en la posición ${m[2]}`],
    [/^Unopened tag "\}\}" at (\d+)$/, (m) => `«}}» sin apertura en la posición ${m[1]}`],
    [/^Unmatched "\}" at (\d+)$/, (m) => `«}» sobrante en la posición ${m[1]}`],
    [/^Empty tag at (\d+)$/, (m) => `etiqueta vacía en la posición ${m[1]}`],
    [/^Changing delimiters is not supported \(at (\d+)\)$/, (m) => `no se pueden cambiar los delimitadores (posición ${m[1]})`],
  ];
  for (const [re, fmt] of rules) {
    const m = detail.match(re);
    if (m) return fmt(m);
  }
  return detail;
}

export function problemMessage(p: TemplateProblem, locale: string): string {
  const lang = langOf(locale);
  const es = lang === 'es';
  switch (p.kind) {
    case 'unknown_placeholder': {
      const where = FIELD[lang][p.field];
      if (/^[#^/>]/.test(p.name)) {
        return es
          ? `Etiqueta no admitida {{${p.name}}} en ${where}: solo se admiten marcadores simples`
          : `Unsupported tag {{${p.name}}} in ${where}: only simple placeholders are allowed`;
      }
      return es ? `Marcador desconocido {{${p.name}}} en ${where}` : `Unknown placeholder {{${p.name}}} in ${where}`;
    }
    case 'forbidden_placeholder': {
      const where = FIELD[lang][p.field];
      return es
        ? `No se puede usar {{${p.name}}} en ${where}: el enlace del técnico es privado y nunca debe enviarse al cliente`
        : `{{${p.name}}} cannot be used in ${where}: the supporter link is private and must never be sent to the customer`;
    }
    case 'syntax': {
      const where = FIELD[lang][p.field];
      return es ? `Error de sintaxis en ${where}: ${syntaxDetailEs(p.detail)}` : `Syntax error in ${where}: ${p.detail}`;
    }
    case 'missing_customer_link':
      return es
        ? `El cuerpo debe incluir {{${CUSTOMER_LINK}}} para que el cliente pueda unirse a la sesión`
        : `The body must include {{${CUSTOMER_LINK}}} so the customer can join the session`;
    case 'too_long': {
      const where = FIELD[lang][p.field];
      const max = p.max.toLocaleString(lang);
      return es
        ? `${where.charAt(0).toUpperCase()}${where.slice(1)} es demasiado largo (máximo ${max} caracteres)`
        : `${where.charAt(0).toUpperCase()}${where.slice(1)} is too long (maximum ${max} characters)`;
    }
  }
}
