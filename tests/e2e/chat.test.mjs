// End-to-end tests of chat with a text model: Debian's Chromium (playwright-core)
// against a real instance whose text model is the local chat-completions fake
// (tests/integration/lib/fake-chat.mjs). A reply streams visibly, Markdown
// renders, HTML in a reply stays text, an image the model made with its tool
// shows inline, and a reply can be regenerated and its variants flipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { startFakeChat } from '../integration/lib/fake-chat.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.join(HERE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync'];
const T = 20000;

let fake;
let inst;
let browser;
let page;
const problems = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fake = await startFakeChat();
  const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-e2e-chat-'));
  const conf = path.join(confDir, 'images.conf');
  writeFileSync(conf, `text_model_url = http://127.0.0.1:${fake.port}\ntext_model = fake-model\n`);
  inst = new Instance({ env: { IMAGES_CONF: conf } });
  await inst.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // Sign up through the API in the page's context so the cookie is the page's.
  await page.goto(`${inst.origin}/login`);
  const res = await page.evaluate(async (email) => {
    const r = await fetch('/backend-api/auth/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'a long enough password', name: 'Chat' }) });
    return r.status;
  }, uniqueEmail('e2e-chat'));
  assert.equal(res, 200);
}, { timeout: 60000 });

after(async () => {
  await browser?.close();
  await inst?.stop();
  await fake?.close();
}, { timeout: 60000 });

async function send(text) {
  await page.fill('#prompt', text);
  await page.press('#prompt', 'Enter');
}

const settled = () => page.waitForFunction(() => !document.querySelector('.live') && document.body.dataset.ready === '1', null, { timeout: T });

test('a chat turn streams visibly and Markdown renders', async () => {
  await page.goto(`${inst.origin}/`);
  await page.waitForSelector('body[data-ready="1"]');
  await send('[md] show me some formatting');
  // While streaming, the reply grows in the live block: several different lengths are seen.
  const lengths = await page.evaluate(() => new Promise((resolve) => {
    const seen = new Set();
    const t0 = Date.now();
    const tick = () => {
      const live = document.querySelector('.live .chat-live .msg-assistant');
      if (live) seen.add(live.textContent.length);
      if (!document.querySelector('.live') && seen.size > 0) return resolve([...seen]);
      if (Date.now() - t0 > 15000) return resolve([...seen]);
      requestAnimationFrame(tick);
    };
    tick();
  }));
  assert.ok(lengths.length >= 3, `the reply was seen growing: ${lengths}`);
  await settled();
  const md = page.locator('.msg-assistant.md').last();
  assert.equal(await md.locator('h3').textContent(), 'Heading');
  assert.equal(await md.locator('em').first().textContent(), 'emphasis');
  assert.equal(await md.locator('strong').first().textContent(), 'strong');
  assert.equal(await md.locator('p code').first().textContent(), 'code');
  assert.deepEqual(await md.locator('ul li').allTextContents(), ['one', 'two']);
  assert.equal(await md.locator('pre code').textContent(), 'let x = 1 < 2;');
  const link = md.locator('a');
  assert.equal(await link.getAttribute('href'), 'https://example.com/docs');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.match(page.url(), /\/c\/[0-9a-f-]{36}$/);
  await page.screenshot({ path: path.join(SHOTS, 'chat-markdown.jpg'), type: 'jpeg', quality: 72 });
});

test('HTML in a reply is shown as text, never run; unsafe links stay text', async () => {
  await send('[script] try to inject');
  await settled();
  const md = page.locator('.msg-assistant.md').last();
  const text = await md.textContent();
  assert.match(text, /<script>window.__pwned = 1<\/script>/);
  assert.match(text, /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('.thread script, .thread img[src="x"]').count(), 0);
  assert.equal(await md.locator('strong').textContent(), 'bold');
  // javascript: is not a link; the https one is.
  const hrefs = await md.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['https://example.com/a']);
  assert.match(text, /\[link\]\(javascript:alert\(1\)\)/);
});

test('an image made by the model with its tool appears inline', async () => {
  await send('[tool] a cube please');
  await settled();
  await page.waitForFunction(() => [...document.querySelectorAll('figure img')].some((i) => i.naturalWidth > 0), null, { timeout: T });
  const fig = page.locator('figure').last();
  assert.match(await fig.locator('figcaption').textContent(), /^Image created • /);
  // The model's answer after the image is there too.
  assert.match(await page.locator('.msg-assistant.md').last().textContent(), /^Done: The image was created/);
  await page.screenshot({ path: path.join(SHOTS, 'chat-tool-image.jpg'), type: 'jpeg', quality: 72 });
});

test('regenerate a reply, then flip between the variants', async () => {
  await send('hello variants');
  await settled();
  const last = () => page.locator('.reply-block').last();
  const first = await last().getAttribute('data-msg-id');
  await last().locator('text=Regenerate').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.reply-block')].at(-1)?.querySelector('.sibs span')?.textContent === '2/2', null, { timeout: T });
  const second = await last().getAttribute('data-msg-id');
  assert.notEqual(second, first);
  await last().locator('button[aria-label="Previous reply"]').click();
  assert.equal(await last().locator('.sibs span').textContent(), '1/2');
  assert.equal(await last().getAttribute('data-msg-id'), first);
  await last().locator('button[aria-label="Next reply"]').click();
  assert.equal(await last().getAttribute('data-msg-id'), second);
});

test('the Markdown renderer makes only known elements from hostile input', async () => {
  const report = await page.evaluate(async () => {
    const { renderMarkdown } = await import('/js/markdown.js');
    const inputs = [
      '<img src=x onerror="window.__pwned=3">',
      '<svg onload="window.__pwned=4"></svg>',
      '[a](javascript:window.__pwned=5) [b](JAVASCRIPT:alert(1)) [c](data:text/html,<script>alert(1)</script>) [d]( vbscript:x)',
      '**[e](https://ok.example/e)** and *<b>not bold</b>*',
      '`<script>alert(1)</script>`',
      '```html\n<script>window.__pwned=6</script>\n```',
      '```\nunclosed fence <iframe src="https://evil.example"></iframe>',
      '> quote with <style>body{display:none}</style>',
      '- item <a href="javascript:x">x</a>\n- [ok](http://ok.example/)',
      '# <h1>title</h1>',
      'https://bare.example/path?q=1&r=<2>',
      '&lt;script&gt; stays as typed &amp;',
      '*'.repeat(2000) + '_'.repeat(2000) + '['.repeat(500),
    ];
    const allowed = new Set(['P', 'BR', 'STRONG', 'EM', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'HR', 'A', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8']);
    const out = [];
    for (const md of inputs) {
      const box = document.createElement('div');
      box.append(renderMarkdown(md));
      const tags = [...box.querySelectorAll('*')].map((n) => n.tagName);
      const bad = tags.filter((t) => !allowed.has(t));
      const links = [...box.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') }));
      const attrs = [...box.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.name)).filter((a) => !['href', 'rel', 'target', 'data-lang', 'start'].includes(a));
      out.push({ md: md.slice(0, 40), bad, links, attrs, text: box.textContent });
    }
    return { out, pwned: window.__pwned };
  });
  assert.equal(report.pwned, undefined);
  for (const r of report.out) {
    assert.deepEqual(r.bad, [], `only known elements for ${r.md}`);
    assert.deepEqual(r.attrs, [], `no other attributes for ${r.md}`);
    for (const l of r.links) {
      assert.match(l.href, /^https?:\/\//, `link target of ${r.md}`);
      assert.equal(l.rel, 'noopener noreferrer');
    }
  }
  assert.deepEqual(report.out[2].links, [], 'javascript:, data: and vbscript: links stay text');
  assert.deepEqual(report.out[3].links.map((l) => l.href), ['https://ok.example/e']);
  assert.match(report.out[4].text, /<script>alert\(1\)<\/script>/);
  assert.match(report.out[6].text, /<iframe src="https:\/\/evil.example"><\/iframe>/);
  assert.equal(report.out[11].text, '&lt;script&gt; stays as typed &amp;');
});

test('a reload while a reply streams picks it up and finishes it', async () => {
  await send('[slow] a slow one to reload');
  await page.waitForSelector('.live .chat-live .msg-assistant');
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  await settled();
  const full = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  assert.equal((await page.locator('.msg-assistant.md').last().textContent()).trim(), full);
});

// The README's picture of a chat: a fresh account at the size of ui.test.mjs's
// desktop screenshots, a few earlier chats in the list, then a streamed Markdown
// reply around an image the model made with its tool. Saved as
// tests/e2e/screenshots/chat-desktop.jpg (www/screenshots/ holds the copy the README shows).
test('a desktop screenshot of a chat with a Markdown reply and an image from the tool', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  p.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console (screenshot): ${msg.text()}`);
  });
  p.on('pageerror', (err) => problems.push(`pageerror (screenshot): ${err.message}`));
  await p.goto(`${inst.origin}/login`);
  const status = await p.evaluate(async (email) => {
    const r = await fetch('/backend-api/auth/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'a long enough password', name: 'Ada' }) });
    return r.status;
  }, uniqueEmail('e2e-chat-shot'));
  assert.equal(status, 200);
  const ask = async (text) => {
    await p.fill('#prompt', text);
    await p.press('#prompt', 'Enter');
    await p.waitForURL(/\/c\/[0-9a-f-]{36}$/);
    await p.waitForFunction(() => !document.querySelector('.live') && document.body.dataset.ready === '1', null, { timeout: T });
  };
  // Earlier chats, so the list at the side is not empty.
  for (const [title, text] of [['Packing list for a hiking trip', 'What should I pack for a two-day hike?'],
    ['Haiku about autumn rain', 'Write a haiku about autumn rain'], ['Names for a bakery', 'Ideas for naming a small bakery?']]) {
    fake.title = title;
    await p.goto(`${inst.origin}/`);
    await p.waitForSelector('body[data-ready="1"]');
    await ask(text);
  }
  fake.title = 'Lighthouse at sunset';
  fake.scenes = [{
    match: /^Draw a lighthouse/,
    reply: 'Happy to! Here is what I will put in the picture:\n\n- **Subject:** a lighthouse standing on a *sandy beach*\n- **Light:** the warm glow of a sunset',
    tool: { prompt: 'a lighthouse on a beach at sunset', size: '1536x1024' },
    after: '### Tips for photographing lighthouses\n\n1. Arrive **an hour before sunset**, when the light turns warm and the beam starts to show.\n2. Use a tripod and a low ISO; around `f/8` keeps both the tower and the horizon sharp.\n3. Put the lighthouse on a third of the frame and let the shoreline lead the eye to it.',
  }];
  try {
    await p.goto(`${inst.origin}/`);
    await p.waitForSelector('body[data-ready="1"]');
    await ask('Draw a lighthouse at sunset and give me tips for photographing one.');
    await p.waitForFunction(() => [...document.querySelectorAll('figure img')].some((i) => i.complete && i.naturalWidth > 0), null, { timeout: T });
    assert.equal(await p.textContent('h1.title'), 'Lighthouse at sunset');
    assert.equal(await p.locator('.msg-assistant.md').count(), 2);
    assert.equal(await p.locator('.msg-assistant.md').last().locator('ol li').count(), 3);
    await p.waitForFunction(() => document.querySelectorAll('#convs a').length === 4, null, { timeout: T }); // the list reloads after the turn
    assert.equal(await p.locator('.error').count(), 0);
    // The picture and the tips under it, the list of chats beside them.
    await p.evaluate(() => {
      const t = document.querySelector('#thread');
      t.scrollTop += document.querySelector('.msg-user').getBoundingClientRect().top - t.getBoundingClientRect().top - 16;
    });
    await p.screenshot({ path: path.join(SHOTS, 'chat-desktop.jpg'), type: 'jpeg', quality: 72 });
  } finally {
    fake.scenes = [];
    fake.title = 'Fake Title Words';
    await ctx.close();
  }
});

test('no console errors or page errors', () => {
  assert.deepEqual(problems, []);
});
