// Acting on the help-desk page through its own controls, as a technician would.
import type { SiteProfile } from '../shared/profile/types';
import { firstMatch } from '../shared/profile/read';

/** Sets a field's value so that frameworks (React, Angular, Vue) see it as typed input. */
export function setFieldValue(el: Element, value: string): void {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  } else if ((el as HTMLElement).isContentEditable) {
    el.textContent = value;
  } else {
    throw new Error('not an editable field');
  }
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function click(el: Element): void {
  (el as HTMLElement).click();
}

/** Posts a comment through the ticket's comment form. False when the form is not there. */
export function postComment(profile: SiteProfile, text: string, internal = true): boolean {
  const c = profile.comment;
  if (!c) return false;
  const field = firstMatch(document, [c.field]);
  const submit = firstMatch(document, [c.submit]);
  if (!field || !submit || (submit as HTMLButtonElement).disabled) return false;
  if (c.internal) {
    const box = firstMatch(document, [c.internal]);
    if (box instanceof HTMLInputElement && box.checked !== internal) click(box);
  }
  setFieldValue(field, text);
  click(submit);
  return true;
}

/** Fills the reply-to-requester form and, when asked, sends it. False when the form is not usable. */
export function fillReply(profile: SiteProfile, subject: string, body: string, sendNow: boolean): boolean {
  const r = profile.reply;
  if (!r) return false;
  const subjectField = firstMatch(document, [r.subject]);
  const bodyField = firstMatch(document, [r.body]);
  const send = firstMatch(document, [r.send]);
  if (!subjectField || !bodyField || (bodyField as HTMLTextAreaElement).disabled) return false;
  if (sendNow && (!send || (send as HTMLButtonElement).disabled)) return false;
  setFieldValue(subjectField, subject);
  setFieldValue(bodyField, body);
  if (sendNow) click(send!);
  else (bodyField as HTMLElement).focus();
  return true;
}
