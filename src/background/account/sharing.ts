// Sharing the BOSS group with the other support users (Management Console: the group's sharing),
// so that they see its service cases and, with TeamViewer's "Notify of service case changes", are
// notified of them. Needs the token's Group management permissions: a 403 names them.
import { AppError } from '../../shared/app-error';
import { TvError } from '../../shared/teamviewer/errors';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import type { GroupSharingView } from '../../shared/protocol';
import { currentPolicy } from '../config/settings';
import { connectedClient, type CredentialSource } from './credentials';
import { ensureGroup, findGroup } from './group';

const groupsPermission = (e: unknown): never => {
  if (e instanceof TvError && e.kind === 'forbidden') throw AppError.of('forbidden', 'groups');
  throw e;
};

/** The organisation's group is the administrator's: with its token, sharing is changed here only
 *  when the policy allows it (`allowSharing`). A personal token's owner decides for their own. */
async function mayChange(source: CredentialSource): Promise<boolean> {
  return source === 'personal' || (await currentPolicy()).allowSharing;
}

async function view(client: TeamViewerClient, groupid: string | undefined, readOnly: boolean): Promise<GroupSharingView> {
  const [group, users] = await Promise.all([groupid ? client.getGroup(groupid) : undefined, client.users()]);
  return {
    groupid: groupid ?? '',
    ...(readOnly ? { readOnly: true } : {}),
    users: users.map((u) => ({ userid: u.id, name: u.name, ...(u.email ? { email: u.email } : {}) })),
    sharedWith: (group?.shared_with ?? []).map((s) => ({ userid: s.userid, permissions: s.permissions, ...(s.name ? { name: s.name } : {}), ...(s.pending ? { pending: true } : {}) })),
  };
}

/** `create`: find or create the group (sharing it); otherwise only look (viewing the options page
 *  must not create anything in TeamViewer: the group is made by the first case or the first share). */
async function withGroup<T>(change: 'look' | 'share' | 'unshare', fn: (client: TeamViewerClient, groupid: string | undefined, readOnly: boolean) => Promise<T>): Promise<T> {
  const { client, account, source } = await connectedClient();
  const allowed = await mayChange(source);
  if (change !== 'look' && !allowed) throw AppError.of('managed_by_policy');
  try {
    const groupid = change === 'share' ? await ensureGroup(client, account.userid) : await findGroup(client, account.userid);
    return await fn(client, groupid, !allowed);
  } catch (e) {
    return groupsPermission(e);
  }
}

const USER_ID = /^u\d+$/;
const checkedIds = (ids: unknown): string[] => {
  const list = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string' && USER_ID.test(x)) : [];
  if (!list.length || list.length > 200) throw AppError.of('bad_request_message', 'userids');
  return list;
};

export const groupSharing = () => withGroup('look', view);

export function shareGroup(userids: unknown, permissions: unknown): Promise<GroupSharingView> {
  const ids = checkedIds(userids);
  const perm = permissions === 'readwrite' ? 'readwrite' : 'read';
  return withGroup('share', async (client, groupid, readOnly) => {
    await client.shareGroup(groupid!, ids.map((userid) => ({ userid, permissions: perm })));
    return view(client, groupid, readOnly);
  });
}

export function unshareGroup(userids: unknown): Promise<GroupSharingView> {
  const ids = checkedIds(userids);
  return withGroup('unshare', async (client, groupid, readOnly) => {
    if (!groupid) return view(client, groupid, readOnly);
    await client.unshareGroup(groupid, ids);
    return view(client, groupid, readOnly);
  });
}
