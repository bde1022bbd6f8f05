// Puts the widget in a shadow root inside the help desk's integrations area, so that neither
// stylesheet leaks into the other.
import { render } from 'preact';
import css from './widget/widget.css?inline';
import { Widget, type WidgetActions } from './widget/Widget';
import type { WidgetStore } from './widget/store';

export const HOST_TAG = 'tv4boss-widget';

let sheet: CSSStyleSheet | undefined;

/** Light or dark, from the nearest opaque background behind the mount point. */
export function pageScheme(el: Element): 'light' | 'dark' {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    }
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function mountWidget(target: Element, store: WidgetStore, actions: WidgetActions): HTMLElement {
  const host = document.createElement(HOST_TAG);
  host.setAttribute('data-scheme', pageScheme(target));
  const root = host.attachShadow({ mode: 'open' });
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  target.append(host);
  render(<Widget store={store} actions={actions} />, root);
  return host;
}

export function unmountWidget(host: HTMLElement): void {
  if (host.shadowRoot) render(null, host.shadowRoot);
  host.remove();
}
