// Markdown for model replies, rendered safely: the text is never parsed as HTML.
// Every piece becomes a DOM node whose text is set with textContent (so "<script>"
// shows as those characters), and only a small, known set of elements is made:
// paragraphs, headings, emphasis, strong, code spans, fenced code blocks, lists,
// block quotes, rules and links. Links keep only http: and https: targets and get
// rel="noopener noreferrer" and target="_blank"; anything else stays plain text.
// A partial reply (still streaming) renders as far as it goes: an unclosed fence
// is a code block to the end.

const MAX_DEPTH = 4; // nested inline formatting

function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// Inline formatting of one block's text into parent.
function inline(parent, text, depth = 0) {
  if (depth > MAX_DEPTH) {
    parent.append(document.createTextNode(text));
    return;
  }
  // Earliest match of: `code`, **strong**, __strong__, *em*, _em_, [text](url), bare http(s) URL.
  const re = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\w])__(?=\S)([\s\S]*?\S)__(?![\w])|\*(?=[^\s*])([\s\S]*?[^\s*])\*|(?<![\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\w])|\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)|(https?:\/\/[^\s<>()]{1,2000}[^\s<>().,;:!?'"])/g;
  let at = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > at) parent.append(document.createTextNode(text.slice(at, m.index)));
    at = m.index + m[0].length;
    if (m[1]) {
      const code = document.createElement('code');
      code.textContent = m[2].replace(/^ (.*) $/s, '$1');
      parent.append(code);
    } else if (m[3] !== undefined || m[4] !== undefined) {
      const s = document.createElement('strong');
      inline(s, m[3] ?? m[4], depth + 1);
      parent.append(s);
    } else if (m[5] !== undefined || m[6] !== undefined) {
      const e = document.createElement('em');
      inline(e, m[5] ?? m[6], depth + 1);
      parent.append(e);
    } else if (m[7] !== undefined) {
      const href = safeHref(m[8]);
      if (href) {
        const a = document.createElement('a');
        a.href = href;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        inline(a, m[7], depth + 1);
        parent.append(a);
      } else {
        parent.append(document.createTextNode(m[0]));
      }
    } else if (m[9] !== undefined) {
      const href = safeHref(m[9]);
      const a = document.createElement('a');
      a.href = href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = m[9];
      parent.append(a);
    }
  }
  if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
}

// Lines joined inside a paragraph keep their breaks as <br>.
function inlineLines(parent, lines) {
  lines.forEach((line, i) => {
    if (i) parent.append(document.createElement('br'));
    inline(parent, line);
  });
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}([-*+])\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

function blocks(parent, lines, depth = 0) {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    let m;
    if ((m = line.match(FENCE))) {
      const fence = m[1];
      const body = [];
      i++;
      while (i < lines.length && !(lines[i].trim().startsWith(fence[0].repeat(fence.length)) && !lines[i].trim().replace(new RegExp(`^\\${fence[0]}+`), '').trim())) {
        body.push(lines[i]);
        i++;
      }
      i++; // the closing fence (or the end)
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      if (m[2]) code.dataset.lang = m[2];
      code.textContent = body.join('\n');
      pre.append(code);
      parent.append(pre);
      continue;
    }
    if ((m = line.match(HEADING))) {
      const h = document.createElement(`h${Math.min(6, m[1].length + 2)}`);
      inline(h, m[2]);
      parent.append(h);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      parent.append(document.createElement('hr'));
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const inner = [];
      while (i < lines.length && (m = lines[i].match(QUOTE))) {
        inner.push(m[1]);
        i++;
      }
      const q = document.createElement('blockquote');
      blocks(q, inner, depth + 1);
      parent.append(q);
      continue;
    }
    const listMatch = line.match(BULLET) || line.match(ORDERED);
    if (listMatch) {
      const ordered = !line.match(BULLET);
      const list = document.createElement(ordered ? 'ol' : 'ul');
      if (ordered && listMatch[1] !== '1') list.start = Number(listMatch[1]);
      let item = null;
      while (i < lines.length) {
        const l = lines[i];
        const im = ordered ? l.match(ORDERED) : l.match(BULLET);
        if (im) {
          item = document.createElement('li');
          inline(item, im[2]);
          list.append(item);
          i++;
        } else if (item && l.trim() && /^\s{2,}/.test(l)) {
          item.append(document.createElement('br'));
          inline(item, l.trim());
          i++;
        } else {
          break;
        }
      }
      parent.append(list);
      continue;
    }
    // A paragraph: lines up to a blank line or the start of another block.
    const para = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !HEADING.test(lines[i]) &&
      !(para.length && (BULLET.test(lines[i]) || ORDERED.test(lines[i]) || QUOTE.test(lines[i])))) {
      para.push(lines[i]);
      i++;
    }
    const p = document.createElement('p');
    inlineLines(p, para);
    parent.append(p);
  }
}

// Renders text as Markdown into a new DocumentFragment.
export function renderMarkdown(text) {
  const frag = document.createDocumentFragment();
  blocks(frag, String(text ?? '').replace(/\r\n?/g, '\n').split('\n'));
  return frag;
}
