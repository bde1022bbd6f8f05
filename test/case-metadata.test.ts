import { describe, it, expect } from 'vitest';
import { caseMetadata, isActive, parseCaseMetadata, type CaseMetadata } from '../src/shared/case';
import { originOfKey, sanitizeTicket, ticketKey, TICKET_FIELDS, type Ticket } from '../src/shared/ticket';

const ORIGIN = 'https://acme.bossdesk.io';

function ticket(fields: Ticket['fields'] = {}): Ticket {
  return { origin: ORIGIN, id: '1042', url: `${ORIGIN}/app/en/tickets/1042`, fields };
}
const rec = (t: Ticket, id = '0b6c1c7e-1d2f-4d1e-9a53-3b1f2d9d0a11') => ({ id, ticketKey: ticketKey(t), ticket: t });

describe('caseMetadata / parseCaseMetadata', () => {
  it('round-trips the case id, ticket key, ticket address and ticket fields', () => {
    const t = ticket({ number: '#1042', title: 'Printer on floor 2', category: 'Printer', requesterEmail: 'ana.ruiz@example.com' });
    const json = caseMetadata(rec(t));
    const meta = parseCaseMetadata(json);
    // The ticket's address is there for the team-wide reports; nothing else of the record.
    expect(meta).toEqual<CaseMetadata>({
      app: 'boss-tv', v: 1, caseId: '0b6c1c7e-1d2f-4d1e-9a53-3b1f2d9d0a11', ticketKey: `${ORIGIN}#1042`,
      url: `${ORIGIN}/app/en/tickets/1042`,
      ticket: { number: '#1042', title: 'Printer on floor 2', category: 'Printer', requesterEmail: 'ana.ruiz@example.com' },
    });
    expect(Object.keys(JSON.parse(json)).sort()).toEqual(['app', 'caseId', 'ticket', 'ticketKey', 'url', 'v']);
  });

  it('keeps the whole ticket address when fields are shortened, and drops it rather than cut it', () => {
    const url = `${ORIGIN}/app/en/tickets/1042?${'q'.repeat(1900)}`;
    const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, 'x'.repeat(500)]));
    const meta = parseCaseMetadata(caseMetadata(rec({ ...ticket(fields), url })))!;
    expect(meta.url).toBe(url);
    const huge = caseMetadata({ id: 'c', ticketKey: 'k'.repeat(3000), ticket: { ...ticket(), url: `${ORIGIN}/${'u'.repeat(2000)}` } });
    expect(huge.length).toBeLessThanOrEqual(4000);
    expect(parseCaseMetadata(huge)?.url).toBeUndefined();
  });

  it('stays within 4000 characters with a huge title, and is still parseable', () => {
    const huge = 'Printer '.repeat(2000); // 16 000 characters
    const t = ticket({ number: '#1042', title: huge, category: 'Printer', technician: 'Marta Gómez' });
    const json = caseMetadata(rec(t));
    expect(json.length).toBeLessThanOrEqual(4000);
    const meta = parseCaseMetadata(json)!;
    expect(meta.caseId).toBe('0b6c1c7e-1d2f-4d1e-9a53-3b1f2d9d0a11');
    // Shortened, not dropped: as much of the title as fits.
    expect(huge.startsWith(meta.ticket.title!)).toBe(true);
    expect(meta.ticket.title!.length).toBeGreaterThan(2000);
    // The other fields survive untouched.
    expect(meta.ticket).toMatchObject({ number: '#1042', category: 'Printer', technician: 'Marta Gómez' });
  });

  it('keeps a title that fits as it is', () => {
    const title = 't'.repeat(3000);
    expect(parseCaseMetadata(caseMetadata(rec(ticket({ title }))))!.ticket.title).toBe(title);
  });

  // BUG (src/shared/case.ts caseMetadata): only the title is shortened; when the other fields
  // still exceed 4000 characters the JSON is cut mid-string and cannot be parsed back, so a
  // restarted worker can never find the case it created. Flip to `it` once fixed.
  it('a sanitised ticket with every field at its 500-character bound still round-trips', () => {
    const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, 'x'.repeat(600)]));
    const t = sanitizeTicket(ticket(fields));
    const json = caseMetadata(rec(t));
    expect(json.length).toBeLessThanOrEqual(4000);
    expect(parseCaseMetadata(json)?.caseId).toBe('0b6c1c7e-1d2f-4d1e-9a53-3b1f2d9d0a11');
  });

  it('rejects missing, garbage and foreign custom_api values', () => {
    const foreign = [
      undefined, '', 'garbage', '{', 'null', '[]', '42', '"boss-tv"',
      JSON.stringify({ app: 'other-app', v: 1, caseId: 'c', ticketKey: 'k', ticket: {} }),
      JSON.stringify({ app: 'boss-tv', v: 1, ticketKey: 'k', ticket: {} }), // no caseId
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 7, ticketKey: 'k', ticket: {} }), // caseId not a string
      JSON.stringify({ app: 'boss-tv', v: 1, caseId: 'c', ticket: {} }), // no ticketKey
      JSON.stringify({ servicenow: { sys_id: 'abc' } }),
    ];
    for (const value of foreign) expect(parseCaseMetadata(value), String(value)).toBeUndefined();
  });
});

describe('case states', () => {
  it('creating, open and closing are active; the end states are not', () => {
    expect((['creating', 'open', 'closing'] as const).every(isActive)).toBe(true);
    expect((['closed', 'expired', 'failed', 'close_failed'] as const).some(isActive)).toBe(false);
  });
});

describe('ticketKey / originOfKey', () => {
  it('is the origin plus the ticket id, and the origin comes back out', () => {
    const key = ticketKey({ origin: ORIGIN, id: '1042' });
    expect(key).toBe('https://acme.bossdesk.io#1042');
    expect(originOfKey(key)).toBe(ORIGIN);
  });

  it('handles on-prem origins with a port and ids containing #', () => {
    const key = ticketKey({ origin: 'http://helpdesk.local:8080', id: '10#43' });
    expect(originOfKey(key)).toBe('http://helpdesk.local:8080');
  });

  it('keys of the same id on two desks differ', () => {
    expect(ticketKey({ origin: ORIGIN, id: '1' })).not.toBe(ticketKey({ origin: 'https://other.bossdesk.io', id: '1' }));
  });
});

describe('sanitizeTicket', () => {
  it('collapses whitespace and trims every field', () => {
    const t = sanitizeTicket(ticket({ title: '  Printer\n\n  on\tfloor   2 ', category: '\u00a0Printer\u00a0' }));
    expect(t.fields).toEqual({ title: 'Printer on floor 2', category: 'Printer' });
  });

  it('limits fields to 500 characters and origin / id / url to 200 / 100 / 2000', () => {
    const t = sanitizeTicket({
      origin: `https://${'a'.repeat(300)}.io`, id: '9'.repeat(150), url: `https://x.io/${'p'.repeat(3000)}`,
      fields: { title: 'y'.repeat(800), requesterEmail: `${'e'.repeat(600)}@example.com` },
    });
    expect(t.origin).toHaveLength(200);
    expect(t.id).toHaveLength(100);
    expect(t.url).toHaveLength(2000);
    expect(t.fields.title).toHaveLength(500);
    // Cut to 500 characters it is no email address any more (nor was it one: over 254): dropped.
    expect(t.fields.requesterEmail).toBeUndefined();
  });

  it('drops a requester email that is not an email address (read off the wrong element): never sent to TeamViewer', () => {
    for (const bad of ['TypeIncident', 'Email', 'Ana Ruiz <ana@example.com>', 'ana@', '@example.com', 'ana ruiz@example.com', 'ana@example']) {
      expect(sanitizeTicket(ticket({ requesterEmail: bad, title: 'T' })).fields, bad).toEqual({ title: 'T' });
    }
    expect(sanitizeTicket(ticket({ requesterEmail: ' ana.ruiz+it@mail.example.com ' })).fields.requesterEmail).toBe('ana.ruiz+it@mail.example.com');
  });

  it('drops unknown fields, non-string values and unknown top-level properties', () => {
    const raw = {
      ...ticket(),
      fields: { title: 'ok', department: 'Finance', priority: 3, status: null, __proto__x: 'x' } as unknown as Ticket['fields'],
      token: 'secret',
    } as Ticket;
    const t = sanitizeTicket(raw);
    expect(t).toEqual({ origin: ORIGIN, id: '1042', url: `${ORIGIN}/app/en/tickets/1042`, fields: { title: 'ok' } });
    expect(Object.keys(t).sort()).toEqual(['fields', 'id', 'origin', 'url']);
  });

  it('keeps every known field', () => {
    const value = (f: string) => (f === 'requesterEmail' ? 'ana@example.com' : `${f} value`);
    const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, ` ${value(f)} `]));
    expect(sanitizeTicket(ticket(fields)).fields).toEqual(Object.fromEntries(TICKET_FIELDS.map((f) => [f, value(f)])));
  });

  it('stringifies a non-string id and origin instead of passing objects through', () => {
    const t = sanitizeTicket({ origin: ORIGIN, id: 1042 as unknown as string, url: 'u', fields: {} });
    expect(t.id).toBe('1042');
  });
});

describe('ticketLabel', () => {
  it('names a ticket by number and title, falling back to its id', async () => {
    const { ticketLabel } = await import('../src/shared/ticket');
    expect(ticketLabel({ number: '#1042', title: 'Printer' }, '1042')).toBe('#1042 · Printer');
    expect(ticketLabel({ title: 'Printer' }, '77')).toBe('77 · Printer');
    expect(ticketLabel({ number: '#5' })).toBe('#5');
    expect(ticketLabel({})).toBe('');
  });
});
