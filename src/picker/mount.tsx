// Puts the picker's panel in its own shadow root, docked to one side of the page: the page is
// narrowed by the panel's width while teaching, so the panel never covers what is being picked
// (and it moves to the other side when the mouse goes over something under it anyway).
import { render } from 'preact';
import { request } from '../platform/messaging';
import css from './panel.css?inline';
import { Overlay } from './overlay';
import { Panel, type PanelProps } from './Panel';

export const PICKER_TAG = 'tv4boss-picker';
const WIDTH = 380;

export function openPicker(): void {
  const existing = document.querySelector(PICKER_TAG);
  if (existing) {
    (existing as HTMLElement).focus();
    return; // injected twice (a second click): one picker per page
  }
  const host = document.createElement(PICKER_TAG);
  host.style.cssText = 'all:initial;position:fixed;inset:0;pointer-events:none;z-index:2147483647';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  document.documentElement.append(host);

  const html = document.documentElement.style;
  const before = { left: html.marginLeft, right: html.marginRight };
  const dock = (side: 'left' | 'right') => {
    html.marginLeft = side === 'left' ? `${WIDTH}px` : before.left;
    html.marginRight = side === 'right' ? `${WIDTH}px` : before.right;
  };
  dock('right');

  const hooks: PanelProps['hooks'] = {};
  const overlay = new Overlay(host, root, {
    onPick: (el) => hooks.pick?.(el),
    onKey: (k) => hooks.key?.(k),
    onHover: (r) => hooks.hover?.(r),
  });
  const mountPoint = document.createElement('div');
  mountPoint.className = 'dock';
  mountPoint.dataset.side = 'right';
  root.append(mountPoint);

  const close = (saved: boolean) => {
    overlay.dispose();
    render(null, mountPoint);
    host.remove();
    html.marginLeft = before.left;
    html.marginRight = before.right;
    if (!saved) void request({ type: 'picker/end' });
  };
  const onSide = (side: 'left' | 'right') => {
    mountPoint.dataset.side = side;
    dock(side);
  };
  render(<Panel overlay={overlay} hooks={hooks} onClose={close} onSide={onSide} panelRect={() => mountPoint.getBoundingClientRect()} />, mountPoint);
}
