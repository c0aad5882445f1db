// Shared helpers of the Images pages: DOM building (text only, never HTML from
// data), the JSON API, the streamed turn (prepare + POST + SSE v1 deltas), resume,
// signed file URLs and small UI pieces (toasts, errors with a retry).

// el('div.card', {attrs}, children...) — children are nodes or strings (text nodes).
export function el(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (sel, root = document) => root.querySelector(sel);

export class ApiError extends Error {
  constructor(status, detail, retryAfter) {
    super(detail);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

// Plain words for an error answer.
export function explain(status, detail, retryAfter) {
  if (status === 0) return 'Lost the connection to the server.';
  if (status === 429) {
    const wait = retryAfter ? ` Try again in ${retryAfter} s.` : '';
    return `You have too many images in progress.${wait}`;
  }
  if (status === 401) return 'Your session has ended. Please log in again.';
  if (status === 413) return 'That is too large for the server.';
  if (status >= 500) return `The server had a problem (${detail || status}). Please try again.`;
  if (detail && /prompt/i.test(detail) && /long|large|bytes/i.test(detail)) return 'The prompt is over the length limit. Please shorten it.';
  return detail ? detail.charAt(0).toUpperCase() + detail.slice(1) + '.' : `Request failed (${status}).`;
}

async function errorFrom(res) {
  let detail = '';
  try {
    const j = await res.json();
    detail = j.detail || j.error_message || '';
  } catch {
    // not JSON
  }
  const ra = res.headers.get('Retry-After');
  return new ApiError(res.status, explain(res.status, detail, ra), ra);
}

export async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'Content-Type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, explain(0));
  }
  if (!res.ok) throw await errorFrom(res);
  const text = await res.text();
  return text ? JSON.parse(text) : {};
}

export function toLogin() {
  const next = location.pathname + location.search;
  location.replace(`/login?next=${encodeURIComponent(next)}`);
}

// The signed-in user, or a redirect to the log-in page.
export async function requireUser(fetcher = () => api('GET', '/backend-api/me')) {
  try {
    return await fetcher();
  } catch (e) {
    if (e.status === 401) {
      toLogin();
      return new Promise(() => {});
    }
    throw e;
  }
}

// ---- the stream -----------------------------------------------------------

// Applies one v1 op to an envelope {message}; p is a JSON pointer.
function applyOp(env, p, o, v) {
  if (o === 'patch') {
    for (const op of v || []) applyOp(env, op.p, op.o, op.v);
    return;
  }
  const keys = p.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!keys.length) return;
  let obj = env;
  for (const k of keys.slice(0, -1)) {
    if (obj[k] === undefined || obj[k] === null) obj[k] = {};
    obj = obj[k];
  }
  const last = keys.at(-1);
  const cur = obj[last];
  if (o === 'add' || o === 'replace') obj[last] = v;
  else if (o === 'remove') delete obj[last];
  else if (o === 'truncate') {
    if (typeof cur === 'string' || Array.isArray(cur)) obj[last] = cur.slice(0, v);
  } else if (o === 'append') {
    if (typeof cur === 'string') obj[last] = cur + v;
    else if (Array.isArray(cur)) cur.push(v);
    else if (cur && typeof cur === 'object' && v && typeof v === 'object') Object.assign(cur, v);
    else if (cur === undefined || cur === null) obj[last] = /partial_images$/.test(last) ? [v] : v;
  }
}

// Reads an SSE response; calls onUpdate(state) after every event. state:
// {conversationId, messages: [{message}], byChannel, current, title, done}.
async function readStream(res, state, onUpdate) {
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  let last = { p: '', o: 'add', c: 0 };
  const handle = (event, data) => {
    state.offset += 1;
    if (data === '[DONE]') {
      state.done = true;
      return;
    }
    let j;
    try {
      j = JSON.parse(data);
    } catch {
      return;
    }
    if (event === 'delta_encoding') return;
    if (event === 'delta') {
      const p = j.p ?? last.p;
      const o = j.o ?? last.o;
      const c = j.c ?? last.c;
      last = { p, o, c };
      if (p === '' && o === 'add') {
        const env = { message: j.v.message };
        state.conversationId = j.v.conversation_id || state.conversationId;
        state.byChannel[c] = env;
        state.messages.push(env);
        state.current = env;
        if (j.v.error) state.error = j.v.error;
      } else if (state.current) {
        applyOp(state.current, p, o, j.v);
      }
      return;
    }
    if (j.type === 'title_generation') state.title = j.title;
    if (j.type === 'message_stream_complete') state.complete = true;
    if (j.conversation_id) state.conversationId = state.conversationId || j.conversation_id;
    if (j.error) state.error = typeof j.error === 'string' ? j.error : j.error.message || 'generation failed';
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let cut;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let event = null;
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
        else if (line.startsWith('data:')) data.push(line.slice(5));
      }
      if (!data.length) continue;
      handle(event, data.join('\n'));
      onUpdate(state);
    }
  }
  if (!state.done) throw new ApiError(0, explain(0));
  return state;
}

function freshState(conversationId = null) {
  return { conversationId, messages: [], byChannel: {}, current: null, title: null, done: false, complete: false, offset: 0, error: null };
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// The request body of a turn.
export function turnBody({ prompt, conversationId = null, parent = 'client-created-root', action = 'next', picture = true, image = {} }) {
  const hints = picture ? ['picture_v2'] : [];
  const body = {
    action,
    conversation_id: conversationId,
    parent_message_id: parent,
    model: 'auto',
    system_hints: hints,
    supported_encodings: ['v1'],
    image: { style: null, size: '1024x1024', seed: null, enhance: true, n: 1, ...image },
  };
  if (action !== 'variant') {
    body.messages = [{ id: uuid(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt] }, metadata: { system_hints: hints } }];
  }
  return body;
}

// Runs a turn: prepare, POST, stream. onUpdate(state) on every event.
export async function runTurn(body, onUpdate = () => {}) {
  const { conduit_token: token } = await api('POST', '/backend-api/f/conversation/prepare', {});
  let res;
  try {
    res = await fetch('/backend-api/f/conversation', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Conduit-Token': token, Accept: 'text/event-stream' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, explain(0));
  }
  if (!res.ok) throw await errorFrom(res);
  const state = freshState(body.conversation_id);
  return readStream(res, state, onUpdate);
}

// Replays the latest turn of a conversation from the start and follows it.
export async function resumeTurn(conversationId, onUpdate = () => {}) {
  let res;
  try {
    res = await fetch('/backend-api/f/conversation/resume', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ conversation_id: conversationId, offset: 0 }),
    });
  } catch {
    throw new ApiError(0, explain(0));
  }
  if (!res.ok) throw await errorFrom(res);
  return readStream(res, freshState(conversationId), onUpdate);
}

// What a stream state says about the image being made.
export function imageProgress(state) {
  const tool = state.messages.map((e) => e.message).find((m) => m?.author?.role === 'tool');
  const assistant = state.messages.map((e) => e.message).filter((m) => m?.author?.role === 'assistant').at(-1);
  const user = state.messages.map((e) => e.message).find((m) => m?.author?.role === 'user');
  const meta = tool?.metadata || {};
  const partials = meta.partial_images || [];
  const parts = (tool?.content?.parts || []).filter((p) => p && p.content_type === 'image_asset_pointer');
  return {
    user,
    tool,
    assistant,
    progress: meta.image_gen_progress || null,
    partial: partials.at(-1) || null,
    partialCount: partials.length,
    parts,
    status: tool?.status,
    error: meta.error || (tool?.status === 'finished_with_error' ? 'The image could not be made.' : null),
    unknown: meta.unknown_words || [],
  };
}

// ---- files ------------------------------------------------------------------

export function fileId(assetPointer) {
  return String(assetPointer || '').replace('sediment://', '');
}

export async function signedUrl(id, { thumbnail = false, download = false } = {}) {
  const q = [];
  if (thumbnail) q.push('variant=thumbnail');
  if (download) q.push('p=download');
  const j = await api('GET', `/backend-api/files/download/${encodeURIComponent(id)}${q.length ? `?${q.join('&')}` : ''}`);
  return j.download_url;
}

export async function downloadFile(id) {
  const url = await signedUrl(id, { download: true });
  const a = el('a', { href: url, download: '', rel: 'noreferrer' });
  document.body.append(a);
  a.click();
  a.remove();
}

// ---- small UI pieces ----------------------------------------------------------

let toastBox;
export function toast(text) {
  if (!toastBox) {
    toastBox = el('div.toasts', { role: 'status', 'aria-live': 'polite' });
    document.body.append(toastBox);
  }
  const t = el('div.toast', { text });
  toastBox.append(t);
  setTimeout(() => t.remove(), 3500);
}

// An inline error with an optional retry button.
export function errorBox(message, retry) {
  const box = el('div.error', { role: 'alert' }, el('span', { text: message }));
  if (retry) box.append(el('button.btn.small', { type: 'button', onclick: retry, text: 'Retry' }));
  return box;
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = el('textarea', { 'aria-hidden': 'true', style: 'position:fixed;left:-9999px' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

export function partialSrc(p) {
  return `data:image/webp;base64,${p.b64_webp}`;
}

// The top bar shared by the pages.
export function topbar(user, active) {
  const nav = el('nav.topnav', { 'aria-label': 'Main' },
    el('a', { href: '/', class: active === 'chat' ? 'active' : null, 'aria-current': active === 'chat' ? 'page' : null, text: 'Chats' }),
    el('a', { href: '/images', class: active === 'images' ? 'active' : null, 'aria-current': active === 'images' ? 'page' : null, text: 'Images' }));
  const logout = el('button.btn.ghost.small', {
    type: 'button',
    text: 'Log out',
    onclick: async () => {
      try {
        await api('POST', '/backend-api/auth/logout', {});
      } finally {
        location.href = '/login';
      }
    },
  });
  return el('header.topbar', el('a.brand', { href: '/images', 'aria-label': 'Images home' }, el('span.logo', { 'aria-hidden': 'true' }), el('span.brand-name', { text: 'Images' })), nav,
    el('div.who', el('span.username', { text: user?.name || user?.email || '' }), logout));
}

// Enter sends, Shift+Enter is a new line; the textarea grows with its text.
export function wireComposer(textarea, send) {
  const grow = () => {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, 240)}px`;
  };
  textarea.addEventListener('input', grow);
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  return grow;
}
