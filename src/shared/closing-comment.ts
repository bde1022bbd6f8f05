// The ticket comment written when a case is closed. Times come from TeamViewer's timestamps
// (created_at / closed_at, connection reports), never from the technician's clock.
// Never contains the supporter link.
import { dayjs, langOf } from './locale';
import { durationMs, formatDuration } from './duration';
import type { TvConnectionRecord } from './teamviewer/types';

export interface ClosingFacts {
  code: string;
  createdAt: string;
  closedAt: string;
  outcome: 'closed' | 'expired';
  connections: TvConnectionRecord[];
}

const TEXT = {
  en: {
    head: 'TeamViewer service case {code} closed.', expired: 'TeamViewer service case {code} expired.',
    start: 'Start', end: 'End', duration: 'Duration', device: 'Device', connected: 'Connection time', notes: 'Supporter notes',
    deviceHead: 'TeamViewer connection to the requester\'s computer {device} ended.',
  },
  es: {
    head: 'Caso de servicio de TeamViewer {code} cerrado.', expired: 'Caso de servicio de TeamViewer {code} caducado.',
    start: 'Inicio', end: 'Fin', duration: 'Duración', device: 'Dispositivo', connected: 'Tiempo de conexión', notes: 'Notas del técnico',
    deviceHead: 'Conexión de TeamViewer al equipo del solicitante {device} terminada.',
  },
} as const;


/** Date-time in the technician's zone with the offset, so the comment is unambiguous. */
export function formatStamp(iso: string, locale: string): string {
  return dayjs(iso).locale(langOf(locale)).format('L LTS [(UTC]Z[)]');
}

export function closingComment(f: ClosingFacts, locale: string): string {
  const t = TEXT[langOf(locale)];
  const lines = [
    (f.outcome === 'expired' ? t.expired : t.head).replace('{code}', f.code),
    `${t.start}: ${formatStamp(f.createdAt, locale)}`,
    `${t.end}: ${formatStamp(f.closedAt, locale)}`,
    `${t.duration}: ${formatDuration(durationMs(f.createdAt, f.closedAt) ?? 0)}`,
  ];
  for (const c of f.connections) {
    const ms = durationMs(c.start_date, c.end_date);
    const parts = [
      c.devicename ? `${t.device}: ${c.devicename}` : undefined,
      ms !== undefined ? `${t.connected}: ${formatDuration(ms)}` : undefined,
      c.start_date ? `(${formatStamp(c.start_date, locale)})` : undefined,
    ].filter(Boolean);
    if (parts.length) lines.push(parts.join(' · '));
    if (c.notes?.trim()) lines.push(`${t.notes}: ${c.notes.trim()}`);
  }
  return lines.join('\n');
}

/** A connection to one of the requester's own devices (issue 19) ended: the comment written to the
 *  ticket, from TeamViewer's connection report when there is one (times, notes). */
export interface DeviceFacts {
  device: string;
  start: string;
  end: string;
  notes?: string;
}

export function deviceComment(f: DeviceFacts, locale: string): string {
  const t = TEXT[langOf(locale)];
  const lines = [
    t.deviceHead.replace('{device}', f.device),
    `${t.device}: ${f.device}`,
    `${t.start}: ${formatStamp(f.start, locale)}`,
    `${t.end}: ${formatStamp(f.end, locale)}`,
    `${t.duration}: ${formatDuration(durationMs(f.start, f.end) ?? 0)}`,
  ];
  if (f.notes?.trim()) lines.push(`${t.notes}: ${f.notes.trim()}`);
  return lines.join('\n');
}
