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
