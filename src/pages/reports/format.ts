// How the reports page writes figures, dates and outcomes.
import { formatDuration } from '../../shared/duration';
import { t, uiLocale } from '../../platform/i18n';
import type { Outcome } from '../../shared/reports/types';

export const dur = (sec: number | undefined): string => (sec === undefined || !Number.isFinite(sec) ? '—' : formatDuration(sec * 1000));
export const num = (n: number): string => n.toLocaleString(uiLocale());
export const dateTime = (iso: string | undefined): string =>
  iso ? new Date(iso).toLocaleString(uiLocale(), { dateStyle: 'short', timeStyle: 'short' }) : '—';
export const outcomeLabel = (o: Outcome): string => t(`rpOutcome_${o}`);
/** A group key as shown: '' is "(no technician)" for technicians, "(none)" elsewhere. */
export const keyLabel = (key: string, technician = false): string => key || t(technician ? 'rpNoTechnician' : 'rpNone');
