// The panel's words for a case's state and running time (from TeamViewer's start time, against
// TeamViewer's clock: `now` is the server's now).
import type { PanelCase } from '../../shared/protocol';
import { t } from '../../platform/i18n';
import { formatDuration } from '../../shared/duration';

/** Hours and minutes while over an hour, else minutes and seconds: a timer that visibly runs. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function elapsed(c: PanelCase, now: number): string {
  const start = Date.parse(c.createdAt ?? c.requestedAt);
  return Number.isFinite(start) ? clock(now - start) : '';
}

/** Customer connected / Waiting for the customer, and the time left before it expires. */
export function caseState(c: PanelCase, now: number): string {
  if (c.state === 'closing') return t('stateClosing');
  const who = c.online ? t('pnOnline') : t('pnWaiting');
  const left = Date.parse(c.validUntil ?? '') - now;
  if (!Number.isFinite(left)) return who;
  const inHours = left >= 3_600_000 ? `${Math.floor(left / 3_600_000)} h` : formatDuration(Math.max(0, left));
  return `${who} · ${t('pnExpiresIn', inHours)}`;
}
