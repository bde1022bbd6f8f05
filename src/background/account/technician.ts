// Which TeamViewer user this browser works for. With a personal token: the token's own user. With
// the organisation's shared token every technician's browser uses one account, so each technician
// picks themselves once from the company's users (GET /users); the options page pre-selects the
// user whose name the help desk shows as signed in.
import { AppError } from '../../shared/app-error';
import type { TvUser } from '../../shared/teamviewer/types';
import type { TechnicianView } from '../../shared/protocol';
import { LOCAL_KEYS, SESSION_KEYS } from '../store/keys';
import { getLocal, setLocal, updateLocal } from '../store/local';
import browser from 'webextension-polyfill';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { connectedClient, fingerprint, readCredentials } from './credentials';

export interface Technician { userid: string; name: string }

/** The choice as stored: tied to the organisation's token (its fingerprint, never the token) and
 *  re-checked against GET /users, so that a choice made under another token, or of a user who has
 *  left the company's TeamViewer account, is never used. Records of 0.2.0 have neither field: they
 *  are bound to the token in force once its GET /users still lists the user. */
interface StoredTechnician extends Technician { fingerprint?: string; checkedAt?: string; left?: boolean }

/** How long a checked choice is trusted before GET /users is asked again. */
export const RECHECK_MS = 10 * 60_000;

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

type Choice = { technician: Technician; left?: undefined } | { technician?: undefined; left: boolean };

/** The organisation token's technician, checked: `left` when a choice exists but no longer holds. */
async function orgChoice(client: TeamViewerClient, token: string, users?: TvUser[]): Promise<Choice> {
  const stored = await getLocal<StoredTechnician>(LOCAL_KEYS.technician);
  if (!stored) return { left: false };
  const fp = await fingerprint(token);
  if (stored.left || (stored.fingerprint && stored.fingerprint !== fp)) return { left: true };
  const technician = { userid: stored.userid, name: stored.name };
  const fresh = stored.fingerprint === fp && Date.now() - Date.parse(stored.checkedAt ?? '') < RECHECK_MS;
  if (fresh && !users) return { technician };
  let list = users;
  if (!list) {
    try {
      list = await client.users();
    } catch {
      // TeamViewer did not answer: a choice already checked under this token stands until it does.
      return stored.fingerprint === fp ? { technician } : { left: false };
    }
  }
  const user = list.find((u) => u.id === stored.userid);
  await updateLocal<StoredTechnician>(LOCAL_KEYS.technician, (cur) => (cur?.userid === stored.userid
    ? { userid: stored.userid, name: user?.name ?? stored.name, fingerprint: fp, checkedAt: new Date().toISOString(), ...(user ? {} : { left: true }) }
    : cur));
  return user ? { technician: { userid: user.id, name: user.name } } : { left: true };
}

/** The technician new cases are assigned to; undefined when a shared token has no (valid) choice. */
export async function currentTechnician(): Promise<Technician | undefined> {
  const creds = await readCredentials();
  if (!creds) return undefined;
  if (creds.source === 'personal') return { userid: creds.account.userid, name: creds.account.name };
  const { client } = await connectedClient();
  return (await orgChoice(client, creds.token)).technician;
}

/** For a new case: the technician, or why there is none (never chosen, or to choose again). */
export async function requireTechnician(): Promise<Technician> {
  const creds = await readCredentials();
  if (!creds) throw AppError.of('not_connected');
  if (creds.source === 'personal') return { userid: creds.account.userid, name: creds.account.name };
  const { client } = await connectedClient();
  const choice = await orgChoice(client, creds.token);
  if (choice.technician) return choice.technician;
  throw AppError.of(choice.left ? 'technician_left' : 'technician_unknown');
}

export async function technicianView(): Promise<TechnicianView> {
  const creds = await readCredentials();
  if (!creds) return { mode: 'none', users: [] };
  if (creds.source === 'personal') return { mode: 'personal', users: [], chosen: { userid: creds.account.userid, name: creds.account.name } };
  const { client } = await connectedClient();
  const users = await client.users();
  const chosen = (await orgChoice(client, creds.token, users)).technician;
  const seen = await signedInName();
  const matches = seen ? users.filter((u) => norm(u.name) === norm(seen)) : [];
  return {
    mode: 'organisation', users: users.map((u) => ({ userid: u.id, name: u.name, ...(u.email ? { email: u.email } : {}) })),
    ...(chosen ? { chosen } : {}),
    ...(matches.length === 1 ? { suggested: matches[0]!.id } : {}),
  };
}

export async function chooseTechnician(userid: string): Promise<TechnicianView> {
  const creds = await readCredentials();
  const { client, source } = await connectedClient();
  if (source !== 'organisation' || !creds) throw AppError.of('bad_request_message', 'only with the organisation\'s token');
  const user: TvUser | undefined = (await client.users()).find((u) => u.id === userid);
  if (!user) throw AppError.of('bad_request_message', 'unknown user');
  await setLocal(LOCAL_KEYS.technician, { userid: user.id, name: user.name, fingerprint: await fingerprint(creds.token), checkedAt: new Date().toISOString() } satisfies StoredTechnician);
  return technicianView();
}

/** The signed-in user's name, as the latest help-desk page showed it (site profile `signedInUser`). */
export async function rememberSignedInName(name: string): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.signedInName]: name.slice(0, 200) });
}

async function signedInName(): Promise<string | undefined> {
  return (await browser.storage.session.get(SESSION_KEYS.signedInName))[SESSION_KEYS.signedInName] as string | undefined;
}
