// The demo BOSS help desk server (e2e/servers/desk.ts): page routes, static files, JSON API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDesk, type DeskComment, type DeskHandle, type DeskReply, type DeskTicket, type StatusChange } from '../e2e/servers/desk.ts';

let desk: DeskHandle;

beforeAll(async () => {
  desk = await startDesk({ port: 0 });
});
afterAll(async () => {
  await desk.close();
});
beforeEach(async () => {
  await post('/api/reset', {});
});

async function get<T = unknown>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(desk.url + path);
  return { status: res.status, body: (await res.json()) as T };
}

async function post<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(desk.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('pages and static files', () => {
  it('serves index.html for every page route', async () => {
    for (const path of [
      '/',
      '/app/en/tickets',
      '/app/es/tickets/',
      '/app/en/tickets/1042',
      '/app/es/tickets/1043?theme=dark&sidebarDelay=500&churn=1',
      '/BOSSSupportCentral/ServiceRecord.aspx?id=1042&lang=es',
      '/BOSSSupportCentral/ServiceRecords.aspx?lang=en',
      '/bosssupportcentral/servicerecord.aspx?id=1044',
    ]) {
      const res = await fetch(desk.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text(), path).toContain('<script type="module" src="/desk/app.js">');
    }
  });

  it('serves the app, the stylesheets and the seed', async () => {
    const types: Record<string, RegExp> = {
      '/desk/app.js': /javascript/, '/desk/cloud.css': /text\/css/, '/desk/onprem.css': /text\/css/, '/desk/tickets.json': /json/,
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(desk.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      await res.arrayBuffer();
    }
  });

  it('answers 404 to anything else', async () => {
    for (const path of ['/nope', '/app/fr/tickets', '/app/en/tickets/abc', '/desk/index.html', '/desk/../servers/desk.ts', '/desk/%2e%2e%2fpackage.json', '/api/nope']) {
      const res = await fetch(desk.url + path);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('never builds the page from strings', async () => {
    const js = await (await fetch(`${desk.url}/desk/app.js`)).text();
    expect(js).not.toMatch(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('tickets', () => {
  it('lists the seed with current status', async () => {
    const { status, body } = await get<DeskTicket[]>('/api/tickets');
    expect(status).toBe(200);
    expect(body.map((t) => t.id)).toEqual([1042, 1043, 1044, 1045, 1046]);
    expect(body.every((t) => t.status === 'open' && t.technician === 'Marta Gómez')).toBe(true);
    const byId = new Map(body.map((t) => [t.id, t]));
    expect(byId.get(1042)).toMatchObject({
      title: { en: 'Printer on floor 2 not printing' },
      category: { en: 'Printer', es: 'Impresora' },
      priority: { en: 'High', es: 'Alta' },
      requester: { name: 'Ana Ruiz', email: 'ana.ruiz@example.com' },
    });
    expect(byId.get(1044)?.title.en).toBe('<script>alert("x")</script> VPN drops <img src=x onerror=alert(1)>');
    expect(byId.get(1045)?.requester.email).toBeNull();
  });

  it('returns one ticket, or 404', async () => {
    const one = await get<DeskTicket>('/api/tickets/1043');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 1043, status: 'open', comments: [] });
    expect((await get('/api/tickets/9999')).status).toBe(404);
  });
});

describe('comments', () => {
  it('stores a comment and lists it, filtered by ticket', async () => {
    const created = await post<DeskComment>('/api/tickets/1042/comments', { text: 'Session ended\nDuration: 5 min', internal: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ticketId: 1042, text: 'Session ended\nDuration: 5 min', internal: true, author: 'Marta Gómez' });
    expect(Date.parse(created.body.at)).not.toBeNaN();
    await post('/api/tickets/1043/comments', { text: 'public one' });

    const all = await get<DeskComment[]>('/api/comments');
    expect(all.body.map((c) => [c.ticketId, c.internal])).toEqual([[1042, true], [1043, false]]);
    const one = await get<DeskComment[]>('/api/comments?ticket=1043');
    expect(one.body).toHaveLength(1);
    expect(one.body[0]?.text).toBe('public one');
    const ticket = await get<DeskTicket>('/api/tickets/1042');
    expect(ticket.body.comments.map((c) => c.text)).toEqual(['Session ended\nDuration: 5 min']);
  });

  it('rejects empty text, bad JSON and unknown tickets', async () => {
    expect((await post('/api/tickets/1042/comments', { text: '   ' })).status).toBe(400);
    expect((await post('/api/tickets/1042/comments', { text: 'x', internal: 'yes' })).status).toBe(400);
    expect((await post('/api/tickets/1042/comments', '{nope')).status).toBe(400);
    expect((await post('/api/tickets/9999/comments', { text: 'x' })).status).toBe(404);
    expect((await get<DeskComment[]>('/api/comments')).body).toEqual([]);
  });
});

describe('replies', () => {
  it('stores a reply to the requester', async () => {
    const reply = { to: 'ana.ruiz@example.com', subject: 'Remote support', body: 'Join: https://get.teamviewer.com/s123' };
    const created = await post<DeskReply>('/api/tickets/1042/replies', reply);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ticketId: 1042, ...reply });
    expect((await get<DeskReply[]>('/api/replies')).body).toHaveLength(1);
    expect((await get<DeskReply[]>('/api/replies?ticket=1042')).body).toHaveLength(1);
    expect((await get<DeskReply[]>('/api/replies?ticket=1043')).body).toHaveLength(0);
  });

  it('needs a recipient and a body', async () => {
    expect((await post('/api/tickets/1045/replies', { to: '', subject: 's', body: 'b' })).status).toBe(400);
    expect((await post('/api/tickets/1042/replies', { to: 'a@example.com', subject: 's', body: '' })).status).toBe(400);
  });
});

describe('status', () => {
  it('changes status and logs it', async () => {
    const res = await post<DeskTicket>('/api/tickets/1042/status', { status: 'in_progress' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
    await post('/api/tickets/1042/status', { status: 'closed' });
    expect((await get<DeskTicket>('/api/tickets/1042')).body.status).toBe('closed');
    const log = await get<StatusChange[]>('/api/status-changes');
    expect(log.body.map(({ ticketId, from, to }) => ({ ticketId, from, to }))).toEqual([
      { ticketId: 1042, from: 'open', to: 'in_progress' },
      { ticketId: 1042, from: 'in_progress', to: 'closed' },
    ]);
    expect((await get<StatusChange[]>('/api/status-changes?ticket=1043')).body).toEqual([]);
  });

  it('rejects unknown statuses', async () => {
    expect((await post('/api/tickets/1042/status', { status: 'Closed' })).status).toBe(400);
    expect((await get('/api/status-changes')).body).toEqual([]);
  });
});

describe('test controls and postback', () => {
  it('dropComments: a new comment is answered 202 and not stored, until turned off (and by reset)', async () => {
    expect((await post('/api/control', { dropComments: true })).body).toEqual({ dropComments: true });
    const dropped = await post('/api/tickets/1042/comments', { text: 'lost' });
    expect(dropped.status).toBe(202);
    expect((await get('/api/comments')).body).toEqual([]);
    await post('/api/control', { dropComments: false });
    expect((await post('/api/tickets/1042/comments', { text: 'kept' })).status).toBe(201);
    await post('/api/control', { dropComments: true });
    await post('/api/reset', {});
    expect((await get('/api/control')).body).toEqual({ dropComments: false });
    expect((await post('/api/control', { dropComments: 'yes' })).status).toBe(400);
  });

  it('a WebForms postback to the record page stores what the clicked button says and answers the page', async () => {
    const postForm = (fields: Record<string, string>) => fetch(`${desk.url}/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=en&postback=1`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
    });
    const N = 'ctl00$cphMain$';
    const page = await postForm({ [`${N}txtNote`]: 'Line 1\nLine 2', [`${N}chkInternal`]: 'on', [`${N}btnAddNote`]: 'Add comment', [`${N}txtReplyBody`]: 'not sent' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"></div>');
    expect((await get<DeskComment[]>('/api/comments?ticket=1043')).body).toMatchObject([{ text: 'Line 1\nLine 2', internal: true }]);
    expect((await get('/api/replies')).body).toEqual([]);
    await postForm({ [`${N}txtReplySubject`]: 'Hi', [`${N}txtReplyBody`]: 'Join here', [`${N}btnSendReply`]: 'Send' });
    expect((await get<DeskReply[]>('/api/replies?ticket=1043')).body).toMatchObject([{ to: 'jorge.martin@example.com', subject: 'Hi', body: 'Join here' }]);
    // The ticket view carries its replies (the on-prem page lists them with its notes).
    expect((await get<DeskTicket>('/api/tickets/1043')).body.replies).toHaveLength(1);
  });
});

describe('reset and isolation', () => {
  it('reset goes back to the seed', async () => {
    await post('/api/tickets/1042/comments', { text: 'x' });
    await post('/api/tickets/1042/replies', { to: 'a@example.com', body: 'b' });
    await post('/api/tickets/1042/status', { status: 'closed' });
    expect((await post('/api/reset', {})).status).toBe(200);
    expect((await get('/api/comments')).body).toEqual([]);
    expect((await get('/api/replies')).body).toEqual([]);
    expect((await get('/api/status-changes')).body).toEqual([]);
    expect((await get<DeskTicket>('/api/tickets/1042')).body.status).toBe('open');
  });

  it('keeps state per server, and listens on the host asked for', async () => {
    const other = await startDesk({ host: '127.0.0.1' });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await post('/api/tickets/1042/status', { status: 'closed' });
      const t = (await (await fetch(`${other.url}/api/tickets/1042`)).json()) as DeskTicket;
      expect(t.status).toBe('open');
    } finally {
      await other.close();
    }
  });
});
