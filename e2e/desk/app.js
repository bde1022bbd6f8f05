// Demo BOSS help desk: a single-page app imitating a BOSSDesk (cloud) or BOSS Support Central
// (on-prem) ticket page, in English or Spanish. Plain browser JS, no build step, no framework.
// Ticket text is untrusted: every node is built with createElement / textContent.
//
// The markup is meant to look like a real help desk (visible labels, ordinary classes and
// ASP.NET-style ids); nothing here exists for the extension's benefit.

const STATUS_KEYS = ['open', 'in_progress', 'on_hold', 'resolved', 'closed'];
/** On-prem status <option> values are numeric ids, as an ASP.NET DropDownList would have. */
const ONPREM_STATUS_IDS = { open: '1', in_progress: '2', on_hold: '3', resolved: '4', closed: '5' };
// The signed-in technician shown in the top bar (?user=… shows another one, for team-mode tests).
const TECHNICIAN = new URLSearchParams(location.search).get('user') || 'Marta Gómez';
const CHURN_NODES = 50;

const STRINGS = {
  en: {
    tickets: 'Tickets', myTickets: 'My tickets', viewAll: 'View all', assets: 'Assets', reports: 'Reports',
    knowledge: 'Knowledge base', search: 'Search tickets', loading: 'Loading…',
    notFound: 'Ticket not found', notFoundText: 'The ticket does not exist or you cannot see it.',
    details: 'Details', description: 'Description', created: 'Created',
    fields: {
      status: 'Status', priority: 'Priority', type: 'Type', category: 'Category', source: 'Source',
      requester: 'Requester', requesterEmail: 'Requester email', technician: 'Technician', department: 'Department', asset: 'Asset',
      agent: 'Assigned agent',
    },
    subject: 'Subject',
    statuses: { open: 'Open', in_progress: 'In progress', on_hold: 'On hold', resolved: 'Resolved', closed: 'Closed' },
    changeStatus: 'Change status', update: 'Update', closeTicket: 'Close ticket',
    ticketClosed: 'Ticket closed', statusUpdated: (s) => `Status updated: ${s}`,
    comments: 'Comments', noComments: 'No comments yet.', addCommentLabel: 'Add a comment', addComment: 'Add comment',
    commentPlaceholder: 'Write a comment…', internalNote: 'Internal note', internal: 'Internal', public: 'Public',
    commentEmpty: 'Write something first.', commentAdded: 'Comment added',
    reply: 'Reply to requester', to: 'To', message: 'Message', send: 'Send', replySent: 'Reply sent',
    noRequesterEmail: 'No requester email', replyEmpty: 'Write a message first.',
    integrations: 'Integrations', sla: 'SLA', responseTarget: 'First response', resolutionTarget: 'Resolution',
    hours: (n) => (n === 1 ? '1 business hour' : `${n} business hours`), met: 'Met',
    liveActivity: 'Live activity', events: (n) => `${n} events`,
    error: 'Something went wrong:',
    // on-prem
    serviceRecord: 'Service Record', serviceRecords: 'Service Records', myRecords: 'My service records',
    loggedInAs: 'Logged in as:', logOut: 'Log out', home: 'Home', notes: 'Notes', date: 'Date', author: 'Author',
    visibility: 'Visibility', note: 'Note', general: 'General', number: 'Number', updated: 'Updated', emailed: 'E-mail',
    landing: 'Demo BOSS help desk',
  },
  es: {
    tickets: 'Tickets', myTickets: 'Mis tickets', viewAll: 'Ver todos', assets: 'Activos', reports: 'Informes',
    knowledge: 'Base de conocimiento', search: 'Buscar tickets', loading: 'Cargando…',
    notFound: 'Ticket no encontrado', notFoundText: 'El ticket no existe o no tienes acceso.',
    details: 'Detalles', description: 'Descripción', created: 'Creado',
    fields: {
      status: 'Estado', priority: 'Prioridad', type: 'Tipo', category: 'Categoría', source: 'Origen',
      requester: 'Solicitante', requesterEmail: 'Correo del solicitante', technician: 'Técnico', department: 'Departamento', asset: 'Activo',
      agent: 'Agente asignado',
    },
    subject: 'Asunto',
    statuses: { open: 'Abierto', in_progress: 'En curso', on_hold: 'En espera', resolved: 'Resuelto', closed: 'Cerrado' },
    changeStatus: 'Cambiar estado', update: 'Actualizar', closeTicket: 'Cerrar ticket',
    ticketClosed: 'Ticket cerrado', statusUpdated: (s) => `Estado actualizado: ${s}`,
    comments: 'Comentarios', noComments: 'Todavía no hay comentarios.', addCommentLabel: 'Añadir comentario',
    addComment: 'Añadir comentario', commentPlaceholder: 'Escribe un comentario…', internalNote: 'Nota interna',
    internal: 'Interna', public: 'Pública', commentEmpty: 'Escribe algo primero.', commentAdded: 'Comentario añadido',
    reply: 'Responder al solicitante', to: 'Para', message: 'Mensaje', send: 'Enviar', replySent: 'Respuesta enviada',
    noRequesterEmail: 'El solicitante no tiene correo electrónico', replyEmpty: 'Escribe un mensaje primero.',
    integrations: 'Integraciones', sla: 'SLA', responseTarget: 'Primera respuesta', resolutionTarget: 'Resolución',
    hours: (n) => (n === 1 ? '1 hora laborable' : `${n} horas laborables`), met: 'Cumplido',
    liveActivity: 'Actividad en directo', events: (n) => `${n} eventos`,
    error: 'Algo ha fallado:',
    serviceRecord: 'Registro de servicio', serviceRecords: 'Registros de servicio', myRecords: 'Mis registros de servicio',
    loggedInAs: 'Conectado como:', logOut: 'Cerrar sesión', home: 'Inicio', notes: 'Notas', date: 'Fecha', author: 'Autor',
    visibility: 'Visibilidad', note: 'Nota', general: 'General', number: 'Número', updated: 'Actualizado', emailed: 'Correo',
    landing: 'Help desk BOSS de demostración',
  },
};

const SLA_HOURS = { Urgent: [1, 4], High: [2, 8], Medium: [4, 24], Low: [8, 40] };

// ---------------------------------------------------------------------------------------------
// DOM helpers

/** createElement with attributes, listeners ("on…") and children (strings become text nodes). */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function initials(name) {
  return String(name).split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

// ---------------------------------------------------------------------------------------------
// Routing

function parseRoute(href) {
  const u = new URL(href, location.origin);
  const q = u.searchParams;
  const delay = Number(q.get('sidebarDelay'));
  const flags = {
    theme: q.get('theme') === 'dark' ? 'dark' : 'light',
    sidebarDelay: q.has('sidebarDelay') && Number.isFinite(delay) && delay >= 0 ? delay : 30,
    churn: q.has('churn') && q.get('churn') !== '0' && q.get('churn') !== 'false',
    // The newer cloud ticket page: technicians are "agents" (as in BOSSDesk's documentation).
    ui2: q.get('ui') === '2',
    swapDelay: Number(q.get('swapDelay')) > 0 ? Number(q.get('swapDelay')) : 0,
    postback: q.get('postback') === '1',
    renderFirst: q.get('renderFirst') === '1',
    // The reply and comment forms only clear their fields once sent (`field.value = ''`): no note
    // is added, no message shown, so no DOM mutation tells that it went through.
    clearOnly: q.get('clearOnly') === '1',
  };
  // Flags travel with every link the app makes, so they survive SPA navigation.
  const keep = new URLSearchParams();
  for (const k of ['theme', 'sidebarDelay', 'churn', 'ui', 'swapDelay', 'postback', 'renderFirst', 'clearOnly']) if (q.has(k)) keep.set(k, q.get(k));
  const base = { flags, keep: keep.toString() };
  let m;
  if ((m = u.pathname.match(/^\/app\/(en|es)\/tickets\/?$/))) return { ...base, layout: 'cloud', lang: m[1], view: 'list' };
  if ((m = u.pathname.match(/^\/app\/(en|es)\/tickets\/(\d+)\/?$/))) {
    return { ...base, layout: 'cloud', lang: m[1], view: 'ticket', id: Number(m[2]) };
  }
  const lang = q.get('lang') === 'es' ? 'es' : 'en';
  if (/^\/BOSSSupportCentral\/ServiceRecords\.aspx$/i.test(u.pathname)) return { ...base, layout: 'onprem', lang, view: 'list' };
  if (/^\/BOSSSupportCentral\/ServiceRecord\.aspx$/i.test(u.pathname)) {
    const id = q.get('id') ?? '';
    return { ...base, layout: 'onprem', lang, view: 'ticket', id: /^\d+$/.test(id) ? Number(id) : NaN };
  }
  return { ...base, layout: 'home', lang: 'en', view: 'home' };
}

function withKeep(url, sep) {
  return route.keep ? `${url}${sep}${route.keep}` : url;
}
function ticketUrl(id) {
  return route.layout === 'onprem'
    ? withKeep(`/BOSSSupportCentral/ServiceRecord.aspx?id=${id}&lang=${route.lang}`, '&')
    : withKeep(`/app/${route.lang}/tickets/${id}`, '?');
}
function listUrl() {
  return route.layout === 'onprem'
    ? withKeep(`/BOSSSupportCentral/ServiceRecords.aspx?lang=${route.lang}`, '&')
    : withKeep(`/app/${route.lang}/tickets`, '?');
}

// ---------------------------------------------------------------------------------------------
// API

async function api(path, body) {
  const res = await fetch(path, body === undefined
    ? { headers: { accept: 'application/json' } }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(data.error || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// State

let route = parseRoute(location.href);
let t = STRINGS[route.lang];
let tickets = [];
let shell = null; // what the layout's shell() returned
let navGen = 0;
let sidebarTimer = 0;
let mounted = { area: null, sidebar: null };

const statusLabel = (key) => t.statuses[key] ?? key;
const loc = (v) => (v && typeof v === 'object' ? v[route.lang] ?? v.en : v ?? '');
const fmtDate = (iso, style = 'medium') => {
  try {
    return new Intl.DateTimeFormat(route.lang === 'es' ? 'es-ES' : 'en-GB', { dateStyle: style, timeStyle: 'short' })
      .format(new Date(iso));
  } catch {
    return iso;
  }
};

/** Seed thread entries and posted comments, oldest first, in one shape. */
function threadOf(ticket) {
  const seed = (ticket.thread ?? []).map((c) => ({ author: c.author, at: c.at, internal: c.internal, text: loc(c.text) }));
  return [...seed, ...(ticket.comments ?? [])].sort((a, b) => a.at.localeCompare(b.at));
}

/** The actions a layout's ticket area calls; each returns what the server answered. */
function actionsFor(ticket) {
  return {
    addComment: (text, internal) => api(`/api/tickets/${ticket.id}/comments`, { text, internal }),
    sendReply: (reply) => api(`/api/tickets/${ticket.id}/replies`, reply),
    setStatus: async (status) => {
      const updated = await api(`/api/tickets/${ticket.id}/status`, { status });
      const i = tickets.findIndex((x) => x.id === updated.id);
      if (i >= 0) tickets[i] = updated;
      renderList();
      return updated;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cloud layout (BOSSDesk)

const cloud = {
  shell() {
    const list = h('ul', { class: 'ticket-list' });
    const nav = h('nav', { class: 'ticket-nav', 'aria-label': t.myTickets },
      h('div', { class: 'ticket-nav-head' }, h('h2', {}, t.myTickets), h('a', { href: listUrl(), class: 'view-all' }, t.viewAll)),
      list);
    const content = h('div', { class: 'content' });
    document.getElementById('app').replaceChildren(
      h('header', { class: 'topbar' },
        h('a', { class: 'brand', href: listUrl() }, h('span', { class: 'brand-mark' }, 'B'), h('span', {}, 'BOSSDesk')),
        h('nav', { class: 'topnav' },
          h('a', { href: listUrl(), class: 'active' }, t.tickets),
          h('span', { class: 'topnav-item' }, t.assets),
          h('span', { class: 'topnav-item' }, t.knowledge),
          h('span', { class: 'topnav-item' }, t.reports)),
        h('input', { class: 'search', type: 'search', placeholder: t.search, 'aria-label': t.search }),
        h('div', { class: 'user-menu' }, h('span', { class: 'avatar' }, initials(TECHNICIAN)), h('span', { class: 'user-name' }, TECHNICIAN))),
      h('div', { class: 'layout' }, nav, content));
    return { list, content, leftColumn: nav };
  },

  listItem(tk, active) {
    return h('li', {},
      h('a', { href: ticketUrl(tk.id), class: active ? 'ticket-link active' : 'ticket-link', 'aria-current': active ? 'page' : null },
        h('span', { class: 'tl-number' }, `#${tk.id}`),
        h('span', { class: 'tl-title' }, loc(tk.title)),
        h('span', { class: 'tl-meta' },
          h('span', { class: `status-dot status-${tk.status}` }), statusLabel(tk.status), ' · ', loc(tk.priority))));
  },

  listView(all) {
    return h('main', { class: 'ticket-index' },
      h('h1', { class: 'page-title' }, t.tickets),
      h('table', { class: 'data-table' },
        h('thead', {}, h('tr', {}, ['#', t.subject, t.fields.requester, t.fields.priority, t.fields.status].map((x) => h('th', {}, x)))),
        h('tbody', {}, all.map((tk) => h('tr', {},
          h('td', {}, h('a', { href: ticketUrl(tk.id) }, `#${tk.id}`)),
          h('td', {}, h('a', { href: ticketUrl(tk.id) }, loc(tk.title))),
          h('td', {}, tk.requester.name),
          h('td', {}, loc(tk.priority)),
          h('td', {}, h('span', { class: `status-badge status-${tk.status}` }, statusLabel(tk.status))))))));
  },

  message(title, text) {
    return h('main', { class: 'ticket-view' }, h('div', { class: 'empty-state' }, h('h1', {}, title), text ? h('p', {}, text) : null));
  },

  ticketArea(tk, actions) {
    const f = t.fields;
    const banners = h('div', { class: 'banners', 'aria-live': 'polite' });
    const banner = (kind, text) => banners.replaceChildren(
      h('div', { class: `banner banner-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', { class: 'banner-text' }, text),
        h('button', { type: 'button', class: 'banner-dismiss', 'aria-label': '×', onclick: () => banners.replaceChildren() }, '×')));

    // Status control
    const select = h('select', { id: 'status-select', name: 'status' },
      STATUS_KEYS.map((k) => h('option', { value: k }, statusLabel(k))));
    select.value = tk.status;
    const updateBtn = h('button', { type: 'button', class: 'btn' }, t.update);
    const closeBtn = h('button', { type: 'button', class: 'btn btn-danger close-ticket' }, t.closeTicket);
    closeBtn.disabled = tk.status === 'closed';
    const statusDd = h('dd', {});
    const applyStatus = (key) => {
      statusDd.replaceChildren(h('span', { class: `status-badge status-${key}` }, statusLabel(key)));
      select.value = key;
      closeBtn.disabled = key === 'closed';
    };
    applyStatus(tk.status);
    const doStatus = async (key) => {
      updateBtn.disabled = closeBtn.disabled = true;
      try {
        const updated = await actions.setStatus(key);
        tk.status = updated.status;
        applyStatus(updated.status);
        banner('success', updated.status === 'closed' ? t.ticketClosed : t.statusUpdated(statusLabel(updated.status)));
      } catch (e) {
        applyStatus(tk.status);
        banner('error', `${t.error} ${e.message}`);
      } finally {
        updateBtn.disabled = false;
      }
    };
    // The newer page has no Update button: the drop-down saves as soon as it changes.
    if (route.flags.ui2) select.addEventListener('change', () => doStatus(select.value));
    else updateBtn.addEventListener('click', () => doStatus(select.value));
    closeBtn.addEventListener('click', () => doStatus('closed'));

    // Fields
    const row = (label, value) => h('div', { class: 'field' }, h('dt', {}, label), value instanceof Node && value.tagName === 'DD' ? value : h('dd', {}, value));
    const email = tk.requester.email;
    const fields = h('dl', { class: 'ticket-fields' },
      row(f.status, statusDd),
      row(f.priority, h('span', { class: `priority priority-${String(tk.priority.en).toLowerCase()}` }, loc(tk.priority))),
      row(f.type, loc(tk.type)),
      row(f.category, loc(tk.category)),
      row(f.source, loc(tk.source)),
      row(f.requester, tk.requester.name),
      row(f.requesterEmail, email ? h('a', { href: `mailto:${email}` }, email) : null),
      row(route.flags.ui2 ? f.agent : f.technician, tk.technician),
      row(f.department, loc(tk.department)),
      tk.asset ? row(f.asset, tk.asset) : null);

    // Comments
    const commentList = h('ol', { class: 'comment-list' });
    const commentItem = (c) => h('li', { class: c.internal ? 'comment comment-internal' : 'comment comment-public' },
      h('div', { class: 'comment-head' },
        h('span', { class: 'avatar avatar-sm' }, initials(c.author)),
        h('span', { class: 'comment-author' }, c.author),
        h('time', { datetime: c.at }, fmtDate(c.at)),
        h('span', { class: c.internal ? 'badge badge-internal' : 'badge badge-public' }, c.internal ? t.internal : t.public)),
      h('div', { class: 'comment-body' }, c.text));
    const thread = threadOf(tk);
    commentList.append(...thread.map(commentItem));
    const noComments = h('p', { class: 'muted no-comments', hidden: thread.length > 0 }, t.noComments);
    const commentText = h('textarea', { id: 'comment-text', name: 'comment', rows: 4, placeholder: t.commentPlaceholder });
    const internalBox = h('input', { type: 'checkbox', id: 'comment-internal', name: 'internal' });
    const commentBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t.addComment);
    const commentMsg = h('span', { class: 'form-message', role: 'status' });
    const commentForm = h('form', { class: 'comment-form', novalidate: true },
      h('label', { for: 'comment-text', class: 'form-label' }, t.addCommentLabel),
      commentText,
      h('div', { class: 'form-row' },
        h('label', { class: 'checkbox', for: 'comment-internal' }, internalBox, ` ${t.internalNote}`),
        h('span', { class: 'spacer' }), commentMsg, commentBtn));
    commentForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const text = commentText.value; // whatever is in the box right now
      if (!text.trim()) {
        commentMsg.className = 'form-message error';
        commentMsg.textContent = t.commentEmpty;
        return;
      }
      commentBtn.disabled = true;
      try {
        const c = await actions.addComment(text, internalBox.checked);
        if (!c.id) return; // dropped by the desk (test control): nothing shows, the text stays
        commentText.value = '';
        if (route.flags.clearOnly) return;
        commentList.append(commentItem(c));
        noComments.hidden = true;
        internalBox.checked = false;
        commentMsg.className = 'form-message ok';
        commentMsg.textContent = t.commentAdded;
      } catch (e) {
        commentMsg.className = 'form-message error';
        commentMsg.textContent = `${t.error} ${e.message}`;
      } finally {
        commentBtn.disabled = false;
      }
    });

    // Reply to requester
    const replyTo = h('input', { id: 'reply-to', name: 'to', type: 'email', readonly: true, value: email ?? '' });
    const replySubject = h('input', { id: 'reply-subject', name: 'subject', type: 'text' });
    const replyBody = h('textarea', { id: 'reply-body', name: 'body', rows: 6 });
    const sendBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t.send);
    const replyMsg = h('span', { class: 'form-message', role: 'status' });
    const ff = (id, label, control) => h('div', { class: 'form-field' }, h('label', { for: id }, label), control);
    const replyForm = h('form', { class: 'reply-form', novalidate: true },
      email ? null : h('p', { class: 'notice' }, t.noRequesterEmail),
      h('fieldset', { disabled: !email },
        ff('reply-to', t.to, replyTo),
        ff('reply-subject', t.subject, replySubject),
        ff('reply-body', t.message, replyBody),
        h('div', { class: 'form-actions' }, replyMsg, sendBtn)));
    replyForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!email) return;
      const body = replyBody.value;
      if (!body.trim()) {
        replyMsg.className = 'form-message error';
        replyMsg.textContent = t.replyEmpty;
        return;
      }
      sendBtn.disabled = true;
      try {
        await actions.sendReply({ to: replyTo.value, subject: replySubject.value, body });
        replySubject.value = '';
        replyBody.value = '';
        if (route.flags.clearOnly) return;
        replyMsg.className = 'form-message ok';
        replyMsg.textContent = t.replySent;
      } catch (e) {
        replyMsg.className = 'form-message error';
        replyMsg.textContent = `${t.error} ${e.message}`;
      } finally {
        sendBtn.disabled = false;
      }
    });

    return h('main', { class: 'ticket-view' },
      h('header', { class: 'ticket-header' },
        h('div', { class: 'ticket-heading' },
          h('h1', { class: 'ticket-title' }, h('span', { class: 'ticket-number' }, `#${tk.id}`), ` ${loc(tk.title)}`),
          h('p', { class: 'ticket-meta' }, `${t.created} ${fmtDate(tk.createdAt)} · ${tk.requester.name}`)),
        h('div', { class: 'ticket-actions' },
          h('div', { class: 'status-control' }, h('label', { for: 'status-select' }, t.changeStatus), select, route.flags.ui2 ? null : updateBtn),
          closeBtn)),
      banners,
      h('section', { class: 'panel details' }, h('h2', {}, t.details), fields),
      h('section', { class: 'panel description' }, h('h2', {}, t.description), h('p', { class: 'description-text' }, loc(tk.description))),
      h('section', { class: 'panel comments' }, h('h2', {}, t.comments), commentList, noComments, commentForm),
      h('section', { class: 'panel reply' }, h('h2', {}, t.reply), replyForm));
  },

  sidebar(tk) {
    const [resp, reso] = SLA_HOURS[tk.priority.en] ?? [8, 40];
    return h('aside', { class: 'sidebar' },
      h('section', { class: 'panel integrations' }, h('h3', {}, t.integrations), h('div', { class: 'integrations-body' })),
      h('section', { class: 'panel sla' }, h('h3', {}, t.sla),
        h('ul', { class: 'sla-list' },
          h('li', {}, h('span', {}, t.responseTarget), h('span', { class: 'sla-value' }, t.hours(resp))),
          h('li', {}, h('span', {}, t.resolutionTarget), h('span', { class: 'sla-value' }, t.hours(reso)))),
        h('div', { class: 'sla-bar' }, h('span', { style: `width:${Math.min(100, Math.round((resp / reso) * 100))}%` }))));
  },

  churnBox() {
    const feed = h('div', { class: 'activity-feed' });
    const count = h('span', { class: 'activity-count' }, t.events(0));
    return { root: h('section', { class: 'live-activity' }, h('h3', {}, t.liveActivity, ' ', count), feed), feed, count };
  },

  mount(area, sidebar) {
    if (area) shell.content.append(area);
    if (sidebar) shell.content.append(sidebar);
  },
};

// ---------------------------------------------------------------------------------------------
// On-prem layout (BOSS Support Central, ASP.NET WebForms look)

const P = 'ctl00_cphMain_'; // ASP.NET client id prefix
const N = 'ctl00$cphMain$';

const onprem = {
  shell() {
    const list = h('table', { class: 'grid records-grid', cellspacing: 0 }, h('tbody', {}));
    const leftColumn = h('td', { id: 'leftColumn', valign: 'top' },
      h('div', { class: 'box', id: 'recordsBox' }, h('div', { class: 'box-title' }, t.myRecords), h('div', { class: 'box-content' }, list)));
    const mainColumn = h('td', { id: 'mainColumn', valign: 'top' });
    const layoutRow = h('tr', {}, leftColumn, mainColumn);
    const form = h('form', { id: 'aspnetForm', name: 'aspnetForm', method: 'post', action: location.pathname + location.search },
      h('input', { type: 'hidden', name: '__VIEWSTATE', id: '__VIEWSTATE', value: '/wEPDwUKMTY3NzE5MjIwOGRk' }),
      h('div', { id: 'header' },
        h('div', { class: 'logo' }, h('span', { class: 'logo-boss' }, 'BOSS'), ' Support Central'),
        h('div', { class: 'userinfo' }, `${t.loggedInAs} `, h('b', { id: 'ctl00_lblUserName' }, TECHNICIAN), ' | ', h('a', { id: 'ctl00_lnkLogout' }, t.logOut))),
      h('ul', { id: 'menu' },
        h('li', {}, h('a', {}, t.home)),
        h('li', { class: 'selected' }, h('a', { href: listUrl() }, t.serviceRecords)),
        h('li', {}, h('a', {}, t.assets)),
        h('li', {}, h('a', {}, t.reports))),
      h('table', { id: 'layoutTable', class: 'layout', cellspacing: 0, cellpadding: 0 }, h('tbody', {}, layoutRow)),
      h('div', { id: 'footer' }, 'BOSS Support Central 9.4.2 © BOSS Solutions'));
    // WebForms pages post back: with postback=1 the note and reply buttons submit this form to the
    // page's current address (the server stores what the clicked button says, answers the page).
    form.addEventListener('submit', (ev) => {
      if (route.flags.postback) form.action = location.pathname + location.search;
      else ev.preventDefault();
    });
    document.getElementById('app').replaceChildren(form);
    return { list: list.tBodies[0], content: mainColumn, layoutRow, leftColumn };
  },

  listItem(tk, active) {
    return h('tr', { class: active ? 'selected' : null },
      h('td', {},
        h('a', { href: ticketUrl(tk.id), class: 'record-link' }, `SR-${tk.id}`),
        h('span', { class: `status-text status-${tk.status}` }, ` (${statusLabel(tk.status)})`),
        h('br', {}), h('span', { class: 'small' }, loc(tk.title))));
  },

  listView(all) {
    return h('div', { id: `${P}pnlRecords`, class: 'record' },
      h('table', { class: 'sr-header', cellspacing: 0 }, h('tbody', {}, h('tr', {}, h('td', { class: 'sr-header-title' }, t.serviceRecords)))),
      h('table', { class: 'grid list-grid', cellspacing: 0, id: `${P}gvRecords` },
        h('tbody', {},
          h('tr', { class: 'grid-header' }, [t.number, t.subject, t.fields.requester, t.fields.priority, t.fields.status].map((x) => h('th', { scope: 'col' }, x))),
          all.map((tk, i) => h('tr', { class: i % 2 ? 'alt' : null },
            h('td', {}, h('a', { href: ticketUrl(tk.id) }, `SR-${tk.id}`)),
            h('td', {}, loc(tk.title)),
            h('td', {}, tk.requester.name),
            h('td', {}, loc(tk.priority)),
            h('td', {}, statusLabel(tk.status)))))));
  },

  message(title, text) {
    return h('div', { id: `${P}pnlRecord`, class: 'record' },
      h('div', { class: 'msg msg-error' }, h('b', {}, title), text ? h('div', {}, text) : null));
  },

  ticketArea(tk, actions) {
    const f = t.fields;
    const msgbar = h('div', { id: `${P}pnlMessage`, class: 'msgbar' });
    const message = (kind, text) => msgbar.replaceChildren(h('div', { class: `msg msg-${kind}` }, text));

    // Toolbar: status + close
    const idToKey = Object.fromEntries(Object.entries(ONPREM_STATUS_IDS).map(([k, v]) => [v, k]));
    const select = h('select', { id: `${P}ddlStatus`, name: `${N}ddlStatus` },
      STATUS_KEYS.map((k) => h('option', { value: ONPREM_STATUS_IDS[k] }, statusLabel(k))));
    const updateBtn = h('input', { type: 'button', id: `${P}btnUpdateStatus`, name: `${N}btnUpdateStatus`, value: t.update, class: 'button' });
    const closeBtn = h('input', { type: 'button', id: `${P}btnCloseRecord`, name: `${N}btnCloseRecord`, value: t.closeTicket, class: 'button button-close' });
    const statusSpan = h('span', { id: `${P}lblStatus` });
    const applyStatus = (key) => {
      statusSpan.textContent = statusLabel(key);
      statusSpan.className = `status-${key}`;
      select.value = ONPREM_STATUS_IDS[key];
      closeBtn.disabled = key === 'closed';
    };
    applyStatus(tk.status);
    const doStatus = async (key) => {
      updateBtn.disabled = closeBtn.disabled = true;
      try {
        const updated = await actions.setStatus(key);
        tk.status = updated.status;
        applyStatus(updated.status);
        message('info', updated.status === 'closed' ? t.ticketClosed : t.statusUpdated(statusLabel(updated.status)));
      } catch (e) {
        applyStatus(tk.status);
        message('error', `${t.error} ${e.message}`);
      } finally {
        updateBtn.disabled = false;
      }
    };
    updateBtn.addEventListener('click', () => doStatus(idToKey[select.value]));
    closeBtn.addEventListener('click', () => doStatus('closed'));

    // Details table: two label/value pairs per row, labels end with a colon.
    const span = (name, text) => h('span', { id: `${P}lbl${name}` }, text);
    const pair = (label, value) => [h('th', {}, `${label}:`), h('td', {}, value)];
    const email = tk.requester.email;
    const details = h('table', { class: 'sr-details', cellspacing: 0 }, h('tbody', {},
      h('tr', {}, h('th', {}, `${t.subject}:`), h('td', { colspan: 3 }, span('Subject', loc(tk.title)))),
      h('tr', {}, pair(f.category, span('Category', loc(tk.category))), pair(f.type, span('Type', loc(tk.type)))),
      h('tr', {}, pair(f.priority, span('Priority', loc(tk.priority))), pair(f.source, span('Source', loc(tk.source)))),
      h('tr', {}, pair(f.requester, span('Requester', tk.requester.name)),
        pair(f.requesterEmail, email ? h('a', { id: `${P}lnkRequesterEmail`, href: `mailto:${email}` }, email) : span('RequesterEmail', ''))),
      h('tr', {}, pair(f.technician, span('Technician', tk.technician)), pair(f.status, statusSpan)),
      h('tr', {}, pair(f.department, span('Department', loc(tk.department))), pair(t.created, span('Created', fmtDate(tk.createdAt, 'short')))),
      h('tr', {}, h('th', {}, `${t.description}:`), h('td', { colspan: 3 }, h('div', { id: `${P}lblDescription`, class: 'description' }, loc(tk.description))))));

    // Notes (comments)
    const notesBody = h('tbody', {},
      h('tr', { class: 'grid-header' }, [t.date, t.author, t.visibility, t.note].map((x) => h('th', { scope: 'col' }, x))));
    let rows = 0;
    const noteRow = (c) => h('tr', { class: rows++ % 2 ? 'alt note-row' : 'note-row' },
      h('td', { class: 'nowrap' }, fmtDate(c.at, 'short')),
      h('td', { class: 'nowrap' }, c.author),
      h('td', {}, c.email
        ? h('span', { class: 'tag tag-email' }, t.emailed)
        : h('span', { class: c.internal ? 'tag tag-internal' : 'tag tag-public' }, c.internal ? t.internal : t.public)),
      h('td', { class: 'note-text' }, c.text));
    // Support Central logs the e-mails sent from the record with its notes.
    const emails = (tk.replies ?? []).map((r) => ({ author: TECHNICIAN, at: r.at, internal: false, email: true, text: r.body }));
    const thread = [...threadOf(tk), ...emails].sort((a, b) => a.at.localeCompare(b.at));
    notesBody.append(...thread.map(noteRow));
    const emptyNotes = h('div', { class: 'empty', hidden: thread.length > 0 }, t.noComments);
    const noteText = h('textarea', { id: `${P}txtNote`, name: `${N}txtNote`, rows: 4, cols: 60, placeholder: t.commentPlaceholder });
    const noteInternal = h('input', { type: 'checkbox', id: `${P}chkInternal`, name: `${N}chkInternal` });
    // postback=1: real submit buttons, the form posts back to the server (see shell()).
    const buttonType = route.flags.postback ? 'submit' : 'button';
    const noteBtn = h('input', { type: buttonType, id: `${P}btnAddNote`, name: `${N}btnAddNote`, value: t.addComment, class: 'button' });
    const noteMsg = h('span', { id: `${P}lblNoteResult`, class: 'result' });
    noteBtn.addEventListener('click', async () => {
      if (route.flags.postback) return;
      const text = noteText.value; // whatever is in the box right now
      if (!text.trim()) {
        noteMsg.className = 'result error';
        noteMsg.textContent = t.commentEmpty;
        return;
      }
      noteBtn.disabled = true;
      try {
        const c = await actions.addComment(text, noteInternal.checked);
        if (!c.id) return; // dropped by the desk (test control): nothing shows, the text stays
        noteText.value = '';
        if (route.flags.clearOnly) return;
        notesBody.append(noteRow(c));
        emptyNotes.hidden = true;
        noteInternal.checked = false;
        noteMsg.className = 'result ok';
        noteMsg.textContent = t.commentAdded;
      } catch (e) {
        noteMsg.className = 'result error';
        noteMsg.textContent = `${t.error} ${e.message}`;
      } finally {
        noteBtn.disabled = false;
      }
    });

    // Reply to requester
    const replyTo = h('input', { type: 'text', id: `${P}txtReplyTo`, name: `${N}txtReplyTo`, readonly: true, value: email ?? '', class: 'readonly' });
    const replySubject = h('input', { type: 'text', id: `${P}txtReplySubject`, name: `${N}txtReplySubject`, size: 60 });
    const replyBody = h('textarea', { id: `${P}txtReplyBody`, name: `${N}txtReplyBody`, rows: 6, cols: 60 });
    const sendBtn = h('input', { type: buttonType, id: `${P}btnSendReply`, name: `${N}btnSendReply`, value: t.send, class: 'button' });
    const replyMsg = h('span', { id: `${P}lblReplyResult`, class: 'result' });
    for (const el of [replySubject, replyBody, sendBtn]) el.disabled = !email;
    sendBtn.addEventListener('click', async () => {
      if (!email || route.flags.postback) return;
      const body = replyBody.value;
      if (!body.trim()) {
        replyMsg.className = 'result error';
        replyMsg.textContent = t.replyEmpty;
        return;
      }
      sendBtn.disabled = true;
      try {
        await actions.sendReply({ to: replyTo.value, subject: replySubject.value, body });
        replySubject.value = '';
        replyBody.value = '';
        if (route.flags.clearOnly) return;
        replyMsg.className = 'result ok';
        replyMsg.textContent = t.replySent;
      } catch (e) {
        replyMsg.className = 'result error';
        replyMsg.textContent = `${t.error} ${e.message}`;
      } finally {
        sendBtn.disabled = false;
      }
    });
    const formRow = (id, label, control) => h('tr', {}, h('th', {}, h('label', { for: id }, `${label}:`)), h('td', {}, control));

    return h('div', { id: `${P}pnlRecord`, class: 'record' },
      h('table', { class: 'sr-header', cellspacing: 0 }, h('tbody', {}, h('tr', {},
        h('td', { class: 'sr-header-title' }, `${t.serviceRecord} `, h('span', { id: `${P}lblRecordNumber` }, `SR-${tk.id}`)),
        h('td', { class: 'sr-header-info' }, `${t.created}: ${fmtDate(tk.createdAt, 'short')}`)))),
      msgbar,
      h('div', { class: 'toolbar' },
        h('label', { for: `${P}ddlStatus` }, `${t.changeStatus}:`), ' ', select, ' ', updateBtn,
        h('span', { class: 'toolbar-sep' }), closeBtn),
      h('fieldset', { class: 'group' }, h('legend', {}, t.general), details),
      h('fieldset', { class: 'group', id: `${P}pnlNotes` }, h('legend', {}, t.notes),
        h('table', { class: 'grid notes-grid', cellspacing: 0, id: `${P}gvNotes` }, notesBody),
        emptyNotes,
        h('table', { class: 'form-table note-form' }, h('tbody', {},
          h('tr', {}, h('td', {}, h('label', { for: `${P}txtNote` }, t.addCommentLabel))),
          h('tr', {}, h('td', {}, noteText)),
          h('tr', {}, h('td', {}, noteInternal, h('label', { for: `${P}chkInternal` }, ` ${t.internalNote}`), ' ', noteBtn, ' ', noteMsg))))),
      h('fieldset', { class: 'group', id: `${P}pnlReply` }, h('legend', {}, t.reply),
        email ? null : h('div', { class: 'msg msg-warning', id: `${P}lblNoEmail` }, t.noRequesterEmail),
        h('table', { class: 'form-table reply-form' }, h('tbody', {},
          formRow(`${P}txtReplyTo`, t.to, replyTo),
          formRow(`${P}txtReplySubject`, t.subject, replySubject),
          formRow(`${P}txtReplyBody`, t.message, replyBody),
          h('tr', {}, h('th', {}), h('td', {}, sendBtn, ' ', replyMsg))))));
  },

  sidebar(tk) {
    const [resp, reso] = SLA_HOURS[tk.priority.en] ?? [8, 40];
    return h('td', { id: 'rightColumn', valign: 'top' },
      h('div', { class: 'box', id: 'integrationsBox' }, h('div', { class: 'box-title' }, t.integrations), h('div', { class: 'box-content' })),
      h('div', { class: 'box', id: 'slaBox' }, h('div', { class: 'box-title' }, t.sla),
        h('div', { class: 'box-content' },
          h('table', { class: 'kv' }, h('tbody', {},
            h('tr', {}, h('td', {}, `${t.responseTarget}:`), h('td', {}, t.hours(resp))),
            h('tr', {}, h('td', {}, `${t.resolutionTarget}:`), h('td', {}, t.hours(reso))))))));
  },

  churnBox() {
    const feed = h('div', { class: 'activity-feed' });
    const count = h('span', { class: 'activity-count' }, t.events(0));
    return { root: h('div', { class: 'box', id: 'activityBox' }, h('div', { class: 'box-title' }, t.liveActivity, ' ', count), h('div', { class: 'box-content' }, feed)), feed, count };
  },

  mount(area, sidebar) {
    if (area) shell.content.append(area);
    if (sidebar) shell.layoutRow.append(sidebar);
  },
};

// ---------------------------------------------------------------------------------------------
// Landing page

function renderHome() {
  document.title = STRINGS.en.landing;
  const link = (href, text) => h('li', {}, h('a', { href }, text));
  document.getElementById('app').replaceChildren(h('main', { class: 'landing' },
    h('h1', {}, STRINGS.en.landing),
    h('p', {}, 'Two layouts, two languages. Add ?theme=dark, ?sidebarDelay=MS or ?churn=1 to any page.'),
    h('h2', {}, 'BOSSDesk (cloud)'),
    h('ul', {}, link('/app/en/tickets/1042', 'Ticket #1042 (English)'), link('/app/es/tickets/1043', 'Ticket #1043 (español)'),
      link('/app/en/tickets', 'Ticket list (English)'), link('/app/es/tickets?theme=dark', 'Lista de tickets (español, oscuro)')),
    h('h2', {}, 'BOSS Support Central (on-prem)'),
    h('ul', {}, link('/BOSSSupportCentral/ServiceRecord.aspx?id=1042&lang=en', 'SR-1042 (English)'),
      link('/BOSSSupportCentral/ServiceRecord.aspx?id=1043&lang=es', 'SR-1043 (español)'),
      link('/BOSSSupportCentral/ServiceRecords.aspx?lang=en', 'Service records (English)'),
      link('/BOSSSupportCentral/ServiceRecords.aspx?lang=es&theme=dark', 'Registros de servicio (español, oscuro)'))));
}

// ---------------------------------------------------------------------------------------------
// Rendering and navigation

const layout = () => (route.layout === 'onprem' ? onprem : cloud);

function renderList() {
  if (!shell) return;
  const activeId = route.view === 'ticket' ? route.id : null;
  shell.list.replaceChildren(...tickets.map((tk) => layout().listItem(tk, tk.id === activeId)));
}

function unmount() {
  mounted.area?.remove();
  mounted.sidebar?.remove();
  mounted = { area: null, sidebar: null };
}

function titleFor(tk) {
  return route.layout === 'onprem'
    ? `${t.serviceRecord} SR-${tk.id} - BOSS Support Central`
    : `#${tk.id} ${loc(tk.title)} · BOSSDesk`;
}

/** `rendered`: called once the ticket (and its sidebar) is on screen. */
async function show(r, rendered) {
  route = r;
  const gen = ++navGen;
  clearTimeout(sidebarTimer);
  // swapDelay: the outgoing ticket stays on screen (forms and all) under the new URL until the next
  // one has loaded and swapDelay ms have passed, as desks that fetch, then render, behave.
  const late = r.flags.swapDelay > 0 && r.view === 'ticket' && mounted.area !== null;
  if (!late) unmount();
  renderList();
  const L = layout();
  if (r.view === 'list') {
    document.title = route.layout === 'onprem' ? `${t.serviceRecords} - BOSS Support Central` : `${t.tickets} · BOSSDesk`;
    mounted.area = L.listView(tickets);
    L.mount(mounted.area, null);
    return;
  }
  const loading = h('p', { class: 'loading' }, t.loading);
  if (!late) shell.content.append(loading);
  let tk;
  try {
    if (!Number.isFinite(r.id)) throw Object.assign(new Error('bad id'), { status: 404 });
    tk = await api(`/api/tickets/${r.id}`);
    if (late) await new Promise((resolve) => setTimeout(resolve, r.flags.swapDelay));
  } catch (e) {
    if (gen !== navGen) return;
    unmount();
    loading.remove();
    document.title = t.notFound;
    mounted.area = e.status === 404 ? L.message(t.notFound, t.notFoundText) : L.message(t.error, e.message);
    L.mount(mounted.area, null);
    return;
  }
  if (gen !== navGen) return;
  unmount();
  loading.remove();
  document.title = titleFor(tk);
  mounted.area = L.ticketArea(tk, actionsFor(tk));
  L.mount(mounted.area, null);
  // The integrations sidebar loads on its own, a little later (like the real thing).
  sidebarTimer = setTimeout(() => {
    if (gen !== navGen) return;
    mounted.sidebar = L.sidebar(tk);
    L.mount(null, mounted.sidebar);
    rendered?.();
  }, r.flags.sidebarDelay);
}

function startChurn() {
  const { root, feed, count } = layout().churnBox();
  shell.leftColumn.append(root);
  const stats = { ticks: 0, added: 0, removed: 0 };
  window.__deskChurn = stats; // for benchmarks: how much DOM churn actually happened
  setInterval(() => {
    for (const n of Array.from(feed.children)) {
      n.remove();
      stats.removed++;
    }
    for (let i = 0; i < CHURN_NODES; i++) {
      const bar = document.createElement('span');
      bar.className = 'activity-bar';
      bar.style.height = `${10 + ((stats.ticks * 7 + i * 13) % 90)}%`;
      bar.textContent = String((stats.ticks + i) % 10);
      feed.appendChild(bar);
      stats.added++;
    }
    stats.ticks++;
    if (stats.ticks % 50 === 0) count.textContent = t.events(stats.added + stats.removed);
  }, 0);
}

function sameApp(a, b) {
  return a.layout === b.layout && a.lang === b.lang && a.flags.theme === b.flags.theme && a.flags.churn === b.flags.churn
    && a.flags.ui2 === b.flags.ui2;
}

function installNavigation() {
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target instanceof Element ? ev.target.closest('a[href]') : null;
    if (!a || (a.target && a.target !== '_self')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.href.startsWith('mailto:')) return;
    const next = parseRoute(url.href);
    if (next.layout === 'home' || !sameApp(route, next)) return; // full page load
    ev.preventDefault();
    const push = () => { if (url.href !== location.href) history.pushState(null, '', url.href); };
    // renderFirst: the next ticket is rendered first, the address changed after (some routers do).
    if (next.flags.renderFirst) void show(next, push);
    else {
      push();
      void show(next);
    }
  });
  window.addEventListener('popstate', () => {
    const next = parseRoute(location.href);
    if (next.layout === 'home' || !sameApp(route, next)) location.reload();
    else void show(next);
  });
}

function loadStylesheet(href) {
  return new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
    setTimeout(resolve, 2000);
    document.head.append(link);
  });
}

async function boot() {
  const html = document.documentElement;
  html.lang = route.lang;
  if (route.flags.theme === 'dark') {
    html.classList.add('theme-dark');
    html.style.colorScheme = 'dark';
  }
  await loadStylesheet(route.layout === 'onprem' ? '/desk/onprem.css' : '/desk/cloud.css');
  if (route.layout === 'home') return renderHome();
  document.body.className = route.layout === 'onprem' ? 'bsc' : 'bossdesk';
  shell = layout().shell();
  installNavigation();
  if (route.flags.churn) startChurn();
  try {
    tickets = await api('/api/tickets');
  } catch {
    tickets = [];
  }
  await show(route);
}

void boot();
