// Options: help-desk sites (BOSSDesk cloud built in; on-prem origins added here or by policy),
// each site's profile (edit, import, export), "Test on this page", and the latest mismatch.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { request } from '../../../platform/messaging';
import { errorMessage, t } from '../../../platform/i18n';
import type { UiError } from '../../../shared/protocol';
import { BOSSDESK_PROFILE, SUPPORT_CENTRAL_PROFILE } from '../../../shared/profile/builtin';
import { missingFields, type PageReport, type PageTest, type SiteView, type SitesView } from '../../../shared/profile/report';
import type { SiteProfile } from '../../../shared/profile/types';
import { selectorParses } from '../selector-check';
import { formatIssue, parseProfile, profileToJson, type Issue } from '../../../shared/profile/validate';
import { normalizeSiteOrigin, originPattern } from '../../../shared/sites';
import { TICKET_FIELDS, type TicketField } from '../../../shared/ticket';
import { TeachButton } from './Teach';

/** A translated validation message, the English one where a code has no translation. */
function issueText(i: Issue): string {
  const msg = browser.i18n.getMessage(`verr_${i.code}`);
  return msg ? `${i.path}: ${msg}${i.detail ? ` (${i.detail})` : ''}` : formatIssue(i);
}

const errorText = (e: UiError) => (e.code === 'bad_request_message' && e.detail ? e.detail : errorMessage(e));

/** "BOSS Support Central at http://…: mount point did not match; fields not found: category" */
export function diagnosisLine(r: PageReport): string {
  const parts: string[] = [];
  if (!r.diagnosis.url) parts.push(t('diagUrl'));
  if (!r.diagnosis.mount) parts.push(t('diagMount'));
  const invalid = r.diagnosis.invalid ?? [];
  const missing = missingFields(r.diagnosis).filter((f) => !invalid.includes(f));
  if (missing.length) parts.push(t('diagFields', missing.join(', ')));
  if (invalid.length) parts.push(t('diagInvalid', invalid.join(', ')));
  return t('diagLine', [r.profile.name, r.origin, parts.join('; ')]);
}

function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <div class="error" role="alert" data-testid="profile-errors">
      <p>{t('profileInvalid')}</p>
      <ul>{issues.map((i) => <li key={i.path + i.code}><code>{issueText(i)}</code></li>)}</ul>
    </div>
  );
}

function TestResult({ test }: { test: PageTest }) {
  if (!test.ok) {
    return <p class="error" role="alert" data-testid="test-result" data-ok="false">
      {test.reason === 'no_tab' ? t('testNoTab') : t('testNotInjected', test.url ?? '')}
    </p>;
  }
  const { report } = test;
  const d = report.diagnosis;
  const row = (key: string, label: string, ok: boolean, value?: string) => (
    <tr key={key} data-testid={`test-${key}`} data-ok={String(ok)}>
      <th scope="row" style="text-align: left; padding-right: 16px">{label}</th>
      <td class={ok ? 'ok' : 'error'}>{ok ? (value ?? t('testFound')) : (d.invalid?.includes(key as TicketField) ? t('testNotEmail') : t('testNotFound'))}</td>
    </tr>
  );
  return (
    <div data-testid="test-result" data-ok="true">
      <p>{t('testTab', [report.url, report.profile.name])}{report.draft ? ` ${t('testDraft')}` : ''}</p>
      <table class="test-table">
        <thead><tr><th scope="col" style="text-align: left">{t('testPart')}</th><th scope="col" style="text-align: left">{t('testResult')}</th></tr></thead>
        <tbody>
          {row('url', t('testUrl'), d.url, d.ticketId)}
          {TICKET_FIELDS.map((f) => row(f, t(`field_${f}`), d.fields[f] !== null, d.fields[f] ?? undefined))}
          {row('mount', t('testMount'), d.mount)}
          {row('comment', t('testComment'), d.comment)}
          {row('reply', t('testReply'), d.reply)}
          {row('close', t('testClose'), d.close)}
          {report.widget !== undefined && row('widget', t('testWidget'), report.widget)}
        </tbody>
      </table>
    </div>
  );
}

const builtinFor = (site: SiteView): SiteProfile => (site.source === 'builtin' ? BOSSDESK_PROFILE : SUPPORT_CENTRAL_PROFILE);

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ProfileEditor({ site, onView, onTest, onClose }: {
  site: SiteView; onView: (v: SitesView) => void; onTest: (profile?: SiteProfile, origin?: string) => Promise<void>; onClose: () => void;
}) {
  const editable = site.source === 'added';
  const [text, setText] = useState(() => profileToJson(site.profile ?? builtinFor(site)));
  const [issues, setIssues] = useState<Issue[]>();
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const file = useRef<HTMLInputElement>(null);

  /** The draft, validated by the browser's own CSS parser; shows the problems otherwise. */
  const checked = (): SiteProfile | undefined => {
    setNote(undefined);
    setError(undefined);
    const r = parseProfile(text, { selectors: selectorParses });
    setIssues(r.ok ? undefined : r.issues);
    return r.ok ? r.profile : undefined;
  };
  const save = async (profile: SiteProfile | null) => {
    const r = await request({ type: 'sites/set-profile', origin: site.origin, profile });
    if (!r.ok) return setError(errorText(r.error));
    onView(r.data);
    setNote(t('profileSaved'));
    if (!profile) setText(profileToJson(builtinFor(site)));
  };
  const importFile = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    const content = await f.text();
    (e.target as HTMLInputElement).value = '';
    const r = parseProfile(content, { selectors: selectorParses });
    // A file that does not validate is still shown, so that it can be fixed here.
    setText(r.ok ? profileToJson(r.profile) : content);
    setIssues(r.ok ? undefined : r.issues);
    setNote(r.ok ? t('profileImported') : undefined);
  };
  const exportFile = () => {
    const p = checked();
    if (p) download(`tv4boss-profile-${p.id}.json`, profileToJson(p));
  };

  return (
    <div class="profile-editor" data-testid="profile-editor">
      <h3>{t('profileEditorTitle', site.origin)}</h3>
      {!editable && <p class="locked">{site.source === 'policy' ? t('lockedByPolicy') : t('profileBuiltinReadOnly')}</p>}
      <p class="muted">{t('profileHelp')}</p>
      <label for="profile-json">{t('profileJson')}</label>
      <textarea id="profile-json" rows={18} spellcheck={false} readOnly={!editable} value={text}
        style="font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace"
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      {issues && <IssueList issues={issues} />}
      {error && <p class="error" role="alert">{error}</p>}
      {note && <p class="ok" role="status">{note}</p>}
      <div class="row" style="flex-wrap: wrap">
        {editable && <button type="button" class="primary" onClick={() => { const p = checked(); if (p) void save(p); }}>{t('profileSave')}</button>}
        {editable && site.profile && <button type="button" onClick={() => void save(null)}>{t('profileReset')}</button>}
        {editable && <button type="button" onClick={() => file.current?.click()}>{t('profileImport')}</button>}
        <button type="button" onClick={exportFile}>{t('profileExport')}</button>
        <button type="button" onClick={() => { const p = checked(); if (p) void onTest(p, site.source === 'builtin' ? undefined : site.origin); }}>{t('testDraftOnPage')}</button>
        <button type="button" onClick={onClose}>{t('profileClose')}</button>
      </div>
      <input ref={file} type="file" accept=".json,application/json" hidden data-testid="profile-import" aria-label={t('profileImport')}
        onChange={(e) => void importFile(e)} />
    </div>
  );
}

function SiteRow({ site, onView, onEdit }: { site: SiteView; onView: (v: SitesView) => void; onEdit: () => void }) {
  const [error, setError] = useState<string>();
  const remove = async () => {
    if (!confirm(t('siteRemoveConfirm', site.origin))) return;
    const r = await request({ type: 'sites/remove', origin: site.origin });
    if (!r.ok) return setError(errorText(r.error));
    onView(r.data);
    // Gives the host back. Fails harmlessly where the manifest itself grants it (cloud, test hosts).
    await chrome.permissions.remove({ origins: [originPattern(site.origin)] }).catch(() => false);
  };
  const grant = () => {
    // Inside the click: the permission prompt needs the user's gesture.
    chrome.permissions.request({ origins: [originPattern(site.origin)] }).then(async () => {
      const r = await request({ type: 'sites/list' });
      if (r.ok) onView(r.data);
    }, (e: unknown) => setError(String(e)));
  };
  const dismiss = async () => {
    const r = await request({ type: 'sites/clear-diagnosis', origin: site.origin });
    if (r.ok) onView(r.data);
  };
  const profileName = site.profile ? t('siteProfileCustom', site.profile.name) : site.source === 'builtin' ? BOSSDESK_PROFILE.name : t('siteProfileBuiltins');
  return (
    <li class="site" data-testid="site" data-origin={site.origin} data-source={site.source} style="margin: 10px 0">
      <div class="row" style="flex-wrap: wrap">
        <strong><code>{site.origin}</code></strong>
        <span class="muted">{site.source === 'builtin' ? t('siteBuiltin') : site.source === 'policy' ? '' : t('siteAddedHere')}</span>
        {site.source === 'policy' && <span class="locked" data-testid="site-locked">{t('lockedByPolicy')}</span>}
      </div>
      <div class="muted">{t('siteProfile', profileName)}</div>
      {site.insecure && <div class="warn" data-testid="site-insecure">⚠ {t('siteInsecure')}</div>}
      {!site.granted && <div class="error">{t('siteNotGranted')} <button type="button" onClick={grant}>{t('siteGrant')}</button></div>}
      {site.profileErrors && <div class="error" data-testid="site-profile-errors"><p>{t('policyProfileInvalid')}</p>
        <ul>{site.profileErrors.map((e) => <li key={e}><code>{e}</code></li>)}</ul></div>}
      {site.diagnosis && (
        <div class="error" role="status" data-testid="site-diagnosis">
          <p style="margin: 4px 0">{diagnosisLine(site.diagnosis)}</p>
          <p class="detail" style="margin: 4px 0">{t('diagSeen', [new Date(site.diagnosis.at).toLocaleString(), site.diagnosis.url])}</p>
          <button type="button" onClick={() => void dismiss()}>{t('diagDismiss')}</button>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row" style="flex-wrap: wrap">
        {site.source === 'added' && <TeachButton origin={site.origin} onView={onView} />}
        <button type="button" onClick={onEdit}>{site.source === 'added' ? t('siteEditProfile') : t('siteViewProfile')}</button>
        {site.source === 'added' && <button type="button" class="danger" onClick={() => void remove()}>{t('siteRemove')}</button>}
      </div>
    </li>
  );
}

/** `rev` changes when enterprise policy changed: the list (with the policy's sites) is read again. */
export function Sites({ rev = 0 }: { rev?: number }) {
  const [view, setView] = useState<SitesView>();
  const [origin, setOrigin] = useState('');
  const [addError, setAddError] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const [test, setTest] = useState<PageTest>();
  const [testError, setTestError] = useState<string>();
  const [testing, setTesting] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const load = () => {
    setLoadError(undefined);
    void request({ type: 'sites/list' }).then((r) => (r.ok ? setView(r.data) : setLoadError(errorText(r.error))));
  };
  useEffect(load, [rev]);

  const add = (e: Event) => {
    e.preventDefault();
    const o = normalizeSiteOrigin(origin);
    if (!o.ok) return setAddError(t(`siteErr_${o.reason}`));
    setAddError(undefined);
    // First thing in the click handler: the permission prompt needs the admin's gesture.
    chrome.permissions.request({ origins: [originPattern(o.origin)] }).then(async (granted) => {
      if (!granted) return setAddError(t('sitePermissionDenied', o.origin));
      const r = await request({ type: 'sites/add', origin: o.origin });
      if (!r.ok) return setAddError(errorText(r.error));
      setView(r.data);
      setOrigin('');
    }, (err: unknown) => setAddError(String(err)));
  };

  const runTest = async (profile?: SiteProfile, origin?: string) => {
    setTesting(true);
    setTestError(undefined);
    const r = await request({ type: 'sites/test', ...(profile ? { profile } : {}), ...(origin ? { origin } : {}) });
    setTesting(false);
    if (r.ok) setTest(r.data);
    else setTestError(errorText(r.error));
  };

  const editingSite = view?.sites.find((s) => s.origin === editing);
  const preview = normalizeSiteOrigin(origin);
  return (
    <section aria-labelledby="sites-h" data-testid="sites">
      <h2 id="sites-h">{t('optSites')}</h2>
      <p class="muted">{t('sitesHelp')}</p>
      {view && view.policyErrors.length > 0 && (
        <div class="error" data-testid="policy-errors"><p>{t('policyErrors')}</p>
          <ul>{view.policyErrors.map((e) => <li key={e}><code>{e}</code></li>)}</ul></div>
      )}
      {view ? (
        <ul style="list-style: none; padding: 0">
          {view.sites.map((s) => <SiteRow key={s.origin} site={s} onView={setView} onEdit={() => setEditing(s.origin)} />)}
        </ul>
      ) : loadError ? (
        <div class="error" role="alert" data-testid="sites-error"><p>{loadError}</p>
          <button type="button" onClick={load}>{t('retry')}</button></div>
      ) : <p>{t('loading')}</p>}

      <form onSubmit={add}>
        <label for="site-origin">{t('siteOriginLabel')}</label>
        <div class="row">
          <input id="site-origin" type="text" inputMode="url" placeholder="https://helpdesk.example.com" autocomplete="off" spellcheck={false}
            value={origin} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} />
          <button type="submit" class="primary" style="margin-top: 0; white-space: nowrap">{t('siteAdd')}</button>
          <TeachButton add onView={setView} origin={() => {
            const o = normalizeSiteOrigin(origin);
            if (!o.ok) setAddError(t(`siteErr_${o.reason}`));
            return o.ok ? o.origin : undefined;
          }} />
        </div>
        {preview.ok && preview.insecure && <p class="warn">⚠ {t('siteInsecure')}</p>}
        {addError && <p class="error" role="alert" data-testid="site-add-error">{addError}</p>}
      </form>

      {editingSite && <ProfileEditor key={editingSite.origin} site={editingSite} onView={setView} onTest={runTest} onClose={() => setEditing(undefined)} />}

      <h3>{t('testOnPage')}</h3>
      <p class="muted">{t('testHelp')}</p>
      <button type="button" disabled={testing} onClick={() => void runTest()}>{t('testOnPage')}</button>
      {testError && <p class="error" role="alert">{testError}</p>}
      {test && <TestResult test={test} />}
    </section>
  );
}
