// Charts with uPlot, loaded by this page only (a dynamic import: the figures and tables paint
// first). The tables next to each chart carry the same numbers for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import type uPlotType from 'uplot';

let lib: Promise<typeof uPlotType> | undefined;
const loadUPlot = () => (lib ??= import('uplot').then((m) => m.default));

const ACCENT = '#0a6ebd';

/**
 * A chart made by `make` when `shape` changes (labels, series name), and given new data in place
 * (uPlot's setData) when only `data` does: a filter change redraws 6 charts, and making them
 * again each time kept the page busy past the next click.
 */
const dataKey = (data: uPlotType.AlignedData) => data.map((xs) => xs.join(',')).join(';');

function useUPlot(make: (U: typeof uPlotType, el: HTMLElement, data: uPlotType.AlignedData) => uPlotType | undefined, shape: string, data: uPlotType.AlignedData) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlotType | undefined>(undefined);
  const latest = useRef(data);
  latest.current = data;
  const key = dataKey(data);
  const made = useRef(key);
  useEffect(() => {
    let dead = false;
    void loadUPlot().then((U) => {
      if (dead || !ref.current) return;
      ref.current.replaceChildren();
      made.current = dataKey(latest.current);
      chart.current = make(U, ref.current, latest.current);
    });
    return () => {
      dead = true;
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [shape]);
  useEffect(() => {
    if (!chart.current || made.current === key) return;
    made.current = key;
    chart.current.setData(data);
  }, [key]);
  return ref;
}

/** Bars: one per label (a "by …" table's sessions). */
export function BarChart({ labels, values, label }: { labels: string[]; values: number[]; label: string }) {
  const xs = labels.map((_, i) => i);
  const ref = useUPlot((U, el, data) => {
    if (!labels.length) return undefined;
    const short = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);
    return new U({
      width: 420, height: 200, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false, range: [-0.6, labels.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { splits: () => xs, values: (_u, splits) => splits.map((i) => short(labels[i] ?? '')), size: labels.length > 4 ? 64 : 40, gap: 4, rotate: labels.length > 4 ? -25 : 0 },
        { size: 40 },
      ],
      series: [{}, { label, fill: `${ACCENT}cc`, stroke: ACCENT, width: 1, paths: U.paths.bars!({ size: [0.7, 48] }), points: { show: false } }],
    }, data, el);
  }, `${label}\u0001${labels.join('\u0000')}`, [xs, values]);
  return <div class="chart" ref={ref} role="img" aria-label={label} />;
}

/** Sessions per local day. */
export function DaysChart({ days, values, label }: { days: string[]; values: number[]; label: string }) {
  // Local midnight of each day, in seconds: uPlot draws dates in the browser's zone.
  const xs = days.map((d) => new Date(`${d}T00:00:00`).getTime() / 1000);
  const ref = useUPlot((U, el, data) => {
    if (!days.length) return undefined;
    return new U({
      width: Math.max(320, Math.min(1100, (el.parentElement?.clientWidth ?? 720) - 8)), height: 220, legend: { show: false },
      scales: { x: { range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [{}, { size: 40 }],
      series: [{}, { label, fill: `${ACCENT}cc`, stroke: ACCENT, width: 1, paths: U.paths.bars!({ size: [0.8, 40] }), points: { show: false } }],
    }, data, el);
  }, `${label}\u0001${days.length ? 'days' : ''}`, [xs, values]);
  return <div class="chart wide" ref={ref} role="img" aria-label={label} />;
}
