// What a page told about a profile: sent by the content script when a ticket page did not match
// (kept per origin by the worker) and answered to "Test on this page".
import { TICKET_FIELDS, type TicketField } from '../ticket';
import type { Diagnosis } from './read';
import type { SiteProfile } from './types';

/** Fields that must be found before the widget mounts (the case is named after them). */
export const REQUIRED_FIELDS: readonly TicketField[] = ['number', 'title'];

export interface PageReport {
  origin: string;
  url: string;
  /** ms since epoch */
  at: number;
  profile: { id: string; name: string; custom: boolean };
  diagnosis: Diagnosis;
  /** "Test on this page" only: the widget is on the page right now. */
  widget?: boolean;
  /** "Test on this page" only: the options page's unsaved profile was tested. */
  draft?: boolean;
}

/** Fields a desk may well not have (the requester's computer, issue 19): not reported missing. */
export const OPTIONAL_FIELDS: readonly TicketField[] = ['asset'];

export const missingFields = (d: Diagnosis): TicketField[] => TICKET_FIELDS.filter((f) => d.fields[f] === null && !OPTIONAL_FIELDS.includes(f));

/** What keeps the widget away: the mount point or a required field. */
export const blocking = (d: Diagnosis): boolean => !d.mount || REQUIRED_FIELDS.some((f) => d.fields[f] === null);

/** One line for the console (English, like every log line). */
export function describeMiss(r: Pick<PageReport, 'profile' | 'diagnosis'>): string {
  const parts: string[] = [];
  if (!r.diagnosis.url) parts.push('ticket URL pattern did not match');
  if (!r.diagnosis.mount) parts.push('mount point did not match');
  const invalid = r.diagnosis.invalid ?? [];
  const missing = missingFields(r.diagnosis).filter((f) => !invalid.includes(f));
  if (missing.length) parts.push(`fields not found: ${missing.join(', ')}`);
  if (invalid.length) parts.push(`not an email address, so not used: ${invalid.join(', ')}`);
  return `${r.profile.name}: ${parts.join('; ') || 'everything matched'}`;
}

const clip = (s: unknown, n: number) => String(s ?? '').slice(0, n);

/** Bounds a report that came from a tab (its values are page text). */
export function sanitizeReport(raw: PageReport, origin: string): PageReport {
  const d = raw?.diagnosis ?? ({} as Partial<Diagnosis>);
  const fields = Object.fromEntries(TICKET_FIELDS.map((f) => {
    const v = d.fields?.[f];
    return [f, typeof v === 'string' ? clip(v, 200) : null];
  })) as Diagnosis['fields'];
  return {
    origin,
    url: clip(raw?.url, 2000),
    at: Number.isFinite(raw?.at) ? Number(raw.at) : Date.now(),
    profile: { id: clip(raw?.profile?.id, 64), name: clip(raw?.profile?.name, 100), custom: !!raw?.profile?.custom },
    diagnosis: {
      url: !!d.url, ...(d.ticketId ? { ticketId: clip(d.ticketId, 100) } : {}), fields,
      ...(Array.isArray(d.invalid) && d.invalid.length
        ? { invalid: TICKET_FIELDS.filter((f) => d.invalid!.includes(f) && fields[f] === null) } : {}),
      mount: !!d.mount, comment: !!d.comment, reply: !!d.reply, close: !!d.close,
    },
    ...(raw?.widget !== undefined ? { widget: !!raw.widget } : {}),
    ...(raw?.draft !== undefined ? { draft: !!raw.draft } : {}),
  };
}

/** One help-desk site as the options page shows it. */
export interface SiteView {
  /** An origin, or the built-in cloud pattern `https://*.bossdesk.io`. */
  origin: string;
  source: 'builtin' | 'added' | 'policy';
  /** The site's own profile; none: the built-in profiles. */
  profile?: SiteProfile;
  /** A policy profile that did not validate (the built-ins are used meanwhile). */
  profileErrors?: string[];
  insecure: boolean;
  /** Host permission granted (an on-prem site needs it before anything is injected). */
  granted: boolean;
  /** The latest page that did not match on this origin. */
  diagnosis?: PageReport;
}

export interface SitesView {
  sites: SiteView[];
  /** Policy entries that were dropped (bad origin…), for the admin. */
  policyErrors: string[];
}

/** Answer to "Test on this page". */
export type PageTest =
  | { ok: true; tabId: number; report: PageReport }
  | { ok: false; reason: 'no_tab' | 'not_injected'; url?: string };
