// The side panel "Service cases" (issue 17): this technician's open cases, colleagues' open cases,
// the cases that ended today. Live from the worker's pushes (live.ts); the only timer is the one
// that moves the clocks on screen, which asks the worker nothing.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { request } from '../../platform/messaging';
import { errorMessage, t } from '../../platform/i18n';
import type { PanelCase, PanelSnapshot, UiError } from '../../shared/protocol';
import { durationMs, formatDuration } from '../../shared/duration';
import { EndedCaseItem, OpenCaseItem, type CaseActions } from './CaseItem';
import { listenToCases } from './live';

const CASES_MARK = 'tv4boss-panel-cases';

function useNow(offsetMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + offsetMs;
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: preact.ComponentChildren }) {
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title} <span class="count">({count})</span></h2>
      {children}
    </section>
  );
}

export function Panel() {
  const [snap, setSnap] = useState<PanelSnapshot>();
  const [lost, setLost] = useState(false);
  const [error, setError] = useState<UiError>();
  useEffect(() => listenToCases((s) => {
    setSnap(s);
    setLost(false);
  }, () => setLost(true)), []);
  const now = useNow(snap?.serverOffsetMs ?? 0);
  // The first snapshot on screen, for the bench (bench/panel.ts): the frame after its DOM was built.
  useLayoutEffect(() => {
    if (snap && !performance.getEntriesByName(CASES_MARK).length) requestAnimationFrame(() => performance.mark(CASES_MARK));
  }, [snap]);

  const act = async (r: Promise<{ ok: boolean; error?: UiError }>): Promise<boolean> => {
    const res = await r;
    setError(res.ok ? undefined : res.error);
    return res.ok;
  };
  const actions: CaseActions = {
    openTicket: (c) => void act(request({ type: 'panel/open-ticket', caseId: c.id })),
    connect: (c) => void act(request({ type: 'panel/connect', caseId: c.id })),
    // A colleague's case reaches stop only through its confirmation (CaseItem): say so to the worker.
    stop: (c) => act(request({ type: 'panel/stop', caseId: c.id, confirmColleague: c.colleague === true })),
  };
  const reports = () => void request({ type: 'reports/open' });
  const settings = () => void chrome.runtime.openOptionsPage();

  return (
    <main>
      <header>
        <h1>{t('pnTitle')}</h1>
        <button type="button" class="link" data-testid="reports-link" onClick={reports}>{t('reportsLink')}</button>
      </header>
      <Body snap={snap} now={now} actions={actions} settings={settings} reports={reports} />
      {lost && <p class="muted" role="status">{t('loading')}</p>}
      {error && <p class="error" role="alert" data-testid="action-error" data-code={error.code}>{errorMessage(error)}</p>}
    </main>
  );
}

function Body({ snap, now, actions, settings, reports }: { snap?: PanelSnapshot; now: number; actions: CaseActions; settings(): void; reports(): void }) {
  if (!snap) return <p class="muted" role="status">{t('loading')}</p>;
  if (snap.error) {
    return (
      <div class="notice error" role="alert" data-testid="panel-error">
        <p>{t('pnError')} {errorMessage(snap.error)}</p>
        <button type="button" onClick={() => location.reload()}>{t('retry')}</button>
      </div>
    );
  }
  if (!snap.connected) {
    return (
      <div class="notice" data-testid="not-connected">
        <p>{t('pnNotConnected')}</p>
        <button type="button" class="primary" onClick={settings}>{t('openSettings')}</button>
      </div>
    );
  }
  const total = snap.today.reduce((sum, c) => sum + (durationMs(c.createdAt, c.closedAt) ?? 0), 0);
  const list = (cases: PanelCase[], colleague?: boolean) => (
    <ul class="cases">{cases.map((c) => <OpenCaseItem key={c.id} c={c} now={now} actions={actions} colleague={colleague} />)}</ul>
  );
  return (
    <>
      <Section id="mine" title={t('pnMine')} count={snap.mine.length}>
        {snap.mine.length ? list(snap.mine) : <p class="empty" data-testid="empty-mine">{t('pnEmptyMine')}</p>}
      </Section>
      {!!snap.devices?.length && (
        <Section id="devices" title={t('pnDevices')} count={snap.devices.length}>
          <ul class="cases">
            {snap.devices.map((d) => (
              <li class="case" key={d.id} data-testid="device-connection">
                <h3>{[d.ticketNumber, d.ticketTitle].filter(Boolean).join(' · ') || d.helpdesk}</h3>
                <p class="muted" style="margin: 0">
                  {t('connectedTo', [d.name, new Date(d.since).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })])}
                  {' · '}<span data-testid="timer">{formatDuration(Math.max(0, now - Date.parse(d.since)))}</span>
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {snap.colleagues.length > 0 && (
        <Section id="colleagues" title={t('pnColleagues')} count={snap.colleagues.length}>{list(snap.colleagues, true)}</Section>
      )}
      <Section id="today" title={t('pnToday')} count={snap.today.length}>
        {snap.today.length
          ? <ul class="cases">{snap.today.map((c) => <EndedCaseItem key={c.id} c={c} />)}</ul>
          : <p class="empty">{t('pnEmptyToday')}</p>}
        <p class="total" data-testid="today-total">{t('pnTotal', [String(snap.today.length), formatDuration(total)])}</p>
        <button type="button" class="link" onClick={reports}>{t('pnAllReports')}</button>
      </Section>
    </>
  );
}
