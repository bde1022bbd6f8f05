// Whether a widget button is really visible to the technician at the moment of a click. The page
// can style the widget's host (opacity, visibility, size, filters) and place its own elements over
// it: a click on a button the technician could not see is not theirs to act on (clickjacking).
// Three checks: the computed style of the button and of every ancestor up through the shadow
// host; what is at the click point (document and shadow root); and, where Chromium offers it,
// IntersectionObserver v2's `isVisible`, which also sees covers that let clicks through
// (`pointer-events: none`), which a hit test cannot.

/** Below this cumulative opacity a button counts as hidden. */
const MIN_OPACITY = 0.5;

type V2Init = IntersectionObserverInit & { trackVisibility?: boolean; delay?: number };
type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };

/** The latest IntersectionObserver v2 verdict per button: 1 visible, 0 occluded in view, -1 out of
 *  view (absent: none yet, or not supported). */
const verdict = new WeakMap<Element, number>();
/** A click on a button last seen out of view, waiting for the observer's fresh verdict. */
const waiting = new WeakMap<Element, (ok: boolean) => void>();
let io: IntersectionObserver | undefined;

/** Starts tracking a button's visibility (no-op when already tracked or not supported). */
export function trackVisibility(el: Element): void {
  if (typeof IntersectionObserver === 'undefined') return;
  io ??= new IntersectionObserver((entries) => {
    for (const e of entries as V2Entry[]) {
      if (typeof e.isVisible !== 'boolean') continue;
      const v = e.isIntersecting ? +e.isVisible : -1;
      verdict.set(e.target, v);
      if (v >= 0) waiting.get(e.target)?.(!!v);
    }
  }, { trackVisibility: true, delay: 100, threshold: [0, 1] } as V2Init);
  io.observe(el);
}

/** The parent across a shadow boundary (a shadow root's child → its host). */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

const filterOpacity = (filter: string): number => {
  let o = 1;
  for (const m of filter.matchAll(/opacity\(\s*([\d.]+)(%?)\s*\)/g)) o *= Number(m[1]) / (m[2] ? 100 : 1);
  return o;
};

/** Hidden by style: visibility, display, cumulative opacity (also through filters), zero size. */
export function hiddenByStyle(el: Element): boolean {
  const own = getComputedStyle(el);
  if (own.visibility !== 'visible') return true;
  const rect = el.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return true;
  let opacity = 1;
  for (let e: Element | null = el; e; e = parentOf(e)) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.contentVisibility === 'hidden') return true;
    opacity *= Number(s.opacity) * (s.filter && s.filter !== 'none' ? filterOpacity(s.filter) : 1);
    if (opacity < MIN_OPACITY) return true;
  }
  return false;
}

/** The point acted on: the pointer's, or the button's centre for a keyboard click (no pointer). */
function pointOf(e: Event, el: Element): { x: number; y: number } {
  const m = e as MouseEvent;
  if (m.detail > 0 && (m.clientX || m.clientY)) return { x: m.clientX, y: m.clientY };
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/** What is on top at the point is the button (or inside it), seen from the page and from the
 *  widget's shadow root. */
function onTopAt(el: Element, x: number, y: number): boolean {
  const root = el.getRootNode() as ShadowRoot;
  if (el.ownerDocument.elementFromPoint(x, y) !== root.host) return false;
  const hit = root.elementFromPoint(x, y);
  return !!hit && (hit === el || el.contains(hit));
}

/** Calls `act` when the button that handles `e` was really visible at the click: not hidden by
 *  style, on top at the click point, and not reported occluded by IntersectionObserver v2; else
 *  `refuse`. A button the observer last saw out of view was just scrolled in (a keyboard focus, a
 *  quick scroll and click): its verdict is stale, so the observer's next one (within its 100 ms
 *  delay) decides; a button seen occluded while in view is refused at once. */
export function whenVisible(e: Event, act: () => void, refuse: () => void): void {
  const el = e.currentTarget;
  if (!(el instanceof Element)) return refuse();
  // Rendered outside a shadow host (unit tests): there is no help-desk page around it.
  if (!(el.getRootNode() instanceof ShadowRoot)) return act();
  const { x, y } = pointOf(e, el);
  const v = verdict.get(el);
  if (hiddenByStyle(el) || !onTopAt(el, x, y) || v === 0) return refuse();
  if (v !== -1) return act();
  const decide = (ok: boolean) => {
    clearTimeout(timer);
    waiting.delete(el);
    (ok ? act : refuse)();
  };
  const timer = setTimeout(decide, 400, false);
  waiting.set(el, decide);
}
