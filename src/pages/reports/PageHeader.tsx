// The page's title and the team-wide sync beside it: the top of its first frame (prerender.tsx).
// `live`: the page's code runs (a frame the worker wrote into the HTML is painted before it does,
// and its button would not answer a click yet).
import { t } from '../../platform/i18n';
import type { SyncStatus } from '../../shared/reports/types';
import { SyncBar } from './SyncBar';

export function PageHeader({ sync, live, onSync }: { sync: SyncStatus | undefined; live: boolean; onSync: () => void }) {
  return (
    <header class="top">
      <div>
        <h1>{t('rpTitle')}</h1>
        <p class="muted">{t('rpSubtitle')}</p>
      </div>
      <SyncBar status={sync} live={live} onSync={onSync} />
    </header>
  );
}
