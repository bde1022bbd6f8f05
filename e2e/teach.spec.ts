// "Teach on this page" on the Hub layout, where every class name is generated (and changes at every
// server start), fields have no ids and labels sit in dl/dt/dd and table cells: the administrator
// clicks every part (no JSON typed), checks on a second ticket, saves; then the whole path works,
// also after the desk restarts with new class names.
import { test, expect, connectToken, widget, parseMeta, DeskControl } from './fixtures';
import { loadSeed, type DeskHandle } from './servers/desk';
import { hubTicket, openPicker, partRow, pick, picker, shootPicker, startHub } from './teach-helpers';

const START = 'Start TeamViewer session';
const STOP = 'Stop TeamViewer session';
const REFUSED = 'Close the TeamViewer service case before closing this ticket.';

let hub: DeskHandle | undefined;
test.afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

test('teach every part by clicking, check on another ticket, save: the whole path works, and again after the desk restarts with new class names', async ({ page, extensionId, sandbox }) => {
  test.setTimeout(120_000);
  await connectToken(page, extensionId, sandbox);
  await expect(page.getByTestId('account')).toBeVisible();
  hub = await startHub();
  const origin = hub.url;
  const tab = await openPicker(page, extensionId, hub);
  const tk = loadSeed().find((t) => t.id === 1042)!;
  const main = tab.locator('body main');
  const dl = main.locator('dl');
  const people = main.locator('table');

  // Every class on the page is generated: nothing to anchor on but labels and structure.
  const classes = await tab.evaluate(() => [...document.querySelectorAll('body [class]')].flatMap((e) => [...e.classList]));
  expect(classes.length).toBeGreaterThan(20);
  expect(classes.every((c) => /^css-[a-z0-9]+$/.test(c))).toBe(true);

  await pick(tab, 'number', main.getByText('#1042', { exact: true }), '1042');
  await pick(tab, 'title', main.getByRole('heading', { level: 1 }), tk.title.en);
  await pick(tab, 'category', dl.getByText(tk.category.en, { exact: true }), tk.category.en);
  await pick(tab, 'type', dl.getByText(tk.type.en, { exact: true }), tk.type.en);
  await pick(tab, 'priority', dl.getByText(tk.priority.en, { exact: true }), tk.priority.en);
  await pick(tab, 'source', dl.getByText(tk.source.en, { exact: true }), tk.source.en);
  await pick(tab, 'requesterName', people.getByText(tk.requester.name, { exact: true }), tk.requester.name);
  await pick(tab, 'requesterEmail', people.getByText(tk.requester.email!, { exact: true }), tk.requester.email!);
  await pick(tab, 'technician', people.getByText(tk.technician, { exact: true }), tk.technician);
  await pick(tab, 'status', dl.getByText('Open', { exact: true }), 'Open');
  // This desk shows no computer of the requester (issue 19's optional field): skipped.
  await picker(tab).getByRole('button', { name: 'Skip: Requester\'s computer (asset)' }).click();
  await pick(tab, 'signedInUser', tab.locator('body > header').getByText('Marta Gómez'), 'Marta Gómez');
  await pick(tab, 'mount', tab.locator('aside section[aria-label="Integrations"] > div'), 'found');
  await pick(tab, 'commentField', main.getByPlaceholder('Write a note…'), 'found');
  await pick(tab, 'commentSubmit', main.getByRole('button', { name: 'Add note' }), 'found');
  await pick(tab, 'commentInternal', main.getByRole('checkbox'), 'found');
  await pick(tab, 'replySubject', main.getByPlaceholder('Subject'), 'found');
  await pick(tab, 'replyBody', main.getByPlaceholder('Message to the requester'), 'found');
  await pick(tab, 'replySend', main.getByRole('button', { name: 'Send' }), 'found');
  // A click on "Close ticket" picks it: the ticket is not closed.
  await pick(tab, 'closeControl', main.getByRole('button', { name: 'Close ticket' }), 'found');
  await pick(tab, 'statusSelect', main.getByRole('combobox'), 'found');
  expect(await new DeskControl(hub).get<unknown[]>('/api/status-changes')).toEqual([]);
  // The drop-down saves on change: no apply button to teach.
  await picker(tab).getByRole('button', { name: 'Skip: Close: apply button' }).click();
  await expect(partRow(tab, 'statusApply')).toHaveAttribute('data-state', 'skipped');
  // Closed values proposed from the drop-down's options.
  await expect(picker(tab).getByRole('checkbox', { name: 'Closed' })).toBeChecked();
  await expect(picker(tab).getByRole('checkbox', { name: 'Resolved' })).toBeChecked();
  await expect(picker(tab).getByRole('checkbox', { name: 'Open' })).not.toBeChecked();
  // The address in words, from the hash route.
  await expect(picker(tab).getByTestId('url-words')).toHaveText('Any address like /hub/#/tickets/<number>');

  // Check on another ticket: a link of the page.
  await picker(tab).getByRole('button', { name: /^#1043 / }).click();
  await expect(picker(tab).getByTestId('check-summary')).toHaveText('Every part was found on ticket 1043.');
  const tk2 = loadSeed().find((t) => t.id === 1043)!;
  await expect(partRow(tab, 'title').getByTestId('part-there')).toHaveText(`On the other ticket: ${tk2.title.en}`);
  await expect(partRow(tab, 'requesterEmail').getByTestId('part-there')).toHaveText(`On the other ticket: ${tk2.requester.email}`);
  await shootPicker(tab);

  await picker(tab).getByRole('button', { name: 'Save' }).click();
  await expect(picker(tab)).toHaveCount(0);
  // The widget is on the page at once (no reload), in the integrations box.
  const w = widget(tab);
  await expect(tab.locator('aside section[aria-label="Integrations"] tv4boss-widget')).toHaveCount(1);
  await expect(w.getByRole('button', { name: START })).toBeVisible();
  // The JSON is in "Edit profile": labels where there are labels, no generated class anywhere.
  const saved = await page.evaluate(async (o) => {
    const r = await chrome.runtime.sendMessage({ type: 'sites/list' });
    return r.data.sites.find((s: { origin: string }) => s.origin === o).profile;
  }, origin);
  expect(saved.ticketUrl).toEqual([{ path: '^/hub/$', hash: '^/tickets/(?<id>\\d+)(?=[/?&]|$)' }]);
  expect(saved.fields.category).toEqual({ labels: ['Category'] });
  expect(saved.fields.requesterEmail).toEqual({ labels: ['Requester email'] });
  expect(saved.fields.number.pattern).toBe('(\\d+)');
  expect(JSON.stringify(saved)).not.toMatch(/css-/);

  // The whole path: play, the customer email, close refused while open, stop with the comment, close allowed.
  const deskApi = new DeskControl(hub);
  await w.getByRole('button', { name: START }).click();
  await expect(w.getByTestId('code')).toHaveText(/^s[\d-]+$/);
  const [s] = (await sandbox.state()).sessions;
  expect(parseMeta(s!.custom_api).ticket).toMatchObject({ title: tk.title.en, category: tk.category.en, requesterEmail: tk.requester.email, technician: tk.technician });
  await expect.poll(async () => (await deskApi.replies('1042')).length).toBe(1);
  expect((await deskApi.replies('1042'))[0]!.to).toBe(tk.requester.email);
  await tab.getByRole('button', { name: 'Close ticket' }).click();
  await expect(w.getByTestId('close-refused')).toHaveText(REFUSED);
  await main.getByRole('combobox').selectOption('closed');
  await expect(main.getByRole('combobox')).toHaveValue('open');
  expect(await deskApi.get<unknown[]>('/api/status-changes?ticket=1042')).toEqual([]);
  await w.getByRole('button', { name: STOP }).click();
  await expect(w.getByRole('button', { name: START })).toBeVisible();
  await expect.poll(async () => (await deskApi.comments('1042')).length).toBe(1);
  expect((await deskApi.comments('1042'))[0]!.text).toContain(s!.code);
  await tab.getByRole('button', { name: 'Close ticket' }).click();
  await expect.poll(async () => (await deskApi.get<{ to: string }[]>('/api/status-changes?ticket=1042')).map((c) => c.to)).toEqual(['closed']);

  // Restart the desk on the same address: new build, new class names; the same profile works.
  const before = await tab.locator('body main h1').getAttribute('class');
  const port = Number(new URL(origin).port);
  const oldBuild = hub.build;
  await hub.close();
  hub = await startHub(port);
  expect(hub.build).not.toBe(oldBuild);
  await tab.goto(hubTicket(hub, '1043'));
  await tab.reload();
  await expect(tab.locator('body main h1')).toHaveText(tk2.title.en);
  expect(await tab.locator('body main h1').getAttribute('class')).not.toBe(before);
  await expect(widget(tab).getByRole('button', { name: START })).toBeVisible();
  await widget(tab).getByRole('button', { name: START }).click();
  await expect(widget(tab).getByTestId('code')).toHaveText(/^s[\d-]+$/);
  const second = (await sandbox.state()).sessions.find((x) => parseMeta(x.custom_api).ticket.number === '1043');
  expect(parseMeta(second!.custom_api).ticket).toMatchObject({ title: tk2.title.en, requesterName: tk2.requester.name, status: 'Open' });
});

test('the picker: Esc cancels the part, Skip, re-pick in any order, arrow keys move to the parent and back, a part failing on the second ticket is marked to re-pick', async ({ page, extensionId }) => {
  test.setTimeout(120_000);
  hub = await startHub();
  const tab = await openPicker(page, extensionId, hub);
  const main = tab.locator('body main');
  const tk = loadSeed().find((t) => t.id === 1042)!;

  // Esc: the number is no longer being picked; a click on the page then picks nothing (and the page gets it).
  await expect(partRow(tab, 'number')).toHaveAttribute('data-state', 'picking');
  await tab.keyboard.press('Escape');
  await expect(partRow(tab, 'number')).toHaveAttribute('data-state', 'todo');
  await main.getByRole('heading', { level: 1 }).click();
  await expect(picker(tab).locator('[data-state=picked], [data-state=picking]')).toHaveCount(0);

  // Pick from the panel, then the next part follows by itself.
  await picker(tab).getByRole('button', { name: 'Pick: Number' }).click();
  await pick(tab, 'number', main.getByText('#1042', { exact: true }), '1042');
  await pick(tab, 'title', main.getByRole('heading', { level: 1 }), tk.title.en);
  // ↑: the category pick moves to its parent (label and value together), ↓ back to the value.
  const category = main.locator('dl').getByText(tk.category.en, { exact: true });
  await pick(tab, 'category', category, tk.category.en);
  await expect(partRow(tab, 'category').getByTestId('part-rule')).toHaveText('by its label “Category”');
  await tab.keyboard.press('ArrowUp');
  await expect(partRow(tab, 'category').getByTestId('part-value')).toHaveText(`Category${tk.category.en}`);
  await expect(partRow(tab, 'category').getByTestId('part-rule')).not.toHaveText(/label/);
  await tab.keyboard.press('ArrowDown');
  await expect(partRow(tab, 'category').getByTestId('part-value')).toHaveText(tk.category.en);
  await expect(partRow(tab, 'category').getByTestId('part-rule')).toHaveText('by its label “Category”');
  // Re-pick an earlier part: the title, picked on the category's value by mistake, then right.
  await picker(tab).getByRole('button', { name: 'Re-pick: Title' }).click();
  await pick(tab, 'title', category, tk.category.en);
  await picker(tab).getByRole('button', { name: 'Re-pick: Title' }).click();
  await pick(tab, 'title', main.getByRole('heading', { level: 1 }), tk.title.en);

  // Skip an optional part: the next one is asked for.
  await picker(tab).getByRole('button', { name: 'Pick: Type' }).click();
  await picker(tab).getByRole('button', { name: 'Skip: Type' }).click();
  await expect(partRow(tab, 'type')).toHaveAttribute('data-state', 'skipped');
  await expect(partRow(tab, 'priority')).toHaveAttribute('data-state', 'picking');
  // Required parts cannot be skipped.
  await expect(picker(tab).getByRole('button', { name: 'Skip: Number' })).toHaveCount(0);

  // In any order: the requester's email now, the type (skipped) after all.
  await picker(tab).getByRole('button', { name: 'Pick: Requester email' }).click();
  await pick(tab, 'requesterEmail', main.locator('table').getByText(tk.requester.email!, { exact: true }), tk.requester.email!);
  await picker(tab).getByRole('button', { name: 'Pick: Type' }).click();
  await pick(tab, 'type', main.locator('dl').getByText(tk.type.en, { exact: true }), tk.type.en);

  // Ticket 1045 has no requester email: checked there, that part is marked to re-pick.
  await picker(tab).getByRole('textbox', { name: 'Address of another ticket' }).fill(hubTicket(hub, '1045'));
  await picker(tab).getByRole('button', { name: 'Check', exact: true }).click();
  await expect(picker(tab).getByTestId('check-summary')).toHaveText('1 part(s) not found on the other ticket: re-pick them here.');
  await expect(partRow(tab, 'requesterEmail')).toHaveAttribute('data-state', 'failed');
  await expect(partRow(tab, 'requesterEmail').getByTestId('part-there')).toHaveText('Not found on the other ticket: re-pick it.');
  await expect(partRow(tab, 'title')).toHaveAttribute('data-state', 'picked');
  await picker(tab).getByRole('button', { name: 'Re-pick: Requester email' }).click();
  await pick(tab, 'requesterEmail', main.locator('table').getByText(tk.requester.email!, { exact: true }), tk.requester.email!);

  // Saving without the mount point says what is missing; nothing is saved.
  await picker(tab).getByRole('button', { name: 'Save' }).click();
  await expect(picker(tab).getByRole('alert')).toHaveText('Pick these first: Where the widget goes');
  // Closing the panel gives the page back.
  await picker(tab).getByRole('button', { name: 'Close without saving' }).click();
  await expect(picker(tab)).toHaveCount(0);
  expect(await tab.evaluate(() => document.documentElement.style.marginRight)).toBe('');
});
