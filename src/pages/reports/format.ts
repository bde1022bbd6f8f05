// How the reports page writes figures, dates and outcomes.
import { formatDuration } from '../../shared/duration';
import { t, uiLocale } from '../../platform/i18n';
import type { Outcome } from '../../shared/reports/types';

export const dur = (sec: number | undefined): string => (sec === undefined || !Number.isFinite(sec) ? '—' : formatDuration(sec * 1000));
// One formatter each, made once: toLocaleString with options builds a new Intl formatter at every
// call (~0.2 ms here), and the list writes 200 dates at every filter change.
let numbers: Intl.NumberFormat | undefined;
let dates: Intl.DateTimeFormat | undefined;
export const num = (n: number): string => (numbers ??= new Intl.NumberFormat(uiLocale())).format(n);
export const dateTime = (iso: string | undefined): string => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? (dates ??= new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' })).format(ms) : '—';
};
export const outcomeLabel = (o: Outcome): string => t(`rpOutcome_${o}`);
/** A group key as shown: '' is "(no technician)" for technicians, "(none)" elsewhere. */
export const keyLabel = (key: string, technician = false): string => key || t(technician ? 'rpNoTechnician' : 'rpNone');
