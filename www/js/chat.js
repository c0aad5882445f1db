// / and /c/{id}: the conversation list at the side, the message view (prompts,
// images with their actions, sibling variants), the reply box, live turns and
// picking up a turn still running after a reload.
import { $, el, api, requireUser, runTurn, resumeTurn, turnBody, imageProgress, fileId, signedUrl, downloadFile, errorBox, partialSrc, topbar, wireComposer, toast, copyText } from './lib.js';
import { renderMarkdown } from './markdown.js';

const SIZES = new Set(['1024x1024', '1536x1024', '1024x1536']);
const state = {
  cid: null,
  conv: null,
  chosen: new Map(), // parent id -> child id the user flipped to
  edit: null, // {parent, style, size, label}
  busy: 0,
  tail: null, // id of the last node shown
};

function cidFromPath() {
  const m = location.pathname.match(/^\/c\/([^/?#]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

// ---- sidebar --------------------------------------------------------------------

async function loadSidebar() {
  const list = $('#convs');
  try {
    const res = await api('GET', '/backend-api/conversations?offset=0&limit=28&order=updated');
    const items = (res.items || []).map((c) => el('li', el('a', {
      href: `/c/${c.id}`,
      'aria-current': c.id === state.cid ? 'page' : null,
      title: c.title || 'Untitled',
    }, el('span.kind', { 'aria-hidden': 'true', text: c.kind === 'images' ? '◧' : '◌' }), c.title || 'Untitled')));
    list.replaceChildren(...items);
    if (!items.length) list.replaceChildren(el('li.note', { style: 'padding:8px 10px', text: 'No conversations yet.' }));
  } catch (e) {
    list.replaceChildren(el('li', errorBox(e.message, () => loadSidebar())));
  }
}

// ---- the message tree -------------------------------------------------------------

function activePath(conv) {
  const m = conv.mapping || {};
  const onPath = new Set();
  for (let n = conv.current_node; n && m[n]; n = m[n].parent) onPath.add(n);
  let id = Object.values(m).find((n) => !n.parent || !m[n.parent])?.id;
  const out = [];
  while (id && m[id]) {
    const node = m[id];
    out.push(node);
    const kids = (node.children || []).filter((k) => m[k]);
    if (!kids.length) break;
    const chosen = state.chosen.get(id);
    id = kids.includes(chosen) ? chosen : kids.find((k) => onPath.has(k)) || kids.at(-1);
  }
  return out;
}

const role = (n) => n?.message?.author?.role;
const text = (msg) => (msg?.content?.parts || []).filter((p) => typeof p === 'string').join('\n');

function hasImages(conv) {
  return Object.values(conv?.mapping || {}).some((n) => role(n) === 'tool');
}

function render() {
  const conv = state.conv;
  const inner = $('#thread-inner');
  const out = [];
  if (conv.title) out.push(el('h1.title', { text: conv.title }));
  const path = activePath(conv);
  state.tail = path.at(-1)?.id || null;
  for (let i = 0; i < path.length; i++) {
    const node = path[i];
    const msg = node.message;
    if (!msg || msg.metadata?.is_visually_hidden_from_conversation) continue;
    if (msg.status === 'in_progress') continue;
    const r = role(node);
    if (r === 'user') {
      out.push(el('div.msg-user', { text: text(msg) }));
    } else if (r === 'tool') {
      const next = path[i + 1];
      let caption = null;
      if (role(next) === 'assistant' && /^Image created/.test(text(next.message))) {
        caption = text(next.message);
        i++;
      }
      out.push(figure(node, caption, next && caption ? next.id : node.id));
    } else if (r === 'assistant') {
      const t = text(msg);
      if (msg.metadata?.model_slug) {
        // A text model's reply: Markdown, and at the end of its turn regenerate and the variants.
        const next = path[i + 1];
        const turnEnd = !next || role(next) === 'user';
        let u = i - 1;
        while (u >= 0 && role(path[u]) !== 'user') u--;
        out.push(reply(node, turnEnd && u >= 0 ? path[u] : null, turnEnd && u >= 0 ? path[u + 1] : null));
        continue;
      }
      if (t) out.push(el('div.msg-assistant', { text: t }));
      // A chat reply to a prompt that was not taken as a picture: offer to draw it.
      const asked = state.conv.mapping[node.parent];
      if (i === path.length - 1 && role(asked) === 'user' && text(asked.message)) {
        out.push(el('div.actions', el('button.btn.small', {
          type: 'button',
          text: 'Create an image of this',
          onclick: () => startTurn(turnBody({ prompt: text(asked.message), conversationId: state.cid, parent: node.id }), { prompt: text(asked.message) }),
        })));
      }
    }
  }
  inner.replaceChildren(...out);
  // Isolated (U+2068 … U+2069): a right-to-left title, or a stray direction override
  // in one, cannot reorder the " — Images" after it.
  document.title = `\u2068${conv.title || 'Conversation'}\u2069 — Images`;
}

// A model's reply: its text as Markdown (built as DOM nodes, never as HTML), an
// error with a retry, and at the end of a turn the variants (‹ 1/2 ›) and Regenerate.
function reply(node, userNode, firstReply) {
  const msg = node.message;
  const block = el('div.reply-block', { dataset: { msgId: node.id } });
  const t = text(msg);
  if (t) block.append(el('div.msg-assistant.md', renderMarkdown(t)));
  if (msg.status === 'finished_with_error') {
    block.append(errorBox(msg.metadata?.error || 'The reply could not be finished.', userNode ? () => regenerate(userNode) : null));
  } else if (msg.metadata?.finish_details?.type === 'interrupted') {
    block.append(el('p.note', { text: 'Stopped.' }));
  }
  if (!userNode) return block;
  const actions = el('div.actions', { role: 'toolbar', 'aria-label': 'Reply actions' });
  const sibs = (userNode.children || []).filter((k) => role(state.conv.mapping[k]) === 'assistant');
  if (sibs.length > 1) {
    const idx = Math.max(0, sibs.indexOf(firstReply?.id));
    const flip = (d) => {
      state.chosen.set(userNode.id, sibs[idx + d]);
      render();
    };
    actions.append(el('span.sibs',
      el('button', { type: 'button', 'aria-label': 'Previous reply', disabled: idx === 0, onclick: () => flip(-1), text: '‹' }),
      el('span', { text: `${idx + 1}/${sibs.length}`, 'aria-live': 'polite' }),
      el('button', { type: 'button', 'aria-label': 'Next reply', disabled: idx === sibs.length - 1, onclick: () => flip(1), text: '›' })));
  }
  actions.append(el('button.btn.ghost', { type: 'button', text: 'Regenerate', onclick: () => regenerate(userNode) }));
  if (t) {
    actions.append(el('button.btn.ghost', {
      type: 'button',
      text: 'Copy',
      onclick: async () => toast((await copyText(t)) ? 'Copied' : 'Could not copy'),
    }));
  }
  block.append(actions);
  return block;
}

function regenerate(userNode) {
  startTurn(turnBody({ action: 'variant', conversationId: state.cid, parent: userNode.id, picture: false }), { label: 'Regenerating…' });
}

function figure(node, caption, continueFrom) {
  const msg = node.message;
  const parent = state.conv.mapping[node.parent];
  const sibs = role(parent) === 'user' ? parent.children.filter((k) => role(state.conv.mapping[k]) === 'tool') : [node.id];
  const parts = (msg.content?.parts || []).filter((p) => p && typeof p === 'object' && p.content_type === 'image_asset_pointer');
  const userPrompt = msg.metadata?.user_prompt || text(parent?.message) || '';
  const fig = el('figure.figure', { dataset: { toolId: node.id } });
  if (msg.status === 'finished_with_error' || (!parts.length && msg.metadata?.error)) {
    fig.append(errorBox(msg.metadata?.error || 'The image could not be made.'));
  }
  const part = parts[0];
  for (const p of parts) {
    const enhanced = p.metadata?.dalle?.prompt || msg.metadata?.enhanced_prompt || userPrompt;
    if (p.removed) {
      fig.append(el('div.imgwrap', { style: 'width:min(100%,512px)' }, el('div.removed', { text: 'This image was deleted.' })));
      continue;
    }
    const id = fileId(p.asset_pointer);
    const img = el('img', { alt: enhanced, width: p.width, height: p.height, dataset: { fileId: id } });
    signedUrl(id).then((u) => { img.src = u; }, (e) => img.replaceWith(errorBox(e.message)));
    const wrap = el('div.imgwrap', { tabindex: '0', 'aria-label': `Image. Original prompt: ${userPrompt}` }, img, el('div.orig', { text: `Prompt: ${userPrompt}` }));
    wrap.style.width = `min(100%, ${p.width >= p.height ? 512 : 384}px)`;
    wrap.style.aspectRatio = `${p.width} / ${p.height}`;
    wrap.addEventListener('click', () => wrap.classList.toggle('show-orig'));
    fig.append(wrap);
  }
  if (caption) fig.append(el('figcaption', { text: caption }));
  // Which enhancer wrote the prompt (images.conf: enhancer = builtin | llm).
  const enh = msg.metadata?.enhancer;
  if (enh === 'llm') fig.append(el('p.enhancer', { text: 'Prompt enhanced by the text model' }));
  else if (enh && msg.metadata?.enhancer_fallback) fig.append(el('p.enhancer', { text: `Prompt enhanced by the built-in enhancer (the text model could not: ${msg.metadata.enhancer_fallback})` }));
  else if (enh === 'builtin') fig.append(el('p.enhancer', { text: 'Prompt enhanced by the built-in enhancer' }));
  const unknown = msg.metadata?.unknown_words || [];
  if (unknown.length) fig.append(el('p.note', { text: `Not understood, left out: ${unknown.join(', ')}` }));
  const actions = el('div.actions', { role: 'toolbar', 'aria-label': 'Image actions' });
  if (sibs.length > 1) {
    const idx = sibs.indexOf(node.id);
    const flip = (d) => {
      state.chosen.set(parent.id, sibs[idx + d]);
      render();
      document.querySelector(`[data-tool-id="${CSS.escape(sibs[idx + d])}"] .sibs button`)?.focus();
    };
    actions.append(el('span.sibs',
      el('button', { type: 'button', 'aria-label': 'Previous version', disabled: idx === 0, onclick: () => flip(-1), text: '‹' }),
      el('span', { text: `${idx + 1}/${sibs.length}`, 'aria-live': 'polite' }),
      el('button', { type: 'button', 'aria-label': 'Next version', disabled: idx === sibs.length - 1, onclick: () => flip(1), text: '›' })));
  }
  const live = part && !part.removed;
  const gen = part?.metadata?.generation || {};
  const size = part ? `${part.width}x${part.height}` : '1024x1024';
  const opts = { style: gen.style || null, size: SIZES.has(size) ? size : '1024x1024' };
  if (live) {
    const id = fileId(part.asset_pointer);
    actions.append(
      el('button.btn.ghost', { type: 'button', text: 'Download', onclick: () => downloadFile(id).catch((e) => toast(e.message)) }),
      el('button.btn.ghost', {
        type: 'button',
        text: 'Copy link',
        onclick: async () => toast((await copyText(`${location.origin}/c/${state.cid}`)) ? 'Link copied' : 'Could not copy the link'),
      }),
    );
  }
  if (role(parent) === 'user') {
    actions.append(el('button.btn.ghost', {
      type: 'button',
      text: 'Regenerate',
      onclick: () => startTurn(turnBody({ action: 'variant', conversationId: state.cid, parent: parent.id, image: opts }), { label: 'Regenerating…' }),
    }));
  }
  if (live) {
    actions.append(el('button.btn.ghost', {
      type: 'button',
      text: 'Edit',
      onclick: () => setEdit({ parent: continueFrom, ...opts, label: part.metadata?.dalle?.prompt || userPrompt, fileId: fileId(part.asset_pointer) }),
    }));
    if (gen.style) actions.append(el('a.btn.ghost', { href: `/images?style=${encodeURIComponent(gen.style)}`, text: 'Use style' }));
    actions.append(el('button.btn.ghost.danger', {
      type: 'button',
      text: 'Delete',
      onclick: async () => {
        if (!confirm('Delete this image? It is removed from the gallery and this conversation.')) return;
        try {
          await api('DELETE', `/backend-api/my/recent/image_gen/${encodeURIComponent(fileId(part.asset_pointer))}`);
          toast('Image deleted');
          await loadConversation();
        } catch (e) {
          fig.append(errorBox(e.message));
        }
      },
    }));
  }
  if (actions.children.length) fig.append(actions);
  return fig;
}

function setEdit(edit) {
  state.edit = edit;
  const box = $('#editing');
  const ta = $('#prompt');
  if (!edit) {
    box.hidden = true;
    box.replaceChildren();
    ta.placeholder = 'Describe an image or a change…';
    return;
  }
  const thumb = el('img', { alt: '' });
  signedUrl(edit.fileId, { thumbnail: true }).then((u) => { thumb.src = u; }, () => thumb.remove());
  box.replaceChildren(thumb, el('span', { text: `Editing: ${edit.label}` }),
    el('button.btn.ghost.small', { type: 'button', 'aria-label': 'Stop editing', text: '✕', onclick: () => setEdit(null) }));
  box.hidden = false;
  ta.placeholder = 'Describe the change — e.g. make it red';
  ta.focus();
}

async function loadConversation(scroll = false) {
  try {
    state.conv = await api('GET', `/backend-api/conversation/${encodeURIComponent(state.cid)}`);
    render();
    if (scroll) $('#thread').scrollTop = $('#thread').scrollHeight;
  } catch (e) {
    if (e.status === 404) {
      $('#thread-inner').replaceChildren(el('div.welcome', el('h1', { text: 'Conversation not found' }), el('p', { text: 'It may have been deleted.' }), el('a.btn', { href: '/', text: 'New chat' })));
      $('#composer').hidden = true;
      return;
    }
    $('#thread-inner').replaceChildren(errorBox(e.message, () => loadConversation()));
  }
}

// ---- live turns -----------------------------------------------------------------

// One message of a streaming chat turn, kept in `live` so updates change it in place.
function liveMessage(live, out, m) {
  let node = live.get(m.id);
  const r = role({ message: m });
  if (r === 'assistant') {
    if (!m.metadata?.model_slug) {
      // "Image created • …" under the image the model made.
      if (node) return;
      node = el('p.note.caption', { text: text(m) });
      live.set(m.id, node);
      out.append(node);
      return;
    }
    if (!node) {
      node = el('div.msg-assistant.md');
      node.dataset.msgId = m.id;
      live.set(m.id, node);
      out.append(node);
    }
    const t = text(m);
    if (node.dataset.text !== t) {
      node.dataset.text = t;
      node.replaceChildren(renderMarkdown(t));
    }
    if (m.status === 'finished_with_error' && !node.nextElementSibling?.classList.contains('error')) {
      node.after(errorBox(m.metadata?.error || 'The reply could not be finished.'));
    }
  } else if (r === 'tool') {
    if (!node) {
      const status = el('span.status', { text: 'Starting…' });
      const bar = el('div.bar', { style: 'width:0%' });
      const wrap = el('div.imgwrap.shimmer', { style: 'aspect-ratio:1/1;width:min(100%,384px)' }, status, bar);
      node = el('figure.figure.tool-live', { dataset: { state: 'starting' } }, wrap);
      node.parts = { status, bar, wrap, img: null, src: null };
      live.set(m.id, node);
      out.append(node);
    }
    const { status, bar, wrap } = node.parts;
    const meta = m.metadata || {};
    const prog = meta.image_gen_progress;
    const done = (m.content?.parts || []).find((p) => p && p.content_type === 'image_asset_pointer');
    if (done) {
      if (node.dataset.state !== 'done') {
        node.dataset.state = 'done';
        status.remove();
        bar.remove();
        wrap.classList.remove('shimmer');
        wrap.style.aspectRatio = `${done.width} / ${done.height}`;
        const img = node.parts.img || el('img', { alt: meta.enhanced_prompt || meta.user_prompt || 'Image' });
        if (!node.parts.img) wrap.prepend(img);
        img.classList.remove('partial');
        img.style.filter = '';
        signedUrl(fileId(done.asset_pointer)).then((u) => { img.src = u; }, (e) => img.replaceWith(errorBox(e.message)));
      }
      return;
    }
    if (m.status === 'finished_with_error') {
      node.dataset.state = 'error';
      wrap.hidden = true;
      if (!node.querySelector('.error')) node.append(errorBox(meta.error || 'The image could not be made.'));
      return;
    }
    if (prog?.state === 'queued') status.textContent = 'In queue';
    else if (prog?.state === 'rendering') {
      node.dataset.state = 'rendering';
      status.textContent = `Creating image · ${Math.round(prog.percent ?? 0)}%`;
      bar.style.width = `${Math.round(prog.percent ?? 0)}%`;
    }
    const partial = (meta.partial_images || []).at(-1);
    if (partial) {
      if (!node.parts.img) {
        node.parts.img = el('img.partial', { alt: 'Preview of the image being made' });
        wrap.classList.remove('shimmer');
        wrap.prepend(node.parts.img);
      }
      node.parts.img.src = partialSrc(partial);
    }
  }
}

function liveBlock(prompt, label) {
  const blocks = [];
  if (prompt) blocks.push(el('div.msg-user', { text: prompt }));
  const status = el('span.status', { text: label || 'Starting…' });
  const bar = el('div.bar', { style: 'width:0%' });
  const wrap = el('div.imgwrap.shimmer', { style: 'aspect-ratio:1/1;width:min(100%,512px)' }, status, bar);
  const textOut = el('div.msg-assistant');
  const errorSlot = el('div');
  const chatOut = el('div.chat-live');
  const stop = el('button.btn.ghost.small.stop', { type: 'button', text: 'Stop', hidden: true });
  const fig = el('figure.figure.live', { dataset: { state: 'starting', partials: '0' }, 'aria-busy': 'true' }, wrap, chatOut, textOut, stop, errorSlot);
  blocks.push(fig);
  $('#thread-inner').append(...blocks);
  let preview = null;
  const live = new Map(); // message id -> its live node (chat turns)
  let cid = null;
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    try {
      await api('POST', `/backend-api/conversation/${encodeURIComponent(cid)}/cancel`, {});
    } catch (e) {
      toast(e.message);
    }
  });
  return {
    fig,
    update(st) {
      cid = st.conversationId || cid;
      const msgs = st.messages.map((e) => e.message).filter((m) => m && role({ message: m }) !== 'user');
      if (msgs[0] && role({ message: msgs[0] }) === 'assistant' && msgs[0].metadata?.model_slug) {
        // A text model's turn: its replies as Markdown as they grow, images the model made inline.
        wrap.hidden = true;
        fig.dataset.state = 'streaming';
        stop.hidden = !cid || st.done;
        for (const m of msgs) liveMessage(live, chatOut, m);
        return;
      }
      const g = imageProgress(st);
      if (g.tool) {
        if (g.progress?.state === 'queued') {
          fig.dataset.state = 'queued';
          // position is the image's place in the queue, 1 = next.
          const ahead = Math.max(0, (g.progress.position ?? 1) - 1);
          status.textContent = ahead > 0 ? `In queue · ${ahead} ahead` : 'In queue · next';
        } else if (g.progress?.state === 'rendering') {
          fig.dataset.state = 'rendering';
          const pct = Math.round(g.progress.percent ?? 0);
          status.textContent = `Creating image · ${pct}%`;
          bar.style.width = `${pct}%`;
        }
        if (g.partial) {
          fig.dataset.partials = String(g.partialCount);
          if (!preview) {
            preview = el('img.partial', { alt: 'Preview of the image being made' });
            wrap.classList.remove('shimmer');
            wrap.prepend(preview);
          }
          preview.src = partialSrc(g.partial);
          if (g.partialCount > 1) preview.style.filter = 'blur(2px)';
        }
      } else if (g.assistant) {
        wrap.hidden = true;
        textOut.textContent = text(g.assistant);
      }
    },
    fail(message, retry) {
      fig.dataset.state = 'error';
      fig.removeAttribute('aria-busy');
      wrap.hidden = true;
      errorSlot.replaceChildren(errorBox(message, retry));
    },
  };
}

async function follow(block, start) {
  state.busy++;
  let st = null;
  try {
    st = await start((s) => {
      st = s;
      if (!state.cid && s.conversationId) {
        state.cid = s.conversationId;
        history.replaceState(null, '', `/c/${s.conversationId}`);
      }
      block.update(s);
    });
    block.update(st);
    state.busy--;
    state.chosen.clear();
    if (state.cid) {
      await loadConversation(true);
      loadSidebar();
    }
  } catch (e) {
    state.busy--;
    const cid = st?.conversationId || state.cid;
    if (e.status === 409 && state.cid) {
      // A retry of a turn the server had stored before its answer was lost: show that
      // turn (resumed if it still runs) instead of sending the prompt again.
      block.fig.previousElementSibling?.classList.contains('msg-user') && block.fig.previousElementSibling.remove();
      block.fig.remove();
      follow(liveBlock(null, 'Reconnecting…'), (u) => resumeTurn(state.cid, u));
      return;
    }
    if (cid && st && e.status !== 429) {
      block.fail(e.message, () => {
        block.fig.remove();
        follow(liveBlock(null, 'Reconnecting…'), (u) => resumeTurn(cid, u));
      });
    } else {
      block.fail(e.message, e.status === 400 || !block.retry ? null : () => {
        block.fig.previousElementSibling?.classList.contains('msg-user') && block.fig.previousElementSibling.remove();
        block.fig.remove();
        block.retry();
      });
    }
  }
}

function startTurn(body, { prompt, label } = {}) {
  const block = liveBlock(prompt, label);
  block.retry = () => startTurn({ ...body, messages: body.messages }, { prompt, label });
  block.fig.scrollIntoView({ block: 'end', behavior: 'smooth' });
  follow(block, (u) => runTurn(body, u));
}

function send() {
  const ta = $('#prompt');
  const prompt = ta.value.trim();
  if (!prompt) return;
  // With a text model (its replies carry model_slug) the model decides when to draw; without one,
  // a conversation that has images goes on making images.
  const modelled = Object.values(state.conv?.mapping || {}).some((n) => n.message?.metadata?.model_slug);
  const picture = !state.cid ? false : state.conv?.kind === 'images' || (!modelled && hasImages(state.conv));
  const edit = state.edit;
  const body = turnBody({
    prompt,
    conversationId: state.cid,
    parent: edit ? edit.parent : state.tail || 'client-created-root',
    picture: picture || !!edit,
    image: edit ? { style: edit.style, size: edit.size } : {},
  });
  if (!state.cid) $('#thread-inner').replaceChildren();
  setEdit(null);
  ta.value = '';
  ta.dispatchEvent(new Event('input'));
  startTurn(body, { prompt });
}

// ---- start --------------------------------------------------------------------------

async function main() {
  const user = await requireUser();
  const bar = topbar(user, 'chat');
  const menu = el('button.btn.ghost.icon.menu-btn', { type: 'button', 'aria-label': 'Conversations', 'aria-expanded': 'false', text: '☰' });
  menu.addEventListener('click', () => {
    const open = $('#sidebar').classList.toggle('open');
    menu.setAttribute('aria-expanded', String(open));
  });
  bar.prepend(menu);
  $('#top').replaceWith(bar);
  state.cid = cidFromPath();
  const ta = $('#prompt');
  wireComposer(ta, send);
  ta.addEventListener('input', () => {
    $('#send').disabled = !ta.value.trim();
  });
  $('#composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.edit) setEdit(null);
  });
  loadSidebar();
  if (!state.cid) {
    $('#thread-inner').replaceChildren(el('div.welcome', el('h1', { text: 'What can I make for you?' }),
      el('p', { text: 'Describe a picture — “a snowman in the snow”, “a rocket next to a planet in space”. Then ask for changes.' }),
      el('a.btn', { href: '/images', text: 'Open Images with styles and sizes' })));
  } else {
    await loadConversation(true);
    // A turn still running (the page was reloaded): follow it again.
    try {
      const st = await api('GET', `/backend-api/conversation/${encodeURIComponent(state.cid)}/stream_status`);
      if (st.status === 'IS_STREAMING') {
        const block = liveBlock(null, 'Reconnecting…');
        block.fig.dataset.resumed = '1';
        follow(block, (u) => resumeTurn(state.cid, u));
      }
    } catch {
      // the conversation view is still right
    }
  }
  ta.focus({ preventScroll: true });
  document.body.dataset.ready = '1';
}

main().catch((e) => {
  $('#thread-inner').replaceChildren(errorBox(e.message, () => location.reload()));
});
