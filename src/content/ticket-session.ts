// One ticket on screen: its widget, its live port to the worker, its close guard.
import type { SiteProfile } from '../shared/profile/types';
import { numberIsId, readField, readFields, ticketIdFromUrl } from '../shared/profile/read';
import { ticketKey, type Ticket } from '../shared/ticket';
import type { PortOut } from '../shared/protocol';
import { request, watchTicket } from './bridge';
import { fillReply, postComment } from './actions';
import { guardClose } from './guard';
import { mountWidget, unmountWidget } from './mount';
import { createWidgetStore, withView } from './widget/store';
import type { WidgetActions } from './widget/Widget';

export class TicketSession {
  readonly key: string;
  readonly host: HTMLElement;
  private readonly store = createWidgetStore();
  private readonly cleanups: (() => void)[] = [];
  private tasks = Promise.resolve();

  /** `number`: the ticket number the page showed when the session started. */
  constructor(private readonly profile: SiteProfile, private readonly id: string, mountPoint: Element, private readonly number: string) {
    this.key = ticketKey({ origin: location.origin, id });
    this.host = mountWidget(mountPoint, this.store, this.actions);
    this.cleanups.push(
      watchTicket(this.key, (m) => this.onPush(m), this.ticket()),
      guardClose(profile, () => this.caseOpen(), () => this.store.setState({ refusedClose: true })),
    );
  }

  /** Fields are read when needed, not cached: the technician may have just edited them. */
  ticket(): Ticket {
    return { origin: location.origin, id: this.id, url: location.href, fields: readFields(document, this.profile) };
  }

  /** Checked right before acting on the page: the URL is still this ticket's and the page still
   *  shows its number (a desk may keep a ticket's DOM for a while under the next ticket's URL). */
  stillShown(): boolean {
    const n = ticketIdFromUrl(this.profile, new URL(location.href)) === this.id && readField(document, this.profile.fields.number);
    return !!n && (n === this.number || (this.profile.numberInUrl !== false && !!numberIsId(n, this.id)));
  }

  /** The keyboard shortcut (worker → tab): what play would do, or the stop question in the widget.
   *  Not connected, the widget already says so (and offers the settings). False before its first view. */
  toggle(): boolean {
    const view = this.store.getState().view;
    if (!view) return false;
    if (!view.connected) return true;
    if (view.active) this.store.setState({ confirmStop: true });
    else this.actions.start();
    return true;
  }

  private caseOpen(): boolean {
    const a = this.store.getState().view?.active;
    return !!a && a.state !== 'closed';
  }

  private onPush(m: PortOut): void {
    if (m.type === 'view' && m.view.ticketKey === this.key) {
      const stillOpen = !!m.view.active;
      this.store.setState((s) => ({ ...withView(s, m.view), refusedClose: s.refusedClose && stillOpen, confirmStop: s.confirmStop && stillOpen }));
    } else if (m.type === 'page-task' && m.ticketKey === this.key) {
      const t = m.task;
      // One task at a time: each waits for the page to confirm it, and a form that posts the whole
      // page back must not be interrupted by the next one.
      this.tasks = this.tasks.then(async () => {
        // Not on another ticket's forms: the task stays pending and is offered again.
        // The customer email: the worker records the attempt before the click (at most once).
        const mayClick = async () => {
          if (!this.stillShown()) return false;
          const r = await request({ type: 'task/attempt', ticketKey: this.key, caseId: m.caseId });
          return r.ok && r.data === true && this.stillShown();
        };
        const done = this.stillShown()
          && (await (t.kind === 'comment' ? postComment(this.profile, t.text) : fillReply(this.profile, t.subject, t.body, t.send, mayClick)));
        void request({ type: 'task/result', ticketKey: this.key, caseId: m.caseId, kind: t.kind, done });
      });
    }
  }

  /** A request whose failure is shown in the widget (its success arrives on the port). */
  private ask(m: Parameters<typeof request>[0]): void {
    void request(m).then((r) => r.ok || this.store.setState({ localError: r.error }));
  }

  private async act(run: () => ReturnType<typeof request<'case/start'>>): Promise<void> {
    if (this.store.getState().busy) return; // a double click sends one request
    this.store.setState({ busy: true, localError: undefined, refusedClose: false, pageChanged: false });
    const r = await run();
    // The ticket's state itself arrives on the port; the answer only ends the request.
    this.store.setState(r.ok ? { busy: false } : { busy: false, localError: r.error });
  }

  private readonly actions: WidgetActions = {
    start: () => {
      // The case is named after what the page shows: never after another ticket's leftovers.
      if (!this.stillShown()) return this.store.setState({ pageChanged: true, localError: undefined });
      void this.act(() => request({ type: 'case/start', ticket: this.ticket() }));
    },
    stop: (confirmColleague) => void this.act(() => request({ type: 'case/stop', ticketKey: this.key, ...(confirmColleague === true ? { confirmColleague: true } : {}) })),
    connect: () => this.ask({ type: 'case/connect', ticketKey: this.key }),
    // The requester's computers (issue 19): a row is named by its key; the worker holds the ids.
    device: (device) => this.ask(device ? { type: 'device/connect', ticketKey: this.key, device } : { type: 'device/done', ticketKey: this.key }),
    openOptions: () => void request({ type: 'options/open', ticket: this.ticket() }),
    openReports: () => void request({ type: 'reports/open' }),
    sendAgain: (caseId) => void this.act(() => request({ type: 'email/send-again', ticketKey: this.key, caseId })),
    copy: async (text) => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
  };

  dispose(): void {
    this.cleanups.forEach((c) => c());
    unmountWidget(this.host);
  }
}
