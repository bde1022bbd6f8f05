// Which TeamViewer user this browser works for. With a personal token: the token's own user. With
// the organisation's shared token every technician's browser uses one account, so each technician
// picks themselves once from the company's users (GET /users); the options page pre-selects the
// user whose name the help desk shows as signed in.
import { AppError } from '../../shared/app-error';
import type { TvUser } from '../../shared/teamviewer/types';
import type { TechnicianView } from '../../shared/protocol';
import { LOCAL_KEYS, SESSION_KEYS } from '../store/keys';
import { getLocal, setLocal } from '../store/local';
import browser from 'webextension-polyfill';
import { connectedClient, readCredentials } from './credentials';

export interface Technician { userid: string; name: string }

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** The technician new cases are assigned to; undefined when a shared token has no choice yet. */
export async function currentTechnician(): Promise<Technician | undefined> {
  const creds = await readCredentials();
  if (!creds) return undefined;
  if (creds.source === 'personal') return { userid: creds.account.userid, name: creds.account.name };
  return getLocal<Technician>(LOCAL_KEYS.technician);
}

export async function technicianView(): Promise<TechnicianView> {
  const creds = await readCredentials();
  if (!creds) return { mode: 'none', users: [] };
  if (creds.source === 'personal') return { mode: 'personal', users: [], chosen: { userid: creds.account.userid, name: creds.account.name } };
  const { client } = await connectedClient();
  const users = await client.users();
  const chosen = await getLocal<Technician>(LOCAL_KEYS.technician);
  const seen = await signedInName();
  const matches = seen ? users.filter((u) => norm(u.name) === norm(seen)) : [];
  return {
    mode: 'organisation', users: users.map((u) => ({ userid: u.id, name: u.name, ...(u.email ? { email: u.email } : {}) })),
    ...(chosen ? { chosen } : {}),
    ...(matches.length === 1 ? { suggested: matches[0]!.id } : {}),
  };
}

export async function chooseTechnician(userid: string): Promise<TechnicianView> {
  const { client, source } = await connectedClient();
  if (source !== 'organisation') throw AppError.of('bad_request_message', 'only with the organisation\'s token');
  const user: TvUser | undefined = (await client.users()).find((u) => u.id === userid);
  if (!user) throw AppError.of('bad_request_message', 'unknown user');
  await setLocal(LOCAL_KEYS.technician, { userid: user.id, name: user.name } satisfies Technician);
  return technicianView();
}

/** The signed-in user's name, as the latest help-desk page showed it (site profile `signedInUser`). */
export async function rememberSignedInName(name: string): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.signedInName]: name.slice(0, 200) });
}

async function signedInName(): Promise<string | undefined> {
  return (await browser.storage.session.get(SESSION_KEYS.signedInName))[SESSION_KEYS.signedInName] as string | undefined;
}
