// The widget rendered for unit tests (happy-dom): its store set to a state, with actions that do
// nothing unless a test passes the ones it watches.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Widget, type WidgetActions } from '../../src/content/widget/Widget';
import { createWidgetStore, type WidgetState, type WidgetStore } from '../../src/content/widget/store';

export const noActions = (over: Partial<WidgetActions> = {}): WidgetActions => ({
  start() {}, stop() {}, connect() {}, openOptions() {}, openReports() {}, sendAgain() {}, device() {}, copy: async () => true, ...over,
});

/** `attach`: the root goes into the document (focus, activeElement). */
export async function showWidget(state: Partial<WidgetState>, opts: { actions?: WidgetActions; attach?: boolean } = {}): Promise<{ root: HTMLElement; store: WidgetStore }> {
  const store = createWidgetStore();
  store.setState(state);
  const root = document.createElement('div');
  if (opts.attach) document.body.append(root);
  await act(async () => render(<Widget store={store} actions={opts.actions ?? noActions()} />, root));
  return { root, store };
}
