// The ticket address pattern the picker proposes, its template and the profile entry it becomes.
import { describe, it, expect } from 'vitest';
import { proposeTicketUrl, templateToEntry } from '../src/shared/profile/url-proposal';
import { ticketIdFromUrl } from '../src/shared/profile/read';
import { validateProfile } from '../src/shared/profile/validate';
import type { SiteProfile, TicketUrlEntry } from '../src/shared/profile/types';

const profileWith = (entry: TicketUrlEntry): SiteProfile => ({
  version: 1, id: 'p', name: 'P', ticketUrl: [entry], fields: { number: { labels: ['N'] }, title: { labels: ['T'] } }, mount: ['aside'],
});
const idOf = (entry: TicketUrlEntry, href: string) => ticketIdFromUrl(profileWith(entry), new URL(href));

describe('proposeTicketUrl', () => {
  it('a query parameter: the { path, param } form', () => {
    const p = proposeTicketUrl('https://bsc.example.com/BSC/ServiceRecord.aspx?id=1042&lang=en', 'SR-1042')!;
    expect(p).toEqual({ template: '/BSC/ServiceRecord.aspx?id=<number>', id: '1042' });
    const entry = templateToEntry(p.template)!;
    expect(entry).toEqual({ path: '^/BSC/ServiceRecord\\.aspx$', param: 'id' });
    expect(idOf(entry, 'https://bsc.example.com/BSC/ServiceRecord.aspx?lang=es&id=77')).toBe('77');
  });
  it('a path segment', () => {
    const p = proposeTicketUrl('https://acme.bossdesk.io/app/en/tickets/1042', '#1042')!;
    expect(p.template).toBe('/app/en/tickets/<number>');
    const entry = templateToEntry(p.template)!;
    expect(idOf(entry, 'https://acme.bossdesk.io/app/en/tickets/55?tab=2')).toBe('55');
    expect(idOf(entry, 'https://acme.bossdesk.io/app/en/tickets/new')).toBeUndefined();
    expect(idOf(templateToEntry('/app/*/tickets/<number>')!, 'https://acme.bossdesk.io/app/es/tickets/9')).toBe('9');
  });
  it('a hash-routed app: the { path, hash } form, accepted by the validator', () => {
    const p = proposeTicketUrl('http://127.0.0.2:4000/hub/#/tickets/1042?tab=notes', '1042')!;
    expect(p.template).toBe('/hub/#/tickets/<number>');
    const entry = templateToEntry(p.template)!;
    expect(entry).toEqual({ path: '^/hub/$', hash: '^/tickets/(?<id>\\d+)(?=[/?&]|$)' });
    expect(idOf(entry, 'http://127.0.0.2:4000/hub/#/tickets/1043')).toBe('1043');
    expect(idOf(entry, 'http://127.0.0.2:4000/hub/#/tickets')).toBeUndefined();
    expect(idOf(entry, 'http://127.0.0.2:4000/other/#/tickets/1043')).toBeUndefined();
    expect(validateProfile(profileWith(entry)).ok).toBe(true);
  });
  it('the number on the page is not the id in the address: numberInUrl false', () => {
    const p = proposeTicketUrl('https://acme.bossdesk.io/tickets/987654', '#1042')!;
    expect(p).toEqual({ template: '/tickets/<number>', id: '987654', numberInUrl: false });
    expect(proposeTicketUrl('https://acme.bossdesk.io/tickets/1042', '#1042')!.numberInUrl).toBeUndefined();
  });
  it('prefers the parameter that is the shown number; GUID ids become <id>', () => {
    expect(proposeTicketUrl('https://x.example/view?page=2&rec=1042', '1042')!.template).toBe('/view?rec=<number>');
    const g = proposeTicketUrl('https://x.example/records/3f2504e0-4f89-11d3-9a0c-0305e82c3301')!;
    expect(g.template).toBe('/records/<id>');
    expect(idOf(templateToEntry(g.template)!, 'https://x.example/records/abc-123')).toBe('abc-123');
  });
  it('nothing id-like: no proposal; bad templates: no entry', () => {
    expect(proposeTicketUrl('https://x.example/dashboard')).toBeUndefined();
    expect(templateToEntry('/tickets/')).toBeUndefined();
    expect(templateToEntry('tickets/<number>')).toBeUndefined();
    expect(templateToEntry('/a/<number>/<id>')).toBeUndefined();
  });
});

describe('validator: the hash form', () => {
  it('needs an (?<id>) group in hash and no param beside it', () => {
    const r = validateProfile(profileWith({ path: '^/hub$', hash: '^/tickets/(\\d+)' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path: 'ticketUrl[0].hash', code: 'no_id_group' });
    const both = validateProfile(profileWith({ path: '^/hub$', hash: '^/t/(?<id>\\d+)', param: 'id' } as unknown as TicketUrlEntry));
    expect(both.ok).toBe(false);
  });
});
