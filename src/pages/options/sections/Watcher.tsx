// Options: watcher period and notifications.
import type { Settings, SettingsView } from '../../../shared/settings';
import { request } from '../../../shared/messaging';
import { t } from '../../../shared/i18n';

export function Watcher({ view, onChange }: { view: SettingsView; onChange: (s: SettingsView) => void }) {
  const { settings, locked } = view;
  const save = async (patch: Partial<Settings>) => {
    const r = await request({ type: 'settings/set', patch });
    if (r.ok) onChange(r.data);
  };
  return (
    <section aria-labelledby="watch-h">
      <h2 id="watch-h">{t('optNotifications')}</h2>
      <label for="poll">{t('pollSeconds')}</label>
      <input id="poll" type="number" min={1} max={3600} value={settings.pollSeconds} disabled={locked.includes('pollSeconds')}
        onChange={(e) => save({ pollSeconds: Number((e.target as HTMLInputElement).value) })} />
      <label class="inline">
        <input type="checkbox" checked={settings.notifyOnExpiry} onChange={(e) => save({ notifyOnExpiry: (e.target as HTMLInputElement).checked })} />
        {t('notifyOnExpiry')}
      </label>
    </section>
  );
}

