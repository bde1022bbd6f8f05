// The requester's own computers (issue 19): which TeamViewer devices (`GET /devices`) belong to a
// ticket's requester, and the one link that connects to one. Pure: the worker reads the devices
// and keeps them; a tab only ever gets the shown fields (name, state, last seen).
import type { TvDevice } from './teamviewer/types';

/** What a ticket says about its requester (untrusted page text). */
export interface Requester {
  /** The ticket field the site profile names for the computer (`asset`), equal to a device alias. */
  asset?: string;
  email?: string;
  name?: string;
}

/** At most this many devices are shown. */
export const MAX_DEVICES = 5;
/** A needle shorter than this (after folding) matches too much to be used. */
const MIN_NEEDLE = 3;

/** Lower case, accents dropped, every run of punctuation or spaces one space: "PC-ANA_Ruíz" → "pc ana ruiz". */
export function fold(text: string | undefined): string {
  return (text ?? '').normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Whether `needle` appears in `hay` as whole words ("ana ruiz" in "pc ana ruiz 07", not in "juana ruiz"). */
function hasWords(hay: string, needle: string): boolean {
  return needle.length >= MIN_NEEDLE && ` ${hay} `.includes(` ${needle} `);
}

export const isOnline = (d: TvDevice): boolean => (d.online_state ?? '').toLowerCase() === 'online';

/** Which rule matched (lower is stronger): 0 the profile's asset field, 1 the email's local part, 2 the name. */
export function matchRank(d: TvDevice, who: Requester): number | undefined {
  const alias = fold(d.alias);
  const text = [alias, fold(d.description)];
  const asset = fold(who.asset);
  if (asset && alias === asset) return 0;
  const local = fold(who.email?.split('@')[0]);
  if (local && text.some((t) => hasWords(t, local))) return 1;
  const name = fold(who.name);
  if (name && text.some((t) => hasWords(t, name))) return 2;
  return undefined;
}

/** The requester's devices: online first, then by rule, then by name; at most MAX_DEVICES. */
export function matchDevices(devices: readonly TvDevice[], who: Requester, limit = MAX_DEVICES): TvDevice[] {
  const seen = new Set<string>();
  const hits: { d: TvDevice; rank: number }[] = [];
  for (const d of devices) {
    const id = deviceKey(d);
    if (!id || seen.has(id)) continue;
    const rank = matchRank(d, who);
    if (rank === undefined) continue;
    seen.add(id);
    hits.push({ d, rank });
  }
  hits.sort((a, b) => Number(isOnline(b.d)) - Number(isOnline(a.d)) || a.rank - b.rank || (a.d.alias ?? '').localeCompare(b.d.alias ?? ''));
  return hits.slice(0, limit).map((h) => h.d);
}

/** A device's identity for dedup and connection matching. */
export const deviceKey = (d: TvDevice): string => d.remotecontrol_id ?? d.device_id ?? '';

/** The cache key of a requester's devices (same requester, same answer). */
export const requesterKey = (who: Requester): string => [fold(who.asset), fold(who.email), fold(who.name)].join('|');

/** Whether there is anything to match a device on. */
export const canMatch = (who: Requester): boolean => !!(fold(who.asset) || fold(who.email?.split('@')[0]).length >= MIN_NEEDLE || fold(who.name).length >= MIN_NEEDLE);

export const START_HOST = 'start.teamviewer.com';

/** `https://start.teamviewer.com/<id>` for a device's remote-control id ("r123456789" → 123456789);
 *  undefined for anything that is not such an id. */
export function startLink(remotecontrolId: string | undefined): string | undefined {
  const m = /^r?(\d{6,12})$/.exec(remotecontrolId ?? '');
  return m ? `https://${START_HOST}/${m[1]}` : undefined;
}

/** The only links the worker opens for a device: https on start.teamviewer.com, no credentials. */
export function isStartLink(url: string | undefined): url is string {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'https:' && u.hostname === START_HOST && !u.username && !u.password && !u.port;
  } catch {
    return false;
  }
}

/** Whether a connection report is about this device (TeamViewer's `deviceid` may be either id; the
 *  name is the fallback) and started no earlier than `sinceMs` less a minute of clock slack. */
export function isConnectionOf(rec: { deviceid?: string; devicename?: string; start_date?: string; session_code?: string },
  d: { remotecontrolId?: string; deviceId?: string; name: string }, sinceMs: number): boolean {
  if (rec.session_code) return false;
  const start = Date.parse(rec.start_date ?? '');
  if (!(start >= sinceMs - 60_000)) return false;
  const ids = [d.remotecontrolId, d.deviceId].filter(Boolean);
  return (!!rec.deviceid && ids.includes(rec.deviceid)) || (!!rec.devicename && fold(rec.devicename) === fold(d.name));
}
