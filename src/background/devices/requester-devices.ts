// The requester's own computers (issue 19): the TeamViewer devices (Computers & Contacts) matched
// to a ticket's requester. Read once when a ticket comes on screen and cached per requester for a
// few minutes (no call per render, nor per tab); the list stays in the worker: a tab gets only the
// shown fields (name, state, last seen) and an opaque key per row, never a device id.
import type { DeviceView } from '../../shared/protocol';
import { canMatch, isOnline, matchDevices, requesterKey, type Requester } from '../../shared/devices';
import type { TvDevice } from '../../shared/teamviewer/types';
import { TvError } from '../../shared/teamviewer/errors';
import { sanitizeTicket, ticketKey, type Ticket } from '../../shared/ticket';
import { connectedClient } from '../account/credentials';
import { emit, on } from '../events';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, removeLocal, setLocal } from '../store/local';

/** How long a requester's devices are kept before the next ticket view reads them again. */
export const DEVICES_TTL_MS = 3 * 60_000;
/** After a 403, the list is not asked for again for this long (the options page says why). */
export const FORBIDDEN_PAUSE_MS = 30 * 60_000;

interface Forbidden { at: string; detail?: string }

/** Per requester: the matched devices (undefined: none to show, e.g. 403) and when they were read. */
const byRequester = new Map<string, { at: number; devices: Promise<TvDevice[] | undefined> }>();
/** Per ticket on screen: its ticket (for the connection's record) and its requester's devices. */
const byTicket = new Map<string, { ticket: Ticket; devices: TvDevice[] }>();

export const requesterOf = (fields: Ticket['fields']): Requester => ({ asset: fields.asset, email: fields.requesterEmail, name: fields.requesterName });

/** When the token was last refused the device list (403), for the options page. */
export async function devicesForbidden(): Promise<Forbidden | undefined> {
  return getLocal<Forbidden>(LOCAL_KEYS.devicesForbidden);
}

export const forgetDevices = async (): Promise<void> => {
  byRequester.clear();
  byTicket.clear();
  await removeLocal(LOCAL_KEYS.devicesForbidden);
};

/** Another token (or none): what was read or refused with the old one no longer holds. */
export function devicesOnEvents(): void {
  on('connection-changed', forgetDevices);
}

async function readMatched(who: Requester): Promise<TvDevice[] | undefined> {
  const refused = await devicesForbidden();
  if (refused && Date.now() - Date.parse(refused.at) < FORBIDDEN_PAUSE_MS) return undefined;
  try {
    const { client } = await connectedClient();
    const all = await client.devices();
    if (refused) await removeLocal(LOCAL_KEYS.devicesForbidden);
    return matchDevices(all, who);
  } catch (e) {
    if (e instanceof TvError && e.kind === 'forbidden') {
      await setLocal(LOCAL_KEYS.devicesForbidden, { at: new Date().toISOString(), ...(e.info.description ? { detail: e.info.description.slice(0, 300) } : {}) } satisfies Forbidden);
    } else if (e instanceof TvError) console.warn('devices not read', e.info); // not connected: nothing to say
    throw e;
  }
}

/** A ticket came on screen with these fields (page text): its requester's devices are looked up
 *  (from the cache when read in the last minutes) and its widgets told. */
export async function loadTicketDevices(raw: Ticket): Promise<void> {
  const ticket = sanitizeTicket(raw);
  const key = ticketKey(ticket);
  const who = requesterOf(ticket.fields);
  if (!canMatch(who)) {
    if (byTicket.delete(key)) emit('device-changed', { ticketKey: key });
    return;
  }
  const rk = requesterKey(who);
  let entry = byRequester.get(rk);
  if (!entry || Date.now() - entry.at > DEVICES_TTL_MS) {
    const devices = readMatched(who).catch((e: unknown) => {
      // A refusal is remembered (devicesForbidden); any other failure is tried again on the next view.
      if (!(e instanceof TvError && e.kind === 'forbidden')) byRequester.delete(rk);
      return undefined;
    });
    entry = { at: Date.now(), devices };
    byRequester.set(rk, entry);
  }
  const devices = await entry.devices;
  const before = byTicket.get(key);
  if (devices?.length) byTicket.set(key, { ticket, devices });
  else byTicket.delete(key);
  if (before || devices?.length) emit('device-changed', { ticketKey: key });
}

/** What a tab of the ticket may see of its requester's devices (undefined: no section). */
export function deviceViews(ticketKey: string): DeviceView[] | undefined {
  const t = byTicket.get(ticketKey);
  if (!t) return undefined;
  return t.devices.map((d, i) => ({
    key: String(i), name: (d.alias ?? '').slice(0, 100) || '?', online: isOnline(d), ...(d.last_seen ? { lastSeen: d.last_seen } : {}),
  }));
}

/** The device a tab's row key names, with the ticket it was shown on. */
export function shownDevice(ticketKey: string, key: string): { device: TvDevice; ticket: Ticket } | undefined {
  const t = byTicket.get(ticketKey);
  const device = /^\d$/.test(key) ? t?.devices[Number(key)] : undefined;
  return t && device ? { device, ticket: t.ticket } : undefined;
}
