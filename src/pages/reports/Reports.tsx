// The reports page: filters (in the address), summary, a table and a chart per dimension,
// sessions over time, the list with links back to the tickets, CSV, sync, history file.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request } from '../../platform/messaging';
import { t } from '../../platform/i18n';
import type { Result, UiError } from '../../shared/protocol';
import { localZoneName } from '../../shared/reports/zone';
import { filterFromSearch, searchFromFilter } from '../../shared/reports/filter-url';
import { PAGE_LIST_LIMIT, REPORTS_PORT, type ReportFilter, type ReportResult, type ReportsPortOut, type SyncStatus } from '../../shared/reports/types';
import { Filters } from './Filters';
import { Summary } from './Summary';
import { Breakdowns } from './Breakdowns';
import { CasesList } from './CasesList';
import { PageHeader } from './PageHeader';
import { DaysChart } from './Chart';
import { ErrorBox } from './ErrorBox';

const tz = localZoneName() || undefined;

function download(name: string, type: string, parts: BlobPart[]) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The port's pushes and a request's answer can arrive in either order: keep the later state of
 *  the later run (a finished run over its own start; the later start over an earlier run). */
function latest(cur: SyncStatus | undefined, next: SyncStatus): SyncStatus {
  if (!cur) return next;
  const started = (s: SyncStatus) => Date.parse(s.startedAt ?? '') || 0;
  if (started(next) !== started(cur)) return started(next) > started(cur) ? next : cur;
  if (cur.running !== next.running) return next.running ? cur : next;
  return next.calls >= cur.calls ? next : cur;
}

/** Resolves once the frame after the current one has begun: what is rendered now is on screen. */
const afterPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r)));

/** `first`: the figures of the address's filter, when the page had them before its first frame (in
 *  its HTML from the worker, or early.ts's answer). With them, the first render is prerender.tsx's. */
export function Reports({ first }: { first?: ReportResult }) {
  const [filter, setFilter] = useState<ReportFilter>(() => filterFromSearch(location.search));
  const [limit, setLimit] = useState(PAGE_LIST_LIMIT);
  const [result, setResult] = useState<ReportResult | undefined>(first);
  const firstFigures = useRef(first);
  /** The first frame with early figures holds the title and the figures alone (the filters' form
   *  controls cost the frame ~40 ms here); the rest comes in the next one, below them. */
  const [rest, setRest] = useState(!first);
  useEffect(() => void (!rest && afterPaint().then(() => setRest(true))), [rest]);
  /** False in the first render, as in the frame the worker may have written (prerender.tsx). */
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  /** The list's own answer (the figures come first, the list after: it is not rebuilt for them). */
  const [list, setList] = useState<ReportResult>();
  const [error, setError] = useState<UiError>();
  const [sync, setSync] = useState<SyncStatus>();
  const [notice, setNotice] = useState<string>();
  const seq = useRef(0);

  // Two questions at once: the figures alone (the worker answers them from its roll-ups without
  // reading a record), then the same with the newest cases of the list, which replaces them. The
  // page's first figures may be there already (early.ts): then only the list is asked, and shown
  // once those figures are on screen (its rows would hold back their frame).
  const query = useCallback(async () => {
    const n = ++seq.current;
    const f = { ...filter, ...(tz ? { tz } : {}) };
    if (!performance.getEntriesByName('tv4boss-asked').length) performance.mark('tv4boss-asked'); // the bench reads it
    const show = (r: Result<ReportResult>, withList: boolean) => {
      if (n !== seq.current) return; // a newer query is on its way
      if (r.ok) {
        setResult(r.data);
        if (withList) setList(r.data);
        setError(undefined);
      } else setError(r.error);
    };
    const given = firstFigures.current;
    firstFigures.current = undefined;
    // The figures asked first: the worker answers in the order it is asked.
    const figures = given ? undefined : request({ type: 'reports/query', filter: f, limit: 0 });
    const full = request({ type: 'reports/query', filter: f, limit });
    if (!figures) return show((await Promise.all([full, afterPaint()]))[0], true);
    const first = await Promise.race([figures.then((r) => ({ r, withList: false })), full.then((r) => ({ r, withList: true }))]);
    show(first.r, first.withList);
    if (!first.withList) show(await full, true);
  }, [filter, limit]);

  // Asked as soon as the filter is rendered, not after the next paint.
  useLayoutEffect(() => void query(), [query]);

  // The filter lives in the address (bookmarkable); back/forward restore it.
  const changeFilter = (f: ReportFilter) => {
    setFilter(f);
    setLimit(PAGE_LIST_LIMIT);
    history.pushState(null, '', `${location.pathname}${searchFromFilter(f)}`);
  };
  useEffect(() => {
    const pop = () => setFilter(filterFromSearch(location.search));
    addEventListener('popstate', pop);
    return () => removeEventListener('popstate', pop);
  }, []);

  // Live line to the worker: history changed, sync progress. Reconnects when the worker restarts
  // (which also lets a worker stopped mid-sync resume it).
  const importing = useRef(false);
  const queryRef = useRef(query);
  queryRef.current = query;
  useEffect(() => {
    let port: chrome.runtime.Port | undefined;
    let closed = false;
    const connect = () => {
      port = chrome.runtime.connect({ name: REPORTS_PORT });
      port.onMessage.addListener((m: ReportsPortOut) => {
        if (m.type === 'changed' && !importing.current) void queryRef.current(); // an import queries once, at its end
        else if (m.type === 'sync') setSync((cur) => latest(cur, m.status));
      });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(connect, 500);
      });
    };
    connect();
    void request({ type: 'reports/sync-status' }).then((r) => r.ok && setSync((s) => s ?? r.data));
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, []);

  // Cases closed in another tab meanwhile: fresh figures when the page is looked at again.
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && void queryRef.current();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  // Time to figures (the bench reads it).
  useEffect(() => {
    if (result && !performance.getEntriesByName('tv4boss-figures').length) performance.mark('tv4boss-figures');
  }, [result]);
  useEffect(() => void (list && performance.mark('tv4boss-list')), [list]);

  const startSync = async () => {
    const r = await request({ type: 'reports/sync' });
    if (r.ok) setSync((cur) => latest(cur, r.data));
    else setSync((s) => ({ ...(s ?? { running: false, pages: 0, calls: 0, seen: 0, added: 0, updated: 0, foreign: 0, open: 0 }), error: r.error }));
  };

  // The worker settles the filter's days, then the page reads them (csv-export.ts).
  const exportCsv = async () => {
    const f = { ...filter, ...(tz ? { tz } : {}) };
    const span = request({ type: 'reports/csv-days', filter: f });
    // Loaded on use (papaparse): the page's figures do not wait for it.
    const { csvOfDayCopy } = await import('./csv-export');
    const r = await span;
    if (!r.ok) return setError(r.error);
    let parts: string[];
    try {
      parts = await csvOfDayCopy(f, r.data);
    } catch (e) {
      return setError({ code: 'internal', detail: e instanceof Error ? e.message : String(e) });
    }
    const name = [filter.from ?? 'all', filter.to ?? ''].filter(Boolean).join('_');
    download(`teamviewer-sessions-${name}.csv`, 'text/csv;charset=utf-8', parts);
  };

  // The history file travels in chunks (history-stream.ts): pages of records out, chunks in.
  const exportHistory = async () => {
    const { exportInPages } = await import('../../shared/reports/history-stream');
    try {
      const parts = await exportInPages(async (after) => {
        const r = await request({ type: 'reports/export-page', ...(after ? { after } : {}) });
        if (!r.ok) throw r.error;
        return r.data;
      });
      download(`teamviewer-history-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', parts);
    } catch (e) {
      setError(e as UiError);
    }
  };

  const importHistory = async (file: File | undefined) => {
    if (!file) return;
    const { importInChunks, NotAHistoryFile } = await import('../../shared/reports/history-stream');
    importing.current = true;
    try {
      const data: unknown = JSON.parse(await file.text());
      const total = await importInChunks(data, async (cases) => {
        const r = await request({ type: 'reports/import-chunk', cases });
        if (!r.ok) throw r.error;
        return r.data;
      }, (done, all) => setNotice(t('rpImporting', [String(done), String(all)])));
      setNotice(t('rpImported', [String(total.added), String(total.updated), String(total.skipped)]));
    } catch (e) {
      if (e instanceof SyntaxError || e instanceof NotAHistoryFile) setNotice(t('rpImportFailed'));
      else {
        setNotice(undefined);
        setError(e as UiError); // the worker refused a chunk: what it said (the chunks before it are in)
      }
    } finally {
      importing.current = false;
    }
    void query();
  };

  // The same element while the list is the same: the figures' answer does not rebuild its rows.
  const listView = useMemo(() => list && <CasesList result={list} onShowAll={() => setLimit(list.casesTotal)} />, [list]);

  const technicians = useMemo(() => {
    const all = new Set([...(result?.technicians ?? []), ...(filter.technicians ?? [])]);
    return [...all].sort((a, b) => a.localeCompare(b));
  }, [result, filter.technicians]);

  return (
    <main>
      <PageHeader sync={sync} live={live} onSync={startSync} />
      {error && <ErrorBox error={error} onRetry={() => void query()} />}
      {!result && !error && <p class="loading" role="status" data-testid="loading">{t('rpLoading')}</p>}
      {result && <Summary result={result} />}
      {rest && (
        <>
          <Filters filter={filter} technicians={technicians} onChange={changeFilter} />
          <div class="actions">
            <button type="button" class="primary" onClick={exportCsv} disabled={!result?.summary.sessions}>{t('rpExportCsv')}</button>
            <button type="button" onClick={exportHistory}>{t('rpExportHistory')}</button>
            <label class="button">
              {t('rpImportHistory')}
              <input type="file" accept="application/json,.json" class="visually-hidden" data-testid="import-file"
                onChange={(e) => void importHistory((e.target as HTMLInputElement).files?.[0])} />
            </label>
            {notice && <span role="status" data-testid="notice">{notice}</span>}
          </div>
          {result && (result.summary.sessions === 0 ? (
            <div class="empty" data-testid="empty">
              <p><strong>{t('rpEmpty')}</strong></p>
              <p class="muted">{t('rpEmptyHint')}</p>
            </div>
          ) : (
            <>
              <section aria-labelledby="h-time">
                <h2 id="h-time">{t('rpOverTime')}</h2>
                <DaysChart days={result.days.map((d) => d.day)} values={result.days.map((d) => d.count)} label={t('rpOverTimeChart')} />
              </section>
              <Breakdowns result={result} />
              {listView ?? <p class="loading" role="status" data-testid="list-loading">{t('rpLoading')}</p>}
            </>
          ))}
        </>
      )}
    </main>
  );
}
