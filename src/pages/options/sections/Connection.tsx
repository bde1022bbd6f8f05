// Options: the TeamViewer connection (script token, API address).
import { useState } from 'preact/hooks';
import type { ConnectionStatus, OpenCaseItem, UiError } from '../../../shared/protocol';
import { request } from '../../../platform/messaging';
import { errorMessage, permissionNames, t } from '../../../platform/i18n';


export function ErrorBox({ error }: { error: UiError }) {
  let detail = error.detail;
  if (error.code === 'forbidden' && detail) detail = permissionNames(detail);
  return (
    <div class="error" role="alert" data-testid="connect-error" data-code={error.code}>
      <p>{errorMessage(error)}</p>
      {detail && error.code !== 'invalid_token' && <p class="detail">{detail}</p>}
      {error.code === 'forbidden' && <p class="detail">{t('permFixPath')}</p>}
    </div>
  );
}

export function Connection({ status, onChange, apiLocked = false }: { status: ConnectionStatus; onChange: (s: ConnectionStatus) => void; apiLocked?: boolean }) {
  const [token, setToken] = useState('');
  const [apiBaseUrl, setApiBaseUrl] = useState(status.apiBaseUrl);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();

  const connect = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await request({ type: 'token/connect', token, ...(apiLocked ? {} : { apiBaseUrl }) });
    setBusy(false);
    if (r.ok) {
      setToken('');
      onChange(r.data);
    } else setError(r.error);
  };
  // Revoking: first show the open cases (here and in TeamViewer) and offer to close them.
  const [revoking, setRevoking] = useState<OpenCaseItem[]>();
  const [closing, setClosing] = useState(false);
  const askRevoke = async () => {
    const r = await request({ type: 'token/open-cases' });
    setRevoking(r.ok ? r.data : []);
  };
  const revoke = async (closeFirst: boolean) => {
    if (closeFirst) {
      setClosing(true);
      const r = await request({ type: 'token/close-cases' });
      setClosing(false);
      if (r.ok && r.data.length) return setRevoking(r.data); // some could not be closed: say which
    }
    const r = await request({ type: 'token/disconnect' });
    setRevoking(undefined);
    if (r.ok) onChange(r.data);
  };

  if (status.source === 'organisation') {
    // The organisation's token (enterprise policy): shown by its account, never the token itself;
    // connecting or revoking it is the administrator's act, not this browser's.
    return (
      <section aria-labelledby="conn-h">
        <h2 id="conn-h">{t('optConnection')}</h2>
        {status.account ? (
          <p class="ok" data-testid="account">
            {t('connectedByOrganisation')} <strong>{status.account.name}</strong>
            {status.account.company ? ` · ${status.account.company}` : ''}{status.account.license ? ` · ${t('license')}: ${status.account.license}` : ''}
          </p>
        ) : (
          <div data-testid="org-error">
            <p class="error">{t('orgTokenRefused')}</p>
            {status.orgError && <ErrorBox error={status.orgError} />}
          </div>
        )}
        <p class="muted">{t('apiAddress')}: <code>{status.apiBaseUrl}</code> · <span class="locked">{t('lockedByPolicy')}</span></p>
        <DevicesForbidden status={status} />
      </section>
    );
  }

  if (status.connected && status.account) {
    const a = status.account;
    return (
      <section aria-labelledby="conn-h">
        <h2 id="conn-h">{t('optConnection')}</h2>
        <p class="ok" data-testid="account">
          {t('connectedAs')} <strong>{a.name}</strong> ({a.email}){a.company ? ` · ${a.company}` : ''}
          {a.license ? ` · ${t('license')}: ${a.license}` : ''}
        </p>
        <p class="muted">{t('apiAddress')}: <code>{status.apiBaseUrl}</code></p>
        <DevicesForbidden status={status} />
        {!revoking && <button type="button" class="danger" onClick={askRevoke}>{t('disconnect')}</button>}
        {revoking && (
          <div class="revoke" role="alertdialog" aria-labelledby="revoke-h" data-testid="revoke-panel">
            <p id="revoke-h"><strong>{revoking.length ? t('revokeOpenCases', String(revoking.length)) : t('revokeConfirm')}</strong></p>
            {revoking.length > 0 && (
              <ul>{revoking.map((c) => <li key={c.code}><code>{c.code}</code> {c.label}</li>)}</ul>
            )}
            {revoking.length > 0 && (
              <button type="button" class="primary" disabled={closing} onClick={() => revoke(true)}>{closing ? t('stateClosing') : t('revokeCloseAll')}</button>
            )}{' '}
            <button type="button" class="danger" disabled={closing} onClick={() => revoke(false)}>
              {revoking.length ? t('revokeAnyway') : t('disconnect')}
            </button>{' '}
            <button type="button" disabled={closing} onClick={() => setRevoking(undefined)}>{t('cancel')}</button>
          </div>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="conn-h">
      <h2 id="conn-h">{t('optConnection')}</h2>
      <form onSubmit={connect}>
        <label for="token">{t('scriptToken')}</label>
        <input id="token" type="password" autocomplete="off" spellcheck={false} value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        <details>
          <summary>{t('advanced')}</summary>
          <label for="api">{t('apiAddress')}</label>
          <input id="api" type="url" value={apiBaseUrl} disabled={apiLocked} onInput={(e) => setApiBaseUrl((e.target as HTMLInputElement).value)} />
          {apiLocked && <p class="locked">{t('lockedByPolicy')}</p>}
        </details>
        <button type="submit" class="primary" disabled={busy}>{busy ? t('checking') : t('connect')}</button>
      </form>
      {error && <ErrorBox error={error} />}
      <details class="help" open={!status.connected}>
        <summary>{t('howToToken')}</summary>
        <ol>
          <li>{t('howTo1')}</li>
          <li>{t('howTo2')}</li>
          <li>{t('howTo3')}</li>
          <li>{t('howTo4')}</li>
        </ol>
      </details>
    </section>
  );
}


/** The token may not list devices (issue 19): the widget hides "The requester's computers"; here
 *  the administrator learns which permission shows them. */
function DevicesForbidden({ status }: { status: ConnectionStatus }) {
  if (!status.devicesForbidden) return null;
  return (
    <p class="notice" role="note" data-testid="devices-forbidden">
      {t('devicesForbidden')}{status.devicesForbidden.detail ? ` (${status.devicesForbidden.detail})` : ''}
    </p>
  );
}
