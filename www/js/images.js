// /images: the prompt box with styles, size and enhance; a live card per
// generation (queue position, percent, sharpening previews, the image); the
// gallery of recent images with infinite scroll.
import { $, el, api, requireUser, runTurn, resumeTurn, turnBody, imageProgress, fileId, signedUrl, errorBox, partialSrc, topbar, wireComposer } from './lib.js';

const state = {
  style: null,
  size: '1024x1024',
  cursor: null,
  loading: false,
  seen: new Set(),
  limits: { max_prompt_bytes: 4000 },
};

// ---- styles, size, enhance ------------------------------------------------

function renderStyles(styles) {
  const row = $('#styles');
  const wanted = new URLSearchParams(location.search).get('style');
  if (wanted && styles.some((s) => s.id === wanted)) state.style = wanted;
  const cards = [];
  const pick = (id) => {
    state.style = id;
    for (const c of cards) c.setAttribute('aria-pressed', String(c.dataset.style === (id || '')));
    updateHint();
  };
  const none = el('button.style-card', { type: 'button', dataset: { style: '' }, 'aria-pressed': String(!state.style), onclick: () => pick(null) },
    el('div.none', { 'aria-hidden': 'true', text: '∅' }), el('span', { text: 'No style' }));
  cards.push(none);
  for (const s of styles) {
    const v = s.variants?.[0];
    const card = el('button.style-card', { type: 'button', dataset: { style: s.id }, 'aria-pressed': String(state.style === s.id), title: s.title, onclick: () => pick(s.id) },
      v ? el('img', { src: v.url, alt: '', width: v.width_px, height: v.height_px, loading: 'lazy', decoding: 'async' }) : el('div.none', { text: '' }),
      el('span', { text: s.title }));
    cards.push(card);
  }
  row.replaceChildren(...cards);
  state.styles = styles;
}

function updateHint() {
  const s = state.styles?.find((x) => x.id === state.style);
  $('#hint').textContent = s ? `Style: ${s.title}` : '';
}

function wireSizes() {
  for (const b of document.querySelectorAll('#sizes button')) {
    b.addEventListener('click', () => {
      state.size = b.dataset.size;
      for (const o of document.querySelectorAll('#sizes button')) o.setAttribute('aria-pressed', String(o === b));
    });
  }
}

// ---- a generation card ------------------------------------------------------

function makeCard(prompt, size) {
  const [w, h] = size.split('x').map(Number);
  const status = el('span.status', { text: 'Starting…' });
  const bar = el('div.bar', { style: 'width:0%' });
  const frame = el('div.frame.shimmer', { style: `aspect-ratio:${w}/${h}` }, status, bar);
  const promptEl = el('div.p', { text: prompt || '' });
  const link = el('a', { text: 'Open conversation', hidden: true });
  const cancel = el('button.btn.ghost.small.cancel', {
    type: 'button',
    hidden: true,
    text: 'Cancel',
    onclick: async () => {
      cancel.disabled = true;
      try {
        await api('POST', `/backend-api/conversation/${encodeURIComponent(card.dataset.cid)}/cancel`, {});
      } catch (e) {
        errorSlot.replaceChildren(errorBox(e.message));
        cancel.disabled = false;
      }
    },
  });
  const errorSlot = el('div');
  const note = el('p.note', { hidden: true });
  const card = el('article.job', { dataset: { state: 'starting', partials: '0', maxPosition: '0' }, 'aria-busy': 'true' }, frame, el('div.meta', promptEl, note, errorSlot, el('div.links', link, cancel)));
  $('#jobs-section').hidden = false;
  $('#jobs').prepend(card);
  let previewImg = null;
  let finalShown = false;

  const setStatus = (text) => {
    status.textContent = text;
    status.hidden = !text;
  };

  return {
    card,
    setPrompt(p) {
      if (p) promptEl.textContent = p;
    },
    setConversation(cid) {
      if (!cid || card.dataset.cid) return;
      card.dataset.cid = cid;
      link.href = `/c/${cid}`;
      link.hidden = false;
      if (card.getAttribute('aria-busy')) cancel.hidden = false;
    },
    update(st) {
      const g = imageProgress(st);
      this.setConversation(st.conversationId);
      if (g.user) this.setPrompt(g.user.content?.parts?.[0]);
      if (g.progress && !finalShown) {
        if (g.progress.state === 'queued') {
          card.dataset.state = 'queued';
          card.dataset.wasQueued = '1';
          const pos = g.progress.position ?? 0;
          card.dataset.maxPosition = String(Math.max(Number(card.dataset.maxPosition), pos));
          // position is the image's place in the queue, 1 = next.
          setStatus(pos > 1 ? `In queue · ${pos - 1} ahead` : 'In queue · next');
        } else if (g.progress.state === 'rendering') {
          card.dataset.state = 'rendering';
          const pct = Math.max(0, Math.min(100, Math.round(g.progress.percent ?? 0)));
          setStatus(`Creating image · ${pct}%`);
          bar.style.width = `${pct}%`;
        }
      }
      if (g.partial && !finalShown) {
        card.dataset.partials = String(g.partialCount);
        if (!previewImg) {
          previewImg = el('img.partial', { alt: 'Preview of the image being made' });
          frame.classList.remove('shimmer');
          frame.prepend(previewImg);
        }
        previewImg.src = partialSrc(g.partial);
        previewImg.classList.toggle('sharper', g.partialCount > 1);
        status.classList.add('over');
      }
      if (g.unknown.length) {
        note.textContent = `Not understood, left out: ${g.unknown.join(', ')}`;
        note.hidden = false;
      }
      return g;
    },
    async finish(st) {
      const g = imageProgress(st);
      if (g.error || !g.parts.length) {
        const msg = st.messages.find((e) => e.message?.author?.role === 'assistant')?.message;
        const why = g.error || msg?.content?.parts?.[0] || 'No image was made for this prompt.';
        // A failed engine run (backend down, timeout, refused) offers Retry: a new turn
        // with the same prompt and options. A cancel was the user's choice: no retry.
        const cancelled = /cancel/i.test(why);
        this.fail(cancelled ? 'Cancelled.' : why, cancelled || !this.retryPrompt ? null : () => {
          this.card.remove();
          create(this.retryPrompt, this.retryOpts);
        });
        return null;
      }
      const part = g.parts[0];
      const id = fileId(part.asset_pointer);
      const alt = part.metadata?.dalle?.prompt || g.tool?.metadata?.user_prompt || promptEl.textContent;
      const url = await signedUrl(id);
      const img = el('img', { alt, src: url, width: part.width, height: part.height, title: g.tool?.metadata?.user_prompt || '' });
      await img.decode().catch(() => {});
      finalShown = true;
      frame.classList.remove('shimmer');
      frame.replaceChildren(el('a', { href: `/c/${st.conversationId}`, 'aria-label': `Open: ${alt}` }, img));
      card.dataset.state = 'done';
      card.dataset.fileId = id;
      cancel.hidden = true;
      card.removeAttribute('aria-busy');
      errorSlot.replaceChildren();
      return { id, part, tool: g.tool };
    },
    fail(message, retry) {
      cancel.hidden = true;
      card.dataset.state = 'error';
      card.removeAttribute('aria-busy');
      frame.classList.remove('shimmer');
      setStatus('');
      errorSlot.replaceChildren(errorBox(message, retry));
    },
    reset() {
      card.dataset.state = 'starting';
      card.setAttribute('aria-busy', 'true');
      errorSlot.replaceChildren();
      setStatus('Reconnecting…');
    },
  };
}

// Follows one generation to its end; a lost stream offers a retry that resumes.
async function follow(card, start) {
  let st = null;
  try {
    st = await start((s) => {
      st = s;
      card.update(s);
    });
    card.update(st);
    const done = await card.finish(st);
    if (done) addToGallery({ id: done.id, conversation_id: st.conversationId, part: done.part, tool: done.tool });
  } catch (e) {
    const cid = st?.conversationId || card.card.dataset.cid;
    if (cid && e.status !== 429) {
      card.fail(e.message, () => {
        card.reset();
        follow(card, (u) => resumeTurn(cid, u));
      });
    } else {
      card.fail(e.message, e.status === 400 ? null : () => {
        card.card.remove();
        create(card.retryPrompt, card.retryOpts);
      });
    }
  }
}

function create(prompt, opts) {
  const card = makeCard(prompt, opts.size);
  card.retryPrompt = prompt;
  card.retryOpts = opts;
  const body = turnBody({ prompt, image: { style: opts.style, size: opts.size, enhance: opts.enhance } });
  follow(card, (u) => runTurn(body, u));
}

function send() {
  const ta = $('#prompt');
  const prompt = ta.value.trim();
  if (!prompt) return;
  const max = state.limits.max_prompt_bytes || 4000;
  if (new TextEncoder().encode(prompt).length > max) {
    $('#page-error').replaceChildren(errorBox(`The prompt is over the limit of ${max} bytes. Please shorten it.`));
    return;
  }
  $('#page-error').replaceChildren();
  create(prompt, { style: state.style, size: state.size, enhance: $('#enhance').checked });
  ta.value = '';
  ta.dispatchEvent(new Event('input'));
  $('#hint').textContent = 'Create another image while you wait.';
  ta.focus();
}

// ---- gallery ------------------------------------------------------------------

function galleryTile(item, thumbUrl) {
  const alt = item.enhanced_prompt || item.prompt || item.title || 'Generated image';
  const img = el('img', { src: thumbUrl, alt, loading: 'lazy', decoding: 'async', width: item.width || 1024, height: item.height || 1024 });
  return el('a', { href: `/c/${item.conversation_id}`, dataset: { fileId: item.id }, title: item.prompt || '' }, img, el('span.cap', { text: item.prompt || item.title || '' }));
}

function renderItems(items) {
  const g = $('#gallery');
  for (const item of items) {
    if (state.seen.has(item.id)) continue;
    state.seen.add(item.id);
    g.append(galleryTile(item, item.encodings?.thumbnail?.path || item.url));
  }
  $('#gallery-empty').hidden = g.children.length > 0;
}

async function addToGallery({ id, conversation_id: cid, part, tool }) {
  if (state.seen.has(id)) return;
  state.seen.add(id);
  try {
    const thumb = await signedUrl(id, { thumbnail: true });
    const item = { id, conversation_id: cid, width: part.width, height: part.height, prompt: tool?.metadata?.user_prompt, enhanced_prompt: part.metadata?.dalle?.prompt };
    $('#gallery').prepend(galleryTile(item, thumb));
    $('#gallery-empty').hidden = true;
  } catch {
    // the gallery shows it on the next load
  }
}

async function loadMore() {
  if (state.loading || !state.cursor) return;
  state.loading = true;
  $('#gallery-more').hidden = false;
  $('#gallery-error').replaceChildren();
  try {
    const page = await api('GET', `/backend-api/my/recent/image_gen?limit=25&after=${encodeURIComponent(state.cursor)}`);
    state.cursor = page.cursor || null;
    renderItems(page.items || []);
  } catch (e) {
    $('#gallery-error').replaceChildren(errorBox(e.message, () => loadMore()));
  } finally {
    state.loading = false;
    $('#gallery-more').hidden = true;
    if (state.cursor) checkSentinel();
  }
}

function checkSentinel() {
  const r = $('#sentinel').getBoundingClientRect();
  if (r.top < window.innerHeight + 600) loadMore();
}

// ---- start ----------------------------------------------------------------------

async function main() {
  const boot = await requireUser(() => api('GET', '/backend-api/images/bootstrap'));
  $('#top').replaceWith(topbar(boot.user, 'images'));
  state.limits = boot.limits || state.limits;
  renderStyles(boot.styles || []);
  updateHint();
  wireSizes();
  const ta = $('#prompt');
  const sendBtn = $('#send');
  wireComposer(ta, send);
  ta.addEventListener('input', () => {
    sendBtn.disabled = !ta.value.trim();
  });
  $('#composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  // Generations still running (the page was reloaded): follow them again.
  for (const job of boot.jobs || []) {
    const card = makeCard('', '1024x1024');
    card.setConversation(job.conversation_id);
    card.card.dataset.resumed = '1';
    follow(card, (u) => resumeTurn(job.conversation_id, u));
  }
  state.cursor = boot.recent?.cursor || null;
  renderItems(boot.recent?.items || []);
  if ('IntersectionObserver' in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    }, { rootMargin: '600px' }).observe($('#sentinel'));
  }
  window.addEventListener('scroll', () => checkSentinel(), { passive: true });
  ta.focus({ preventScroll: true });
  document.body.dataset.ready = '1';
}

main().catch((e) => {
  $('#page-error').replaceChildren(errorBox(e.message, () => location.reload()));
});
