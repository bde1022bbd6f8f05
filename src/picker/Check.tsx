// "Check on another ticket": the taught parts are looked up on a second ticket of the same desk,
// loaded in a hidden frame of this page (same origin: its document is readable; the picker and
// its picks stay where they are). A part not found there is marked to re-pick.
import { useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { type PartKey } from './parts';
import { checkParts, idFor, type PartCheck, type Picks } from './profile';

export interface CheckResult {
  url: string;
  /** The ticket id the address pattern read from that address (undefined: it did not match). */
  id?: string;
  parts: Partial<Record<PartKey, PartCheck>>;
}

/** How long the other ticket may take to render everything (a desk loads its sidebar late). */
const CHECK_MS = 8000;
const POLL_MS = 250;

/** Links on this page to other tickets (the address pattern gives them another id). */
function otherTickets(template: string): { href: string; text: string }[] {
  const here = idFor(template, location.href);
  const seen = new Set<string>();
  const out: { href: string; text: string }[] = [];
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (a.origin !== location.origin) continue;
    const id = idFor(template, a.href);
    if (!id || id === here || seen.has(id)) continue;
    seen.add(id);
    out.push({ href: a.href, text: (a.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60) || a.href });
    if (out.length >= 5) break;
  }
  return out;
}

function run(href: string, picks: Picks, template: string, host: HTMLElement): Promise<CheckResult> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position:fixed;left:-10000px;top:0;width:1280px;height:900px;border:0;visibility:hidden';
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (parts: CheckResult['parts']) => {
      clearTimeout(timer);
      const url = frame.contentWindow?.location.href ?? href;
      frame.remove();
      const id = idFor(template, url);
      resolve({ url, ...(id ? { id } : {}), parts });
    };
    const poll = () => {
      let doc: Document | null = null;
      try {
        doc = frame.contentDocument;
      } catch {
        doc = null; // another origin: nothing to read
      }
      const parts = doc ? checkParts(doc, picks) : {};
      const all = doc && Object.values(parts).every((p) => p?.ok);
      if (all || Date.now() - started > CHECK_MS) return finish(parts);
      timer = setTimeout(poll, POLL_MS);
    };
    frame.addEventListener('load', () => { timer = setTimeout(poll, POLL_MS); }, { once: true });
    frame.src = href;
    host.append(frame);
  });
}

export function CheckBox({ picks, template, onResult }: { picks: Picks; template: string; onResult: (r: CheckResult) => void }) {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckResult>();
  const frameHost = useRef<HTMLDivElement>(null);
  const links = useMemo(() => otherTickets(template), [template]);

  const go = async (href: string) => {
    let url: URL;
    try {
      url = new URL(href, location.href);
    } catch {
      return;
    }
    if (url.origin !== location.origin || !frameHost.current) return;
    setBusy(true);
    const r = await run(url.href, picks, template, frameHost.current);
    setBusy(false);
    setResult(r);
    onResult(r);
  };
  const failed = result ? Object.values(result.parts).filter((p) => !p?.ok).length : 0;

  return (
    <div class="check" data-testid="check">
      <h3>{t('pickerCheck')}</h3>
      <p class="small muted">{t('pickerCheckHelp')}</p>
      {links.length > 0 && <ul class="links">{links.map((l) => (
        <li key={l.href}><button type="button" class="link" disabled={busy} onClick={() => void go(l.href)}>{l.text}</button></li>
      ))}</ul>}
      <div class="row">
        <input type="text" aria-label={t('pickerCheckAddress')} placeholder={t('pickerCheckAddress')} value={address}
          onInput={(e) => setAddress((e.target as HTMLInputElement).value)} />
        <button type="button" disabled={busy || !address.trim()} onClick={() => void go(address.trim())}>{t('pickerCheckRun')}</button>
      </div>
      {busy && <p class="small" role="status">{t('pickerChecking')}</p>}
      {result && !busy && (
        <p class={failed || !result.id ? 'small error' : 'small ok'} role="status" data-testid="check-summary">
          {!result.id ? t('pickerCheckUrl', result.url) : failed ? t('pickerCheckFail', String(failed)) : t('pickerCheckOk', result.id)}
        </p>
      )}
      <div ref={frameHost} />
    </div>
  );
}
