// Widget state: the worker's view of the ticket plus what only this tab knows.
import { createStore } from 'zustand/vanilla';
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

export const createWidgetStore = () => createStore<WidgetState>(() => ({ busy: false, refusedClose: false, pageChanged: false, confirmStop: false }));
export type WidgetStore = ReturnType<typeof createWidgetStore>;
