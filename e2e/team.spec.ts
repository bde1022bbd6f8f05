// Team mode with a personal token: each case carries its technician's assigned_userid, and the
// options page shares and unshares the BOSS group with other support users (in the sandbox's state).
import { connectToken, expect, startFromWidget, test } from './fixtures';

test('a case started with a personal token is assigned to the token\'s own user', async ({ page, extensionId, sandbox, desk }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  // No "who are you" choice with a personal token: the token's user is the technician.
  await expect(page.getByTestId('technician')).toHaveCount(0);
  const code = await startFromWidget(page, desk.ticketUrl('1042'));
  const s = (await sandbox.state()).sessions.find((x) => x.code === code) as unknown as { assigned_userid: string };
  expect(s.assigned_userid).toBe('u11293276');
});

test('sharing the BOSS group with chosen technicians, read or read-write, and unsharing', async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  const sharing = page.getByTestId('sharing');
  // Looking creates nothing in TeamViewer: the group comes with the first case, or the first share.
  await expect(sharing.getByTestId('not-shared')).toContainText('does not exist yet');
  expect((await sandbox.state()).groups).toHaveLength(0);
  await sharing.getByLabel(/Arya Stark/).check();
  await sharing.getByLabel(/Samwell Tarly/).check();
  await sharing.getByLabel('Allow them to change cases too (read and write)').check();
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(sharing.getByTestId('share-row')).toHaveCount(2);
  const shared = async () => (await sandbox.call<{ groups: { name: string; shared_with: { userid: string; permissions: string }[] }[] }>('GET', '/state'))
    .groups.find((g) => g.name === 'BOSS')!.shared_with.map((s) => `${s.userid}:${s.permissions}`).sort();
  expect(await shared()).toEqual(['u22334455:readwrite', 'u33445566:readwrite']);

  await sharing.getByTestId('share-row').filter({ hasText: 'Arya Stark' }).getByRole('button', { name: 'Stop sharing' }).click();
  await expect(sharing.getByTestId('share-row')).toHaveCount(1);
  expect(await shared()).toEqual(['u33445566:readwrite']);
});

test('sharing without the token\'s group permission says which permission is missing', async ({ page, extensionId, sandbox }) => {
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  await sandbox.fault({ method: 'POST', path: 'share_group$', status: 403, body: { error: 'invalid_permission', error_code: 403 } });
  const sharing = page.getByTestId('sharing');
  await sharing.getByLabel(/Arya Stark/).check();
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(sharing.getByTestId('connect-error')).toHaveAttribute('data-code', 'forbidden');
  await expect(sharing.getByTestId('connect-error')).toContainText('Group management');
});
