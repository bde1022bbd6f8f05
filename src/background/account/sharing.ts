// Sharing the BOSS group with the other support users (Management Console: the group's sharing),
// so that they see its service cases and, with TeamViewer's "Notify of service case changes", are
// notified of them. Needs the token's Group management permissions: a 403 names them.
import { AppError } from '../../shared/app-error';
import { TvError } from '../../shared/teamviewer/errors';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import type { GroupSharingView } from '../../shared/protocol';
import { connectedClient } from './credentials';
import { ensureGroup, findGroup } from './group';

const groupsPermission = (e: unknown): never => {
  if (e instanceof TvError && e.kind === 'forbidden') throw AppError.of('forbidden', 'groups');
  throw e;
};

async function view(client: TeamViewerClient, groupid: string | undefined): Promise<GroupSharingView> {
  const [group, users] = await Promise.all([groupid ? client.getGroup(groupid) : undefined, client.users()]);
  return {
    groupid: groupid ?? '',
    users: users.map((u) => ({ userid: u.id, name: u.name, ...(u.email ? { email: u.email } : {}) })),
    sharedWith: (group?.shared_with ?? []).map((s) => ({ userid: s.userid, permissions: s.permissions, ...(s.name ? { name: s.name } : {}), ...(s.pending ? { pending: true } : {}) })),
  };
}

/** `create`: find or create the group (sharing it); otherwise only look (viewing the options page
 *  must not create anything in TeamViewer: the group is made by the first case or the first share). */
async function withGroup<T>(create: boolean, fn: (client: TeamViewerClient, groupid: string | undefined) => Promise<T>): Promise<T> {
  const { client, account } = await connectedClient();
  try {
    const groupid = create ? await ensureGroup(client, account.userid) : await findGroup(client, account.userid);
    return await fn(client, groupid);
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

export const groupSharing = () => withGroup(false, view);

export function shareGroup(userids: unknown, permissions: unknown): Promise<GroupSharingView> {
  const ids = checkedIds(userids);
  const perm = permissions === 'readwrite' ? 'readwrite' : 'read';
  return withGroup(true, async (client, groupid) => {
    await client.shareGroup(groupid!, ids.map((userid) => ({ userid, permissions: perm })));
    return view(client, groupid);
  });
}

export function unshareGroup(userids: unknown): Promise<GroupSharingView> {
  const ids = checkedIds(userids);
  return withGroup(false, async (client, groupid) => {
    if (!groupid) return view(client, groupid);
    await client.unshareGroup(groupid, ids);
    return view(client, groupid);
  });
}
