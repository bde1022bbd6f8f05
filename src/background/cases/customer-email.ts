// The customer email for a new case: rendered from the admin's template (or the default in the
// technician's language) with the case and ticket data. Never contains the supporter link: the
// template can only name whitelisted placeholders.
import type { CaseEmail, CaseRecord } from '../../shared/case';
import { defaultTemplate, renderEmail, validateTemplate, withDefaults, type EmailTemplate } from '../../shared/email-template';
import type { Settings } from '../../shared/settings';
import { isEmailAddress } from '../../shared/email-address';

export function templateOf(settings: Settings, locale: string): EmailTemplate {
  const t = withDefaults({ subject: settings.emailSubject, body: settings.emailBody }, locale);
  // A stored template that no longer validates (edited by policy, say) must not block the case.
  return validateTemplate(t).length ? defaultTemplate(locale) : t;
}

export function customerEmail(rec: CaseRecord, settings: Settings, locale: string): CaseEmail {
  const f = rec.ticket.fields;
  const { subject, body } = renderEmail(templateOf(settings, locale), {
    teamviewer: { customer_link: rec.customerLink ?? '', session_code: rec.code ?? '', expires_at: rec.validUntil ?? '' },
    ticket: {
      title: f.title ?? '', number: f.number ?? rec.ticket.id,
      technician: { name: f.technician ?? '' }, requester: { name: f.requesterName ?? '' },
    },
  }, { locale, format: 'text' });
  const to = isEmailAddress(f.requesterEmail) ? f.requesterEmail : undefined;
  return { ...(to ? { to } : {}), subject, body, autoSend: settings.autoSendEmail, status: to ? 'pending' : 'no_email' };
}
