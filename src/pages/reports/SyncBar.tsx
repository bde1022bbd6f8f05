// Team-wide sync: the button, progress while it runs, the last sync, and what it left out.
import { t } from '../../platform/i18n';
import type { SyncStatus } from '../../shared/reports/types';
import type { UiError } from '../../shared/protocol';
import { ErrorBox } from './ErrorBox';
import { dateTime, num } from './format';

export function SyncBar({ status, live, onSync }: { status: SyncStatus | undefined; live: boolean; onSync: () => void }) {
  const s = status;
  return (
    <div class="sync" data-testid="sync">
      <button type="button" onClick={onSync} disabled={!live || !!s?.running}>{t('rpSync')}</button>
      <p role="status" data-testid="sync-status">
        {s?.running
          ? t('rpSyncing', [num(s.seen), num(s.pages), num(s.added), num(s.updated)])
          : s?.lastSyncAt
            ? t('rpSyncDone', [dateTime(s.lastSyncAt), num(s.added), num(s.updated)])
            : t('rpNeverSynced')}
      </p>
      {s?.running && <progress aria-label={t('rpSync')} />}
      {!s?.running && !!s?.foreign && <p class="muted" data-testid="foreign-note">{t('rpForeignNote', String(s.foreign))}</p>}
      {!s?.running && !!s?.open && <p class="muted">{t('rpOpenCount', String(s.open))}</p>}
      {s?.reportsUnavailable && <p class="muted">{t('rpReportsUnavailable')}</p>}
      {s?.error && !s.running && (
        <>
          <p class="error">{t('rpSyncFailed')}</p>
          <ErrorBox error={s.error as UiError} />
        </>
      )}
    </div>
  );
}
