// Options page: one section per concern (connection, sites, customer email, watcher).
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionStatus, UiError } from '../../shared/protocol';
import type { SettingsView } from '../../shared/settings';
import { request } from '../../platform/messaging';
import { errorMessage, t } from '../../platform/i18n';
import { Connection } from './sections/Connection';
import { Watcher } from './sections/Watcher';
import { Template } from './sections/Template';
import { Sites } from './sections/Sites';
import { Team } from './sections/Team';

export function Options() {
  const [status, setStatus] = useState<ConnectionStatus>();
  const [settings, setSettings] = useState<SettingsView>();
  const [error, setError] = useState<UiError>();
  const load = () => {
    setError(undefined);
    void request({ type: 'token/status' }).then((r) => (r.ok ? setStatus(r.data) : setError(r.error)));
    void request({ type: 'settings/get' }).then((r) => (r.ok ? setSettings(r.data) : setError(r.error)));
  };
  useEffect(load, []);
  return (
    <main>
      <h1>{t('extName')}</h1>
      {error && (
        <div class="error" role="alert" data-testid="options-error">
          <p>{t('optionsLoadFailed')} {errorMessage(error)}{error.detail ? ` (${error.detail})` : ''}</p>
          <button type="button" onClick={load}>{t('retry')}</button>
        </div>
      )}
      {status ? <Connection status={status} onChange={setStatus} apiLocked={!!settings?.locked.includes('apiBaseUrl')} /> : !error && <p>{t('loading')}</p>}
      {status && <Team key={`${status.source}:${status.account?.userid}`} status={status} />}
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
