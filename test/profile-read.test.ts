// @vitest-environment happy-dom
// Reading BOSS ticket pages with the built-in site profiles. The fixtures are built node by node
// (no HTML strings) in the two layouts BOSS ships: BOSSDesk (cloud) and Support Central (on-prem).
import { describe, it, expect, beforeEach } from 'vitest';
import { diagnose, findByLabel, firstMatch, numberIsId, readField, readFieldAt, readFields, ticketIdFromUrl } from '../src/shared/profile/read';
import { BOSSDESK_PROFILE, BUILTIN_PROFILES, SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';
import { describeMiss } from '../src/shared/profile/report';
import type { SiteProfile } from '../src/shared/profile/types';

type Child = Node | string | null | undefined | false;
function h(tag: string, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

function mount(...nodes: Node[]): void {
  document.body.replaceChildren(...nodes);
}

// ---------- fixtures ----------
interface CloudValues { status: string; priority: string; type: string; category: string; source: string; requester: string; email: string; technician: string }
const CLOUD: CloudValues = {
  status: 'Open', priority: 'High', type: 'Incident', category: 'Printer', source: 'Email',
  requester: 'Ana Ruiz', email: 'ana.ruiz@example.com', technician: 'Marta Gómez',
};

function cloudPage(v: CloudValues = CLOUD): HTMLElement {
  const field = (label: string, value: Child) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value));
  return h('div', { class: 'app' },
    h('main', { class: 'ticket' },
      h('h1', { class: 'ticket-title' }, h('span', { class: 'ticket-number' }, '#1042'), ' Printer on floor 2'),
      h('dl', { class: 'ticket-fields' },
        field('Status', v.status),
        field('Priority', h('span', { class: 'priority priority-high' }, v.priority)),
        field('Type', v.type),
        field('Category', v.category),
        field('Source', v.source),
        field('Requester', v.requester),
        field('Requester email', h('a', { href: `mailto:${v.email}` }, v.email)),
        field('Technician', v.technician))),
    h('aside', { class: 'sidebar' },
      h('section', { class: 'panel integrations' }, h('h3', {}, 'Integrations'), h('div', { class: 'integrations-body' }))));
}

interface OnpremValues { subject: string; category: string; type: string; priority: string; source: string; requester: string; email: string; technician: string; status: string }
const ONPREM: OnpremValues = {
  subject: 'No puedo conectarme a la wifi de la sala B', category: 'Red', type: 'Incidente', priority: 'Urgente',
  source: 'Portal del técnico', requester: 'Luis Pérez', email: 'luis.perez@example.com', technician: 'Marta Gómez', status: 'Abierto',
};

/** Two label/value pairs per row, labels ending with a colon, values in spans (ASP.NET style). */
function onpremPage(v: OnpremValues = ONPREM, rows?: Array<Array<[string, string]>>): HTMLElement {
  const pair = ([label, value]: [string, string]) => [h('th', {}, `${label}:`), h('td', {}, h('span', {}, value))];
  const layout = rows ?? [
    [['Categoría', v.category], ['Tipo', v.type]],
    [['Prioridad', v.priority], ['Origen', v.source]],
    [['Solicitante', v.requester], ['Correo del solicitante', v.email]],
    [['Técnico', v.technician], ['Estado', v.status]],
  ];
  return h('form', { id: 'aspnetForm' },
    h('table', { class: 'sr-header' }, h('tbody', {}, h('tr', {},
      h('td', { class: 'sr-header-title' }, 'Registro de servicio ', h('span', { id: 'ctl00_cphMain_lblRecordNumber' }, 'SR-1043'))))),
    h('table', { class: 'sr-details' }, h('tbody', {},
      h('tr', {}, h('th', {}, 'Asunto:'), h('td', { colspan: '3' }, h('span', {}, v.subject))),
      ...layout.map((row) => h('tr', {}, ...row.flatMap(pair))))),
    h('div', { class: 'box', id: 'integrationsBox' }, h('div', { class: 'box-title' }, 'Integraciones'), h('div', { class: 'box-content' })));
}

beforeEach(() => mount());

// ---------- tests ----------
describe('ticketIdFromUrl', () => {
  const id = (p: SiteProfile, url: string) => ticketIdFromUrl(p, new URL(url));

  it('BOSSDesk ticket URLs', () => {
    expect(id(BOSSDESK_PROFILE, 'https://acme.bossdesk.io/app/en/tickets/1042')).toBe('1042');
    expect(id(BOSSDESK_PROFILE, 'https://acme.bossdesk.io/app/es/tickets/1042?tab=notes')).toBe('1042');
    expect(id(BOSSDESK_PROFILE, 'https://acme.bossdesk.io/app/en/tickets/view/77/')).toBe('77');
    expect(id(BOSSDESK_PROFILE, 'https://acme.bossdesk.io/APP/EN/TICKETS/1042')).toBe('1042');
  });

  it('Support Central service-record URLs, parameters in any order, any case', () => {
    expect(id(SUPPORT_CENTRAL_PROFILE, 'https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es')).toBe('1043');
    expect(id(SUPPORT_CENTRAL_PROFILE, 'https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?lang=es&id=1043')).toBe('1043');
    expect(id(SUPPORT_CENTRAL_PROFILE, 'https://desk.corp.local/bosssupportcentral/servicerecord.aspx?ID=1043')).toBe('1043');
    expect(id(SUPPORT_CENTRAL_PROFILE, 'https://desk.corp.local/x/ServiceRecord.aspx?srid=55')).toBe('55');
  });

  it('non-ticket URLs → undefined', () => {
    for (const url of [
      'https://acme.bossdesk.io/app/en/tickets',
      'https://acme.bossdesk.io/app/en/tickets/new',
      'https://acme.bossdesk.io/app/en/tickets/1042abc',
      'https://acme.bossdesk.io/app/en/dashboard',
    ]) expect(id(BOSSDESK_PROFILE, url), url).toBeUndefined();
    for (const url of [
      'https://desk.corp.local/BOSSSupportCentral/ServiceRecords.aspx',
      'https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx',
      'https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?sid=1043',
      'https://desk.corp.local/BOSSSupportCentral/Default.aspx?id=1043',
    ]) expect(id(SUPPORT_CENTRAL_PROFILE, url), url).toBeUndefined();
    // Each profile only recognises its own desk.
    expect(id(BOSSDESK_PROFILE, 'https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?id=1043')).toBeUndefined();
    expect(id(SUPPORT_CENTRAL_PROFILE, 'https://acme.bossdesk.io/app/en/tickets/1042')).toBeUndefined();
  });

  it('a malformed escape in the id (decodeURIComponent would throw) is not a ticket', () => {
    const p: SiteProfile = { ...BOSSDESK_PROFILE, ticketUrl: ['/t/(?<id>[^/?#]+)'] };
    expect(id(p, 'https://desk.example/t/%E0%A4%A')).toBeUndefined();
    expect(id(p, 'https://desk.example/t/%')).toBeUndefined();
    expect(id(p, 'https://desk.example/t/caf%C3%A9')).toBe('café');
    // The next entry still gets its chance, and page recognition as a whole does not throw.
    const two: SiteProfile = { ...p, ticketUrl: ['/t/(?<id>[^/?#]+)', '/t/(?<id>\\d+)'] };
    expect(id(two, 'https://desk.example/t/12%E0%A4%A')).toBe('12');
    expect(() => diagnose(document, p, new URL('https://desk.example/t/%E0%A4%A'))).not.toThrow();
    expect(diagnose(document, p, new URL('https://desk.example/t/%E0%A4%A')).url).toBe(false);
  });

  it('{ path, param } entries read the query with URLSearchParams (name in any case, decoded value)', () => {
    const p: SiteProfile = { ...SUPPORT_CENTRAL_PROFILE, ticketUrl: [{ path: '/SC/Record\\.aspx$', param: 'RecordID' }] };
    expect(id(p, 'https://bsc.local/SC/Record.aspx?RecordID=77')).toBe('77');
    expect(id(p, 'https://bsc.local/SC/Record.aspx?a=1&recordid=A%2F7&b')).toBe('A/7');
    expect(id(p, 'https://bsc.local/SC/Record.aspx?RecordID=')).toBeUndefined();
    expect(id(p, 'https://bsc.local/SC/Records.aspx?RecordID=77')).toBeUndefined();
    expect(id(p, 'https://bsc.local/SC/Record.aspx?Record=77')).toBeUndefined();
  });

  it('a 2 MB address is read in well under 50 ms (the regexes see its first 2 000 characters)', () => {
    const junk = 'a=b&'.repeat(500_000); // 2 MB of query
    const quadratic: SiteProfile = { ...SUPPORT_CENTRAL_PROFILE, ticketUrl: ['/SC/Record\\.aspx\\?(?:[^#]*&)?RecordID=(?<id>\\d+)'] };
    const cases: [SiteProfile, string][] = [
      [BOSSDESK_PROFILE, `https://acme.bossdesk.io/app/en/tickets/1042?${junk}`],
      [BOSSDESK_PROFILE, `https://acme.bossdesk.io/app/en/${'x/'.repeat(1_000_000)}`],
      [SUPPORT_CENTRAL_PROFILE, `https://bsc.local/BOSSSupportCentral/ServiceRecord.aspx?${junk}id=1043`],
      [quadratic, `https://bsc.local/SC/Record.aspx?${junk}RecordID=5`],
    ];
    for (const [profile, href] of cases) {
      const url = new URL(href);
      const t0 = performance.now();
      ticketIdFromUrl(profile, url);
      expect(performance.now() - t0, `${profile.id} ${href.slice(0, 60)}`).toBeLessThan(250); // quadratic over 2 MB would take seconds
    }
    // What fits in the scanned part is still found.
    expect(id(BOSSDESK_PROFILE, `https://acme.bossdesk.io/app/en/tickets/1042?${junk}`)).toBe('1042');
    expect(id(SUPPORT_CENTRAL_PROFILE, `https://bsc.local/BOSSSupportCentral/ServiceRecord.aspx?id=1043&${junk}`)).toBe('1043');
  });

  it('skips an invalid URL pattern and tries the next one', () => {
    const p: SiteProfile = { ...BOSSDESK_PROFILE, ticketUrl: ['(unclosed', ...BOSSDESK_PROFILE.ticketUrl] };
    expect(id(p, 'https://acme.bossdesk.io/app/en/tickets/1042')).toBe('1042');
  });
});

describe('numberIsId', () => {
  it('compares digits only: "#", prefixes, separators and leading zeros do not matter', () => {
    expect(numberIsId('#1042', '1042')).toBe(true);
    expect(numberIsId('SR-01042', '1042')).toBe(true);
    expect(numberIsId('Ticket 1-042', '1042')).toBe(true);
    expect(numberIsId('#1042', '1043')).toBe(false);
    expect(numberIsId('INC-2024-1042', '1042')).toBe(false);
  });

  it('nothing to compare without digits on either side', () => {
    expect(numberIsId('ABC', '1042')).toBeUndefined();
    expect(numberIsId('#1042', 'a7f-uuid'.replace(/\d/g, ''))).toBeUndefined();
  });
});

describe('readFields', () => {
  it('reads every field of the cloud layout', () => {
    mount(cloudPage());
    expect(readFields(document, BOSSDESK_PROFILE)).toEqual({
      number: '#1042', title: 'Printer on floor 2', category: 'Printer', type: 'Incident', priority: 'High',
      source: 'Email', requesterName: 'Ana Ruiz', requesterEmail: 'ana.ruiz@example.com', technician: 'Marta Gómez', status: 'Open',
    });
  });

  it('reads every field of the Spanish on-prem layout', () => {
    mount(onpremPage());
    expect(readFields(document, SUPPORT_CENTRAL_PROFILE)).toEqual({
      number: 'SR-1043', title: 'No puedo conectarme a la wifi de la sala B', category: 'Red', type: 'Incidente',
      priority: 'Urgente', source: 'Portal del técnico', requesterName: 'Luis Pérez', requesterEmail: 'luis.perez@example.com',
      technician: 'Marta Gómez', status: 'Abierto',
    });
  });

  it('technicians labelled as agents (BOSSDesk documentation), English and Spanish', () => {
    const field = (label: string, value: string) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value));
    for (const label of ['Agent', 'Assigned agent', 'Agente', 'Agente asignado']) {
      mount(h('dl', {}, field('Status', 'Open'), field(label, 'Marta Gómez')));
      expect(readFields(document, BOSSDESK_PROFILE).technician, label).toBe('Marta Gómez');
    }
  });

  it('reads the cloud layout in Spanish through the Spanish labels', () => {
    const field = (label: string, value: string) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value));
    mount(h('dl', {}, field('Estado', 'Abierto'), field('Categoría', 'Impresora'), field('Técnico', 'Marta Gómez'), field('Correo del solicitante', 'ana@example.com')));
    expect(readFields(document, BOSSDESK_PROFILE)).toEqual({ status: 'Abierto', category: 'Impresora', technician: 'Marta Gómez', requesterEmail: 'ana@example.com' });
  });

  it('works on an element root, not only on the document', () => {
    const page = cloudPage();
    mount(h('div', {}, h('dl', {}, h('dt', {}, 'Category'), h('dd', {}, 'Outside'))), page);
    expect(readField(page, BOSSDESK_PROFILE.fields.category)).toBe('Printer');
  });

  it('a field that is not on the page is left out', () => {
    mount(h('dl', {}, h('dt', {}, 'Category'), h('dd', {}, 'Printer'), h('dt', {}, 'Status'), h('dd', {}, '   ')));
    expect(readFields(document, BOSSDESK_PROFILE)).toEqual({ category: 'Printer' });
  });
});

describe('findByLabel', () => {
  it('label[for] → the control it names; a select gives its selected option’s text', () => {
    mount(h('form', {},
      h('label', { for: 'x' }, 'Priority'),
      h('p', {}, 'unrelated'),
      h('select', { id: 'x' }, h('option', { value: '1' }, 'Low'), h('option', { value: '3', selected: true }, 'High'))));
    const el = findByLabel(document, ['Priority']);
    expect(el?.id).toBe('x');
    expect(readField(document, { labels: ['Prioridad', 'Priority'] })).toBe('High');
  });

  it('label[for] → an input gives its value', () => {
    mount(h('div', {}, h('label', { for: 'cat' }, 'Category:'), h('input', { id: 'cat', value: '  Printer ' })));
    expect(readField(document, { labels: ['Category'] })).toBe('Printer');
  });

  it('matches labels ignoring case, spacing and a trailing colon', () => {
    mount(h('table', {}, h('tbody', {}, h('tr', {}, h('th', {}, '  CATEGORÍA  : '), h('td', {}, 'Red')))));
    expect(readField(document, { labels: ['Categoría'] })).toBe('Red');
  });

  it('a value equal to another field’s label does not confuse the cloud layout', () => {
    // Source "Email" comes before the "Requester email" row, and "Email" is a requester-email label too.
    mount(cloudPage({ ...CLOUD, source: 'Email', type: 'Category' }));
    const f = readFields(document, BOSSDESK_PROFILE);
    expect(f.requesterEmail).toBe('ana.ruiz@example.com');
    expect(f.category).toBe('Printer');
    expect(f.source).toBe('Email');
    expect(f.type).toBe('Category');
  });

  it('a value equal to a label in the last cell of an on-prem row does not confuse it', () => {
    // As the demo desk lays it out: Origen is the second pair of its row.
    mount(onpremPage({ ...ONPREM, source: 'Correo electrónico' }));
    const f = readFields(document, SUPPORT_CENTRAL_PROFILE);
    expect(f.source).toBe('Correo electrónico');
    expect(f.requesterEmail).toBe('luis.perez@example.com');
  });

  // Regression: td/span are label tags too, so a value cell whose text equals some label ("Correo
  // electrónico" is both a Source value and a requesterEmail label) could be taken as that label when
  // it comes first in the page; findByLabel tries dt/th/label/legend first, so the real th wins.
  it('a value equal to a label followed by another pair in an on-prem row', () => {
    mount(onpremPage({ ...ONPREM, source: 'Correo electrónico' }, [
      [['Origen', 'Correo electrónico'], ['Prioridad', 'Urgente']],
      [['Solicitante', 'Luis Pérez'], ['Correo del solicitante', 'luis.perez@example.com']],
    ]));
    expect(readFields(document, SUPPORT_CENTRAL_PROFILE).requesterEmail).toBe('luis.perez@example.com');
  });

  it('ignores containers whose text happens to equal a label', () => {
    // <li> with many children is not a label; a long block is not either.
    mount(h('ul', {}, h('li', {}, h('b', {}, 'Sta'), h('i', {}, 't'), h('i', {}, 'us'))), h('dl', {}, h('dt', {}, 'Status'), h('dd', {}, 'Open')));
    expect(readField(document, { labels: ['Status'] })).toBe('Open');
  });

  it('falls back to the parent’s next sibling when the label is wrapped', () => {
    mount(h('div', {}, h('div', { class: 'lbl' }, h('strong', {}, 'Technician')), h('div', { class: 'val' }, 'Marta Gómez')));
    expect(readField(document, { labels: ['Technician'] })).toBe('Marta Gómez');
  });

  it('is undefined when no label matches', () => {
    mount(cloudPage());
    expect(findByLabel(document, ['Department'])).toBeUndefined();
  });
});

// Issue 15 §5: a layout of <span>Label</span><span>Value</span> rows (no dt, th or label), with a
// ticket of category "Email" and the requester's address under the label "Email".
describe('a label that is also a value', () => {
  const SPAN_PROFILE: SiteProfile = {
    version: 1, id: 'spans', name: 'Span pairs', ticketUrl: ['^/t/(?<id>\\d+)$'], mount: ['.side'],
    fields: {
      number: { labels: ['Number'] }, title: { labels: ['Title'] },
      category: { labels: ['Category'] }, type: { labels: ['Type'] }, requesterEmail: { labels: ['Email'] },
    },
  };
  const row = (label: string, value: string) => h('div', { class: 'row' }, h('span', { class: 'k' }, label), h('span', { class: 'v' }, value));
  const spanPage = (email: string, rows?: HTMLElement[]) => h('div', { class: 'fields' },
    ...(rows ?? [row('Number', '1042'), row('Title', 'Mail not arriving'), row('Category', 'Email'), row('Type', 'Incident'), row('Email', email)]),
    h('div', { class: 'side' }));

  it('the Category value "Email" is not taken for the label "Email" (which read the next row: "TypeIncident")', () => {
    mount(spanPage('ana.ruiz@example.com'));
    const f = readFields(document, SPAN_PROFILE);
    expect(f.requesterEmail).toBe('ana.ruiz@example.com');
    expect(f.category).toBe('Email');
    expect(f.type).toBe('Incident');
  });

  it('an element followed by its value wins over one with the same text that is the second of its pair', () => {
    mount(h('div', {}, h('p', {}, h('span', {}, 'Source'), h('span', {}, 'Email')), h('p', {}, h('b', {}, 'Email'), h('i', {}, 'luis@example.com'))));
    expect(readField(document, { labels: ['Email'] })).toBe('luis@example.com');
  });

  it('real label elements (dt, th, label, a row header) win over elements that merely have the same text', () => {
    mount(h('div', {}, row('Email', 'wrong@example.com'), h('div', { role: 'row' }, h('div', { role: 'rowheader' }, 'Email'), h('div', { role: 'cell' }, 'right@example.com'))));
    expect(readField(document, { labels: ['Email'] })).toBe('right@example.com');
    mount(h('div', {}, row('Email', 'wrong@example.com'), h('dl', {}, h('dt', {}, 'Email'), h('dd', {}, 'dt@example.com'))));
    expect(readField(document, { labels: ['Email'] })).toBe('dt@example.com');
  });

  it('a requester email that is not an email address counts as not found, and the diagnosis says why', () => {
    // Only the category row says "Email": the old lookup read the row after it.
    mount(spanPage('', [row('Number', '1042'), row('Title', 'Mail'), row('Category', 'Email'), row('Type', 'Incident')]));
    expect(readFields(document, SPAN_PROFILE).requesterEmail).toBeUndefined();
    mount(spanPage('Not provided'));
    const refused: string[] = [];
    expect(readFields(document, SPAN_PROFILE, refused as never).requesterEmail).toBeUndefined();
    expect(refused).toEqual(['requesterEmail']);
    const d = diagnose(document, SPAN_PROFILE, new URL('https://desk.example/t/1042'));
    expect(d.fields.requesterEmail).toBeNull();
    expect(d.invalid).toEqual(['requesterEmail']);
    expect(describeMiss({ profile: { id: 'spans', name: 'Span pairs', custom: true }, diagnosis: d }))
      .toBe('Span pairs: fields not found: priority, source, requesterName, technician, status; not an email address, so not used: requesterEmail');
  });
});

describe('readField', () => {
  it('a selector wins over labels; an invalid selector falls back to the labels', () => {
    mount(h('div', {}, h('span', { class: 'cat' }, 'From selector'), h('dl', {}, h('dt', {}, 'Category'), h('dd', {}, 'From label'))));
    expect(readField(document, { selector: '.cat', labels: ['Category'] })).toBe('From selector');
    expect(readField(document, { selector: '.missing', labels: ['Category'] })).toBe('From label');
    expect(readField(document, { selector: '[[invalid', labels: ['Category'] })).toBe('From label');
  });

  it('readFieldAt gives the element the value was read from', () => {
    mount(h('h1', {}, h('span', { class: 'n' }, '#1042')));
    const at = readFieldAt(document, { selector: '.n' });
    expect(at?.value).toBe('#1042');
    expect(at?.el).toBe(document.querySelector('.n'));
  });

  it('applies the pattern: first group, whole match, no match, invalid pattern', () => {
    mount(h('h1', { class: 't' }, 'SR-1043 Wi-Fi down'));
    expect(readField(document, { selector: '.t', pattern: '^SR-(\\d+)' })).toBe('1043');
    expect(readField(document, { selector: '.t', pattern: 'wi-fi' })).toBe('Wi-Fi');
    expect(readField(document, { selector: '.t', pattern: '^#\\d+' })).toBeUndefined();
    expect(readField(document, { selector: '.t', pattern: '(' })).toBeUndefined();
    expect(readField(document, undefined)).toBeUndefined();
  });

  it('a pattern sees only the first 4 KB of a field: a huge value costs no more than a short one', () => {
    mount(h('h1', { class: 't' }, `SR-1043 ${'a&'.repeat(500_000)}`));
    const t0 = performance.now();
    expect(readField(document, { selector: '.t', pattern: '^SR-(\\d+)' })).toBe('1043');
    expect(readField(document, { selector: '.t', pattern: '(?:[^#]*&)?#(\\d+)' })).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(250); // a backtracking pattern over 1 MB takes seconds
  });
});

describe('firstMatch', () => {
  it('returns the first selector that matches, skipping invalid ones', () => {
    mount(cloudPage());
    expect(firstMatch(document, ['.nope', ':::bad', '.integrations-body', 'aside'])?.className).toBe('integrations-body');
    expect(firstMatch(document, ['[[', '.nope'])).toBeUndefined();
    expect(firstMatch(document, undefined)).toBeUndefined();
  });

  it('the built-in mount points land in each desk’s integrations area', () => {
    mount(cloudPage());
    expect(firstMatch(document, BOSSDESK_PROFILE.mount)?.className).toBe('integrations-body');
    mount(onpremPage());
    const el = firstMatch(document, SUPPORT_CENTRAL_PROFILE.mount);
    expect(el?.className).toBe('box-content');
    expect(el?.parentElement?.id).toBe('integrationsBox');
  });
});

describe('diagnose', () => {
  it('reports url, ticket id, mount and every field on both desks', () => {
    mount(cloudPage());
    const cloud = diagnose(document, BOSSDESK_PROFILE, new URL('https://acme.bossdesk.io/app/en/tickets/1042'));
    expect(cloud).toMatchObject({ url: true, ticketId: '1042', mount: true, comment: false, reply: false, close: false });
    // Every field but the optional requester's computer (issue 19), which this ticket does not show.
    expect(Object.entries(cloud.fields).every(([k, v]) => k === 'asset' || (typeof v === 'string' && v.length > 0))).toBe(true);
    expect(cloud.fields.asset).toBeNull();
    expect(cloud.fields.title).toBe('Printer on floor 2');

    mount(onpremPage());
    const onprem = diagnose(document, SUPPORT_CENTRAL_PROFILE, new URL('https://desk.corp.local/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es'));
    expect(onprem).toMatchObject({ url: true, ticketId: '1043', mount: true });
    expect(onprem.fields).toMatchObject({ number: 'SR-1043', category: 'Red', status: 'Abierto' });
  });

  it('reports what does not match: mount false, missing fields null, no ticket id', () => {
    mount(cloudPage());
    const broken: SiteProfile = {
      ...BOSSDESK_PROFILE,
      mount: ['.does-not-exist', '#neither'],
      fields: { ...BOSSDESK_PROFILE.fields, category: { labels: ['No such label'] } },
    };
    const d = diagnose(document, broken, new URL('https://acme.bossdesk.io/app/en/dashboard'));
    expect(d.mount).toBe(false);
    expect(d.fields.category).toBeNull();
    expect(d.fields.status).toBe('Open');
    expect(d.url).toBe(false);
    expect('ticketId' in d).toBe(false);
  });

  it('comment, reply and close are true when their controls exist', () => {
    mount(cloudPage(), h('form', { class: 'comment-form' }, h('textarea', {}), h('button', { type: 'submit' }, 'Add')),
      h('form', { class: 'reply-form' }, h('textarea', {})), h('button', { class: 'close-ticket' }, 'Close'));
    expect(diagnose(document, BOSSDESK_PROFILE, new URL('https://acme.bossdesk.io/app/en/tickets/1042')))
      .toMatchObject({ comment: true, reply: true, close: true });
  });
});

describe('built-in profiles', () => {
  it('every built-in selector and URL pattern is valid', () => {
    for (const p of BUILTIN_PROFILES) {
      for (const re of p.ticketUrl) expect(() => new RegExp(typeof re === 'string' ? re : re.path, 'i')).not.toThrow();
      const selectors = [
        ...p.mount, ...Object.values(p.fields).map((f) => f?.selector).filter((s): s is string => !!s),
        ...(p.close?.controls ?? []), p.comment?.field, p.comment?.submit, p.reply?.body,
      ].filter((s): s is string => !!s);
      for (const s of selectors) expect(() => document.querySelector(s), `${p.id}: ${s}`).not.toThrow();
    }
  });
});
