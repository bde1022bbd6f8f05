// Acting on the help-desk page through its own controls, as a technician would, and checking on the
// page that it worked before saying so: a click is not a posted comment.
import type { SiteProfile } from '../shared/profile/types';
import { firstMatch } from '../shared/profile/read';

/** How long the page has to show that a comment or reply went through. */
export const CONFIRM_MS = 10_000;

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

const valueOf = (el: Element) => (el as HTMLTextAreaElement).value ?? el.textContent ?? '';

/** Text compared without its whitespace: pages wrap lines, join them with <br>, collapse spaces. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The text a page shows under `node`, squashed: form fields (a textarea holds what is being
 *  typed, not what was posted), scripts and styles left out. */
function shownText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.parentElement?.closest('textarea,script,style') ? '' : squash(node.nodeValue ?? '');
  let out = '';
  const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) if (!n.parentElement?.closest('textarea,script,style')) out += n.nodeValue;
  return squash(out);
}

/** A form that posts the whole page back (WebForms) was submitted on this load: another task now
 *  would cancel that submission, so it waits for the next load (the worker offers it again). */
let postedBack = false;

/** Clicks `submit`, then waits until the page shows that the text went through: it appears in a
 *  node added to the page (the new note), or the field (`fieldSel`) no longer holds it (the form
 *  was cleared). False after CONFIRM_MS, or at once when the page starts posting back: the next
 *  load confirms it by finding the text on the page. */
function submitAndConfirm(submit: Element, fieldSel: string, text: string): Promise<boolean> {
  const probe = squash(text);
  return new Promise((resolve) => {
    const cleared = () => {
      const f = firstMatch(document, [fieldSel]);
      return !!f && squash(valueOf(f)) !== probe;
    };
    const finish = (ok: boolean) => {
      observer.disconnect();
      clearTimeout(timer);
      removeEventListener('submit', onSubmit);
      removeEventListener('beforeunload', onLeave);
      resolve(ok);
    };
    const onLeave = () => {
      postedBack = true;
      finish(false);
    };
    // Bubbling to window: the page's own handlers have run; not prevented means a real submission.
    const onSubmit = (e: Event) => {
      if (!e.defaultPrevented) onLeave();
    };
    const observer = new MutationObserver((records) => {
      if (cleared() || records.some((r) => [...r.addedNodes].some((n) => shownText(n).includes(probe)))) finish(true);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => finish(cleared()), CONFIRM_MS);
    addEventListener('submit', onSubmit);
    addEventListener('beforeunload', onLeave);
    (submit as HTMLElement).click();
  });
}

/** Already on the page (an earlier visit posted it, then the page posted back or was reloaded). */
const onPage = (text: string) => shownText(document.body).includes(squash(text));

/** Posts a comment through the ticket's comment form; true once the page shows it. False when the
 *  form is not there or the page did not confirm it. */
export async function postComment(profile: SiteProfile, text: string, internal = true): Promise<boolean> {
  const c = profile.comment;
  if (!c || postedBack) return false;
  if (onPage(text)) return true;
  const field = firstMatch(document, [c.field]);
  const submit = firstMatch(document, [c.submit]);
  if (!field || !submit || (submit as HTMLButtonElement).disabled) return false;
  if (c.internal) {
    const box = firstMatch(document, [c.internal]);
    if (box instanceof HTMLInputElement && box.checked !== internal) box.click();
  }
  setFieldValue(field, text);
  return submitAndConfirm(submit, c.field, text);
}

/** Fills the reply-to-requester form and, when asked, sends it (true once the page confirms it).
 *  False when the form is not usable. */
export async function fillReply(profile: SiteProfile, subject: string, body: string, sendNow: boolean): Promise<boolean> {
  const r = profile.reply;
  if (!r || postedBack) return false;
  if (sendNow && onPage(body)) return true;
  const subjectField = firstMatch(document, [r.subject]);
  const bodyField = firstMatch(document, [r.body]);
  const send = firstMatch(document, [r.send]);
  if (!subjectField || !bodyField || (bodyField as HTMLTextAreaElement).disabled) return false;
  if (sendNow && (!send || (send as HTMLButtonElement).disabled)) return false;
  setFieldValue(subjectField, subject);
  setFieldValue(bodyField, body);
  if (sendNow) return submitAndConfirm(send!, r.body, body);
  (bodyField as HTMLElement).focus();
  return true;
}
