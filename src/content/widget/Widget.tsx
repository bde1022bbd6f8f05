// The TeamViewer widget in the ticket's integrations area. Renders the worker's view; all text
// from the ticket or TeamViewer goes through preact's text nodes, never HTML.
import { h } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CaseView, TicketView } from '../../shared/protocol';
import type { WidgetState, WidgetStore } from './store';
import { errorMessage, needsOptions, permissionNames, retryable, t, uiLocale } from '../../platform/i18n';
import { safeHref } from './links';
import { durationMs, formatDuration } from '../../shared/duration';
import { CONFIRM_MS } from '../actions';
import { trackVisibility, whenVisible } from './visible';
import type { devicesSection } from '../../devices/section';

export interface WidgetActions {
  start(): void;
  /** `confirmColleague`: the technician confirmed stopping a colleague's case (the worker refuses without). */
  stop(confirmColleague?: boolean): void;
  /** Asks the worker to open the supporter link (never in the page: it carries a secret). */
  connect(): void;
  openOptions(): void;
  openReports(): void;
  copy(text: string): Promise<boolean>;
  /** "Send again" on a customer email that may not have gone out. */
  sendAgain(caseId: string): void;
  /** Connect to one of the requester's computers (its row key; the worker opens the start link),
   *  or, without a key, Done with the running connection (the worker records it, writes the comment). */
  device(key?: string): void;
}

/** The shadow root is open (pages and assistive tools may read it), so page script can reach the
 *  buttons: a click it makes (`isTrusted` false) is ignored. Keyboard and pointer clicks are
 *  trusted; they act only when the button was really visible right then (visible.ts): the page
 *  cannot make it transparent or put a decoy over it to have the technician click it unseen. */
const trusted = (f: () => void) => (e: Event) => {
  if (!e.isTrusted) return;
  whenVisible(e, f, () => hiddenClick.forEach((tell) => tell()));
};

/** The mounted widgets' way to say that a real click was not acted on (the button was hidden). */
const hiddenClick = new Set<() => void>();
const HIDDEN_NOTICE_MS = 6000;

function useStore(store: WidgetStore): WidgetState {
  const [s, set] = useState(store.getState());
  useLayoutEffect(() => {
    set(store.getState()); // the worker may have answered between render and subscription
    return store.subscribe(set);
  }, [store]);
  return s;
}

function useNow(periodMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}

const dateTime = (iso?: string) => (iso ? new Date(iso).toLocaleString(uiLocale(), { dateStyle: 'short', timeStyle: 'short' }) : '');

function timeLeft(iso: string | undefined, now: number): string {
  const ms = Date.parse(iso ?? '') - now;
  if (!Number.isFinite(ms) || ms <= 0) return t('expiresNow');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return t('timeLeft', [String(h), String(m).padStart(2, '0')]);
}

function duration(c: CaseView): string {
  const ms = durationMs(c.createdAt, c.closedAt);
  return ms === undefined ? '' : formatDuration(ms);
}

function CopyButton({ text, label, actions }: { text: string; label: string; actions: WidgetActions }) {
  const [done, setDone] = useState(false);
  return (
    <button type="button" class="tv-copy" aria-label={label} onClick={trusted(async () => setDone(await actions.copy(text)))}>
      {done ? t('copied') : t('copy')}
    </button>
  );
}

function statusLine(view: TicketView | undefined, s: WidgetState): string {
  if (!view) return t('loading');
  if (!view.connected) return t('stateNotConnected');
  const a = view.active;
  if (!a) return t('stateReady');
  if (a.state === 'creating') return t('stateCreating');
  if (a.state === 'closing') return t('stateClosing');
  if (a.online) return t('stateOnline');
  return s.busy ? t('stateWorking') : t('stateOpen', a.code ?? '');
}

function OpenCase({ c, actions, busy, now, confirming, setConfirming }: { c: CaseView; actions: WidgetActions; busy: boolean; now: number; confirming: boolean; setConfirming(v: boolean): void }) {
  const closing = c.state === 'closing';
  const customerHref = safeHref(c.customerLink); // else shown as text, not a link
  // A colleague's case (shared BOSS group), or a stop by keyboard shortcut (the store's
  // confirmStop): stopping it takes a second, explicit click, on the button the question focuses.
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), [confirming]);
  const assignee = c.assignedName ?? c.assignedUserId;
  return (
    <div class="tv-case">
      {c.online && <p class="tv-online" data-testid="online">{t('customerWaiting')}</p>}
      {c.colleague && <p class="tv-muted" data-testid="colleague">{t('startedByColleague', assignee ?? '?')}</p>}
      <dl>
        <dt>{t('sessionCode')}</dt>
        <dd class="tv-code-row">
          <span class="tv-code" data-testid="code">{c.code}</span>
          <CopyButton text={c.code ?? ''} label={t('copyCode')} actions={actions} />
        </dd>
        <dt>{t('expiryDate')}</dt>
        <dd data-testid="expiry">
          <time dateTime={c.validUntil}>{dateTime(c.validUntil)}</time> <span class="tv-muted">({timeLeft(c.validUntil, now)})</span>
        </dd>
        <dt>{t('supporterLink')}</dt>
        <dd>
          <button type="button" data-testid="connect" onClick={trusted(actions.connect)}>{t('connectNow')}</button>
        </dd>
        <dt>{t('customerLink')}</dt>
        <dd class="tv-code-row">
          {customerHref
            ? <a data-testid="customer-link" class="tv-link" href={customerHref} target="_blank" rel="noopener noreferrer">{c.customerLink}</a>
            : <span data-testid="customer-link" class="tv-link">{c.customerLink}</span>}
          <CopyButton text={c.customerLink ?? ''} label={t('copyCustomerLink')} actions={actions} />
        </dd>
        {assignee && <><dt>{t('assignedTo')}</dt><dd data-testid="assigned">{assignee}</dd></>}
      </dl>
      <EmailStatus c={c} actions={actions} />
      {confirming ? (
        <div class="tv-confirm" role="alertdialog" aria-labelledby="tv-confirm-q" data-testid="confirm-stop">
          <p id="tv-confirm-q">{c.colleague ? t('stopColleagueCase', assignee ?? '?') : t('stopConfirm')}</p>
          <button type="button" class="tv-stop" ref={yes} disabled={busy || closing} onClick={trusted(() => { setConfirming(false); actions.stop(c.colleague); })}>{t('stopAnyway')}</button>{' '}
          <button type="button" onClick={trusted(() => setConfirming(false))}>{t('cancel')}</button>
        </div>
      ) : (
        <button type="button" class="tv-stop" aria-label={closing ? undefined : t('stopSession')} disabled={busy || closing}
          onClick={trusted(c.colleague ? () => setConfirming(true) : actions.stop)}>
          <span aria-hidden="true">■</span> {closing ? t('stateClosing') : t('stop')}
        </button>
      )}
    </div>
  );
}

function EmailStatus({ c, actions }: { c: CaseView; actions: WidgetActions }) {
  const e = c.email;
  if (!e) return null;
  if (e.status === 'no_email') {
    const text = `${e.subject}\n\n${e.body}`;
    const mailto = `mailto:?subject=${encodeURIComponent(e.subject)}&body=${encodeURIComponent(e.body)}`;
    return (
      <div class="tv-email" data-testid="email-status" data-status={e.status}>
        <p>{t('emailNoRequester')}</p>
        <CopyButton text={text} label={t('copyEmail')} actions={actions} /> <a href={mailto}>{t('openInMail')}</a>
      </div>
    );
  }
  if (e.status === 'unconfirmed') return <Unconfirmed c={c} actions={actions} />;
  const key = e.status === 'sent' ? 'emailSent' : e.status === 'filled' ? 'emailFilled' : e.status === 'expired' ? 'emailExpired' : 'emailPending';
  return <p class="tv-email tv-muted" data-testid="email-status" data-status={e.status}>{t(key, e.to ?? '')}</p>;
}

/** How long after the attempt a tab may still be waiting for the page to confirm the email. */
export const SENDING_MS = CONFIRM_MS + 2000;

/** Send was clicked and the page did not confirm it: "Sending…" while a tab may still be waiting,
 *  then "may not have gone out" with Send again (never sent again without the technician). */
function Unconfirmed({ c, actions }: { c: CaseView; actions: WidgetActions }) {
  const e = c.email!;
  const left = Date.parse(e.attemptedAt ?? '') + SENDING_MS - Date.now();
  const [, rerender] = useState(0);
  useEffect(() => {
    if (!(left > 0)) return undefined;
    const id = setTimeout(() => rerender((n) => n + 1), left + 50);
    return () => clearTimeout(id);
  }, [left > 0, e.attemptedAt]);
  if (left > 0) return <p class="tv-email tv-muted" data-testid="email-status" data-status="sending">{t('emailSending', e.to ?? '')}</p>;
  return (
    <div class="tv-email tv-error" role="alert" data-testid="email-status" data-status="unconfirmed">
      <p>{t('emailUnconfirmed', e.to ?? '')}</p>
      {c.state === 'open' && <button type="button" data-testid="send-again" onClick={trusted(() => actions.sendAgain(c.id))}>{t('sendAgain')}</button>}
    </div>
  );
}

function History({ items }: { items: CaseView[] }) {
  if (!items.length) return null;
  return (
    <details class="tv-history">
      <summary>{t('history', String(items.length))}</summary>
      <ul>
        {items.map((c) => (
          <li key={c.id} data-testid="history-item" data-outcome={c.state}>
            <span class="tv-code">{c.code ?? '—'}</span> · {dateTime(c.createdAt ?? c.requestedAt)} · {duration(c)} ·{' '}
            <span class={`tv-outcome tv-${c.state}`}>{t(`outcome_${c.state}`)}</span>
            {c.comment && !c.comment.posted && <span class="tv-pending"> · {t('commentPending')}</span>}
            {c.email?.status === 'expired' && <span class="tv-pending" data-testid="email-expired"> · {t('emailExpiredShort')}</span>}
            {c.email?.status === 'unconfirmed' && <span class="tv-pending" data-testid="email-unconfirmed"> · {t('emailUnconfirmedShort')}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function Widget({ store, actions }: { store: WidgetStore; actions: WidgetActions }) {
  const s = useStore(store);
  // The requester's computers (issue 19): rendered by the section the worker injects (src/devices),
  // present before the first view that has any.
  const devices = (globalThis as { tv4bossDevices?: typeof devicesSection }).tv4bossDevices;
  const now = useNow(30_000);
  const view = s.view;
  const error = s.localError ?? view?.error;
  const active = view?.active;
  const waiting = view?.waiting && view.waiting.untilMs > now - 1000;
  // Every button's visibility is tracked from the moment it is on screen (see visible.ts).
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => ref.current?.querySelectorAll('button').forEach(trackVisibility));
  const [hidden, setHidden] = useState(0);
  useEffect(() => {
    const tell = () => setHidden(Date.now());
    hiddenClick.add(tell);
    return () => void hiddenClick.delete(tell);
  }, []);
  useEffect(() => {
    if (!hidden) return undefined;
    const id = setTimeout(() => setHidden(0), HIDDEN_NOTICE_MS);
    return () => clearTimeout(id);
  }, [hidden]);
  return (
    <section class="tv-widget" aria-labelledby="tv-title" ref={ref}>
      <header>
        <h3 id="tv-title">TeamViewer</h3>
        {view?.connected && <button type="button" class="tv-link-button" data-testid="reports-link" onClick={trusted(actions.openReports)}>{t('reportsLink')}</button>}
      </header>
      <p class="tv-sr" role="status" aria-live="polite" data-testid="status">
        {statusLine(view, s)}
      </p>
      {view && !view.connected && (
        <div class="tv-notice">
          <p>{t('notConnected')}</p>
          <button type="button" onClick={trusted(actions.openOptions)}>{t('openSettings')}</button>
        </div>
      )}
      {view?.connected && !active && (
        <button type="button" class="tv-play" aria-label={t('startSession')} disabled={s.busy} onClick={trusted(actions.start)}>
          <span aria-hidden="true">▶</span> {t('start')}
        </button>
      )}
      {view?.connected && devices?.(view, h, trusted, actions.device)}
      {active?.state === 'creating' && <p class="tv-muted" data-testid="creating">{t('stateCreating')}</p>}
      {active && active.state !== 'creating' && <OpenCase c={active} actions={actions} busy={s.busy} now={now} confirming={s.confirmStop} setConfirming={(v) => store.setState({ confirmStop: v })} />}
      {waiting && <p class="tv-waiting" data-testid="waiting">{t('waitingRetry')}</p>}
      {s.refusedClose && active && <p class="tv-error" role="alert" data-testid="close-refused">{t('closeRefused')}</p>}
      {s.pageChanged && <p class="tv-error" role="alert" data-testid="page-changed">{t('pageChanged')}</p>}
      {hidden > 0 && <p class="tv-error" role="alert" data-testid="hidden-click">{t('clickHidden')}</p>}
      {error && (
        <div class="tv-error" role="alert" data-testid="error" data-code={error.code}>
          <p>{errorMessage(error)}{error.detail && error.code === 'forbidden' ? ` ${t('permMissing', permissionNames(error.detail))}` : ''}</p>
          {needsOptions(error) && <button type="button" onClick={trusted(actions.openOptions)}>{t('openSettings')}</button>}
          {retryable(error) && view?.connected && !active?.colleague && (
            <button type="button" onClick={trusted(active ? actions.stop : actions.start)}>{t('retry')}</button>
          )}
        </div>
      )}
      {view?.history.some((c) => c.comment && !c.comment.posted) && (
        <p class="tv-muted" data-testid="comment-pending">{t('commentPendingNotice')}</p>
      )}
      {view && <History items={view.history} />}
    </section>
  );
}
