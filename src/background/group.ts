// The "BOSS" group in Computers & Contacts: looked up by exact name, created once, id cached.
import type { TeamViewerClient } from '../shared/teamviewer/client';
import { getLocal, removeLocal, setLocal } from './storage';

export const GROUP_NAME = 'BOSS';

interface CachedGroup { id: string; userid: string }

/** One lookup-or-create at a time: starts on two tickets at once must not create two groups. */
let inFlight: Promise<string> | undefined;

export function ensureGroup(client: TeamViewerClient, userid: string): Promise<string> {
  inFlight ??= (async () => {
    const cached = await getLocal<CachedGroup>('group');
    // A change of administrator (new token, other account) must find or create its own group.
    if (cached && cached.userid === userid) return cached.id;
    const group = (await client.findGroupByName(GROUP_NAME)) ?? (await client.createGroup(GROUP_NAME));
    await setLocal({ group: { id: group.id, userid } satisfies CachedGroup });
    return group.id;
  })().finally(() => (inFlight = undefined));
  return inFlight;
}

/** Called when TeamViewer says the cached group no longer exists. */
export const forgetGroup = () => removeLocal('group');
