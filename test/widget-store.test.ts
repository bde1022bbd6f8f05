// The widget's own small store (in place of zustand, for the content script's size budget).
import { describe, it, expect } from 'vitest';
import { createWidgetStore } from '../src/content/widget/store';

describe('widget store', () => {
  it('merges partial states and functions of the state, tells subscribers, and lets them go', () => {
    const store = createWidgetStore();
    expect(store.getState()).toEqual({ busy: false, refusedClose: false, pageChanged: false, confirmStop: false });
    const seen: boolean[] = [];
    const off = store.subscribe((s) => seen.push(s.busy));
    store.setState({ busy: true });
    store.setState((s) => ({ confirmStop: !s.confirmStop }));
    expect(store.getState()).toMatchObject({ busy: true, confirmStop: true, refusedClose: false });
    off();
    store.setState({ busy: false });
    expect(seen).toEqual([true, true]);
    expect(store.getState().busy).toBe(false);
  });
});
