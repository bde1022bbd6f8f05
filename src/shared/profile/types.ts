// A site profile: data, not code, that tells the adapter how to read one help desk's ticket page.
import type { TicketField } from '../ticket';

export interface FieldRule {
  /** Visible labels to look for, in any language the desk may show ("Category", "Categoría"). */
  labels?: string[];
  /** CSS selector of the value element; wins over labels when it matches. */
  selector?: string;
  /** Regex applied to the found text; its first group (or the whole match) is the value. */
  pattern?: string;
}

/** A ticket address whose id is a query parameter: `path` (a regex) is tested on the pathname,
 *  then `param` (any case) is read with URLSearchParams; cheaper and safer than a regex on the query. */
export interface TicketUrlParam {
  path: string;
  param: string;
}

/** A hash-routed app's ticket address (`/app#/tickets/1042`): `path` (a regex) is tested on the
 *  pathname, then `hash` (a regex with an (?<id>…) group) runs on the fragment without its "#". */
export interface TicketUrlHash {
  path: string;
  hash: string;
}

export type TicketUrlEntry = string | TicketUrlParam | TicketUrlHash;

export interface SiteProfile {
  version: 1;
  /** Letters, digits, "-" and "_"; shown in diagnostics. */
  id: string;
  name: string;
  /** Free text for the admin (which desk version, who changed what). */
  description?: string;
  /** Regex sources tested against `pathname + search` (the named group `id` is the ticket id), or
   *  `{ path, param }` or `{ path, hash }` entries. */
  ticketUrl: TicketUrlEntry[];
  /** Whether the number shown on the page is the id in the URL (digits compared, "#" and prefixes
   *  ignored). true: they must match before the widget starts; false: they differ by design (an
   *  internal id in the URL), so after an in-page navigation the widget waits until the ticket's
   *  content has been replaced; absent: a match is enough, otherwise the content must have been
   *  replaced. */
  numberInUrl?: boolean;
  fields: Partial<Record<TicketField, FieldRule>>;
  /** Where the widget goes (the integrations area of the right-hand sidebar); first match wins. */
  mount: string[];
  /** The name of the user signed in to the help desk (its top bar), read like a field: with the
   *  organisation's shared token it pre-selects the technician in the options page. */
  signedInUser?: FieldRule;
  comment?: { field: string; submit: string; internal?: string };
  reply?: { subject: string; body: string; send: string; to?: string };
  close?: {
    /** Buttons that close or resolve the ticket. */
    controls: string[];
    /** The status drop-down and the button that applies it; without `apply` (or when that button
     *  is not on the page) the drop-down saves as soon as it changes. A closed value is refused. */
    status?: { select: string; apply?: string };
    /** Status values and option texts that mean closed or resolved (case-insensitive). */
    closedValues: string[];
  };
}
