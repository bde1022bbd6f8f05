// Options: working as a team. Who this browser works for (with the organisation's shared token),
// and with whom the BOSS group is shared, with the TeamViewer-side switches that make colleagues
// hear about service cases and the QuickSupport branding steps.
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionStatus, GroupSharingView, TechnicianView, UiError } from '../../../shared/protocol';
import { request } from '../../../platform/messaging';
import { t } from '../../../platform/i18n';
import { ErrorBox } from './Connection';

function Technician() {
  const [view, setView] = useState<TechnicianView>();
  const [error, setError] = useState<UiError>();
  const [pick, setPick] = useState('');
  useEffect(() => {
    void request({ type: 'technician/get' }).then((r) => {
      if (!r.ok) return setError(r.error);
      setView(r.data);
      setPick(r.data.chosen?.userid ?? r.data.suggested ?? '');
    });
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!view || view.mode !== 'organisation') return null;
  const save = async () => {
    const r = await request({ type: 'technician/set', userid: pick });
    if (r.ok) setView(r.data);
    else setError(r.error);
  };
  return (
    <div data-testid="technician">
      <label for="technician">{t('whoAreYou')}</label>
      <p class="muted">{t('whoAreYouHelp')}</p>
      <div class="row">
        <select id="technician" value={pick} onChange={(e) => setPick((e.target as HTMLSelectElement).value)}>
          <option value="">{t('chooseUser')}</option>
          {view.users.map((u) => <option key={u.userid} value={u.userid}>{u.name}{u.email ? ` (${u.email})` : ''}</option>)}
        </select>
        <button type="button" class="primary" disabled={!pick || pick === view.chosen?.userid} onClick={save}>{t('save')}</button>
      </div>
      {view.chosen && <p class="ok" data-testid="technician-chosen">{t('workingAs', view.chosen.name)}</p>}
      {!view.chosen && view.suggested && <p class="muted">{t('suggestedFromDesk')}</p>}
    </div>
  );
}

function Sharing() {
  const [view, setView] = useState<GroupSharingView>();
  const [error, setError] = useState<UiError>();
  const [picked, setPicked] = useState<string[]>([]);
  const [write, setWrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = () => void request({ type: 'group/sharing' }).then((r) => (r.ok ? setView(r.data) : setError(r.error)));
  useEffect(load, []);
  const act = async (run: () => ReturnType<typeof request<'group/sharing'>>) => {
    setBusy(true);
    setError(undefined);
    const r = await run();
    setBusy(false);
    if (r.ok) {
      setView(r.data);
      setPicked([]);
    } else setError(r.error);
  };
  const shared = new Set(view?.sharedWith.map((s) => s.userid));
  const readOnly = !!view?.readOnly;
  const others = readOnly ? [] : view?.users.filter((u) => !shared.has(u.userid)) ?? [];
  const nameOf = (id: string) => view?.users.find((u) => u.userid === id)?.name ?? view?.sharedWith.find((s) => s.userid === id)?.name ?? id;
  return (
    <div data-testid="sharing">
      <h3>{t('sharingTitle')}</h3>
      <p class="muted">{t('sharingHelp')}</p>
      {readOnly && <p class="muted" data-testid="sharing-read-only">{t('sharingReadOnly')}</p>}
      {error && <ErrorBox error={error} />}
      {view && (
        <>
          {view.sharedWith.length ? (
            <table class="shares">
              <thead><tr><th scope="col">{t('colUser')}</th><th scope="col">{t('colPermission')}</th><th scope="col"><span class="sr">{t('colActions')}</span></th></tr></thead>
              <tbody>
                {view.sharedWith.map((s) => (
                  <tr key={s.userid} data-testid="share-row">
                    <td>{nameOf(s.userid)}{s.pending ? ` (${t('pending')})` : ''}</td>
                    <td>{s.permissions === 'readwrite' ? t('permReadWrite') : t('permRead')}</td>
                    <td>{!readOnly && <button type="button" disabled={busy} onClick={() => act(() => request({ type: 'group/unshare', userids: [s.userid] }))}>{t('unshare')}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p data-testid="not-shared">{view.groupid ? t('notSharedYet') : t('groupNotYet')}</p>}
          {others.length > 0 && (
            <fieldset>
              <legend>{t('shareWith')}</legend>
              {others.map((u) => (
                <label class="inline" key={u.userid}>
                  <input type="checkbox" checked={picked.includes(u.userid)}
                    onChange={(e) => setPicked((p) => ((e.target as HTMLInputElement).checked ? [...p, u.userid] : p.filter((x) => x !== u.userid)))} />
                  {u.name}{u.email ? ` (${u.email})` : ''}
                </label>
              ))}
              <label class="inline"><input type="checkbox" checked={write} onChange={(e) => setWrite((e.target as HTMLInputElement).checked)} /> {t('shareReadWrite')}</label>
              <button type="button" class="primary" disabled={busy || !picked.length}
                onClick={() => act(() => request({ type: 'group/share', userids: picked, permissions: write ? 'readwrite' : 'read' }))}>{t('share')}</button>
            </fieldset>
          )}
        </>
      )}
      <details class="help">
        <summary>{t('teamSwitchesTitle')}</summary>
        <ol>
          <li>{t('teamSwitch1')}</li>
          <li>{t('teamSwitch2')}</li>
          <li>{t('teamSwitch3')}</li>
        </ol>
      </details>
      <details class="help">
        <summary>{t('brandingTitle')}</summary>
        <ol>
          <li>{t('branding1')}</li>
          <li>{t('branding2')}</li>
          <li>{t('branding3')}</li>
        </ol>
      </details>
    </div>
  );
}

export function Team({ status }: { status: ConnectionStatus }) {
  if (!status.connected) return null;
  return (
    <section aria-labelledby="team-h">
      <h2 id="team-h">{t('optTeam')}</h2>
      <Technician />
      <Sharing />
    </section>
  );
}
