// Checking a script token before it is used: accepted (ping), its account and licence, and one
// read call per permission the product needs. The same checks for a personal token and for the
// organisation's.
import { AppError } from '../../shared/app-error';
import type { TeamViewerClient } from '../../shared/teamviewer/client';
import { TvError } from '../../shared/teamviewer/errors';
import type { TvAccount } from '../../shared/teamviewer/types';
import type { AccountView } from '../../shared/protocol';

/** Licences the integration is sold for (see the seed: Premium and Corporate). */
const SUPPORTED_LICENSES = /premium|corporate|tensor|enterprise/i;

/** The read calls the product needs, each named after the permission that allows it. */
const PERMISSION_PROBES: [permission: string, call: (c: TeamViewerClient) => Promise<unknown>][] = [
  ['groups', (c) => c.findGroupByName('BOSS')],
  ['sessions', (c) => c.request('GET', '/sessions', { query: { state: 'open', groupid: undefined } })],
  ['reports', (c) => c.request('GET', '/reports/connections', { query: { has_code: 'true' } })],
];

export async function verifyToken(client: TeamViewerClient): Promise<TvAccount> {
  if (!(await client.ping())) throw AppError.of('invalid_token');
  const acc = await client.account();
  const license = acc.license?.type ?? '';
  if (acc.license && (acc.license.isactive === false || !SUPPORTED_LICENSES.test(license))) {
    throw AppError.of('license_unsupported', `${license || '?'}${acc.license.isactive === false ? ' (inactive)' : ''}`);
  }
  const missing: string[] = [];
  for (const [permission, probe] of PERMISSION_PROBES) {
    try {
      await probe(client);
    } catch (e) {
      if (e instanceof TvError && e.kind === 'forbidden') missing.push(permission);
      else throw e;
    }
  }
  if (missing.length) throw AppError.of('forbidden', missing.join(','));
  return acc;
}

export function accountView(acc: TvAccount): AccountView {
  const license = acc.license?.type ?? '';
  return {
    userid: acc.userid, name: acc.name, email: acc.email,
    ...(acc.company_name ? { company: acc.company_name } : {}),
    ...(license ? { license } : {}),
  };
}
