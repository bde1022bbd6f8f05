// The ticket address pattern proposed by the picker, as words an administrator can read and edit:
// "/BSC/ServiceRecord.aspx?id=<number>", "/app/en/tickets/<number>", "/hub#/tickets/<number>".
// A template becomes a profile `ticketUrl` entry (a path regex, `{ path, param }` or
// `{ path, hash }`). Pure.
import type { TicketUrlEntry } from './types';

/** `<number>`: digits; `<id>`: any text up to the next "/", "?", "&" or "#" (GUIDs, codes). */
export const NUMBER_TOKEN = '<number>';
export const ID_TOKEN = '<id>';

export interface UrlProposal {
  /** The address with the ticket's id replaced by a token; what the administrator edits. */
  template: string;
  /** The id found in this address. */
  id: string;
  /** Set (false) when the number shown on the page is not the id in the address. */
  numberInUrl?: false;
}

const digits = (s: string) => s.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
const tokenFor = (v: string) => (/^\d+$/.test(v) ? NUMBER_TOKEN : ID_TOKEN);
/** An id-like value: digits, or a GUID / code with digits in it. */
const idLike = (v: string) => /^\d+$/.test(v) || (/\d/.test(v) && /^[\w-]{4,64}$/.test(v));

/** Picks, among candidate values, the one whose digits are the shown number's, else the last
 *  numeric one, else the last id-like one. */
function choose(values: string[], number: string | undefined): string | undefined {
  const n = number ? digits(number) : '';
  return values.find((v) => n && digits(v) === n)
    ?? [...values].reverse().find((v) => /^\d+$/.test(v))
    ?? [...values].reverse().find(idLike);
}

/** The ticket address pattern for `href`, given the ticket number shown on the page (if picked).
 *  The fragment of a hash-routed app wins, then a query parameter, then a path segment. */
export function proposeTicketUrl(href: string, number?: string): UrlProposal | undefined {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return undefined;
  }
  const result = (template: string, id: string): UrlProposal => {
    const n = number ? digits(number) : '';
    return { template, id, ...(n && digits(id) !== n ? { numberInUrl: false as const } : {}) };
  };
  const hash = u.hash.slice(1);
  const hashParts = hash.split(/([/?&=])/);
  const hashId = choose(hashParts.filter((_, i) => i % 2 === 0), number);
  if (hash.startsWith('/') && hashId) {
    const i = hashParts.indexOf(hashId);
    hashParts[i] = tokenFor(hashId);
    return result(`${u.pathname}#${hashParts.join('').split('?')[0]}`, hashId);
  }
  const params = [...u.searchParams];
  const paramId = choose(params.map(([, v]) => v), number);
  const param = params.find(([, v]) => v === paramId);
  if (param && paramId) return result(`${u.pathname}?${param[0]}=${tokenFor(paramId)}`, paramId);
  const segments = u.pathname.split('/');
  const segId = choose(segments.map((s) => decodeURIComponentSafe(s)), number);
  if (segId) {
    const i = segments.findIndex((s) => decodeURIComponentSafe(s) === segId);
    segments[i] = tokenFor(segId);
    return result(segments.join('/'), segId);
  }
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
/** Literal text, with `*` standing for one path segment (e.g. the language in /app/*\/tickets). */
const literal = (s: string) => escapeRe(s).split('*').join('[^/?#]+');
const group = (token: string) => (token === NUMBER_TOKEN ? '(?<id>\\d+)' : '(?<id>[^/?&#]+)');
const TOKEN_RE = /<number>|<id>/;

/** A template back to a `ticketUrl` entry; undefined when it names no `<number>` or `<id>`, names
 *  it twice, or is not an absolute path. */
export function templateToEntry(template: string): TicketUrlEntry | undefined {
  const tpl = template.trim();
  if (!tpl.startsWith('/') || (tpl.match(/<number>|<id>/g) ?? []).length !== 1) return undefined;
  const [beforeHash = '', hash] = splitOnce(tpl, '#');
  const [path = '', query] = splitOnce(beforeHash, '?');
  if (hash !== undefined && TOKEN_RE.test(hash)) {
    if (TOKEN_RE.test(path)) return undefined;
    const token = TOKEN_RE.exec(hash)![0];
    const [a = '', b = ''] = splitOnce(hash, token);
    return { path: `^${literal(path)}$`, hash: `^${literal(a)}${group(token)}${b ? literal(b) : ''}(?=[/?&]|$)` };
  }
  if (query !== undefined && TOKEN_RE.test(query)) {
    const m = /(?:^|&)([^=&]+)=(?:<number>|<id>)(?:&|$)/.exec(query);
    return m?.[1] && !TOKEN_RE.test(path) ? { path: `^${literal(path)}$`, param: decodeURIComponentSafe(m[1]) } : undefined;
  }
  const token = TOKEN_RE.exec(path)?.[0];
  if (!token) return undefined;
  const [a = '', b = ''] = splitOnce(path, token);
  return `^${literal(a)}${group(token)}${literal(b)}(?=[/?#]|$)`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + sep.length)];
}
