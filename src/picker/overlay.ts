// The picker's hold on the page while a part is being picked: the box under the mouse, the box
// around the last pick, and every mouse event kept from the page (a click on "Close ticket" must
// pick it, not close the ticket). Listeners sit on window in the capture phase: they run before
// the page's own. Events inside the picker's own panel pass through.
export type PickerKey = 'up' | 'down' | 'esc';

export interface OverlayHooks {
  onPick(el: Element): void;
  onKey(key: PickerKey): void;
  /** The hovered element's box: the panel moves away when it would cover it. */
  onHover(rect: DOMRect): void;
}

const BLOCKED = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'auxclick', 'contextmenu', 'submit'] as const;

function box(color: string, style: string): HTMLDivElement {
  const d = document.createElement('div');
  d.style.cssText = `position:fixed;pointer-events:none;z-index:2147483646;box-sizing:border-box;display:none;border:2px ${style} ${color};background:${color}22;border-radius:2px`;
  return d;
}

function place(d: HTMLDivElement, el: Element | undefined): void {
  if (!el || !el.isConnected) {
    d.style.display = 'none';
    return;
  }
  const r = el.getBoundingClientRect();
  Object.assign(d.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${Math.max(r.width, 4)}px`, height: `${Math.max(r.height, 4)}px` });
}

export class Overlay {
  readonly hover = box('#0a66c2', 'dashed');
  readonly picked = box('#1a7f37', 'solid');
  private picking = false;
  private lastPick: Element | undefined;
  private readonly ours = (e: Event) => e.composedPath().includes(this.host);

  constructor(private readonly host: HTMLElement, root: ShadowRoot, private readonly hooks: OverlayHooks) {
    root.append(this.hover, this.picked);
    addEventListener('mousemove', this.move, true);
    addEventListener('click', this.click, true);
    for (const t of BLOCKED) addEventListener(t, this.block, true);
    addEventListener('keydown', this.key, true);
    addEventListener('scroll', this.follow, true);
    addEventListener('resize', this.follow, true);
  }

  setPicking(on: boolean): void {
    this.picking = on;
    if (!on) this.hover.style.display = 'none';
    document.documentElement.style.cursor = on ? 'crosshair' : '';
  }

  showPick(el: Element | undefined): void {
    this.lastPick = el;
    place(this.picked, el);
  }

  dispose(): void {
    removeEventListener('mousemove', this.move, true);
    removeEventListener('click', this.click, true);
    for (const t of BLOCKED) removeEventListener(t, this.block, true);
    removeEventListener('keydown', this.key, true);
    removeEventListener('scroll', this.follow, true);
    removeEventListener('resize', this.follow, true);
    document.documentElement.style.cursor = '';
  }

  private readonly follow = () => place(this.picked, this.lastPick);

  private readonly move = (e: MouseEvent) => {
    if (!this.picking || this.ours(e) || !(e.target instanceof Element)) return;
    place(this.hover, e.target);
    this.hooks.onHover(e.target.getBoundingClientRect());
  };

  private readonly block = (e: Event) => {
    if (!this.picking || this.ours(e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  private readonly click = (e: MouseEvent) => {
    if (!this.picking || this.ours(e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.isTrusted && e.target instanceof Element) this.hooks.onPick(e.target);
  };

  private readonly key = (e: KeyboardEvent) => {
    // Typing in the panel's own fields (the address pattern) keeps its keys.
    if (this.ours(e) && e.composedPath()[0] instanceof HTMLInputElement) return;
    const k: PickerKey | undefined = e.key === 'ArrowUp' ? 'up' : e.key === 'ArrowDown' ? 'down' : e.key === 'Escape' ? 'esc' : undefined;
    if (!k || (k !== 'esc' && !this.lastPick)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.hooks.onKey(k);
  };
}
