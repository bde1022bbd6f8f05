// Local days. The page's From/To are days of the user's time zone, both ends included; a case
// belongs to the day it was created on (a case closed after midnight stays on its first day).
// Made for speed: a report over 100 000 cases asks the time zone twice per UTC day it spans,
// not once per case.
import dayjs from 'dayjs';

export interface DayZone {
  /** Minutes to add to UTC to get local time at `ms`. */
  offsetMin(ms: number): number;
}

export const localZone: DayZone = { offsetMin: (ms) => -new Date(ms).getTimezoneOffset() };

/** This browser's IANA time zone ('' when the platform does not tell it). */
export function localZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

/** An IANA zone ('Europe/Madrid'), or undefined when the name is unknown. */
export function ianaZone(tz: string): DayZone | undefined {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return undefined;
  }
  return {
    offsetMin(ms) {
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
      return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
    },
  };
}

/** The zone a filter names, else the local one. */
export const zoneOf = (tz: string | undefined): DayZone => (tz && ianaZone(tz)) || localZone;

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → its number of days since 1970-01-01, or undefined if it is not a real date. */
export function dayNumber(day: string | undefined): number | undefined {
  const m = day ? DAY_RE.exec(day) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return undefined;
  return ms / DAY_MS;
}

export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The instant a local day starts (for a day that starts in a DST gap, the first instant after). */
export function dayStart(n: number, zone: DayZone): number {
  const wall = n * DAY_MS;
  let t = wall - zone.offsetMin(wall) * 60_000;
  t = wall - zone.offsetMin(t) * 60_000;
  return t;
}

/** A function from an instant to its local day number, cached per UTC day. */
export function dayKeyer(zone: DayZone): (ms: number) => number {
  const cache = new Map<number, number>(); // UTC day → offset that holds all day, or NaN
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let off = cache.get(utcDay);
    if (off === undefined) {
      const a = zone.offsetMin(utcDay * DAY_MS);
      const b = zone.offsetMin(utcDay * DAY_MS + DAY_MS - 1);
      off = a === b ? a : NaN;
      cache.set(utcDay, off);
    }
    const o = Number.isNaN(off) ? zone.offsetMin(ms) : off; // a DST change that day
    return Math.floor((ms + o * 60_000) / DAY_MS);
  };
}

/** The instants a filter's days cover: [start, end), either end open. From after To: swapped. */
export function dayRange(f: { from?: string; to?: string }, zone: DayZone): { startMs?: number; endMs?: number } {
  let a = dayNumber(f.from);
  let b = dayNumber(f.to);
  if (a !== undefined && b !== undefined && a > b) [a, b] = [b, a];
  return {
    ...(a !== undefined ? { startMs: dayStart(a, zone) } : {}),
    ...(b !== undefined ? { endMs: dayStart(b + 1, zone) } : {}),
  };
}

export type Preset = 'today' | 'last7' | 'last30' | 'month' | 'all';
export const PRESETS: readonly Preset[] = ['today', 'last7', 'last30', 'month', 'all'];

/** The From/To of a preset, given today's local day (YYYY-MM-DD). Calendar arithmetic (dayjs). */
export function presetRange(p: Preset, today: string): { from?: string; to?: string } {
  const d = dayjs(today);
  switch (p) {
    case 'today': return { from: today, to: today };
    case 'last7': return { from: d.subtract(6, 'day').format('YYYY-MM-DD'), to: today };
    case 'last30': return { from: d.subtract(29, 'day').format('YYYY-MM-DD'), to: today };
    case 'month': return { from: d.startOf('month').format('YYYY-MM-DD'), to: today };
    default: return {};
  }
}

/** Today's local day in a zone. */
export const todayIn = (zone: DayZone, now = Date.now()): string => dayString(dayKeyer(zone)(now));
