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

/** While waiting for the page, the field's value is also looked at this often: a page that clears
 *  its form by script (`field.value = ''`) fires no event and makes no DOM mutation. */
export const POLL_MS = 50;

/** How the page answered a click on a form's submit button. `left`: the page went away before it
 *  said anything (`submitted`: by submitting the form itself, the page accepted the post). */
export type SubmitOutcome = 'confirmed' | 'refused' | 'left' | 'submitted';

/** The page refused what was typed: the field, or anything in its form, is flagged invalid. */
function refusedIn(field: Element | undefined): boolean {
  if (!field) return false;
  const form = field.closest('form');
  try {
    if (field.matches(':invalid, [aria-invalid="true"]')) return true;
    return !!form?.querySelector('[aria-invalid="true"]');
  } catch {
    return false;
  }
}

/** Clicks `submit` (when `click` says so right then), then waits until the page shows that the
 *  text went through: it appears in a node added to the page (the new note), or the field
 *  (`fieldSel`) no longer holds it and nothing in the form is flagged invalid (the form was
 *  cleared: noticed within POLL_MS, by input/change events or by looking). `refused` after
 *  CONFIRM_MS or when the click was not made; `submitted`/`left` at once when the page posts back
 *  or unloads: the next load confirms it by finding the text on the page. */
export function submitAndConfirm(submit: Element, fieldSel: string, text: string): Promise<SubmitOutcome> {
  const probe = squash(text);
  return new Promise((resolve) => {
    const field = () => firstMatch(document, [fieldSel]);
    const cleared = () => {
      const f = field();
      return !!f && squash(valueOf(f)) !== probe && !refusedIn(f);
    };
    const check = () => {
      if (cleared()) finish('confirmed');
    };
    const finish = (outcome: SubmitOutcome) => {
      observer.disconnect();
      clearTimeout(timer);
      clearInterval(poll);
      removeEventListener('submit', onSubmit);
      removeEventListener('beforeunload', onLeave);
      document.removeEventListener('input', check, true);
      document.removeEventListener('change', check, true);
      resolve(outcome);
    };
    const onLeave = () => {
      postedBack = true;
      finish('left');
    };
    // Bubbling to window: the page's own handlers have run; not prevented means a real submission.
    const onSubmit = (e: Event) => {
      if (e.defaultPrevented) return;
      postedBack = true;
      finish('submitted');
    };
    const observer = new MutationObserver((records) => {
      if (cleared() || records.some((r) => [...r.addedNodes].some((n) => shownText(n).includes(probe)))) finish('confirmed');
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => finish(cleared() ? 'confirmed' : 'refused'), CONFIRM_MS);
    const poll = setInterval(check, POLL_MS);
    document.addEventListener('input', check, true);
    document.addEventListener('change', check, true);
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
  return (await submitAndConfirm(submit, c.field, text)) === 'confirmed';
}

/** Fills the reply-to-requester form and, when asked, sends it (true once the page confirms it,
 *  or submits the form itself). False when the form is not usable or the page did not confirm it.
 *  The customer email goes out at most once: `mayClick` is asked right before the click (the
 *  worker records the attempt durably, and answers false when another tab or an earlier load
 *  already tried); after it said yes, the task is never retried automatically. */
export async function fillReply(profile: SiteProfile, subject: string, body: string, sendNow: boolean,
  mayClick: () => Promise<boolean>): Promise<boolean> {
  const r = profile.reply;
  if (!r || postedBack) return false;
  if (sendNow && onPage(body)) return true;
  const subjectField = firstMatch(document, [r.subject]);
  const bodyField = firstMatch(document, [r.body]);
  const send = firstMatch(document, [r.send]);
  if (!subjectField || !bodyField || (bodyField as HTMLTextAreaElement).disabled) return false;
  if (sendNow && (!send || (send as HTMLButtonElement).disabled)) return false;
  if (!sendNow) {
    setFieldValue(subjectField, subject);
    setFieldValue(bodyField, body);
    (bodyField as HTMLElement).focus();
    return true;
  }
  if (!(await mayClick())) return false;
  // The page may have changed while the worker answered: fill and click only a form still usable,
  // with no wait in between.
  if (postedBack || !subjectField.isConnected || !bodyField.isConnected || firstMatch(document, [r.send]) !== send
    || (send as HTMLButtonElement).disabled) return false;
  setFieldValue(subjectField, subject);
  setFieldValue(bodyField, body);
  const outcome = await submitAndConfirm(send!, r.body, body);
  return outcome === 'confirmed' || outcome === 'submitted';
}
