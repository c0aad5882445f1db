// Hostile text on every page that shows it: Debian's Chromium (playwright-core)
// against a real instance whose text model and prompt enhancer are the local
// chat-completions fake (tests/integration/lib/fake-chat.mjs). Prompts, enhanced
// prompts, not-understood words, conversation titles (renamed, and written by
// the model), a model's reply and the prompt of an image it made, and an
// uploaded file's name carry HTML, javascript: links, Markdown links, RTL and
// zero-width characters and very long words. Every page must show them as text:
// nothing from them runs (window.__xss is trapped by a setter on every page, and
// any dialog counts), no element of theirs exists, only http(s) targets become
// links, and nothing is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { startFakeChat } from '../integration/lib/fake-chat.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync'];
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const T = 20000;

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const JS = 'javascript:window.__xss=1';
const MDLINK = '[x](javascript:window.__xss=1)';
const ATTR = "' onmouseover='window.__xss=1' x='";
const RTL = '\u202Egnp.exe\u202C';
const ZW = 'zero\u200Bwidth\u200D\uFEFFjoin';
const LONG = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(8); // 360 letters, no break
const PAYLOADS = [IMG, SCRIPT, SVG, JS, MDLINK, ATTR, RTL, ZW];

// Elements and attributes only a payload could have made (the pages build their DOM
// with addEventListener and textContent, never on* attributes or inline SVG).
const FOREIGN = 'img[src="x"], img[src$="/x"], svg, iframe, object, embed, body script:not([type="module"]), [onerror], [onload], [onmouseover], [onclick], [x]';

let fake;
let inst;
let browser;
let ctx;
let page;
const hits = []; // every write to window.__xss, from any page
const dialogs = [];
const problems = [];

function watch(p) {
  p.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()} (${p.url()})`);
  });
  p.on('pageerror', (err) => problems.push(`pageerror: ${err.message} (${p.url()})`));
  p.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()} (${p.url()})`);
    d.dismiss().catch(() => {});
  });
  return p;
}

async function newContext(viewport) {
  const c = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  // A write to window.__xss anywhere (even one undone later) reaches the test.
  await c.exposeBinding('__xssHit', ({ page: p }, v) => hits.push(`${p.url()}: ${v}`));
  await c.addInitScript(() => {
    let value;
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => value,
      set: (v) => {
        value = v;
        window.__xssHit(String(v));
      },
    });
  });
  return c;
}

async function gotoReady(p, url) {
  await p.goto(inst.origin + url);
  await p.waitForSelector('body[data-ready="1"]', { timeout: 10000 });
}

// The page's own fetch: its session cookie, same origin.
function pageApi(method, url, body) {
  return page.evaluate(async ([m, u, b]) => {
    const r = await fetch(u, { method: m, headers: b === undefined ? {} : { 'Content-Type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, json: await r.json().catch(() => null) };
  }, [method, url, body]);
}

// An image turn through the real API, from the page (lib.js's own runTurn).
async function imageTurn(prompt) {
  const cid = await page.evaluate(async (pr) => {
    const { runTurn, turnBody } = await import('/js/lib.js');
    const st = await runTurn(turnBody({ prompt: pr, image: { size: '1024x1024', seed: 7 } }));
    return st.conversationId;
  }, prompt);
  assert.ok(cid);
  const conv = await pageApi('GET', `/backend-api/conversation/${cid}`);
  assert.equal(conv.status, 200);
  const tool = Object.values(conv.json.mapping).find((n) => n.message?.author?.role === 'tool').message;
  const part = tool.content.parts.find((x) => x && x.content_type === 'image_asset_pointer');
  assert.ok(part, `an image was made for ${JSON.stringify(prompt).slice(0, 80)}: ${tool.metadata?.error}`);
  return { cid, tool, part, enhanced: part.metadata?.dalle?.prompt || tool.metadata?.enhanced_prompt, unknown: tool.metadata?.unknown_words || [] };
}

// What every page must satisfy after showing hostile text.
async function assertSafe(p, where, { texts = [] } = {}) {
  await p.waitForTimeout(150); // an onerror/onload fires within a task or two
  const r = await p.evaluate((foreign) => ({
    xss: window.__xss,
    foreign: [...document.querySelectorAll(foreign)].map((n) => n.outerHTML.slice(0, 120)),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => !/^https?:\/\//.test(h)),
    text: document.body.textContent,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    wide: [...document.querySelectorAll('.msg-user, .msg-assistant, h1, figure, .job, .gallery a, .convs a, #editing, .note, .orig, p, li')]
      .filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > window.innerWidth + 0.5 && !n.closest('.sidebar:not(.open)'))
      .map((n) => `${n.tagName}.${n.className}: right ${Math.round(n.getBoundingClientRect().right)}`),
  }), FOREIGN);
  assert.equal(r.xss, undefined, `${where}: window.__xss`);
  assert.deepEqual(hits, [], `${where}: a payload ran`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(r.foreign, [], `${where}: elements made from a payload`);
  assert.deepEqual(r.links, [], `${where}: links that are not http(s)`);
  for (const t of texts) assert.ok(r.text.includes(t), `${where}: shown literally: ${JSON.stringify(t).slice(0, 80)}`);
  assert.ok(r.overflow <= 0, `${where}: the page is ${r.overflow} px wider than the screen`);
  assert.deepEqual(r.wide, [], `${where}: elements past the right edge`);
}

before(async () => {
  fake = await startFakeChat();
  const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-e2e-xss-'));
  const conf = path.join(confDir, 'images.conf');
  writeFileSync(conf, `text_model_url = http://127.0.0.1:${fake.port}\ntext_model = fake-model\nenhancer = llm\n`);
  inst = new Instance({ env: { IMAGES_CONF: conf } });
  await inst.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  ctx = await newContext(DESKTOP);
  page = watch(await ctx.newPage());
  await page.goto(`${inst.origin}/login`);
  const status = await page.evaluate(async ([email, name]) => {
    const r = await fetch('/backend-api/auth/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'a long enough password', name }) });
    return r.status;
  }, [uniqueEmail('e2e-xss'), IMG]);
  assert.equal(status, 200);
}, { timeout: 60000 });

after(async () => {
  await browser?.close();
  await inst?.stop();
  await fake?.close();
}, { timeout: 60000 });

const PROMPT = `a red cube next to a blue sphere ${IMG} ${SCRIPT} ${SVG} ${JS} ${MDLINK} ${ATTR} ${RTL} ${ZW}`;
const LONG_PROMPT = `a snowman in the snow ${LONG}`;
// The enhancer (the text model) answers with hostile text too.
const ENHANCED = `a shiny red cube ${IMG} next to a blue sphere ${SVG} ${MDLINK} ${RTL}`;
let hostile; // the image turn of PROMPT
let long; // the image turn of LONG_PROMPT

test('the user name is shown as text in the top bar', async () => {
  await gotoReady(page, '/images');
  assert.equal(await page.textContent('.username'), IMG);
  await assertSafe(page, '/images (name)', { texts: [IMG] });
});

test('hostile prompts and enhanced prompts: the gallery on /images shows them as text', async () => {
  fake.enhanced = ENHANCED;
  hostile = await imageTurn(PROMPT);
  fake.enhanced = `a snowman in the snow ${LONG}`;
  long = await imageTurn(LONG_PROMPT);
  assert.equal(hostile.enhanced, ENHANCED, 'the enhancer\'s text is stored as it came');
  await gotoReady(page, '/images');
  const tile = page.locator(`#gallery a[href="/c/${hostile.cid}"]`);
  await tile.waitFor();
  assert.equal(await tile.locator('.cap').textContent(), PROMPT);
  assert.equal(await tile.getAttribute('title'), PROMPT);
  assert.equal(await tile.locator('img').getAttribute('alt'), ENHANCED);
  assert.equal(await page.locator(`#gallery a[href="/c/${long.cid}"] .cap`).textContent(), LONG_PROMPT);
  await page.waitForFunction(() => [...document.querySelectorAll('#gallery img')].every((i) => i.complete && i.naturalWidth > 0));
  await assertSafe(page, '/images gallery', { texts: [PROMPT, LONG_PROMPT] });
});

test('a hostile prompt typed on /images: the live card and its not-understood words are text', async () => {
  fake.enhanced = ENHANCED;
  await page.fill('#prompt', PROMPT);
  await page.press('#prompt', 'Enter');
  await page.waitForSelector('.job[data-state="done"]', { timeout: T });
  const card = page.locator('.job').first();
  assert.equal(await card.locator('.p').textContent(), PROMPT);
  assert.equal(await card.locator('.frame img').getAttribute('alt'), ENHANCED);
  const cid = await card.getAttribute('data-cid');
  const conv = await pageApi('GET', `/backend-api/conversation/${cid}`);
  const unknown = Object.values(conv.json.mapping).find((n) => n.message?.author?.role === 'tool').message.metadata.unknown_words || [];
  if (unknown.length) assert.equal(await card.locator('.note').textContent(), `Not understood, left out: ${unknown.join(', ')}`);
  // The typed prompt goes into the gallery at once, as text.
  assert.equal(await page.locator(`#gallery a[href="/c/${cid}"] .cap`).textContent(), PROMPT);
  await assertSafe(page, '/images live card', { texts: [PROMPT] });
});

test('the conversation page: prompt, enhanced prompt, not-understood words and the edit label are text', async () => {
  await gotoReady(page, `/c/${hostile.cid}`);
  await page.waitForFunction(() => document.querySelector('figure img')?.naturalWidth > 0);
  assert.equal(await page.textContent('.msg-user'), PROMPT);
  assert.equal(await page.getAttribute('figure img', 'alt'), ENHANCED);
  assert.equal(await page.textContent('figure .orig'), `Prompt: ${PROMPT}`);
  assert.ok(hostile.unknown.length > 0, 'the payload words were not understood');
  assert.equal(await page.textContent('figure p.note'), `Not understood, left out: ${hostile.unknown.join(', ')}`);
  await page.click('figure .actions >> text=Edit');
  await page.waitForSelector('#editing:not([hidden])');
  assert.equal(await page.textContent('#editing span'), `Editing: ${ENHANCED}`);
  await assertSafe(page, '/c/{id} image conversation', { texts: [PROMPT, ...hostile.unknown] });
  await page.keyboard.press('Escape');
  // The long word wraps instead of widening the page.
  await gotoReady(page, `/c/${long.cid}`);
  assert.equal(await page.textContent('.msg-user'), LONG_PROMPT);
  await assertSafe(page, '/c/{id} long word', { texts: [LONG_PROMPT] });
});

const TITLE = `${IMG}${SCRIPT}${SVG} ${MDLINK} ${RTL} ${ZW}`;
const LONG_TITLE = LONG.slice(0, 200);

test('renamed titles (PATCH) are text in the list on / and on the conversation page', async () => {
  assert.ok(Buffer.byteLength(TITLE) <= 200);
  assert.equal((await pageApi('PATCH', `/backend-api/conversation/${hostile.cid}`, { title: TITLE })).status, 200);
  assert.equal((await pageApi('PATCH', `/backend-api/conversation/${long.cid}`, { title: LONG_TITLE })).status, 200);
  await gotoReady(page, '/');
  const item = page.locator(`#convs a[href="/c/${hostile.cid}"]`);
  await item.waitFor();
  assert.equal((await item.textContent()).slice(1), TITLE); // after the kind icon
  assert.equal(await item.getAttribute('title'), TITLE);
  assert.equal((await page.locator(`#convs a[href="/c/${long.cid}"]`).textContent()).slice(1), LONG_TITLE);
  await assertSafe(page, '/ list', { texts: [TITLE, LONG_TITLE] });
  await gotoReady(page, `/c/${hostile.cid}`);
  assert.equal(await page.textContent('h1.title'), TITLE);
  assert.equal(await page.title(), `\u2068${TITLE}\u2069 — Images`, 'the title is isolated from " — Images"');
  assert.equal(await page.getAttribute(`#convs a[href="/c/${hostile.cid}"]`, 'aria-current'), 'page');
  // The RTL override inside the title stays inside it: title and list entry are isolated.
  for (const sel of ['h1.title', `#convs a[href="/c/${hostile.cid}"]`]) {
    assert.equal(await page.$eval(sel, (e) => getComputedStyle(e).unicodeBidi), 'plaintext', sel);
  }
  await assertSafe(page, '/c/{id} renamed', { texts: [TITLE] });
  await gotoReady(page, `/c/${long.cid}`);
  assert.equal(await page.textContent('h1.title'), LONG_TITLE);
  await assertSafe(page, '/c/{id} long title', { texts: [LONG_TITLE] });
});

// What the model answers: raw HTML, links of every unsafe kind, Markdown around them.
const REPLY = [
  `Raw HTML: ${IMG} ${SCRIPT} ${SVG} <iframe src="javascript:window.__xss=1"></iframe>`,
  '',
  `<a href="javascript:window.__xss=1">html link</a> ${MDLINK} [y](JAVASCRIPT:window.__xss=1) [z](data:text/html,<script>window.__xss=1</script>) [w](vbscript:x) <javascript:window.__xss=1>`,
  '',
  `**bold ${IMG}** and \`${SCRIPT}\` and [a safe one](https://example.com/safe) ${RTL} ${ZW}`,
  '',
  `- item ${SVG}`,
  `- ${LONG}`,
  '',
  '```html',
  `<body onload="window.__xss=1">${SCRIPT}</body>`,
  '```',
].join('\n');
const TOOL_PROMPT = `a red cube next to a blue sphere ${IMG} ${SVG}`;
const CHAT_TITLE = `${IMG} ${SCRIPT} ${RTL}`;

test('chat with a text model: a hostile reply, title and tool prompt are text; only http(s) links', async () => {
  fake.title = CHAT_TITLE;
  fake.enhanced = TOOL_PROMPT; // if the tool's prompt goes through the enhancer, it stays the same
  fake.scenes = [{ match: /^hostile reply please/, reply: REPLY, tool: { prompt: TOOL_PROMPT }, after: `Made it: ${IMG} ${MDLINK}` }];
  await gotoReady(page, '/');
  await page.fill('#prompt', `hostile reply please ${IMG}`);
  await page.press('#prompt', 'Enter');
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  // While it streams, the partial reply is safe too.
  await page.waitForSelector('.live .chat-live .msg-assistant', { timeout: T });
  await assertSafe(page, '/c/{id} streaming reply');
  await page.waitForFunction(() => !document.querySelector('.live') && [...document.querySelectorAll('figure img')].some((i) => i.naturalWidth > 0), null, { timeout: T });
  const md = page.locator('.msg-assistant.md').first();
  const text = await md.textContent();
  for (const s of [IMG, SCRIPT, SVG, '<iframe src="javascript:window.__xss=1"></iframe>', '<a href="javascript:window.__xss=1">html link</a>', MDLINK, '[y](JAVASCRIPT:window.__xss=1)', '<javascript:window.__xss=1>', RTL, ZW, LONG]) {
    assert.ok(text.includes(s), `the reply shows ${JSON.stringify(s)}`);
  }
  assert.equal(await md.locator('strong').textContent(), `bold ${IMG}`);
  assert.equal(await md.locator('p code').textContent(), SCRIPT);
  assert.equal(await md.locator('pre code').textContent(), `<body onload="window.__xss=1">${SCRIPT}</body>`);
  assert.deepEqual(await md.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://example.com/safe']);
  assert.equal(await page.getAttribute('figure img', 'alt'), TOOL_PROMPT);
  assert.match(await page.locator('.msg-assistant.md').last().textContent(), /^Made it: <img src=x onerror=window.__xss=1> \[x\]\(javascript:/);
  await assertSafe(page, '/c/{id} chat reply', { texts: [REPLY.split('\n')[0], `hostile reply please ${IMG}`] });
  // The model's title, in the list and as the heading once the page is read again.
  const cid = page.url().split('/c/')[1];
  await gotoReady(page, `/c/${cid}`);
  assert.equal(await page.textContent('h1.title'), CHAT_TITLE);
  assert.equal((await page.locator(`#convs a[href="/c/${cid}"]`).textContent()).slice(1), CHAT_TITLE);
  assert.equal(await page.textContent('figure .orig'), `Prompt: ${TOOL_PROMPT}`);
  await assertSafe(page, '/c/{id} chat reloaded', { texts: [CHAT_TITLE, IMG] });
  fake.scenes = [];
  fake.title = 'Fake Title Words';
});

test('an uploaded file with a hostile name: stored, served and downloaded under a harmless name', async () => {
  const NAME = `..\\../"><img src=x onerror=window.__xss=1>;${RTL}.png`;
  const up = await page.evaluate(async ([id, name]) => {
    const { signedUrl } = await import('/js/lib.js');
    const blob = await (await fetch(await signedUrl(id))).blob();
    const fd = new FormData();
    fd.append('file', blob, name);
    const r = await fetch('/backend-api/files', { method: 'POST', body: fd });
    return { status: r.status, json: await r.json() };
  }, [hostile.part.asset_pointer.replace('sediment://', ''), NAME]);
  assert.equal(up.status, 200, JSON.stringify(up.json));
  const stored = up.json.file_name;
  assert.ok(!/[/\\";\u0000-\u001f]/.test(stored), `stored name ${JSON.stringify(stored)}`);
  assert.match(stored, /\.png$/);
  const dl = await pageApi('GET', `/backend-api/files/download/${up.json.id}?p=download`);
  assert.equal(dl.status, 200);
  assert.equal(dl.json.file_name, stored);
  // The signed link serves an image (never sniffed as HTML) with a quoted, escaped name.
  const res = await inst.request('GET', dl.json.download_url);
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'image/png');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  const cd = res.headers['content-disposition'];
  assert.match(cd, /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/, cd);
  // Opened in the browser: an image, nothing runs; downloaded: the harmless name.
  const inline = await pageApi('GET', `/backend-api/files/download/${up.json.id}`);
  const view = watch(await ctx.newPage());
  view.removeAllListeners('console'); // an image opened alone makes Chromium ask for /favicon.ico (404)
  await view.goto(inst.origin + inline.json.download_url);
  assert.equal(await view.evaluate(() => document.contentType), 'image/png');
  await assertSafe(view, 'uploaded file opened');
  await view.close();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate((u) => {
      const a = document.createElement('a');
      a.href = u;
      a.download = '';
      document.body.append(a);
      a.click();
      a.remove();
    }, dl.json.download_url),
  ]);
  const suggested = download.suggestedFilename();
  assert.ok(!/[/\\"]/.test(suggested), `suggested ${JSON.stringify(suggested)}`);
  assert.match(suggested, /\.png$/);
  await download.cancel();
});

test('a phone-sized screen: the long word and hostile titles do not widen the page', async () => {
  const c = await newContext(PHONE);
  await c.addCookies(await ctx.cookies());
  const p = watch(await c.newPage());
  for (const url of [`/c/${long.cid}`, `/c/${hostile.cid}`, '/images', '/']) {
    await gotoReady(p, url);
    await assertSafe(p, `phone ${url}`);
  }
  await c.close();
});

test('security headers: pages, JSON and SSE answers', async () => {
  for (const route of ['/', '/images', '/login', `/c/${hostile.cid}`]) {
    const res = await inst.request('GET', route);
    assert.equal(res.status, 200, route);
    assert.match(res.headers['content-type'], /^text\/html/, route);
    assert.match(res.text, /<meta name="referrer" content="no-referrer">/, route);
    // A Content-Security-Policy (the pages carry it in a meta element, so it holds
    // behind nginx and lighttpd alike): scripts only from our own files.
    const metaCsp = res.text.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    const csps = [res.headers['content-security-policy'], metaCsp?.[1]].filter(Boolean);
    assert.ok(csps.length, `${route}: a Content-Security-Policy`);
    // Scripts: every policy that speaks of them is strict, and one does. (The header's policy,
    // sent by the web server, only says frame-ancestors 'none', which a meta policy cannot.)
    const scriptPolicies = csps.filter((csp) => /(?:^|;)\s*(?:script|default)-src /.test(csp));
    assert.ok(scriptPolicies.length, `${route}: a policy for scripts`);
    for (const csp of scriptPolicies) {
      const script = (csp.match(/(?:^|;)\s*script-src ([^;]+)/) || csp.match(/(?:^|;)\s*default-src ([^;]+)/))?.[1] || '';
      assert.ok(script && !/'unsafe-inline'|'unsafe-eval'|\*|data:/.test(script), `${route}: script-src ${script}`);
      assert.match(csp, /object-src 'none'/, route);
    }
    assert.match(res.headers['content-security-policy'] || '', /frame-ancestors 'none'/, `${route}: frame-ancestors`);
  }
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  for (const [route, status] of [['/backend-api/me', 200], [`/backend-api/conversation/${hostile.cid}`, 200], ['/backend-api/conversations?offset=0&limit=5', 200], ['/backend-api/conversation/nope', 404]]) {
    const res = await inst.request('GET', route, { headers: { Cookie: cookie } });
    assert.equal(res.status, status, route);
    assert.match(res.headers['content-type'], /^application\/json/, route);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', route);
  }
  const anon = await inst.request('GET', '/backend-api/me');
  assert.equal(anon.status, 401);
  assert.equal(anon.headers['x-content-type-options'], 'nosniff');
  // Answers that carry signed links keep them out of Referer headers.
  const dl = await inst.request('GET', `/backend-api/files/download/${hostile.part.asset_pointer.replace('sediment://', '')}`, { headers: { Cookie: cookie } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers['referrer-policy'], 'no-referrer');
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
});

// What the login page does with ?next= (issue 18): only a place on this site, however the
// browser's URL parser reads it. Written into the address bar as an attacker would; through
// nginx and through lighttpd (the check is the page's own).
test('login ?next= never leaves the site (backslash, tab, //host, absolute, javascript:)', { timeout: 120000 }, async () => {
  const lighty = new Instance({ env: { IMAGES_SERVER: 'lighttpd' } });
  await lighty.start();
  try {
    for (const site of [inst, lighty]) {
      const c = await browser.newContext();
      const foreign = [];
      await c.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.origin === site.origin) return route.continue();
        foreign.push(u.href);
        return route.fulfill({ status: 200, contentType: 'text/html', body: 'foreign' });
      });
      const p = watch(await c.newPage());
      const email = uniqueEmail('e2e-next');
      const password = 'a long enough password';
      await p.goto(`${site.origin}/login`);
      const status = await p.evaluate(async ([e, pw]) => (await fetch('/backend-api/auth/signup', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: e, password: pw, name: 'next' }),
      })).status, [email, password]);
      assert.equal(status, 200, `${site.server}: signup`);
      const cases = [
        ['/\\evil.example/x', '/images'],
        ['/%5C%5Cevil.example/x', '/images'],
        ['/%09/evil.example/x', '/images'],
        ['/%0A/evil.example/x', '/images'],
        ['//evil.example/x', '/images'],
        ['https://evil.example/x', '/images'],
        ['javascript:window.__xss=1', '/images'],
        ['/images?from=login', '/images?from=login'],
      ];
      for (const [next, want] of cases) {
        await p.goto(`${site.origin}/login?next=${next}`);
        await p.fill('#email', email);
        await p.fill('#password', password);
        await Promise.all([p.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10000 }).catch(() => {}), p.click('#submit')]);
        const u = new URL(p.url());
        assert.equal(u.origin, site.origin, `${site.server}: next=${next} left the site for ${p.url()}`);
        assert.equal(u.pathname + u.search, want, `${site.server}: next=${next}`);
      }
      assert.deepEqual(foreign, [], `${site.server}: requests to other sites`);
      await c.close();
    }
  } finally {
    await lighty.stop();
  }
});

test('nothing ran, no dialog, no console errors on any page', () => {
  assert.deepEqual(hits, []);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
});
