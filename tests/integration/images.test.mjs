// The Images API: style presets with their previews, the gallery (order, cursor
// paging while images arrive, filters, isolation, hide and delete) and bootstrap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { useInstance, uniqueEmail, assertJsonError, sleep } from './harness.mjs';
import { streamPost, deltas } from './lib/sse.mjs';
import { webpSize, decodePng } from './lib/png.mjs';

const inst = useInstance();
let alice;
let bob;

async function makeImage(client, prompt, { style = '', size = '64x64', n = 1 } = {}) {
  const tok = (await client.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt] } }],
    system_hints: ['picture_v2'], image: { size, style: style || null, seed: 3, n },
  };
  const res = await streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: client.jar.header(), 'X-Conduit-Token': tok },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.events.at(-1).data, '[DONE]');
  return deltas(res.events)[0].v.conversation_id;
}

async function page(client, query) {
  const res = await client.get(`/backend-api/my/recent/image_gen?${query}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test('style presets: every preview is a WebP of the stated size, and they differ', async () => {
  const res = await inst.request('GET', '/backend-api/images/styles');
  assert.equal(res.status, 200);
  const styles = res.json.styles;
  assert.ok(styles.length >= 14);
  for (const id of ['sketch', 'gingerbread', 'parisian-postcard']) assert.ok(styles.some((s) => s.id === id), id);
  const hashes = new Set();
  for (const s of styles) {
    assert.ok(s.title && typeof s.prompt === 'string');
    const v = s.variants[0];
    assert.equal(v.format, 'webp');
    const img = await inst.request('GET', v.url);
    assert.equal(img.status, 200, `${v.url}: ${img.status}`);
    assert.deepEqual(webpSize(img.body), { width: v.width_px, height: v.height_px }, v.url);
    hashes.add(crypto.createHash('sha256').update(img.body).digest('hex'));
  }
  assert.equal(hashes.size, styles.length, 'every style preview is different');
});

test('set up: two users and a gallery of images', async () => {
  alice = inst.client();
  bob = inst.client();
  await alice.signup(uniqueEmail('alice'));
  await bob.signup(uniqueEmail('bob'));
  for (let i = 0; i < 9; i++) await makeImage(alice, `${i % 3 === 0 ? 'a zebra striped' : 'a plain'} cube number ${i}`);
  for (let i = 0; i < 3; i++) await makeImage(alice, `a sketched sphere ${i}`, { style: 'sketch' });
  await makeImage(bob, 'a green cone');
});

test('gallery pages are newest first and exact while new images arrive', async () => {
  const all = (await page(alice, 'limit=100')).items;
  assert.equal(all.length, 12);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].created_at >= all[i].created_at, 'newest first');
  const p1 = await page(alice, 'limit=5');
  assert.equal(p1.items.length, 5);
  assert.ok(p1.cursor);
  // New images arrive between page reads.
  await makeImage(alice, 'a late arrival');
  await makeImage(alice, 'another late arrival');
  const p2 = await page(alice, `limit=5&after=${encodeURIComponent(p1.cursor)}`);
  const p3 = await page(alice, `limit=5&after=${encodeURIComponent(p2.cursor)}`);
  assert.equal(p3.cursor, null, 'the third page is the last');
  const seen = [...p1.items, ...p2.items, ...p3.items].map((x) => x.id);
  assert.equal(new Set(seen).size, seen.length, 'no duplicates');
  assert.deepEqual(seen, all.map((x) => x.id), 'no gaps in what existed at the first read');
  // Some clients name the parameter cursor=: the same page.
  const c2 = await page(alice, `limit=5&cursor=${encodeURIComponent(p1.cursor)}`);
  assert.deepEqual(c2.items.map((x) => x.id), p2.items.map((x) => x.id));
  const both = encodeURIComponent(p1.cursor);
  assert.deepEqual((await page(alice, `limit=5&after=${both}&cursor=${both}`)).items.map((x) => x.id), p2.items.map((x) => x.id));
  assertJsonError(await alice.get(`/backend-api/my/recent/image_gen?after=${both}&cursor=${encodeURIComponent(p2.cursor)}`), 400, /give one/);
  const first = (await page(alice, 'limit=1')).items[0];
  assert.equal(first.prompt, 'another late arrival');
  assert.equal(first.kind, 'media_generation');
  assert.equal(first.generation_type, 'image_gen');
  assert.match(first.asset_pointer, /^sediment:\/\/file_00000000[0-9a-f]{16}$/);
  assert.equal(first.hash, undefined, 'blob hashes stay inside');
  for (const bad of ['limit=0', 'limit=101', 'limit=x', 'after=%%%', 'after=AAAA', 'cursor=AAAA', 'limit=5&limit=6']) {
    assertJsonError(await alice.get(`/backend-api/my/recent/image_gen?${bad}`), 400);
  }
});

test('every signed URL in the gallery downloads the right bytes', async () => {
  const items = (await page(alice, 'limit=4')).items;
  for (const it of items) {
    const full = await inst.request('GET', it.url);
    assert.equal(full.status, 200);
    const hash = decodeURIComponent(new URL(it.url, 'http://x').searchParams.get('id')).split('#')[0];
    assert.equal(crypto.createHash('sha256').update(full.body).digest('hex'), hash);
    const png = decodePng(full.body);
    assert.deepEqual([png.width, png.height], [it.width, it.height]);
    const thumb = await inst.request('GET', it.encodings.thumbnail.path);
    assert.equal(thumb.status, 200);
    assert.ok(webpSize(thumb.body), 'thumbnail is a WebP');
  }
});

test('q and style filters', async () => {
  const zebras = (await page(alice, 'limit=100&q=zebra')).items;
  assert.equal(zebras.length, 3);
  assert.ok(zebras.every((x) => /zebra/.test(x.prompt)));
  const both = (await page(alice, `limit=100&q=${encodeURIComponent('ZEBRA number 3')}`)).items;
  assert.equal(both.length, 1, 'all words must match, case-insensitively');
  const sketches = (await page(alice, 'limit=100&style=sketch')).items;
  assert.equal(sketches.length, 3);
  assert.ok(sketches.every((x) => x.style === 'sketch'));
  assertJsonError(await alice.get('/backend-api/my/recent/image_gen?style=nope'), 400);
});

test("another user's gallery is invisible, cursors included", async () => {
  const b = (await page(bob, 'limit=100')).items;
  assert.equal(b.length, 1);
  assert.equal(b[0].prompt, 'a green cone');
  const p1 = await page(alice, 'limit=2');
  assertJsonError(await bob.get(`/backend-api/my/recent/image_gen?after=${encodeURIComponent(p1.cursor)}`), 400);
  assertJsonError(await inst.request('GET', '/backend-api/my/recent/image_gen'), 401);
  assertJsonError(await bob.delete(`/backend-api/my/recent/image_gen/${p1.items[0].id}`), 404);
});

test('hiding a conversation removes its images; deleting an image removes it and says so', async () => {
  const items = (await page(alice, 'limit=100')).items;
  const victim = items[0];
  const patch = await alice.request('PATCH', `/backend-api/conversation/${victim.conversation_id}`, { json: { is_visible: false } });
  assert.equal(patch.status, 200, patch.text);
  let now = (await page(alice, 'limit=100')).items;
  assert.ok(!now.some((x) => x.id === victim.id), 'hidden conversation left the gallery');
  assertJsonError(await alice.get(`/backend-api/conversation/${victim.conversation_id}`), 404);
  const target = now[0];
  const del = await alice.delete(`/backend-api/my/recent/image_gen/${target.id}`);
  assert.equal(del.status, 200, del.text);
  now = (await page(alice, 'limit=100')).items;
  assert.ok(!now.some((x) => x.id === target.id), 'deleted image left the gallery');
  const conv = await alice.get(`/backend-api/conversation/${target.conversation_id}`);
  const part = conv.json.mapping[target.message_id].message.content.parts[0];
  assert.equal(part.removed, true, 'the conversation shows it as removed');
  assert.equal((await alice.get(`/backend-api/files/download/${target.id}`)).status, 404);
  assertJsonError(await alice.delete(`/backend-api/my/recent/image_gen/${target.id}`), 404);
});

test('bootstrap has the user, styles, limits, engine, running jobs and the first page', { timeout: 120000 }, async () => {
  const tok = (await alice.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: ['a castle and a windmill'] } }],
    system_hints: ['picture_v2'], image: { size: '2048x2048', n: 4 },
  };
  let cid;
  const running = streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: alice.jar.header(), 'X-Conduit-Token': tok },
    onEvent: (ev) => {
      if (!cid && ev.event === 'delta') cid = JSON.parse(ev.data).v?.conversation_id;
    },
  });
  for (let i = 0; i < 1500 && !cid; i++) await sleep(20);
  assert.ok(cid, 'the turn was acknowledged');
  const res = await alice.get('/backend-api/images/bootstrap');
  assert.equal(res.status, 200, res.text);
  const b = res.json;
  assert.equal(b.user.email.startsWith('alice'), true);
  assert.ok(b.styles.length >= 14);
  assert.equal(b.limits.max_parallel, 3);
  assert.equal(b.engine.name, 'builtin');
  assert.ok(b.engine.vocabulary.objects >= 46);
  assert.ok(b.jobs.some((j) => j.conversation_id === cid && ['queued', 'running'].includes(j.state)), JSON.stringify(b.jobs));
  assert.ok(b.recent.items.length > 0);
  assert.equal((await bob.get('/backend-api/images/bootstrap')).json.jobs.length, 0);
  await alice.post(`/backend-api/conversation/${cid}/cancel`, {});
  await running;
});
