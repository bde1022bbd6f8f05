// The "BOSS" group in Computers & Contacts: looked up by exact name, created once, id cached per
// TeamViewer user (a change of administrator finds or creates its own group).
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
    const group = (await client.findGroupByName(GROUP_NAME)) ?? (await client.createGroup(GROUP_NAME));
    await setLocal(LOCAL_KEYS.group, { id: group.id, userid } satisfies CachedGroup);
    return group.id;
  });
}

/** The group's id without creating it: the cache, else a look-up by name (cached when found). For
 *  a browser that only watches: colleagues' cases are in the group before it starts one itself. */
export function findGroup(client: TeamViewerClient, userid: string): Promise<string | undefined> {
  return once('group', async () => {
    const cached = await getLocal<CachedGroup>(LOCAL_KEYS.group);
    if (cached && cached.userid === userid) return cached.id;
    const group = await client.findGroupByName(GROUP_NAME);
    if (group) await setLocal(LOCAL_KEYS.group, { id: group.id, userid } satisfies CachedGroup);
    return group?.id;
  });
}

/** The cached group id, if any (no TeamViewer call). */
export async function cachedGroupId(): Promise<string | undefined> {
  return (await getLocal<CachedGroup>(LOCAL_KEYS.group))?.id;
}

/** TeamViewer says the cached group no longer exists, or the token was forgotten. */
export const forgetGroup = () => removeLocal(LOCAL_KEYS.group);
