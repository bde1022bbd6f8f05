// Demo BOSS help desk: a node:http server that serves the single-page app in e2e/desk/ and a
// small JSON API holding ticket state in memory. It imitates two layouts (BOSSDesk cloud and
// BOSS Support Central on-prem) in English and Spanish; see e2e/desk/app.js for the markup.
//
// Page routes (all answered with index.html; app.js reads location):
//   /app/{en|es}/tickets                     cloud ticket list
//   /app/{en|es}/tickets/{id}                cloud ticket
//   /BOSSSupportCentral/ServiceRecords.aspx?lang=en|es          on-prem list
//   /BOSSSupportCentral/ServiceRecord.aspx?id={id}&lang=en|es   on-prem ticket
//   /                                        landing page with links
// Query flags on any page: theme=dark, sidebarDelay=MS (default 30), churn=1,
//   ui=2 (cloud: the newer ticket page, technician labelled "Assigned agent", a status drop-down
//   that saves on change, no Update button), swapDelay=MS (SPA navigation: the URL changes first,
//   the outgoing ticket stays on screen until the next one is loaded and MS have passed),
//   postback=1 (on-prem: the note and reply buttons post the whole form back, WebForms style:
//   POST to the page's address, answered with the page), renderFirst=1 (SPA navigation renders
//   the next ticket first and changes the address after), clearOnly=1 (the reply and comment
//   forms only clear their fields once sent: no note added, no message, no DOM mutation).
// Test controls: POST /api/control { "dropComments": true } (see DeskBehaviour).
// Third layout, "Helpdesk Hub" (e2e/desk/hub.js): /hub/#/tickets/{id}, a hash-routed app whose
//   class names are all generated from a build id that changes at every server start.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

export interface DeskHandle {
  /** http://HOST:PORT, no trailing slash */
  url: string;
  /** The Hub layout's build id: its generated class names change with it (new at every start). */
  build: string;
  close(): Promise<void>;
}

export const STATUS_KEYS = ['open', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export interface Localized { en: string; es: string }

export interface ThreadEntry {
  author: string;
  at: string;
  internal: boolean;
  text: Localized;
}

export interface SeedTicket {
  id: number;
  title: Localized;
  description: Localized;
  category: Localized;
  type: Localized;
  priority: Localized;
  source: Localized;
  department: Localized;
  requester: { name: string; email: string | null };
  technician: string;
  status: StatusKey;
  createdAt: string;
  /** Comments that exist in the seed (shown in the thread; not part of GET /api/comments). */
  thread: ThreadEntry[];
}

export interface DeskComment {
  id: number;
  ticketId: number;
  text: string;
  internal: boolean;
  author: string;
  at: string;
}

export interface DeskReply {
  id: number;
  ticketId: number;
  to: string;
  subject: string;
  body: string;
  at: string;
}

export interface StatusChange {
  ticketId: number;
  from: StatusKey;
  to: StatusKey;
  at: string;
}

/** A ticket as the API returns it: seed data, current status, and comments and replies posted since reset. */
export interface DeskTicket extends SeedTicket {
  comments: DeskComment[];
  replies: DeskReply[];
}

/** Test controls (POST /api/control): how the desk misbehaves. Reset by POST /api/reset. */
export interface DeskBehaviour {
  /** New comments are silently lost: the API answers 202 without storing them and the page shows
   *  nothing (no note, the text stays in the form), as a desk that swallowed the submit would. */
  dropComments: boolean;
}

/** The logged-in technician (shown in the top bar; author of every posted comment). */
export const DESK_TECHNICIAN = 'Marta Gómez';

const DESK_DIR = fileURLToPath(new URL('../desk/', import.meta.url));
const STATIC_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'cloud.css': 'text/css; charset=utf-8',
  'onprem.css': 'text/css; charset=utf-8',
  'tickets.json': 'application/json; charset=utf-8',
  'hub.js': 'text/javascript; charset=utf-8',
};
const MAX_BODY = 1024 * 1024;

const PAGE_ROUTES: RegExp[] = [
  /^\/$/,
  /^\/app\/(en|es)\/tickets\/?$/,
  /^\/app\/(en|es)\/tickets\/\d+\/?$/,
  /^\/BOSSSupportCentral\/ServiceRecords?\.aspx$/i,
];

export function loadSeed(): SeedTicket[] {
  return JSON.parse(readFileSync(DESK_DIR + 'tickets.json', 'utf8')) as SeedTicket[];
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

interface State {
  tickets: Map<number, SeedTicket>;
  comments: DeskComment[];
  replies: DeskReply[];
  statusChanges: StatusChange[];
  nextId: number;
  behaviour: DeskBehaviour;
}

function freshState(): State {
  return {
    tickets: new Map(loadSeed().map((t) => [t.id, t])),
    comments: [],
    replies: [],
    statusChanges: [],
    nextId: 1,
    behaviour: { dropComments: false },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A request's body as text, refused past MAX_BODY. */
async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readText(req);
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : {};
  } catch {
    throw new HttpError(400, 'invalid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'expected a JSON object');
  return parsed as Record<string, unknown>;
}

function ticketFilter(url: URL): number | null {
  const q = url.searchParams.get('ticket');
  if (q === null || q === '') return null;
  if (!/^\d+$/.test(q)) throw new HttpError(400, 'ticket must be a number');
  return Number(q);
}

/** The Hub layout's page: the build id travels in an attribute; hub.js derives every class from it. */
const hubPage = (build: string) => `<!doctype html>
<html lang="en" data-build="${build}">
<head><meta charset="utf-8"><title>Helpdesk Hub</title><link rel="icon" href="data:,"><script type="module" src="/desk/hub.js"></script></head>
<body></body>
</html>
`;

export async function startDesk(opts: { port?: number; host?: string } = {}): Promise<DeskHandle> {
  const host = opts.host ?? 'localhost';
  const build = randomBytes(4).toString('hex');
  let state = freshState();

  const view = (t: SeedTicket): DeskTicket => ({
    ...structuredClone(t),
    comments: state.comments.filter((c) => c.ticketId === t.id),
    replies: state.replies.filter((r) => r.ticketId === t.id),
  });
  function addComment(ticket: SeedTicket, text: string, internal: boolean): DeskComment | undefined {
    if (state.behaviour.dropComments) return undefined;
    const comment: DeskComment = {
      id: state.nextId++, ticketId: ticket.id, text, internal, author: DESK_TECHNICIAN, at: new Date().toISOString(),
    };
    state.comments.push(comment);
    return comment;
  }
  function addReply(ticket: SeedTicket, to: string, subject: string, body: string): DeskReply {
    const reply: DeskReply = { id: state.nextId++, ticketId: ticket.id, to, subject, body, at: new Date().toISOString() };
    state.replies.push(reply);
    return reply;
  }
  const ticketOr404 = (id: number): SeedTicket => {
    const t = state.tickets.get(id);
    if (!t) throw new HttpError(404, `no ticket ${id}`);
    return t;
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const now = () => new Date().toISOString();
    let m: RegExpMatchArray | null;

    if (path === '/api/tickets') {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      return send(res, 200, [...state.tickets.values()].map(view));
    }
    if ((m = path.match(/^\/api\/tickets\/(\d+)$/))) {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      return send(res, 200, view(ticketOr404(Number(m[1]))));
    }
    if ((m = path.match(/^\/api\/tickets\/(\d+)\/(comments|replies|status)$/))) {
      const ticket = ticketOr404(Number(m[1]));
      const what = m[2];
      if (what === 'comments' && method === 'GET') {
        return send(res, 200, state.comments.filter((c) => c.ticketId === ticket.id));
      }
      if (what === 'replies' && method === 'GET') {
        return send(res, 200, state.replies.filter((r) => r.ticketId === ticket.id));
      }
      if (method !== 'POST') throw new HttpError(405, 'method not allowed');
      const body = await readJson(req);
      if (what === 'comments') {
        const { text, internal } = body;
        if (typeof text !== 'string' || !text.trim()) throw new HttpError(400, 'text must be a non-empty string');
        if (internal !== undefined && typeof internal !== 'boolean') throw new HttpError(400, 'internal must be a boolean');
        const comment = addComment(ticket, text, internal === true);
        return comment ? send(res, 201, comment) : send(res, 202, {});
      }
      if (what === 'replies') {
        const { to, subject = '', body: text } = body;
        if (typeof to !== 'string' || !to.trim()) throw new HttpError(400, 'to must be a non-empty string');
        if (typeof subject !== 'string') throw new HttpError(400, 'subject must be a string');
        if (typeof text !== 'string' || !text.trim()) throw new HttpError(400, 'body must be a non-empty string');
        return send(res, 201, addReply(ticket, to, subject, text));
      }
      // status
      const { status } = body;
      if (typeof status !== 'string' || !(STATUS_KEYS as readonly string[]).includes(status)) {
        throw new HttpError(400, `status must be one of ${STATUS_KEYS.join(', ')}`);
      }
      const change: StatusChange = { ticketId: ticket.id, from: ticket.status, to: status as StatusKey, at: now() };
      ticket.status = change.to;
      state.statusChanges.push(change);
      return send(res, 200, view(ticket));
    }
    if (path === '/api/comments' || path === '/api/replies' || path === '/api/status-changes') {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      const id = ticketFilter(url);
      const list: Array<{ ticketId: number }> =
        path === '/api/comments' ? state.comments : path === '/api/replies' ? state.replies : state.statusChanges;
      return send(res, 200, id === null ? list : list.filter((x) => x.ticketId === id));
    }
    if (path === '/api/control') {
      if (method === 'GET') return send(res, 200, state.behaviour);
      if (method !== 'POST') throw new HttpError(405, 'method not allowed');
      const { dropComments } = await readJson(req);
      if (dropComments !== undefined && typeof dropComments !== 'boolean') throw new HttpError(400, 'dropComments must be a boolean');
      if (dropComments !== undefined) state.behaviour.dropComments = dropComments;
      return send(res, 200, state.behaviour);
    }
    if (path === '/api/reset') {
      if (method !== 'POST') throw new HttpError(405, 'method not allowed');
      state = freshState();
      return send(res, 200, { ok: true });
    }
    throw new HttpError(404, 'not found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://desk.invalid');
    const path = url.pathname;
    try {
      if (path === '/api' || path.startsWith('/api/')) return await api(req, res, url);
      if (req.method === 'POST' && /^\/BOSSSupportCentral\/ServiceRecord\.aspx$/i.test(path)) return await postback(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
        res.end('method not allowed');
        return;
      }
      if (path === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      if (path === '/app' || path === '/app/') return redirect(res, '/app/en/tickets');
      if (path === '/hub') return redirect(res, '/hub/');
      if (path === '/hub/') {
        const body = hubPage(build);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      if (/^\/BOSSSupportCentral\/?$/i.test(path)) return redirect(res, '/BOSSSupportCentral/ServiceRecords.aspx');
      const file = /^\/desk\/([\w.-]+)$/.exec(path)?.[1];
      if (file !== undefined && Object.hasOwn(STATIC_FILES, file)) {
        return await serveFile(req, res, file, STATIC_FILES[file] ?? 'application/octet-stream');
      }
      if (PAGE_ROUTES.some((re) => re.test(path))) {
        return await serveFile(req, res, 'index.html', 'text/html; charset=utf-8');
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return send(res, err.status, { error: err.message });
      send(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** A WebForms postback (on-prem page with postback=1): the whole form is posted to the page's
   *  own address; the clicked button says what to do; the answer is the page again. */
  async function postback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    const field = (name: string) => form.get(`ctl00$cphMain$${name}`);
    const ticket = ticketOr404(Number(url.searchParams.get('id')));
    const note = field('txtNote') ?? '';
    if (field('btnAddNote') !== null && note.trim()) addComment(ticket, note, field('chkInternal') === 'on');
    const body = field('txtReplyBody') ?? '';
    if (field('btnSendReply') !== null && ticket.requester.email && body.trim()) {
      addReply(ticket, ticket.requester.email, field('txtReplySubject') ?? '', body);
    }
    await serveFile(req, res, 'index.html', 'text/html; charset=utf-8');
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    build,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
}

async function serveFile(req: IncomingMessage, res: ServerResponse, name: string, type: string): Promise<void> {
  const body = await readFile(DESK_DIR + name);
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
