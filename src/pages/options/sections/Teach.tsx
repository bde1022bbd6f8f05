// "Teach on this page": opens the point-and-click picker in the site's ticket tab (the worker
// injects it). For an origin not added yet, the same click asks for the host permission and adds
// the site first.
import { useState } from 'preact/hooks';
import { request } from '../../../platform/messaging';
import { errorMessage, t } from '../../../platform/i18n';
import type { TeachStart } from '../../../shared/protocol';
import type { SitesView } from '../../../shared/profile/report';
import { originPattern } from '../../../shared/sites';

export function TeachButton({ origin, add, onView }: {
  /** The site's origin; for `add`, a function that gives it from the form (undefined: invalid). */
  origin: string | (() => string | undefined);
  add?: boolean;
  onView: (v: SitesView) => void;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const start = async (o: string) => {
    const r = await request({ type: 'sites/teach', origin: o });
    if (!r.ok) return setResult({ ok: false, text: r.error.detail ?? errorMessage(r.error) });
    const s: TeachStart = r.data;
    setResult(s.ok ? { ok: true, text: t('teachStarted') }
      : { ok: false, text: s.reason === 'no_tab' ? t('teachNoTab', o) : t('teachNotInjected', s.url ?? o) });
  };
  const click = () => {
    const o = typeof origin === 'string' ? origin : origin();
    if (!o) return;
    setResult(undefined);
    if (!add) return void start(o);
    // First thing in the click handler: the permission prompt needs the admin's gesture.
    chrome.permissions.request({ origins: [originPattern(o)] }).then(async (granted) => {
      if (!granted) return setResult({ ok: false, text: t('sitePermissionDenied', o) });
      const r = await request({ type: 'sites/add', origin: o });
      if (!r.ok) return setResult({ ok: false, text: r.error.detail ?? errorMessage(r.error) });
      onView(r.data);
      await start(o);
    }, (e: unknown) => setResult({ ok: false, text: String(e) }));
  };
  return (
    <>
      <button type="button" onClick={click} data-testid="teach">{t('siteTeach')}</button>
      {result && <p class={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'} data-testid="teach-result">{result.text}</p>}
    </>
  );
}
