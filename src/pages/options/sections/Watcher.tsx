// Options: watcher period and notifications, and the TeamViewer API address when an enterprise
// policy sets it (the connection form cannot change it then: the policy's address is used).
import type { Settings, SettingsView } from '../../../shared/settings';
import { request } from '../../../platform/messaging';
import { t } from '../../../platform/i18n';

export function Watcher({ view, onChange }: { view: SettingsView; onChange: (s: SettingsView) => void }) {
  const { settings, locked } = view;
  const pollLocked = locked.includes('pollSeconds');
  const save = async (patch: Partial<Settings>) => {
    const r = await request({ type: 'settings/set', patch });
    if (r.ok) onChange(r.data);
  };
  return (
    <section aria-labelledby="watch-h">
      <h2 id="watch-h">{t('optNotifications')}</h2>
      {locked.includes('apiBaseUrl') && (
        <p data-testid="policy-api">
          {t('apiAddress')}: <code>{settings.apiBaseUrl}</code> <span class="locked">{t('lockedByPolicy')}</span>
        </p>
      )}
      <label for="poll">{t('pollSeconds')}</label>
      <input id="poll" type="number" min={1} max={3600} value={settings.pollSeconds} disabled={pollLocked}
        onChange={(e) => save({ pollSeconds: Number((e.target as HTMLInputElement).value) })} />
      {pollLocked && <p class="locked" data-testid="poll-locked">{t('lockedByPolicy')}</p>}
      <label class="inline">
        <input type="checkbox" checked={settings.notifyOnExpiry} onChange={(e) => save({ notifyOnExpiry: (e.target as HTMLInputElement).checked })} />
        {t('notifyOnExpiry')}
      </label>
    </section>
  );
}
