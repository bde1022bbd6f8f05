// "The requester's computers" in the widget (issue 19). Not part of the content script every ticket
// page loads (its size is budgeted): the worker injects this bundle into a tab, in the content
// script's own isolated world, before the first view that has devices or a running connection; it
// only registers `devicesSection` on the world's global, which the widget calls while it renders.
// The widget hands over its own preact `h` and click guard, so the rows are part of the widget's
// tree (one preact, one visibility check). Rows are named by key: no device id.
import type { ComponentChild, h as preactH } from 'preact';
import type { TicketView } from '../shared/protocol';
import { t, uiLocale } from '../platform/i18n';

const dateTime = (iso: string) => new Date(iso).toLocaleString(uiLocale(), { dateStyle: 'short', timeStyle: 'short' });

export const DEVICES_GLOBAL = 'tv4bossDevices';

/** The rows' rules, kept here with the section (the content script's sheet carries none of them). */
const CSS = [
  '.tv-devices h4 { margin: 10px 0 4px; font-size: 13px; font-weight: 600; }',
  '.tv-devices ul { list-style: none; margin: 0; padding: 0; }',
  '.tv-devices li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 4px; padding: 2px 0; }',
  '.tv-device-name { font-weight: 600; overflow-wrap: anywhere; }',
  '.tv-devices button { padding: 1px 8px; margin-left: auto; }',
];
const styled = new WeakSet<CSSStyleSheet>();

/** Adds the rules to the widget's own constructed sheet, once: the shadow root keeps one sheet. */
function style(el: Element | null): void {
  const sheet = (el?.getRootNode() as Partial<ShadowRoot> | undefined)?.adoptedStyleSheets?.[0];
  if (!sheet || styled.has(sheet)) return;
  styled.add(sheet);
  for (const rule of CSS) sheet.insertRule(rule, sheet.cssRules.length);
}

/** The widget's guard: only the technician's real click, on a button really visible. */
export type Trusted = (f: () => void) => (e: Event) => void;

/** `device`: Connect to a row's device; without a key, Done with the running connection. */
export function devicesSection(view: TicketView, h: typeof preactH, trusted: Trusted, device: (key?: string) => void): ComponentChild {
  const c = view.deviceConnection;
  if (c) {
    const since = new Date(c.since).toLocaleTimeString(uiLocale(), { hour: '2-digit', minute: '2-digit' });
    return h('p', { class: 'tv-online', 'data-testid': 'device-connection' },
      t('connectedTo', [c.name, since]), ' ',
      h('button', { type: 'button', 'aria-label': t('deviceDoneLabel', c.name), onClick: trusted(() => device()) }, t('deviceDone')));
  }
  if (!view.devices?.length) return null;
  return h('div', { class: 'tv-devices', 'data-testid': 'devices', ref: style },
    h('h4', { id: 'tv-devices-h' }, t('devicesTitle')),
    h('ul', { 'aria-labelledby': 'tv-devices-h' }, view.devices.map((d) => h('li', { key: d.key, 'data-testid': 'device', 'data-online': String(d.online) },
      h('span', { class: 'tv-device-name' }, d.name), ' · ',
      h('span', { class: 'tv-muted' }, d.online ? t('deviceOnline') : d.lastSeen ? t('deviceOffline', dateTime(d.lastSeen)) : t('deviceOfflineNever')),
      d.online ? [' ', h('button', { type: 'button', 'aria-label': t('deviceConnectTo', d.name), onClick: trusted(() => device(d.key)) }, t('deviceConnect'))] : null))));
}
