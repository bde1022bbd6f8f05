// @vitest-environment happy-dom
// How the content script learns that a page took a comment or the customer email: a form that is
// only cleared by script (`field.value = ''`: no event, no DOM mutation) is noticed within 200 ms;
// a form left holding the text, or flagged invalid, is not taken as sent.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { CONFIRM_MS, fillReply, submitAndConfirm } from '../src/content/actions';
import type { SiteProfile } from '../src/shared/profile/types';

function form(onSend: (field: HTMLTextAreaElement, form: HTMLFormElement) => void) {
  const f = document.createElement('form');
  const subject = document.createElement('input');
  subject.id = 'subject';
  const field = document.createElement('textarea');
  field.id = 'body';
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'send';
  button.addEventListener('click', () => onSend(field, f));
  f.append(subject, field, button);
  document.body.replaceChildren(f);
  return { field, button };
}

const PROFILE = {
  version: 1, id: 'x', name: 'x', ticketUrl: [], fields: {}, mount: [],
  reply: { subject: '#subject', body: '#body', send: '#send' },
} as SiteProfile;

afterEach(() => vi.useRealTimers());

describe('submitAndConfirm', () => {
  it('a form the page only clears by script (no event, no mutation) is confirmed within 200 ms', async () => {
    const { field, button } = form((f) => setTimeout(() => { f.value = ''; }, 30));
    field.value = 'Closing comment';
    const t0 = performance.now();
    expect(await submitAndConfirm(button, '#body', 'Closing comment')).toBe('confirmed');
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('a field still holding the text, or cleared but flagged invalid, is refused after CONFIRM_MS', async () => {
    vi.useFakeTimers();
    const kept = form(() => undefined);
    kept.field.value = 'Hello';
    const p1 = submitAndConfirm(kept.button, '#body', 'Hello');
    await vi.advanceTimersByTimeAsync(CONFIRM_MS + 10);
    expect(await p1).toBe('refused');

    const invalid = form((f) => { f.value = ''; f.setAttribute('aria-invalid', 'true'); });
    invalid.field.value = 'Hello';
    const p2 = submitAndConfirm(invalid.button, '#body', 'Hello');
    await vi.advanceTimersByTimeAsync(CONFIRM_MS + 10);
    expect(await p2).toBe('refused');
  });
});

describe('fillReply', () => {
  it('asks before the click, and neither fills nor clicks when the worker says no (the email was already tried)', async () => {
    let clicks = 0;
    const { field } = form(() => { clicks++; });
    expect(await fillReply(PROFILE, 'S', 'Body', true, async () => false)).toBe(false);
    expect(clicks).toBe(0);
    expect(field.value).toBe('');
  });

  it('clicks once the worker recorded the attempt; the page clearing the form confirms it', async () => {
    const order: string[] = [];
    form((f) => { order.push('click'); setTimeout(() => { f.value = ''; }, 10); });
    const ok = await fillReply(PROFILE, 'S', 'Body', true, async () => { order.push('attempt'); return true; });
    expect(ok).toBe(true);
    expect(order).toEqual(['attempt', 'click']);
  });
});
