// Before the token is forgotten: the open cases an admin should close first, here and in TeamViewer.
import { parseCaseMetadata } from '../../shared/case';
import type { OpenCaseItem } from '../../shared/protocol';
import { ticketLabel } from '../../shared/ticket';
import { stopCase } from '../cases/cases';
import { activeCases } from '../store/history';
import { connectedClient } from './credentials';
import { cachedGroupId } from './group';

export async function openCases(): Promise<OpenCaseItem[]> {
  const local = (await activeCases()).filter((c) => c.code);
  const items: OpenCaseItem[] = local.map((c) => ({
    code: c.code!, ticketKey: c.ticketKey, source: 'history',
    label: ticketLabel(c.ticket.fields, c.ticket.id),
  }));
  try {
    // Cases of the BOSS group that this browser does not know (another technician's browser, a
    // reinstall): still open in TeamViewer under this token.
    const groupid = await cachedGroupId();
    if (groupid) {
      const { client } = await connectedClient();
      const known = new Set(items.map((i) => i.code));
      for (const s of await client.listOpenSessions(groupid)) {
        if (known.has(s.code)) continue;
        const meta = parseCaseMetadata(s.custom_api);
        items.push({
          code: s.code, source: 'teamviewer', ...(meta ? { ticketKey: meta.ticketKey } : {}),
          label: meta ? ticketLabel(meta.ticket) || s.code : (s.description ?? s.code),
        });
      }
    }
  } catch {
    /* TeamViewer unreachable or the token already revoked: offer what history knows */
  }
  return items;
}

/** Closes every open case it can (comments are posted as for a normal stop); returns what is left. */
export async function closeOpenCases(): Promise<OpenCaseItem[]> {
  for (const item of await openCases()) {
    // The administrator saw the list (colleagues' cases included) and chose to close them all.
    if (item.source === 'history' && item.ticketKey) await stopCase(item.ticketKey, { confirmColleague: true });
    else {
      const { client } = await connectedClient();
      await client.closeSession(item.code).catch(() => undefined);
    }
  }
  return openCases();
}
