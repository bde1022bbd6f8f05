// One table (count, total and average duration) and one chart per dimension.
import { t } from '../../platform/i18n';
import type { Dimension, ReportResult } from '../../shared/reports/types';
import { BarChart } from './Chart';
import { dur, keyLabel, num } from './format';

const DIMS: Array<{ d: Dimension; heading: string; column: string }> = [
  { d: 'technician', heading: 'rpByTechnician', column: 'rpTechnician' },
  { d: 'category', heading: 'rpByCategory', column: 'rpCategory' },
  { d: 'type', heading: 'rpByType', column: 'rpType' },
  { d: 'priority', heading: 'rpByPriority', column: 'rpPriority' },
  { d: 'source', heading: 'rpBySource', column: 'rpSource' },
];

export function Breakdowns({ result }: { result: ReportResult }) {
  return (
    <>
      {DIMS.map(({ d, heading, column }) => {
        const rows = result.by[d];
        const id = `h-by-${d}`;
        return (
          <section aria-labelledby={id} key={d} class="breakdown" data-testid={`by-${d}`}>
            <h2 id={id}>{t(heading)}</h2>
            <div class="split">
              <table aria-labelledby={id}>
                <thead>
                  <tr>
                    <th scope="col">{t(column)}</th>
                    <th scope="col" class="n">{t('rpCount')}</th>
                    <th scope="col" class="n">{t('rpTotalDuration')}</th>
                    <th scope="col" class="n">{t('rpAverageDuration')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{keyLabel(r.key, d === 'technician')}</th>
                      <td class="n">{num(r.count)}</td>
                      <td class="n">{r.timed ? dur(r.totalSec) : '—'}</td>
                      <td class="n">{dur(r.avgSec)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <BarChart labels={rows.map((r) => keyLabel(r.key, d === 'technician'))} values={rows.map((r) => r.count)}
                label={t('rpChartOf', t(heading).toLowerCase())} />
            </div>
          </section>
        );
      })}
    </>
  );
}
