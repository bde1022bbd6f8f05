// Options page: one section per concern (connection, watcher; sites and email template follow).
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionStatus } from '../../shared/protocol';
import type { SettingsView } from '../../shared/settings';
import { request } from '../../shared/messaging';
import { t } from '../../shared/i18n';
import { Connection } from './sections/Connection';
import { Watcher } from './sections/Watcher';
import { Template } from './sections/Template';
import { Sites } from './sections/Sites';

export function Options() {
  const [status, setStatus] = useState<ConnectionStatus>();
  const [settings, setSettings] = useState<SettingsView>();
  useEffect(() => {
    void request({ type: 'token/status' }).then((r) => r.ok && setStatus(r.data));
    void request({ type: 'settings/get' }).then((r) => r.ok && setSettings(r.data));
  }, []);
  return (
    <main>
      <h1>{t('extName')}</h1>
      {status ? <Connection status={status} onChange={setStatus} apiLocked={!!settings?.locked.includes('apiBaseUrl')} /> : <p>{t('loading')}</p>}
      <Sites />
      {settings && <Template view={settings} onChange={setSettings} />}
      {settings && <Watcher view={settings} onChange={setSettings} />}
      <section aria-labelledby="reports-h">
        <h2 id="reports-h">{t('rpOptionsLink')}</h2>
        <p>{t('rpOptionsLinkText')} <a href="../reports/index.html" data-testid="reports-link">{t('rpOptionsLink')}</a></p>
      </section>
    </main>
  );
}
