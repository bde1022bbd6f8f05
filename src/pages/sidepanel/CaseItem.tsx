// One service case in the panel: its ticket, help desk, code, state in words, a live timer and
// its actions. Every action is the worker's (the panel never calls TeamViewer, never holds the
// supporter link).
import { useState } from 'preact/hooks';
import type { PanelCase } from '../../shared/protocol';
import { t } from '../../platform/i18n';
import { durationMs, formatDuration } from '../../shared/duration';
import { caseState, elapsed } from './words';

export interface CaseActions {
  openTicket(c: PanelCase): void;
  connect(c: PanelCase): void;
  stop(c: PanelCase): Promise<boolean>;
}

function Copy({ text, label, testid }: { text: string; label: string; testid: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
    } catch {
      setDone(false);
    }
  };
  return <button type="button" class="small" data-testid={testid} aria-label={done ? `${label}: ${t('copied')}` : label} onClick={copy}>{done ? t('copied') : label}</button>;
}

const title = (c: PanelCase) => [c.ticketNumber, c.ticketTitle].filter(Boolean).join(' · ') || c.ticketKey;

export function OpenCaseItem({ c, now, actions, colleague }: { c: PanelCase; now: number; actions: CaseActions; colleague?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [stopped, setStopped] = useState(false);
  const closing = c.state === 'closing';
  const hid = `case-${c.id}`;
  const who = c.assignedName ?? c.assignedUserId ?? '?';
  const stop = async () => {
    setConfirming(false);
    setStopped(await actions.stop(c));
  };
  const state = caseState(c, now);
  return (
    <li class={`case${c.online ? ' online' : ''}`} data-testid="case" data-code={c.code} aria-labelledby={hid}>
      <h3 id={hid}>{title(c)}</h3>
      <dl>
        <dt>{t('pnHelpdesk')}</dt><dd>{c.helpdesk}</dd>
        {colleague && <><dt>{t('pnStartedBy')}</dt><dd data-testid="started-by">{who}</dd></>}
        <dt>{t('sessionCode')}</dt>
        <dd><span class="code" data-testid="code">{c.code}</span> {c.code && <Copy text={c.code} label={t('copy')} testid="copy-code" />}</dd>
        <dt>{t('pnState')}</dt>
        <dd class={`state${c.online ? ' online' : ''}`} data-testid="state">{state}</dd>
        <dt>{t('pnRunning')}</dt>
        <dd class="timer" data-testid="timer"><time dateTime={c.createdAt}>{elapsed(c, now)}</time></dd>
      </dl>
      <div class="actions" role="group" aria-labelledby={hid}>
        <button type="button" data-testid="open-ticket" onClick={() => actions.openTicket(c)}>{t('pnOpenTicket')}</button>
        {!colleague && c.customerLink && <Copy text={c.customerLink} label={t('pnCopyLink')} testid="copy-link" />}
        {!colleague && <button type="button" class="primary" data-testid="connect" onClick={() => actions.connect(c)}>{t('connectNow')}</button>}
        {!confirming && (
          <button type="button" class="stop" data-testid="stop" disabled={closing || stopped} onClick={() => (colleague ? setConfirming(true) : void stop())}>
            {closing ? t('stateClosing') : t('pnStop')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="alertdialog" aria-labelledby={`${hid}-q`} data-testid="confirm-stop">
          <p id={`${hid}-q`}>{t('stopColleagueCase', who)}</p>
          <button type="button" class="stop" onClick={() => void stop()}>{t('stopAnyway')}</button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
        </div>
      )}
      {stopped && !colleague && <p class="done" role="status" data-testid="stopped">{t('pnStopped')}</p>}
    </li>
  );
}

export function EndedCaseItem({ c }: { c: PanelCase }) {
  const ms = durationMs(c.createdAt, c.closedAt);
  return (
    <li class="case" data-testid="ended" data-code={c.code} data-kind={c.kind ?? 'service'}>
      <h3>{title(c)}</h3>
      <p class="muted" style="margin: 0">
        <span class="code">{c.kind === 'device' ? t('pnDeviceConnection', c.connection?.devices?.join(', ') ?? '') : c.code}</span> · {ms === undefined ? '' : formatDuration(ms)} · {t(`outcome_${c.state}`)}
        {c.comment && !c.comment.posted ? ` · ${t('commentPending')}` : ''}
      </p>
    </li>
  );
}
