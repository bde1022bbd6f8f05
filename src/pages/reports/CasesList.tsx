// The sessions in range, newest first, each with a link back to its ticket.
import { t } from '../../platform/i18n';
import type { ReportResult } from '../../shared/reports/types';
import { dateTime, dur, keyLabel, num, outcomeLabel } from './format';

export function CasesList({ result, onShowAll }: { result: ReportResult; onShowAll: () => void }) {
  const { cases, casesTotal } = result;
  return (
    <section aria-labelledby="h-list">
      <h2 id="h-list">{t('rpList')}</h2>
      {cases.length < casesTotal && (
        <p class="muted">
          {t('rpListShown', [num(cases.length), num(casesTotal)])}{' '}
          <button type="button" onClick={onShowAll}>{t('rpShowAll')}</button>
        </p>
      )}
      <div class="scroll">
        <table aria-labelledby="h-list" data-testid="cases">
          <thead>
            <tr>
              <th scope="col">{t('rpCreated')}</th>
              <th scope="col">{t('rpKind')}</th>
              <th scope="col">{t('rpCode')}</th>
              <th scope="col">{t('rpTicket')}</th>
              <th scope="col">{t('rpTechnician')}</th>
              <th scope="col">{t('rpCategory')}</th>
              <th scope="col">{t('rpRequester')}</th>
              <th scope="col">{t('rpOutcome')}</th>
              <th scope="col" class="n">{t('rpDuration')}</th>
              <th scope="col" class="n">{t('rpConnectedTime')}</th>
              <th scope="col">{t('rpDevice')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => {
              const label = [c.ticketNumber, c.ticketTitle].filter(Boolean).join(' ') || c.helpdesk;
              return (
                <tr key={c.id} data-testid="case-row" data-code={c.code} data-kind={c.kind ?? 'service'}>
                  <td>{dateTime(c.createdAt)}</td>
                  <td>{t(`rpKind_${c.kind ?? 'service'}`)}</td>
                  <td class="code">{c.code}</td>
                  <td>{c.ticketUrl ? <a href={c.ticketUrl} target="_blank" rel="noopener noreferrer">{label}</a> : label}</td>
                  <td>{keyLabel(c.technician ?? '', true)}</td>
                  <td>{c.category ?? ''}</td>
                  <td>{c.requester ?? ''}</td>
                  <td class={`outcome ${c.outcome}`}>{outcomeLabel(c.outcome)}</td>
                  <td class="n">{dur(c.durationSec)}</td>
                  <td class="n">{dur(c.connectedSec)}</td>
                  <td>{c.devices ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
