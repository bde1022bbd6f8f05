// The filter lives in the page's address, so a view can be bookmarked.
import type { ReportFilter } from './types';
import { dayNumber } from './zone';

export function filterFromSearch(search: string): ReportFilter {
  const q = new URLSearchParams(search);
  const f: ReportFilter = {};
  const from = q.get('from') ?? undefined;
  const to = q.get('to') ?? undefined;
  if (dayNumber(from) !== undefined) f.from = from;
  if (dayNumber(to) !== undefined) f.to = to;
  const techs = [...new Set(q.getAll('tech').map((t) => t.slice(0, 500)))];
  if (techs.length) f.technicians = techs;
  const kind = q.get('kind');
  if (kind === 'service' || kind === 'device') f.kind = kind;
  return f;
}

export function searchFromFilter(f: ReportFilter): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const t of f.technicians ?? []) q.append('tech', t);
  if (f.kind) q.set('kind', f.kind);
  const s = q.toString();
  return s ? `?${s}` : '';
}
