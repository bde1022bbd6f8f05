// Demo help desk, third layout ("Helpdesk Hub"): a hash-routed single-page app (/hub/#/tickets/1042)
// whose every class name is generated, as CSS-in-JS builds make them: `css-` plus a hash of the
// server's build id (new at every server start, see desk.ts) and the class's role. No ids on
// fields; labels in dl/dt/dd and in table cells; the integrations box arrives 300 ms after the
// ticket; the status drop-down saves as soon as it changes. English only.
// Ticket text is untrusted: every node is built with createElement / textContent.

const BUILD = document.documentElement.dataset.build || 'dev';
const TECHNICIAN = 'Marta Gómez';
const STATUSES = [['open', 'Open'], ['in_progress', 'In progress'], ['on_hold', 'On hold'], ['resolved', 'Resolved'], ['closed', 'Closed']];
const SIDEBAR_DELAY_MS = 300;

/** FNV-1a, base 36: a stable hash of the build id and a role, like a CSS-in-JS class. */
function cx(role) {
  let h = 0x811c9dc5;
  for (const ch of `${BUILD}:${role}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `css-${h.toString(36)}`;
}

const STYLES = {
  page: 'margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d2433;background:#f3f5f9',
  top: 'display:flex;align-items:center;gap:16px;padding:10px 18px;background:#24304a;color:#fff',
  brand: 'font-weight:700;flex:1',
  user: 'display:flex;align-items:center;gap:8px',
  avatar: 'display:inline-grid;place-items:center;width:26px;height:26px;border-radius:50%;background:#5d7cc4;font-size:11px',
  layout: 'display:flex;gap:16px;padding:16px;align-items:flex-start',
  nav: 'width:190px;flex:none',
  navList: 'list-style:none;margin:0;padding:0',
  navLink: 'display:block;padding:6px 8px;border-radius:6px;color:#24304a;text-decoration:none',
  main: 'flex:1;min-width:0',
  head: 'display:flex;align-items:baseline;gap:10px',
  num: 'color:#6b7387;font-weight:600',
  title: 'font-size:20px;margin:0',
  bar: 'display:flex;align-items:center;gap:10px;margin:10px 0',
  card: 'background:#fff;border:1px solid #dde2ec;border-radius:8px;padding:12px 14px;margin:0 0 12px',
  cardTitle: 'font-size:13px;text-transform:uppercase;color:#6b7387;margin:0 0 8px',
  dl: 'display:grid;grid-template-columns:140px 1fr;gap:4px 12px;margin:0',
  dt: 'color:#6b7387',
  dd: 'margin:0',
  table: 'border-collapse:collapse',
  cell: 'padding:3px 12px 3px 0',
  thread: 'list-style:none;margin:0 0 10px;padding:0',
  comment: 'border-left:3px solid #c9d3e6;padding:4px 8px;margin:0 0 8px',
  field: 'display:block;width:100%;box-sizing:border-box;margin:4px 0 8px;font:inherit',
  btn: 'font:inherit;padding:5px 12px;border-radius:6px;border:1px solid #8d99b3;background:#fff;cursor:pointer',
  danger: 'font:inherit;padding:5px 12px;border-radius:6px;border:1px solid #b3261e;background:#fff;color:#b3261e;cursor:pointer',
  msg: 'margin-left:8px;color:#2e7d32',
  aside: 'width:240px;flex:none',
  boxBody: 'min-height:40px',
};

function installStyles() {
  const css = Object.entries(STYLES).map(([role, decl]) => (role === 'page' ? `body{${decl}}` : `.${cx(role)}{${decl}}`)).join('\n');
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

/** createElement with a generated class (role), attributes, listeners and children. */
function h(tag, role, attrs, ...children) {
  const el = document.createElement(tag);
  if (role) el.className = cx(role);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

const en = (v) => (v && typeof v === 'object' ? v.en : v ?? '');
const initials = (n) => n.split(/\s+/).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
let gen = 0;
let tickets = [];

function shell() {
  const list = h('ul', 'navList');
  const main = h('main', 'main');
  const layout = h('div', 'layout', {}, h('nav', 'nav', { 'aria-label': 'Tickets' }, list), main);
  document.body.replaceChildren(
    h('header', 'top', {}, h('span', 'brand', {}, 'Helpdesk Hub'),
      h('div', 'user', {}, h('span', 'avatar', {}, initials(TECHNICIAN)), h('span', 'uname', {}, TECHNICIAN))),
    layout);
  return { list, main, layout };
}

function renderList(ui, activeId) {
  ui.list.replaceChildren(...tickets.map((t) => h('li', null, {},
    h('a', 'navLink', { href: `#/tickets/${t.id}`, 'aria-current': t.id === activeId ? 'page' : null }, `#${t.id} ${en(t.title)}`))));
}

function ticketView(tk) {
  const statusText = h('dd', 'dd', {}, label(tk.status));
  const select = h('select', 'select', {}, STATUSES.map(([v, l]) => h('option', null, { value: v }, l)));
  select.value = tk.status;
  const closeBtn = h('button', 'danger', { type: 'button' }, 'Close ticket');
  const setStatus = async (status) => {
    const updated = await api(`/api/tickets/${tk.id}/status`, { status });
    tk.status = updated.status;
    select.value = updated.status;
    statusText.textContent = label(updated.status);
  };
  // Saves as soon as it changes: there is no apply button.
  select.addEventListener('change', () => void setStatus(select.value));
  closeBtn.addEventListener('click', () => void setStatus('closed'));

  const row = (l, v) => h('div', null, {}, h('dt', 'dt', {}, l), v instanceof Node ? v : h('dd', 'dd', {}, v));
  const cell = (l, v) => h('tr', null, {}, h('td', 'cell', {}, l), h('td', 'cell', {}, v ?? ''));
  const email = tk.requester.email;

  const thread = h('ol', 'thread', {}, [...(tk.thread ?? []).map((c) => ({ author: c.author, text: en(c.text) })), ...(tk.comments ?? [])]
    .map((c) => h('li', 'comment', {}, h('strong', null, {}, c.author), ' ', c.text)));
  const note = h('textarea', 'field', { rows: 3, placeholder: 'Write a note…' });
  const internal = h('input', null, { type: 'checkbox' });
  const noteMsg = h('span', 'msg', { role: 'status' });
  const noteForm = h('form', null, {}, note, h('label', null, {}, internal, ' Internal'), ' ', h('button', 'btn', { type: 'submit' }, 'Add note'), noteMsg);
  noteForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!note.value.trim()) return;
    const c = await api(`/api/tickets/${tk.id}/comments`, { text: note.value, internal: internal.checked });
    if (!c.id) return;
    thread.append(h('li', 'comment', {}, h('strong', null, {}, c.author), ' ', c.text));
    note.value = '';
    internal.checked = false;
    noteMsg.textContent = 'Note added';
  });

  const subject = h('input', 'field', { type: 'text', placeholder: 'Subject' });
  const body = h('textarea', 'field', { rows: 4, placeholder: 'Message to the requester' });
  const send = h('button', 'btn', { type: 'submit' }, 'Send');
  const replyMsg = h('span', 'msg', { role: 'status' });
  for (const el of [subject, body, send]) el.disabled = !email;
  const replyForm = h('form', null, {}, h('p', null, {}, 'To: ', email ?? '—'), subject, body, send, replyMsg);
  replyForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!email || !body.value.trim()) return;
    await api(`/api/tickets/${tk.id}/replies`, { to: email, subject: subject.value, body: body.value });
    subject.value = '';
    body.value = '';
    replyMsg.textContent = 'Sent';
  });

  return h('div', null, {},
    h('div', 'head', {}, h('span', 'num', {}, `#${tk.id}`), h('h1', 'title', {}, en(tk.title))),
    h('div', 'bar', {}, h('label', null, {}, 'Status ', select), closeBtn),
    h('section', 'card', {}, h('h2', 'cardTitle', {}, 'Details'),
      h('dl', 'dl', {}, row('Status', statusText), row('Priority', en(tk.priority)), row('Type', en(tk.type)),
        row('Category', en(tk.category)), row('Source', en(tk.source)))),
    h('section', 'card', {}, h('h2', 'cardTitle', {}, 'People'),
      h('table', 'table', {}, h('tbody', null, {}, cell('Requester', tk.requester.name), cell('Requester email', email),
        cell('Technician', tk.technician)))),
    h('section', 'card', {}, h('h2', 'cardTitle', {}, 'Notes'), thread, noteForm),
    h('section', 'card', {}, h('h2', 'cardTitle', {}, 'Reply to requester'), replyForm));
}

const label = (status) => STATUSES.find(([v]) => v === status)?.[1] ?? status;

async function route(ui) {
  const g = ++gen;
  ui.layout.querySelector('aside')?.remove();
  const id = /^#\/tickets\/(\d+)/.exec(location.hash)?.[1];
  renderList(ui, Number(id));
  if (!id) {
    ui.main.replaceChildren(h('p', null, {}, 'Choose a ticket.'));
    return;
  }
  let tk;
  try {
    tk = await api(`/api/tickets/${id}`);
  } catch (e) {
    if (g === gen) ui.main.replaceChildren(h('p', null, {}, `Ticket not found (${e.message})`));
    return;
  }
  if (g !== gen) return;
  document.title = `#${tk.id} ${en(tk.title)} · Helpdesk Hub`;
  ui.main.replaceChildren(ticketView(tk));
  setTimeout(() => {
    if (g !== gen) return;
    ui.layout.append(h('aside', 'aside', {},
      h('section', 'card', { 'aria-label': 'Integrations' }, h('h2', 'cardTitle', {}, 'Integrations'), h('div', 'boxBody')),
      h('section', 'card', {}, h('h2', 'cardTitle', {}, 'SLA'), h('p', null, {}, 'First response: 4 business hours'))));
  }, SIDEBAR_DELAY_MS);
}

async function boot() {
  installStyles();
  const ui = shell();
  tickets = await api('/api/tickets').catch(() => []);
  addEventListener('hashchange', () => void route(ui));
  await route(ui);
}

void boot();
