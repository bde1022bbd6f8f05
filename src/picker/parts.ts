// The parts of a ticket page the administrator teaches, in the order the panel asks for them.
import { t } from '../platform/i18n';
import { TICKET_FIELDS, type TicketField } from '../shared/ticket';

export const CONTROL_PARTS = [
  'signedInUser', 'mount', 'commentField', 'commentSubmit', 'commentInternal',
  'replySubject', 'replyBody', 'replySend', 'closeControl', 'statusSelect', 'statusApply',
] as const;
export type ControlPart = (typeof CONTROL_PARTS)[number];
export type PartKey = TicketField | ControlPart;

/** Every part, in order (partName and t(`help_${key}`) name and explain each). */
export const PART_KEYS: readonly PartKey[] = [...TICKET_FIELDS, ...CONTROL_PARTS];

/** Without these the widget cannot start: no Skip for them. */
export const REQUIRED_PARTS: readonly PartKey[] = ['number', 'title', 'mount'];

/** Parts read as text (a value is shown); the others are controls or places ("found"). */
export const isFieldPart = (k: PartKey): k is TicketField | 'signedInUser' => k === 'signedInUser' || (TICKET_FIELDS as readonly string[]).includes(k);

/** A part's name: the options page's field names for fields, `part_…` for the others. */
export const partName = (k: PartKey): string => ((TICKET_FIELDS as readonly string[]).includes(k) ? t(`field_${k}`) : t(`part_${k}`));
