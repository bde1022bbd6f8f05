// Widget state: the worker's view of the ticket plus what only this tab knows.
import type { TicketView, UiError } from '../../shared/protocol';

export interface WidgetState {
  view?: TicketView;
  /** A request from this tab is on its way (disables play/stop: one click, one request). */
  busy: boolean;
  /** A local failure (e.g. the worker could not be reached), shown until the next action. */
  localError?: UiError;
  /** The help desk's close was refused because a case is open. */
  refusedClose: boolean;
  /** Play was refused: the page no longer shows this widget's ticket. */
  pageChanged: boolean;
  /** The keyboard shortcut asked to stop: the widget asks for confirmation first. */
  confirmStop: boolean;
}

/** A new view from the worker. A local error belongs to the ticket's active case at the time: once
 *  another case is active (a colleague's was adopted) or none is, it is dropped with its Retry. */
export function withView(s: WidgetState, view: TicketView): Partial<WidgetState> {
  const changed = (s.view?.active?.id ?? '') !== (view.active?.id ?? '');
  return { view, ...(changed && s.localError ? { localError: undefined } : {}) };
}

/** A zustand-like store (getState, setState with a partial or a function of the state, subscribe),
 *  written out: zustand is more than this script needs, and its size is budgeted. */
export interface WidgetStore {
  getState(): WidgetState;
  setState(partial: Partial<WidgetState> | ((s: WidgetState) => Partial<WidgetState>)): void;
  /** Called with the new state after every change; returns the unsubscribe. */
  subscribe(listener: (s: WidgetState) => void): () => void;
}

export function createWidgetStore(): WidgetStore {
  let state: WidgetState = { busy: false, refusedClose: false, pageChanged: false, confirmStop: false };
  const listeners = new Set<(s: WidgetState) => void>();
  return {
    getState: () => state,
    setState(partial) {
      state = { ...state, ...(typeof partial === 'function' ? partial(state) : partial) };
      listeners.forEach((l) => l(state));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
