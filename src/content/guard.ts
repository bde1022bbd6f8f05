// Refuses closing or resolving the ticket while a service case is open, before the help desk
// sees it (capture phase on window runs ahead of the page's own listeners): a click on a close
// control or on the status drop-down's apply button, or, where the drop-down saves as soon as it
// changes, the change itself (the previous value is put back).
import type { SiteProfile } from '../shared/profile/types';

const norm = (s: string) => s.trim().toLocaleLowerCase();

/** `closest` that tolerates an invalid selector (reported by profile validation, not thrown here). */
function closest(target: Element, sel: string): Element | null {
  try {
    return target.closest(sel);
  } catch {
    return null;
  }
}

/** Installs the guard; `isBlocked` says whether a case is open now. Returns the remover. */
export function guardClose(profile: SiteProfile, isBlocked: () => boolean, onRefused: () => void): () => void {
  const close = profile.close;
  if (!close) return () => undefined;
  const status = close.status;
  const closedValues = new Set(close.closedValues.map(norm));
  const isClosed = (s: HTMLSelectElement) => closedValues.has(norm(s.value)) || closedValues.has(norm(s.selectedOptions[0]?.textContent ?? ''));
  const statusSelect = (t: EventTarget | null): HTMLSelectElement | undefined => {
    const el = status && t instanceof Element ? closest(t, status.select) : null;
    return el instanceof HTMLSelectElement ? el : undefined;
  };
  const query = (sel: string) => {
    try {
      return document.querySelector(sel);
    } catch {
      return null;
    }
  };
  // No apply button in the profile, or none on the page: the drop-down saves on change.
  const savesOnChange = () => !!status && (!status.apply || !query(status.apply));

  const refuse = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    onRefused();
  };

  const onClick = (e: Event) => {
    if (!isBlocked() || !(e.target instanceof Element)) return;
    const t = e.target;
    if (close.controls.some((sel) => closest(t, sel))) return refuse(e);
    if (!status?.apply || !closest(t, status.apply)) return;
    const select = query(status.select);
    if (select instanceof HTMLSelectElement && isClosed(select)) refuse(e);
  };

  /** The drop-down's value before the technician touched it (put back when a change is refused). */
  let previous = (query(status?.select ?? '') as HTMLSelectElement | null)?.value;
  /** The `change` that follows a refused `input` carries the value put back: the page must not save it. */
  let swallowChange: HTMLSelectElement | undefined;
  const remember = (e: Event) => {
    const s = statusSelect(e.target);
    if (s) previous = s.value;
  };
  const onChange = (e: Event) => {
    const s = statusSelect(e.target);
    if (!s || !savesOnChange()) return;
    if (e.type === 'change' && swallowChange === s) {
      swallowChange = undefined;
      e.stopImmediatePropagation();
      return;
    }
    if (isBlocked() && isClosed(s)) {
      if (previous !== undefined) s.value = previous;
      if (e.type === 'input') {
        swallowChange = s;
        setTimeout(() => (swallowChange = undefined));
      }
      return refuse(e);
    }
    if (e.type === 'change') previous = s.value;
  };

  const listeners: [string, (e: Event) => void][] = [
    ['click', onClick], ['input', onChange], ['change', onChange],
    ['focusin', remember], ['pointerdown', remember], ['mousedown', remember],
  ];
  for (const [type, f] of listeners) window.addEventListener(type, f, true);
  return () => {
    for (const [type, f] of listeners) window.removeEventListener(type, f, true);
  };
}
