// The two built-in site profiles. Fields are found by their visible label in English or Spanish
// (BOSS shows either); selectors are only used where a label cannot work (title, number).
import type { FieldRule, SiteProfile } from './types';
import type { TicketField } from '../ticket';

/** Every visible label the built-in profiles look for, in one place (test/builtin-labels.test.ts
 *  checks each against the demo desk or an explicit "documented, not in the demo" list). */
export const BUILTIN_LABELS: Record<TicketField, string[]> = {
  number: ['Ticket number', 'Number', 'Número', 'Service Record', 'Registro de servicio'],
  title: ['Subject', 'Title', 'Asunto', 'Título'],
  category: ['Category', 'Categoría', 'Categoria'],
  type: ['Type', 'Ticket type', 'Tipo', 'Tipo de ticket'],
  priority: ['Priority', 'Prioridad'],
  source: ['Source', 'Origin', 'Origen'],
  requesterName: ['Requester', 'Requested by', 'Requester name', 'Solicitante', 'Nombre del solicitante'],
  requesterEmail: ['Requester email', 'Requester e-mail', 'Correo del solicitante', 'Correo electrónico del solicitante', 'Email', 'Correo electrónico'],
  // BOSSDesk's documentation calls technicians "agents".
  technician: ['Technician', 'Assigned to', 'Assignee', 'Técnico', 'Técnico asignado', 'Asignado a', 'Agent', 'Assigned agent', 'Agente', 'Agente asignado'],
  status: ['Status', 'Estado'],
  // The requester's computer (issue 19), where a desk shows one; a site profile may name another field.
  asset: ['Asset', 'Activo'],
};

const byLabel = (extra: Partial<Record<TicketField, FieldRule>>): Partial<Record<TicketField, FieldRule>> => ({
  ...Object.fromEntries(Object.entries(BUILTIN_LABELS).map(([k, labels]) => [k, { labels }])),
  ...extra,
});

/** Status values (option values or texts) that close or resolve a ticket. */
const CLOSED = ['closed', 'resolved', 'cerrado', 'resuelto', 'close', 'resolve'];

export const BOSSDESK_PROFILE: SiteProfile = {
  version: 1,
  id: 'bossdesk',
  name: 'BOSSDesk (cloud)',
  ticketUrl: ['/tickets?/(?:view/|edit/|details/)?(?<id>\\d+)(?=[/?#]|$)'],
  // BOSSDesk records carry an internal id in the URL and show their friendly_id: never compare them.
  numberInUrl: false,
  fields: byLabel({
    number: { selector: '.ticket-number', labels: BUILTIN_LABELS.number },
    title: { selector: '.ticket-title', pattern: '^\\s*#?[A-Z]*-?\\d+\\s+(.+)$', labels: BUILTIN_LABELS.title },
  }),
  mount: ['.sidebar .integrations .integrations-body', '.integrations-body', 'aside [class*="integration" i]'],
  signedInUser: { selector: '.user-menu .user-name, [class*="user-menu" i] [class*="name" i]' },
  comment: { field: '.comment-form textarea', submit: '.comment-form [type=submit]', internal: '.comment-form input[type=checkbox]' },
  reply: { to: '.reply-form [name=to]', subject: '.reply-form [name=subject]', body: '.reply-form textarea', send: '.reply-form [type=submit]' },
  close: {
    controls: ['.close-ticket', '[data-action="close-ticket"]', '[data-action="resolve-ticket"]'],
    status: { select: '.status-control select', apply: '.status-control button' },
    closedValues: CLOSED,
  },
};

export const SUPPORT_CENTRAL_PROFILE: SiteProfile = {
  version: 1,
  id: 'boss-support-central',
  name: 'BOSS Support Central (on-prem)',
  // Query parameters through URLSearchParams, not a regex over the query (which is quadratic).
  ticketUrl: ['id', 'srid', 'recordid'].map((param) => ({ path: '/ServiceRecord\\.aspx$', param })),
  fields: byLabel({
    number: { selector: '[id$=lblRecordNumber]', labels: BUILTIN_LABELS.number },
  }),
  mount: ['#integrationsBox .box-content', '#integrationsBox', '[id*="Integrations" i] .box-content'],
  signedInUser: { selector: '[id$=lblUserName]' },
  comment: { field: '[id$=txtNote]', submit: '[id$=btnAddNote]', internal: '[id$=chkInternal]' },
  reply: { to: '[id$=txtReplyTo]', subject: '[id$=txtReplySubject]', body: '[id$=txtReplyBody]', send: '[id$=btnSendReply]' },
  close: {
    controls: ['[id$=btnCloseRecord]', '[id$=btnResolveRecord]'],
    status: { select: '[id$=ddlStatus]', apply: '[id$=btnUpdateStatus]' },
    // Support Central's status list has numeric ids; the option text is checked too.
    closedValues: CLOSED,
  },
};

export const BUILTIN_PROFILES: SiteProfile[] = [BOSSDESK_PROFILE, SUPPORT_CENTRAL_PROFILE];
