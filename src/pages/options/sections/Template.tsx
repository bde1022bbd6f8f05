// Options: the customer email template (subject + body), its placeholders, live preview, delivery mode.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ticket } from '../../../shared/ticket';
import type { SettingsView } from '../../../shared/settings';
import {
  PLACEHOLDERS, defaultTemplate, problemMessage, renderEmail, sampleContext, validateTemplate, withDefaults, type EmailContext, type EmailTemplate,
} from '../../../shared/email-template';
import { request } from '../../../platform/messaging';
import { t, uiLocale } from '../../../platform/i18n';

const locale = () => uiLocale();

function previewContext(ticket: Ticket['fields'] | null): EmailContext {
  const sample = sampleContext(locale());
  if (!ticket) return sample;
  return {
    teamviewer: sample.teamviewer, // no case yet: sample link and code
    ticket: {
      title: ticket.title ?? '', number: ticket.number ?? '',
      technician: { name: ticket.technician ?? '' }, requester: { name: ticket.requesterName ?? '' },
    },
  };
}

const current = (view: SettingsView): EmailTemplate =>
  withDefaults({ subject: view.settings.emailSubject, body: view.settings.emailBody }, locale());

export function Template({ view, onChange }: { view: SettingsView; onChange: (v: SettingsView) => void }) {
  const [draft, setDraft] = useState<EmailTemplate>(() => current(view));
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const lastField = useRef<'subject' | 'body'>('body');
  const refs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  const lockedTemplate = view.locked.includes('emailSubject') || view.locked.includes('emailBody');
  const lockedAuto = view.locked.includes('autoSendEmail');
  // The ticket whose widget opened this page, if any: preview with it instead of the sample.
  const [ticket, setTicket] = useState<Ticket['fields'] | null>(null);
  const [useTicket, setUseTicket] = useState(true);
  useEffect(() => void request({ type: 'template/preview-ticket' }).then((r) => r.ok && setTicket(r.data)), []);
  const problems = validateTemplate(draft);
  let preview: EmailTemplate | undefined;
  if (!problems.length) preview = renderEmail(draft, previewContext(ticket && useTicket ? ticket : null), { locale: locale() });

  const edit = (field: 'subject' | 'body', value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const insert = (name: string) => {
    const field = lastField.current;
    const el = refs[field].current;
    const tag = `{{${name}}}`;
    const value = draft[field];
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    edit(field, value.slice(0, at) + tag + value.slice(end));
    queueMicrotask(() => {
      el?.focus();
      el?.setSelectionRange(at + tag.length, at + tag.length);
    });
  };
  const save = async (tpl: EmailTemplate) => {
    setSaveError(undefined);
    const d = defaultTemplate(locale());
    // Saving the default stores "default", so that each technician gets it in their own language.
    const isDefault = tpl.subject === d.subject && tpl.body === d.body;
    const r = await request({ type: 'settings/set', patch: { emailSubject: isDefault ? '' : tpl.subject, emailBody: isDefault ? '' : tpl.body } });
    if (r.ok) {
      onChange(r.data);
      setSaved(true);
    } else setSaveError(r.error.detail ?? r.error.code);
  };
  const setAuto = async (autoSendEmail: boolean) => {
    const r = await request({ type: 'settings/set', patch: { autoSendEmail } });
    if (r.ok) onChange(r.data);
  };

  return (
    <section aria-labelledby="tpl-h">
      <h2 id="tpl-h">{t('optTemplate')}</h2>
      <p class="muted">{t('templateHelp')}</p>
      {lockedTemplate && <p class="locked" data-testid="template-locked">{t('lockedByPolicy')}</p>}
      <label for="tpl-subject">{t('templateSubject')}</label>
      <input id="tpl-subject" type="text" ref={refs.subject} value={draft.subject} disabled={lockedTemplate}
        onFocus={() => (lastField.current = 'subject')} onInput={(e) => edit('subject', (e.target as HTMLInputElement).value)} />
      <label for="tpl-body">{t('templateBody')}</label>
      <textarea id="tpl-body" rows={10} ref={refs.body} value={draft.body} disabled={lockedTemplate}
        onFocus={() => (lastField.current = 'body')} onInput={(e) => edit('body', (e.target as HTMLTextAreaElement).value)} />
      <div class="placeholders" role="group" aria-label={t('insertPlaceholder')}>
        {PLACEHOLDERS.map((p) => (
          <button type="button" key={p} class="chip" disabled={lockedTemplate} onClick={() => insert(p)}>{`{{${p}}}`}</button>
        ))}
      </div>
      {problems.length > 0 && (
        <ul class="error" role="alert" data-testid="template-problems">
          {problems.map((p, i) => <li key={i}>{problemMessage(p, locale())}</li>)}
        </ul>
      )}
      {saveError && <p class="error" role="alert">{saveError}</p>}
      <div class="row">
        <button type="button" class="primary" disabled={lockedTemplate || problems.length > 0} onClick={() => save(draft)}>{t('save')}</button>
        <button type="button" disabled={lockedTemplate} onClick={() => { const d = defaultTemplate(locale()); setDraft(d); void save(d); }}>
          {t('resetDefault')}
        </button>
        {saved && <span class="ok" role="status">{t('saved')}</span>}
      </div>
      {preview && (
        <figure class="preview" data-testid="template-preview">
          <figcaption>{ticket && useTicket ? t('previewTicket', ticket.number ?? '') : t('preview')}</figcaption>
          {ticket && (
            <label class="inline">
              <input type="checkbox" checked={useTicket} onChange={(e) => setUseTicket((e.target as HTMLInputElement).checked)} />
              {t('previewWithTicket', ticket.number ?? '')}
            </label>
          )}
          <p><strong data-testid="preview-subject">{preview.subject}</strong></p>
          <pre data-testid="preview-body">{preview.body}</pre>
        </figure>
      )}
      <fieldset disabled={lockedAuto}>
        <legend>{t('deliveryMode')}</legend>
        <label class="inline"><input type="radio" name="auto" checked={view.settings.autoSendEmail} onChange={() => setAuto(true)} /> {t('deliveryAuto')}</label>
        <label class="inline"><input type="radio" name="auto" checked={!view.settings.autoSendEmail} onChange={() => setAuto(false)} /> {t('deliveryReview')}</label>
        {lockedAuto && <p class="locked">{t('lockedByPolicy')}</p>}
      </fieldset>
    </section>
  );
}
