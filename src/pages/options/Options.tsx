// Options page: one section per concern (connection, sites, customer email, watcher).
import { useEffect, useState } from 'preact/hooks';
import { OPTIONS_PORT, type ConnectionStatus, type OptionsPortOut, type UiError } from '../../shared/protocol';
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
  // Enterprise policy changed (token, sites, settings): the worker says so on this port; what is
  // shown is read again at once. Reconnects when the worker restarts.
  const [policyRev, setPolicyRev] = useState(0);
  useEffect(() => {
    let port: chrome.runtime.Port | undefined;
    let closed = false;
    const connect = () => {
      try {
        port = chrome.runtime.connect({ name: OPTIONS_PORT });
      } catch (e) {
        return console.warn('no live line to the worker', e); // the page still works, without live updates
      }
      port.onMessage.addListener((m: OptionsPortOut) => {
        if (m.type !== 'policy-changed') return;
        load();
        setPolicyRev((r) => r + 1);
      });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(connect, 500);
      });
    };
    connect();
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, []);
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
      {status && <Team key={`${status.source}:${status.account?.userid}:${policyRev}`} status={status} />}
      <Sites rev={policyRev} />
      {settings && <Template view={settings} onChange={setSettings} />}
      {settings && <Watcher view={settings} onChange={setSettings} />}
      <section aria-labelledby="reports-h">
        <h2 id="reports-h">{t('rpOptionsLink')}</h2>
        <p>{t('rpOptionsLinkText')} <a href="../reports/index.html" data-testid="reports-link">{t('rpOptionsLink')}</a></p>
      </section>
    </main>
  );
}
