// The figures, each with its label next to it, and what they leave out.
import { t } from '../../platform/i18n';
import type { ReportResult } from '../../shared/reports/types';
import { dur, num } from './format';

export function Summary({ result }: { result: ReportResult }) {
  const s = result.summary;
  // elementtiming: the browser's Element Timing tells when the sessions figure was painted (the
  // bench's "figures on screen").
  const fig = (label: string, value: string, id: string) => (
    <div class="figure">
      <dt>{label}</dt>
      <dd data-testid={id} {...(id === 'fig-sessions' ? { elementtiming: 'tv4boss-figures' } : {})}>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="h-summary">
      <h2 id="h-summary">{t('rpSummary')}</h2>
      <dl class="figures">
        {fig(t('rpSessions'), num(s.sessions), 'fig-sessions')}
        {fig(t('rpTotalDuration'), s.timed ? dur(s.totalSec) : '—', 'fig-total')}
        {fig(t('rpAverageDuration'), dur(s.avgSec), 'fig-average')}
        {fig(t('rpMedianDuration'), dur(s.medianSec), 'fig-median')}
        {fig(t('rpConnectedTime'), s.connectedCases ? dur(s.connectedSec) : '—', 'fig-connected')}
      </dl>
      <p class="muted note">{t('rpDurationNote')}</p>
      {s.expired > 0 && <p class="note" data-testid="expired-note">{t('rpExpiredNote', String(s.expired))}</p>}
      {s.closeFailed > 0 && <p class="note">{t('rpCloseFailedNote', String(s.closeFailed))}</p>}
      <p class="muted note">{t('rpOpenNote')}</p>
    </section>
  );
}
