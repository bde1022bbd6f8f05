// Builders for reports tests: history records and TeamViewer sessions as the lifecycle and the
// API would make them.
import type { CaseRecord } from '../../src/shared/case';
import { caseMetadata } from '../../src/shared/case';
import type { Ticket } from '../../src/shared/ticket';
import type { TvConnectionRecord, TvSession } from '../../src/shared/teamviewer/types';

export const ORIGIN = 'https://acme.bossdesk.io';

let n = 0;
export function record(over: Partial<CaseRecord> & { fields?: Ticket['fields'] } = {}): CaseRecord {
  const i = ++n;
  const { fields, ...rest } = over;
  const ticket: Ticket = {
    origin: ORIGIN, id: String(1000 + i), url: `${ORIGIN}/app/en/tickets/${1000 + i}`,
    fields: { number: `#${1000 + i}`, title: `Ticket ${i}`, category: 'Printer', type: 'Incident', priority: 'High', source: 'Email',
      requesterName: 'Ana Ruiz', requesterEmail: 'ana@example.com', technician: 'Marta Gómez', ...fields },
  };
  return {
    id: `case-${i}`, ticketKey: `${ORIGIN}#${ticket.id}`, ticket, state: 'closed', technician: ticket.fields.technician,
    requestedAt: '2025-11-24T09:59:58Z', code: `s100-000-${String(i).padStart(3, '0')}`, groupid: 'g123',
    createdAt: '2025-11-24T10:00:00Z', validUntil: '2025-11-25T10:00:00Z', closedAt: '2025-11-24T10:15:00Z',
    supporterLink: 'https://get.teamviewer.com/v15/s100-SECRET', customerLink: 'https://get.teamviewer.com/v15/s100',
    email: { to: 'ana@example.com', subject: 'Remote support', body: 'Dear Ana, click https://get.teamviewer.com/v15/s100', autoSend: true, status: 'sent' },
    updatedAt: '2025-11-24T10:15:01Z',
    ...rest,
  };
}

/** The session TeamViewer has for a record (custom_api as the lifecycle writes it). */
export function sessionOf(rec: CaseRecord, over: Partial<TvSession> = {}): TvSession {
  return {
    code: rec.code!, state: rec.state === 'closed' ? 'Closed' : 'Open', groupid: rec.groupid ?? 'g123',
    end_customer_link: 'https://get.teamviewer.com/v15/x', supporter_link: 'https://get.teamviewer.com/v15/x-SECRET',
    custom_api: caseMetadata(rec), created_at: rec.createdAt!, valid_until: rec.validUntil!,
    ...(rec.state === 'closed' ? { closed_at: rec.closedAt } : {}),
    ...over,
  };
}

export function connection(code: string, over: Partial<TvConnectionRecord> = {}): TvConnectionRecord {
  return {
    id: `${code}-c${++n}`, session_code: code, devicename: 'ANA-LAPTOP', start_date: '2025-11-24T10:02:00Z', end_date: '2025-11-24T10:09:00Z',
    notes: 'Cleared the print queue', groupid: 'g123', ...over,
  };
}
