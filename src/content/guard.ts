// Refuses closing or resolving the ticket while a service case is open, before the help desk
// sees the click (capture phase on window runs ahead of the page's own listeners).
import type { SiteProfile } from '../shared/profile/types';

const norm = (s: string) => s.trim().toLocaleLowerCase();

function closesTicket(profile: SiteProfile, target: Element): boolean {
  const close = profile.close;
  if (!close) return false;
  for (const sel of close.controls) {
    try {
      if (target.closest(sel)) return true;
    } catch {
      /* invalid selector: reported by profile validation */
    }
  }
  if (close.status) {
    try {
      if (!target.closest(close.status.apply)) return false;
      const select = document.querySelector(close.status.select);
      if (!(select instanceof HTMLSelectElement)) return false;
      const closed = new Set(close.closedValues.map(norm));
      return closed.has(norm(select.value)) || closed.has(norm(select.selectedOptions[0]?.textContent ?? ''));
    } catch {
      return false;
    }
  }
  return false;
}

/** Installs the guard; `isBlocked` says whether a case is open now. Returns the remover. */
export function guardClose(profile: SiteProfile, isBlocked: () => boolean, onRefused: () => void): () => void {
  const listener = (e: Event) => {
    if (!isBlocked() || !(e.target instanceof Element) || !closesTicket(profile, e.target)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    onRefused();
  };
  window.addEventListener('click', listener, true);
  return () => window.removeEventListener('click', listener, true);
}
