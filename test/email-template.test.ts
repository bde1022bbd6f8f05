import { describe, it, expect } from 'vitest';
import dayjs from 'dayjs';
import 'dayjs/locale/es';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import {
  DEFAULT_TEMPLATES,
  defaultTemplate,
  problemMessage,
  renderEmail,
  sampleContext,
  validateTemplate,
  type EmailContext,
  type EmailTemplate,
} from '../src/shared/email-template';

dayjs.extend(localizedFormat);

const LINK = '{{teamviewer.customer_link}}';
const tpl = (body: string, subject = 'Ticket {{ticket.number}}'): EmailTemplate => ({ subject, body });

describe('validateTemplate', () => {
  it('accepts both default templates', () => {
    expect(validateTemplate(DEFAULT_TEMPLATES.en)).toEqual([]);
    expect(validateTemplate(DEFAULT_TEMPLATES.es)).toEqual([]);
  });

  it('accepts every whitelisted placeholder, spaces and triple braces', () => {
    const body = `${LINK} {{ teamviewer.session_code }} {{{teamviewer.expires_at}}} {{&ticket.title}} {{ticket.technician.name}} {{ticket.requester.name}} {{! note }}`;
    expect(validateTemplate(tpl(body))).toEqual([]);
  });

  it('names an unknown placeholder', () => {
    expect(validateTemplate(tpl(`${LINK} {{ticket.foo}}`))).toEqual([
      { kind: 'unknown_placeholder', field: 'body', name: 'ticket.foo' },
    ]);
    expect(validateTemplate(tpl(LINK, '{{ticket}}'))).toEqual([
      { kind: 'unknown_placeholder', field: 'subject', name: 'ticket' },
    ]);
  });

  it('forbids anything naming the supporter link', () => {
    expect(validateTemplate(tpl(`${LINK} {{teamviewer.supporter_link}}`))).toEqual([
      { kind: 'forbidden_placeholder', field: 'body', name: 'teamviewer.supporter_link' },
    ]);
    expect(validateTemplate(tpl(LINK, '{{{teamviewer.webclient_supporter_link}}}'))).toEqual([
      { kind: 'forbidden_placeholder', field: 'subject', name: 'teamviewer.webclient_supporter_link' },
    ]);
    expect(validateTemplate(tpl(`${LINK} {{#teamviewer.supporter_link}}x{{/teamviewer.supporter_link}}`))[0]).toMatchObject({
      kind: 'forbidden_placeholder',
    });
  });

  it('refuses sections, inverted sections and partials', () => {
    const problems = validateTemplate(tpl(`${LINK} {{#ticket.title}}{{ticket.x}}{{/ticket.title}} {{^ticket.number}}-{{/ticket.number}} {{>footer}}`));
    expect(problems).toEqual([
      { kind: 'unknown_placeholder', field: 'body', name: '#ticket.title' },
      { kind: 'unknown_placeholder', field: 'body', name: 'ticket.x' },
      { kind: 'unknown_placeholder', field: 'body', name: '^ticket.number' },
      { kind: 'unknown_placeholder', field: 'body', name: '>footer' },
    ]);
  });

  it('reports syntax errors', () => {
    expect(validateTemplate(tpl(LINK, 'About {{ticket.title'))).toEqual([
      { kind: 'syntax', field: 'subject', detail: expect.stringContaining('Unclosed tag') },
    ]);
    expect(validateTemplate(tpl(`${LINK} {{#x}}`))[0]).toMatchObject({ kind: 'syntax', field: 'body' });
    expect(validateTemplate(tpl(`${LINK} oops }} here`))[0]).toMatchObject({ kind: 'syntax', field: 'body' });
    expect(validateTemplate(tpl(`${LINK} {{ticket.title}}}`))[0]).toMatchObject({ kind: 'syntax', field: 'body' });
    expect(validateTemplate(tpl(`${LINK} {{}}`))[0]).toMatchObject({ kind: 'syntax', field: 'body' });
    expect(validateTemplate(tpl(`${LINK} {{=<% %>=}}`))[0]).toMatchObject({ kind: 'syntax', field: 'body' });
    // Spaced braces are plain text.
    expect(validateTemplate(tpl(`${LINK} { {x} }`))).toEqual([]);
  });

  it('requires the customer link in the body', () => {
    expect(validateTemplate(tpl('Hello {{ticket.requester.name}}', `Link ${LINK}`))).toEqual([{ kind: 'missing_customer_link' }]);
  });

  it('limits lengths', () => {
    expect(validateTemplate(tpl(LINK, 'x'.repeat(256)))).toEqual([{ kind: 'too_long', field: 'subject', max: 255 }]);
    expect(validateTemplate(tpl(LINK + 'x'.repeat(10000)))).toEqual([{ kind: 'too_long', field: 'body', max: 10000 }]);
    expect(validateTemplate(tpl(LINK + 'x'.repeat(10000 - LINK.length), 'x'.repeat(255)))).toEqual([]);
  });
});

describe('renderEmail', () => {
  const ctx: EmailContext = {
    ...sampleContext('en'),
    ticket: { ...sampleContext('en').ticket, title: '<script>alert(1)</script> & "more"' },
  };

  it('does not escape in text mode', () => {
    const out = renderEmail(tpl(`${LINK}\n{{ticket.title}}`, '{{ticket.title}}'), ctx, { locale: 'en' });
    expect(out.subject).toBe('<script>alert(1)</script> & "more"');
    expect(out.body).toBe(`${ctx.teamviewer.customer_link}\n<script>alert(1)</script> & "more"`);
    expect(out.body).not.toContain('&lt;');
  });

  it('escapes every value in html mode, triple braces included', () => {
    const out = renderEmail(tpl(`<p>${LINK}</p>{{ticket.title}}|{{{ticket.title}}}`), ctx, { locale: 'en', format: 'html' });
    expect(out.body).not.toContain('<script>');
    expect(out.body).toContain('<p>https:&#x2F;&#x2F;get.teamviewer.com'); // Mustache's escaper also encodes "/"
    expect(out.body).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;more&quot;|&lt;script&gt;');
  });

  it('keeps the subject on one line', () => {
    const c = { ...ctx, ticket: { ...ctx.ticket, title: 'a\r\nb' } };
    expect(renderEmail(tpl(LINK, '{{ticket.title}}'), c, { locale: 'en' }).subject).toBe('a b');
  });

  it('renders the default templates with no leftover tags', () => {
    for (const locale of ['en', 'es-ES']) {
      const out = renderEmail(defaultTemplate(locale), sampleContext(locale), { locale });
      expect(out.body).toContain('https://get.teamviewer.com/');
      expect(out.body).toContain('s12-345-678');
      expect(out.subject + out.body).not.toMatch(/[{}]/);
    }
  });

  it('formats expires_at in the requested locale', () => {
    const iso = '2026-11-27T20:40:00Z';
    const c = { ...ctx, teamviewer: { ...ctx.teamviewer, expires_at: iso } };
    const t = tpl(`${LINK} until {{teamviewer.expires_at}}`);
    const en = renderEmail(t, c, { locale: 'en' }).body;
    const es = renderEmail(t, c, { locale: 'es-ES' }).body;
    expect(en).toContain(dayjs(iso).locale('en').format('LLL'));
    expect(en).toContain('2026');
    expect(es).toContain(dayjs(iso).locale('es').format('LLL'));
    expect(es).toMatch(/noviembre de 2026/);
    expect(dayjs.locale()).toBe('en'); // the global locale is untouched
  });

  it('throws the first problem in English for an invalid template', () => {
    expect(() => renderEmail(tpl(`${LINK} {{ticket.foo}}`), ctx, { locale: 'es' })).toThrow(
      'Unknown placeholder {{ticket.foo}} in the body',
    );
    expect(() => renderEmail(tpl('{{teamviewer.supporter_link}}'), ctx, { locale: 'en' })).toThrow(/supporter/);
  });

  it('only exposes whitelisted data to the template', () => {
    const leaky = { ...ctx, teamviewer: { ...ctx.teamviewer, supporter_link: 'SECRET' } } as EmailContext;
    const out = renderEmail(defaultTemplate('en'), leaky, { locale: 'en' });
    expect(out.subject + out.body).not.toContain('SECRET');
  });
});

describe('problemMessage', () => {
  it('names the placeholder and field in English and Spanish', () => {
    const p = { kind: 'unknown_placeholder', field: 'body', name: 'ticket.foo' } as const;
    expect(problemMessage(p, 'en')).toBe('Unknown placeholder {{ticket.foo}} in the body');
    expect(problemMessage(p, 'es')).toBe('Marcador desconocido {{ticket.foo}} en el cuerpo');
    const f = { kind: 'forbidden_placeholder', field: 'subject', name: 'teamviewer.supporter_link' } as const;
    expect(problemMessage(f, 'en')).toContain('{{teamviewer.supporter_link}}');
    expect(problemMessage(f, 'en')).toContain('subject');
    expect(problemMessage(f, 'es-ES')).toContain('{{teamviewer.supporter_link}}');
    expect(problemMessage(f, 'es-ES')).toContain('asunto');
  });

  it('covers every kind in both languages', () => {
    const problems = [
      ...validateTemplate(tpl('x', 'About {{ticket.title')),
      ...validateTemplate(tpl('{{#a}}{{/a}}')),
      { kind: 'too_long', field: 'body', max: 10000 } as const,
    ];
    for (const p of problems) {
      expect(problemMessage(p, 'en')).toMatch(/\S/);
      expect(problemMessage(p, 'es')).toMatch(/\S/);
    }
    expect(problemMessage(problems[0]!, 'es')).toBe('Error de sintaxis en el asunto: etiqueta sin cerrar en la posición 20');
    expect(problemMessage({ kind: 'missing_customer_link' }, 'es')).toContain('{{teamviewer.customer_link}}');
    expect(problemMessage({ kind: 'too_long', field: 'subject', max: 255 }, 'en')).toBe(
      'The subject is too long (maximum 255 characters)',
    );
  });
});

describe('defaults', () => {
  it('picks Spanish for es* locales and English otherwise', () => {
    expect(defaultTemplate('es-ES')).toEqual(DEFAULT_TEMPLATES.es);
    expect(defaultTemplate('es')).toEqual(DEFAULT_TEMPLATES.es);
    expect(defaultTemplate('en-US')).toEqual(DEFAULT_TEMPLATES.en);
    expect(defaultTemplate('fr')).toEqual(DEFAULT_TEMPLATES.en);
    expect(defaultTemplate('es-ES').body).toContain('Código de sesión');
    expect(defaultTemplate('es-ES').body).toContain('enlace');
  });

  it('returns a copy, so callers cannot edit the defaults', () => {
    defaultTemplate('en').subject = 'changed';
    expect(DEFAULT_TEMPLATES.en.subject).toContain('{{ticket.number}}');
  });

  it('gives a Spanish sample for Spanish locales', () => {
    expect(sampleContext('es').ticket.title).not.toBe(sampleContext('en').ticket.title);
  });
});
