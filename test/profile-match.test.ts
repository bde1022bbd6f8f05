// @vitest-environment happy-dom
// Field matching, both layouts × both languages, with the demo desk's seed tickets and the labels
// it shows (e2e/desk/app.js), plus URL id extraction for each combination.
import { describe, it, expect } from 'vitest';
import seed from '../e2e/desk/tickets.json';
import { BOSSDESK_PROFILE, SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';
import { diagnose, readFields } from '../src/shared/profile/read';
import { blocking } from '../src/shared/profile/report';

type Lang = 'en' | 'es';
interface Seed {
  id: number; title: Record<Lang, string>; category: Record<Lang, string>; type: Record<Lang, string>;
  priority: Record<Lang, string>; source: Record<Lang, string>; department: Record<Lang, string>;
  requester: { name: string; email: string | null }; technician: string; status: string;
}
const SEED = seed as unknown as Seed[];

const LABELS = {
  en: { status: 'Status', priority: 'Priority', type: 'Type', category: 'Category', source: 'Source', requester: 'Requester',
    requesterEmail: 'Requester email', technician: 'Technician', department: 'Department', subject: 'Subject', created: 'Created',
    description: 'Description', serviceRecord: 'Service Record', open: 'Open' },
  es: { status: 'Estado', priority: 'Prioridad', type: 'Tipo', category: 'Categoría', source: 'Origen', requester: 'Solicitante',
    requesterEmail: 'Correo del solicitante', technician: 'Técnico', department: 'Departamento', subject: 'Asunto', created: 'Creado',
    description: 'Descripción', serviceRecord: 'Registro de servicio', open: 'Abierto' },
};

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

function cloudTicket(tk: Seed, lang: Lang): HTMLElement {
  const L = LABELS[lang];
  const row = (label: string, value: Node | string) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value));
  return h('div', { class: 'layout' },
    h('main', { class: 'ticket-view' },
      h('h1', { class: 'ticket-title' }, h('span', { class: 'ticket-number' }, `#${tk.id}`), ` ${tk.title[lang]}`),
      h('dl', { class: 'ticket-fields' },
        row(L.status, h('span', { class: 'status-badge' }, L.open)),
        row(L.priority, h('span', { class: 'priority' }, tk.priority[lang])),
        row(L.type, tk.type[lang]), row(L.category, tk.category[lang]), row(L.source, tk.source[lang]),
        row(L.requester, tk.requester.name),
        row(L.requesterEmail, tk.requester.email ? h('a', { href: `mailto:${tk.requester.email}` }, tk.requester.email) : ''),
        row(L.technician, tk.technician), row(L.department, tk.department[lang]))),
    h('aside', { class: 'sidebar' }, h('section', { class: 'panel integrations' }, h('h3', {}, 'Integrations'), h('div', { class: 'integrations-body' }))));
}

function onpremTicket(tk: Seed, lang: Lang): HTMLElement {
  const L = LABELS[lang];
  const span = (text: string) => h('span', {}, text);
  const pair = (label: string, value: Node) => [h('th', {}, `${label}:`), h('td', {}, value)];
  return h('table', { id: 'layoutTable' }, h('tbody', {}, h('tr', {},
    h('td', { id: 'mainColumn' },
      h('table', { class: 'sr-header' }, h('tbody', {}, h('tr', {},
        h('td', { class: 'sr-header-title' }, `${L.serviceRecord} `, h('span', { id: 'ctl00_cphMain_lblRecordNumber' }, `SR-${tk.id}`))))),
      h('table', { class: 'sr-details' }, h('tbody', {},
        h('tr', {}, h('th', {}, `${L.subject}:`), h('td', { colspan: '3' }, span(tk.title[lang]))),
        h('tr', {}, ...pair(L.category, span(tk.category[lang])), ...pair(L.type, span(tk.type[lang]))),
        h('tr', {}, ...pair(L.priority, span(tk.priority[lang])), ...pair(L.source, span(tk.source[lang]))),
        h('tr', {}, ...pair(L.requester, span(tk.requester.name)),
          ...pair(L.requesterEmail, tk.requester.email ? h('a', { href: `mailto:${tk.requester.email}` }, tk.requester.email) : span(''))),
        h('tr', {}, ...pair(L.technician, span(tk.technician)), ...pair(L.status, span(L.open))),
        h('tr', {}, ...pair(L.department, span(tk.department[lang])), ...pair(L.created, span('1/2/2025'))),
        h('tr', {}, h('th', {}, `${L.description}:`), h('td', { colspan: '3' }, h('div', {}, 'text')))))),
    h('td', { id: 'rightColumn' },
      h('div', { class: 'box', id: 'integrationsBox' }, h('div', { class: 'box-title' }, 'Integrations'), h('div', { class: 'box-content' }))))));
}

const CASES = [
  { layout: 'cloud', profile: BOSSDESK_PROFILE, page: cloudTicket, url: (id: number, lang: Lang) => `https://acme.bossdesk.io/app/${lang}/tickets/${id}`, number: (id: number) => `#${id}` },
  { layout: 'onprem', profile: SUPPORT_CENTRAL_PROFILE, page: onpremTicket, url: (id: number, lang: Lang) => `https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?id=${id}&lang=${lang}`, number: (id: number) => `SR-${id}` },
] as const;

describe('every field, both layouts × both languages, every seed ticket', () => {
  for (const c of CASES) {
    for (const lang of ['en', 'es'] as const) {
      it(`${c.layout} / ${lang}`, () => {
        for (const tk of SEED) {
          document.body.replaceChildren(c.page(tk, lang));
          const expected: Record<string, string> = {
            number: c.number(tk.id), title: tk.title[lang], category: tk.category[lang], type: tk.type[lang],
            priority: tk.priority[lang], source: tk.source[lang], requesterName: tk.requester.name,
            technician: tk.technician, status: LABELS[lang].open,
          };
          if (tk.requester.email) expected.requesterEmail = tk.requester.email;
          expect(readFields(document, c.profile), `#${tk.id}`).toEqual(expected);
          const d = diagnose(document, c.profile, new URL(c.url(tk.id, lang)));
          expect(d.ticketId).toBe(String(tk.id));
          expect(blocking(d)).toBe(false);
        }
      });
    }
  }
});

describe('the other desk’s profile does not fit', () => {
  it('the cloud profile on an on-prem page: no mount point, no number', () => {
    document.body.replaceChildren(onpremTicket(SEED[0]!, 'en'));
    const d = diagnose(document, BOSSDESK_PROFILE, new URL('https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?id=1042'));
    expect(d).toMatchObject({ url: false, mount: false });
    expect(d.fields.number).toBeNull();
    expect(blocking(d)).toBe(true);
  });
});
