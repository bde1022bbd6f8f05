// The "BOSS" group in Computers & Contacts: looked up by exact name, created once, id cached per
// TeamViewer user (a change of administrator finds or creates its own group). Browsers that share
// a token may each create one at the same moment: after creating, each looks the name up again and
// settles on the oldest group (the client's findGroupByName), so that they all converge on one and
// nobody's cases are out of the others' sight; the group it created in vain is deleted.
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { createKeyedLock } from '../../shared/keyed-lock';
import { LOCAL_KEYS } from '../store/keys';
import { getLocal, removeLocal, setLocal } from '../store/local';

export const GROUP_NAME = 'BOSS';

interface CachedGroup { id: string; userid: string }

/** One lookup-or-create at a time: starts on two tickets at once must not create two groups. */
const once = createKeyedLock();

export function ensureGroup(client: TeamViewerClient, userid: string): Promise<string> {
  return once('group', async () => {
    const cached = await getLocal<CachedGroup>(LOCAL_KEYS.group);
    if (cached && cached.userid === userid) return cached.id;
    let group = await client.findGroupByName(GROUP_NAME);
    if (!group) {
      const created = await client.createGroup(GROUP_NAME);
      group = (await client.findGroupByName(GROUP_NAME).catch(() => undefined)) ?? created;
      if (group.id !== created.id) await client.deleteGroup(created.id).catch((e) => console.warn('spare BOSS group not deleted', created.id, e));
    }
    await setLocal(LOCAL_KEYS.group, { id: group.id, userid } satisfies CachedGroup);
    return group.id;
  });
}

/** The group's id without creating it: the cache, else a look-up by name (cached when found). For
 *  a browser that only watches: colleagues' cases are in the group before it starts one itself. */
export function findGroup(client: TeamViewerClient, userid: string, opts: { fresh?: boolean } = {}): Promise<string | undefined> {
  return once('group', async () => {
    const cached = await getLocal<CachedGroup>(LOCAL_KEYS.group);
    // `fresh` (the sync, once an hour): by name all the same, so a browser holding another id settles too.
    if (cached && cached.userid === userid && !opts.fresh) return cached.id;
    const group = await client.findGroupByName(GROUP_NAME);
    if (group) await setLocal(LOCAL_KEYS.group, { id: group.id, userid } satisfies CachedGroup);
    return group?.id ?? (cached?.userid === userid ? cached.id : undefined);
  });
}

/** The cached group id, if any (no TeamViewer call). */
export async function cachedGroupId(): Promise<string | undefined> {
  return (await getLocal<CachedGroup>(LOCAL_KEYS.group))?.id;
}

/** TeamViewer says the cached group no longer exists, or the token was forgotten. */
export const forgetGroup = () => removeLocal(LOCAL_KEYS.group);
