// The picker's panel: the parts to teach, in order, each with its help line and what was read;
// the ticket address as words; "Check on another ticket"; "Save".
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { request } from '../platform/messaging';
import { formatIssue, validateProfile } from '../shared/profile/validate';
import { proposeTicketUrl, templateToEntry } from '../shared/profile/url-proposal';
import type { Overlay, PickerKey } from './overlay';
import { PART_KEYS, REQUIRED_PARTS, isFieldPart, partName, type PartKey } from './parts';
import { buildProfile, normalizeClick, pickFor, statusOptions, type Picks } from './profile';
import { CheckBox, type CheckResult } from './Check';

export interface PanelProps {
  overlay: Overlay;
  /** Set by the panel: what the overlay's clicks and keys do. */
  hooks: { pick?: (el: Element) => void; key?: (k: PickerKey) => void; hover?: (r: DOMRect) => void };
  onClose: (saved: boolean) => void;
  onSide: (side: 'left' | 'right') => void;
  panelRect: () => DOMRect | undefined;
}

const selectorParses = (s: string) => {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
};

export function Panel({ overlay, hooks, onClose, onSide, panelRect }: PanelProps) {
  const [picks, setPicks] = useState<Picks>({});
  const [skipped, setSkipped] = useState<ReadonlySet<PartKey>>(new Set());
  const [active, setActive] = useState<PartKey | undefined>('number');
  const [last, setLast] = useState<PartKey>();
  const [template, setTemplate] = useState(() => proposeTicketUrl(location.href)?.template ?? location.pathname);
  const [edited, setEdited] = useState(false);
  const [closed, setClosed] = useState<string[]>();
  const [check, setCheck] = useState<CheckResult>();
  const [side, setSide] = useState<'left' | 'right'>('right');
  const [note, setNote] = useState<{ error: boolean; lines: string[] }>();
  const [saving, setSaving] = useState(false);
  const children = useRef<Element[]>([]);
  const state = useRef({ picks, active, last, skipped, side });
  state.current = { picks, active, last, skipped, side };

  const proposal = useMemo(() => proposeTicketUrl(location.href, picks.number?.value), [picks.number?.value]);
  useEffect(() => {
    if (!edited && proposal) setTemplate(proposal.template);
  }, [proposal, edited]);
  const options = useMemo(() => statusOptions(picks.statusSelect?.el), [picks.statusSelect?.el]);
  const closedValues = closed ?? options.filter((o) => o.closed).flatMap((o) => [o.value, o.text]);

  const nextAfter = (key: PartKey, p: Picks, s: ReadonlySet<PartKey>) => {
    const i = PART_KEYS.indexOf(key);
    return [...PART_KEYS.slice(i + 1), ...PART_KEYS.slice(0, i)].find((k) => !p[k] && !s.has(k));
  };

  const setPick = (key: PartKey, el: Element, advance: boolean) => {
    const cur = state.current;
    const pick = pickFor(key, el, cur.picks.number?.text);
    if (!pick) {
      setNote({ error: true, lines: [t('pickerNoRule')] });
      return;
    }
    setNote(undefined);
    const next = { ...cur.picks, [key]: pick };
    setPicks(next);
    setLast(key);
    overlay.showPick(pick.el);
    if (check?.parts[key] && !check.parts[key].ok) setCheck({ ...check, parts: { ...check.parts, [key]: { ok: true, value: pick.value } } });
    if (advance) {
      const n = nextAfter(key, next, cur.skipped);
      setActive(n);
    }
  };

  hooks.pick = (el) => {
    const key = state.current.active;
    if (!key) return;
    children.current = [];
    setPick(key, normalizeClick(key, el), true);
  };
  hooks.key = (k) => {
    const { last: l, picks: p } = state.current;
    if (k === 'esc') {
      setActive(undefined);
      return;
    }
    const key = l;
    const cur = key && p[key];
    if (!key || !cur) return;
    if (k === 'up') {
      const parent = cur.el.parentElement;
      if (!parent || parent === document.body || parent === document.documentElement) return;
      children.current.push(cur.el);
      setPick(key, parent, false);
    } else {
      const child = children.current.pop() ?? cur.el.firstElementChild;
      if (child) setPick(key, child, false);
    }
  };
  hooks.hover = (r) => {
    const p = panelRect();
    if (p && r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top) {
      const s = state.current.side === 'right' ? 'left' : 'right';
      setSide(s);
      onSide(s);
    }
  };
  useEffect(() => overlay.setPicking(!!active), [active]);

  const skip = (key: PartKey) => {
    const s = new Set(skipped).add(key);
    setSkipped(s);
    const p = { ...picks };
    delete p[key];
    setPicks(p);
    if (active === key) setActive(nextAfter(key, p, s));
  };
  const pickAgain = (key: PartKey) => {
    const s = new Set(skipped);
    s.delete(key);
    setSkipped(s);
    setActive(key);
  };
  const move = () => {
    const s = side === 'right' ? 'left' : 'right';
    setSide(s);
    onSide(s);
  };

  const draft = () => buildProfile({
    picks, template, closedValues,
    ...(proposal?.numberInUrl === false ? { numberInUrl: false as const } : {}),
    id: `taught-${location.hostname.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 64),
    name: t('pickerProfileName', location.host),
  });

  const save = async () => {
    const missing = REQUIRED_PARTS.filter((k) => !picks[k]);
    if (missing.length) return setNote({ error: true, lines: [t('pickerMissing', missing.map((k) => partName(k)).join(', '))] });
    const r = validateProfile(draft(), { selectors: selectorParses });
    if (!r.ok) return setNote({ error: true, lines: [t('pickerInvalid'), ...r.issues.map(formatIssue)] });
    setSaving(true);
    const res = await request({ type: 'picker/save', profile: r.profile });
    setSaving(false);
    if (!res.ok) return setNote({ error: true, lines: [res.error.detail ?? res.error.code] });
    onClose(true);
  };

  const urlOk = !!templateToEntry(template);
  const status = (key: PartKey) => {
    const p = picks[key];
    const there = check?.parts[key];
    if (active === key) return <span class="picking">{t('pickerPicking')}</span>;
    if (p) {
      return <>
        <span class="value" data-testid="part-value">{isFieldPart(key) ? p.value : t('pickerFound')}</span>
        <code class="rule" data-testid="part-rule">{p.rule.labels ? t('pickerByLabel', p.rule.labels[0] ?? '') : p.rule.selector}</code>
        {there && <span class={there.ok ? 'there ok' : 'there bad'} data-testid="part-there">
          {there.ok ? t('pickerThere', there.value ?? t('pickerFound')) : t('pickerFailedThere')}</span>}
      </>;
    }
    if (skipped.has(key)) return <span class="muted">{t('pickerSkipped')}</span>;
    return <span class="muted">{REQUIRED_PARTS.includes(key) ? t('pickerRequired') : t('pickerNotPicked')}</span>;
  };

  return (
    <section class="panel" role="dialog" aria-labelledby="tv4boss-picker-h" data-side={side}>
      <header>
        <h2 id="tv4boss-picker-h">{t('pickerTitle')}</h2>
        <button type="button" class="icon" onClick={move} title={t('pickerMove')} aria-label={t('pickerMove')}>⇆</button>
        <button type="button" class="icon" onClick={() => onClose(false)} title={t('pickerClose')} aria-label={t('pickerClose')}>×</button>
      </header>
      <p class="muted small">{t('pickerIntro')}</p>
      <ol class="parts">
        {PART_KEYS.map((key) => {
          const bad = check?.parts[key] && !check.parts[key].ok;
          return (
            <li key={key} data-testid="part" data-part={key} data-state={active === key ? 'picking' : bad ? 'failed' : picks[key] ? 'picked' : skipped.has(key) ? 'skipped' : 'todo'}
              class={active === key ? 'active' : bad ? 'failed' : ''}>
              <div class="row">
                <strong>{partName(key)}</strong>
                <span class="spacer" />
                <button type="button" onClick={() => pickAgain(key)} aria-label={`${picks[key] ? t('pickerRepick') : t('pickerPick')}: ${partName(key)}`}>
                  {picks[key] ? t('pickerRepick') : t('pickerPick')}</button>
                {!REQUIRED_PARTS.includes(key) && !skipped.has(key) &&
                  <button type="button" onClick={() => skip(key)} aria-label={`${t('pickerSkip')}: ${partName(key)}`}>{t('pickerSkip')}</button>}
              </div>
              <div class="help small muted">{t(`help_${key}`)}</div>
              <div class="status small">{status(key)}</div>
              {key === 'statusSelect' && options.length > 0 && (
                <fieldset class="closed small">
                  <legend>{t('pickerClosedValues')}</legend>
                  {options.map((o) => (
                    <label key={o.value}>
                      <input type="checkbox" checked={closedValues.includes(o.value)}
                        onChange={(e) => {
                          const on = (e.target as HTMLInputElement).checked;
                          const rest = closedValues.filter((v) => v !== o.value && v !== o.text);
                          setClosed(on ? [...rest, o.value, o.text] : rest);
                        }} /> {o.text}
                    </label>
                  ))}
                </fieldset>
              )}
            </li>
          );
        })}
      </ol>
      <div class="url">
        <label for="tv4boss-url">{t('pickerUrl')}</label>
        <p class="small" data-testid="url-words">{urlOk ? t('pickerUrlWords', template) : t('pickerUrlBad')}</p>
        <input id="tv4boss-url" type="text" spellcheck={false} value={template}
          onInput={(e) => { setEdited(true); setTemplate((e.target as HTMLInputElement).value); }} />
        {proposal?.numberInUrl === false && <p class="small muted" data-testid="number-not-in-url">{t('pickerNumberNotInUrl')}</p>}
      </div>
      <CheckBox picks={picks} template={template} onResult={setCheck} />
      {note && <div class={note.error ? 'note error' : 'note'} role="alert">{note.lines.map((l) => <p key={l}>{l}</p>)}</div>}
      <div class="row">
        <button type="button" class="primary" disabled={saving} onClick={() => void save()}>{t('pickerSave')}</button>
      </div>
    </section>
  );
}
