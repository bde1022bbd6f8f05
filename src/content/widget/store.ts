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

export const createWidgetStore = () => createStore<WidgetState>(() => ({ busy: false, refusedClose: false, pageChanged: false, confirmStop: false }));
export type WidgetStore = ReturnType<typeof createWidgetStore>;
