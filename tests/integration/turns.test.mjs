// Generation through the conversation: prepare, the streamed turn, message trees,
// follow-up edits, variants, the job queue, resume, cancel and bad input, through
// real nginx and several worker processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { useInstance, uniqueEmail, assertJsonError, sleep, SERVER } from './harness.mjs';
import { streamPost, deltas, typed } from './lib/sse.mjs';
import { decodePng, dominantFraction } from './lib/png.mjs';
import { turnBody } from './lib/turn.mjs';

// Short leases so a job whose worker dies is taken over quickly.
const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-conf-'));
const conf = path.join(confDir, 'images.conf');
writeFileSync(conf, (process.env.TEST_ENGINE ? `engine = ${process.env.TEST_ENGINE}\n` : '') + 'job_lease_s = 3\nmax_running_per_user = 3\nrender_slots = 2\n');
const inst = useInstance({ env: { IMAGES_CONF: conf, IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '2' } });

let alice;
let bob;

async function prepare(client) {
  const res = await client.post('/backend-api/f/conversation/prepare', {});
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'ok');
  return res.json.conduit_token;
}

function cookieHeader(client) {
  return { Cookie: client.jar.header() };
}

async function turn(client, body, opts = {}) {
  const token = opts.token ?? (await prepare(client));
  return streamPost(inst.port, opts.path || '/backend-api/f/conversation', body, {
    headers: { ...cookieHeader(client), 'X-Conduit-Token': token, ...(opts.headers || {}) },
    dropAfter: opts.dropAfter,
    onEvent: opts.onEvent,
    timeout: opts.timeout,
  });
}

// The final tool message content and the assistant text of a finished stream.
function result(events) {
  const d = deltas(events);
  const patch = d.find((x) => x.o === 'patch');
  const content = patch?.v.find((op) => op.p === '/message/content')?.v;
  const assistant = d.find((x) => x.o === 'add' && x.c === 2)?.v.message;
  const user = d.find((x) => x.o === 'add' && x.c === 0)?.v.message;
  const tool = d.find((x) => x.o === 'add' && x.c === 1)?.v.message;
  return { content, assistant, user, tool, conversationId: d[0]?.v?.conversation_id };
}

async function fetchImage(client, part) {
  const id = part.asset_pointer.replace('sediment://', '');
  const d = await client.get(`/backend-api/files/download/${id}`);
  assert.equal(d.status, 200, d.text);
  const res = await inst.request('GET', d.json.download_url);
  assert.equal(res.status, 200);
  return decodePng(res.body);
}

test('set up users', async () => {
  alice = inst.client();
  bob = inst.client();
  await alice.signup(uniqueEmail('alice'));
  await bob.signup(uniqueEmail('bob'));
});

test('prepare needs a session; the turn needs a fresh token of its own user', async () => {
  assertJsonError(await inst.request('POST', '/backend-api/f/conversation/prepare', { json: {} }), 401);
  const short = await alice.post('/f/conversation/prepare', {});
  assert.equal(short.status, 200, 'the seed path works too');
  const noToken = await turn(alice, turnBody('a blue cube'), { token: '' });
  assertJsonError({ ...noToken, headers: noToken.headers, text: noToken.text }, 403);
  const bobs = await prepare(bob);
  const foreign = await turn(alice, turnBody('a blue cube'), { token: bobs });
  assert.equal(foreign.status, 403);
  // An expired token, correctly signed with the instance's key, is refused too.
  const keyText = readFileSync(path.join(inst.dir, 'keys', 'estuary.key'), 'utf8');
  const key = Buffer.from(keyText.split('\n')[0].split(' ')[1], 'hex');
  const me = (await alice.get('/backend-api/me')).json.id;
  const exp = Math.floor(Date.now() / 1000) - 5;
  const nonce = '0123456789abcdef';
  const k = crypto.createHmac('sha256', key).update('conduit-v1').digest();
  const cred = crypto.createHash('sha256').update(alice.jar.get('images_session')).digest('hex');
  const signed = (e) => crypto.createHmac('sha256', k).update(`conduit-v2\n${me}\n${cred}\n${e}\n${nonce}`).digest('hex');
  const expired = await turn(alice, turnBody('a blue cube'), { token: `${me}.${exp}.${nonce}.${signed(exp)}` });
  assert.equal(expired.status, 403);
  // The same construction with a live expiry is accepted: the refusal above is the expiry's.
  const live = Math.floor(Date.now() / 1000) + 30;
  const good = await turn(alice, turnBody('a blue cube', { image: { size: '128x128' } }), { token: `${me}.${live}.${nonce}.${signed(live)}` });
  assert.equal(good.status, 200, good.text);
});

test('a conduit token starts one turn, with the session or key that prepared it, and not after logout', async () => {
  const small = (p) => turnBody(p, { image: { size: '128x128' } });
  const token = await prepare(alice);
  const once = await turn(alice, small('a red cone'), { token });
  assert.equal(once.status, 200, once.text);
  assert.equal(once.events.at(-1)?.data, '[DONE]');
  assertJsonError(await turn(alice, small('a red cone'), { token }), 403, /already started a turn/);
  // Two at once with one token: one turn, one refusal.
  const twin = await prepare(alice);
  const both = await Promise.all([turn(alice, small('a green cone'), { token: twin }), turn(alice, small('a green cone'), { token: twin })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 403], 'one token, two turns at once');

  // Another session of the same user (logged in elsewhere) cannot use it.
  const email = uniqueEmail('carol');
  const carol = inst.client();
  await carol.signup(email);
  const elsewhere = inst.client();
  assert.equal((await elsewhere.login(email)).status, 200);
  const carols = await prepare(carol);
  assertJsonError(await turn(elsewhere, small('a cube'), { token: carols }), 403, /conduit token/);
  // Nor the session that prepared it once it logged out and in again.
  assert.equal((await carol.post('/backend-api/auth/logout', {})).status, 200);
  assert.equal((await carol.login(email)).status, 200);
  assertJsonError(await turn(carol, small('a cube'), { token: carols }), 403, /conduit token/);
  // An API key's token works with that key only, not with the owner's browser session.
  const key = (await carol.post('/backend-api/api_keys', { name: 'conduit' })).json.key;
  const byKey = inst.client({ bearer: key });
  const keys = (await byKey.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  assertJsonError(await turn(carol, small('a cube'), { token: keys }), 403, /conduit token/);
  const withKey = await streamPost(inst.port, '/backend-api/f/conversation', small('a cube'), { headers: { Authorization: `Bearer ${key}`, 'X-Conduit-Token': keys } });
  assert.equal(withKey.status, 200, withKey.text);
});

let first;

test('a turn streams its events in order and the image downloads', async () => {
  const res = await turn(alice, turnBody('A blue cube'));
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers['content-type'], /^text\/event-stream/);
  const ev = res.events;
  assert.deepEqual(ev[0], { ...ev[0], event: 'delta_encoding', data: '"v1"' });
  assert.equal(ev.at(-1).data, '[DONE]');
  const t = typed(ev);
  assert.deepEqual(t.map((x) => x.type), ['title_generation', 'message_stream_complete']);
  assert.equal(t[0].title, 'Blue cube');
  const r = result(ev);
  assert.equal(r.user.content.parts[0], 'A blue cube');
  assert.equal(r.tool.author.name, 'image_gen');
  assert.equal(r.tool.status, 'in_progress');
  const d = deltas(ev);
  const progress = d.filter((x) => x.p === '/message/metadata' && x.v.image_gen_progress).map((x) => x.v.image_gen_progress.state);
  assert.ok(progress.includes('rendering'), `progress states: ${progress}`);
  const partials = d.filter((x) => x.p === '/message/metadata/partial_images');
  assert.ok(partials.length >= 2, `at least two partial previews (${partials.length})`);
  for (const p of partials) assert.ok(Buffer.from(p.v.b64_webp, 'base64').toString('ascii', 8, 12) === 'WEBP');
  assert.equal(r.content.content_type, 'multimodal_text');
  const part = r.content.parts[0];
  assert.equal(part.content_type, 'image_asset_pointer');
  assert.match(part.asset_pointer, /^sediment:\/\/file_00000000[0-9a-f]{16}$/);
  assert.equal(part.width, 256);
  assert.equal(part.metadata.generation.engine, 'builtin');
  assert.equal(part.metadata.dalle.prompt, 'Vibrant blue cube on white background');
  assert.equal(part.metadata.dalle.parent_gen_id, null);
  assert.equal(r.assistant.content.parts[0], 'Image created • Vibrant blue cube on white background');
  const img = await fetchImage(alice, part);
  assert.equal(img.width, 256);
  assert.equal(img.text.enhanced_prompt, 'Vibrant blue cube on white background');
  assert.ok(dominantFraction(img, 'b') > 0.02, 'the cube is blue');
  first = { ...r, part };
});

test('GET conversation shows the same tree, and the list shows it', async () => {
  const res = await alice.get(`/backend-api/conversation/${first.conversationId}`);
  assert.equal(res.status, 200, res.text);
  const m = res.json.mapping;
  assert.equal(res.json.title, 'Blue cube');
  assert.equal(res.json.current_node, first.assistant.id);
  assert.deepEqual(m['client-created-root'].children, [first.user.id]);
  assert.deepEqual(m[first.user.id].children, [first.tool.id]);
  assert.deepEqual(m[first.tool.id].children, [first.assistant.id]);
  assert.equal(m[first.tool.id].message.content.parts[0].asset_pointer, first.part.asset_pointer);
  assert.equal(m[first.tool.id].message.metadata.enhanced_prompt, 'Vibrant blue cube on white background');
  assert.equal(m[first.tool.id].message.metadata.user_prompt, 'A blue cube');
  const list = await alice.get('/backend-api/conversations?offset=0&limit=28&order=updated');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((c) => c.id === first.conversationId && c.kind === 'images'));
  assert.equal(list.json.items.find((c) => c.id === first.conversationId).snippet, 'A blue cube', 'the snippet is the latest prompt');
  assertJsonError(await bob.get(`/backend-api/conversation/${first.conversationId}`), 404);
  const st = await alice.get(`/backend-api/conversation/${first.conversationId}/stream_status`);
  assert.equal(st.json.status, 'COMPLETE');
});

test('a follow-up "make it red" edits the scene and links to its parent', async () => {
  const body = turnBody('make it red', { conversation_id: first.conversationId, parent_message_id: first.assistant.id });
  const res = await turn(alice, body);
  assert.equal(res.status, 200, res.text);
  const r = result(res.events);
  const part = r.content.parts[0];
  assert.equal(part.metadata.dalle.parent_gen_id, first.part.metadata.dalle.gen_id);
  assert.equal(part.metadata.dalle.edit_op, 'edit');
  assert.match(part.metadata.dalle.prompt, /red cube/i);
  const img = await fetchImage(alice, part);
  assert.ok(dominantFraction(img, 'r') > 0.02, 'the cube is red now');
  assert.ok(dominantFraction(img, 'b') < 0.01, 'and no longer blue');
  assert.equal(typed(res.events).some((x) => x.type === 'title_generation'), false, 'no new title for a follow-up');
});

test('variant makes a sibling under the same user message', async () => {
  const body = { action: 'variant', conversation_id: first.conversationId, parent_message_id: first.user.id, image: { size: '256x256', seed: 99 } };
  const res = await turn(alice, body);
  assert.equal(res.status, 200, res.text);
  const conv = await alice.get(`/backend-api/conversation/${first.conversationId}`);
  const children = conv.json.mapping[first.user.id].children;
  assert.equal(children.length, 2, 'two tool messages under the first prompt');
  assert.equal(result(res.events).content.parts[0].metadata.generation.seed, 99);
});

test('enhance off keeps the prompt verbatim', async () => {
  const res = await turn(alice, turnBody('a tiny green pyramid, exactly as I typed it', { image: { enhance: false } }));
  const r = result(res.events);
  assert.equal(r.content.parts[0].metadata.dalle.prompt, 'a tiny green pyramid, exactly as I typed it');
  assert.equal(r.assistant.content.parts[0], 'Image created • a tiny green pyramid, exactly as I typed it');
});

test('a chat turn without an image intent gets an honest answer, not an error', async () => {
  const body = turnBody('hello, how are you?');
  body.system_hints = [];
  body.messages[0].metadata = {};
  const res = await turn(alice, body);
  assert.equal(res.status, 200);
  const d = deltas(res.events);
  const reply = d.find((x) => x.o === 'add' && x.c === 1).v.message;
  assert.equal(reply.author.role, 'assistant');
  assert.match(reply.content.parts[0], /makes pictures/);
  assert.equal(res.events.at(-1).data, '[DONE]');
});

test('six turns at once: three render, three wait with positions, all finish; another user is not held', async () => {
  const started = Date.now();
  const seen = [];
  const initial = [];
  const runs = [];
  for (let i = 0; i < 6; i++) {
    // Heavy enough (two 1024 px images each) that the queue is real while bob's small turn runs.
    runs.push(turn(alice, turnBody(`${i + 2} yellow spheres`, { image: { size: '1024x1024', seed: i, n: 2 } }), {
      onEvent: (ev) => {
        if (ev.event === 'delta') {
          const d = JSON.parse(ev.data);
          const v = d.v;
          if (v?.image_gen_progress?.state === 'queued') seen.push(v.image_gen_progress.position);
          // The tool message starts with its real place in the queue.
          const p = d.o === 'add' && d.c === 1 ? v.message.metadata.image_gen_progress : null;
          if (p) initial.push(p.position);
        }
      },
    }));
  }
  await sleep(300);
  const bobDone = turn(bob, turnBody('a red cone', { image: { size: '256x256' } })).then((r) => ({ r, at: Date.now() }));
  const all = await Promise.all(runs);
  const lastAlice = Math.max(...all.map((r) => r.events.at(-1).at));
  for (const r of all) {
    assert.equal(r.status, 200);
    assert.equal(r.events.at(-1).data, '[DONE]');
    assert.ok(result(r.events).content.parts.length === 2);
  }
  assert.ok([...initial, ...seen].some((p) => p >= 2), `queue positions were shown: ${initial} then ${seen}`);
  assert.equal(initial.length, 6);
  assert.ok(Math.max(...initial) >= 2, `tool messages start with their queue position: ${initial}`);
  const b = await bobDone;
  assert.ok(b.at < lastAlice, `bob finished (${b.at - started} ms) before alice's last (${lastAlice - started} ms)`);
});

test('a client that disconnects keeps its job; resume replays the rest', async () => {
  const body = turnBody('a purple torus', { image: { size: '512x512' } });
  const first3 = await turn(alice, body, { dropAfter: 3 });
  assert.ok(first3.dropped);
  const cid = deltas(first3.events)[0].v.conversation_id;
  const res = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: 3 }, { headers: cookieHeader(alice) });
  assert.equal(res.status, 200);
  assert.equal(res.events.at(-1).data, '[DONE]');
  const full = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: 0 }, { headers: cookieHeader(alice) });
  assert.deepEqual(
    [...first3.events, ...res.events].map((e) => e.data).filter((d) => !d.includes('"queued"')),
    full.events.map((e) => e.data).filter((d) => !d.includes('"queued"')),
    'the resumed stream continues exactly where it stopped',
  );
  assert.ok(result(res.events).content.parts[0].asset_pointer);
});

test('cancel ends a running turn with a readable status', { timeout: 120000 }, async () => {
  const body = turnBody('a castle and a dragon and a windmill', { image: { size: '2048x2048', n: 4 } });
  let cid;
  const running = turn(alice, body, {
    onEvent: (ev) => {
      if (!cid && ev.event === 'delta') cid = JSON.parse(ev.data).v?.conversation_id;
    },
  });
  for (let i = 0; i < 1500 && !cid; i++) await sleep(20);
  assert.ok(cid, 'the turn was acknowledged');
  const st = await alice.get(`/backend-api/conversation/${cid}/stream_status`);
  assert.equal(st.json.status, 'IS_STREAMING');
  const c = await alice.post(`/backend-api/conversation/${cid}/cancel`, {});
  assert.equal(c.status, 200, c.text);
  const res = await running;
  const patch = deltas(res.events).find((x) => x.o === 'patch');
  assert.equal(patch.v.find((op) => op.p === '/message/status').v, 'finished_with_error');
  assert.equal(res.events.at(-1).data, '[DONE]');
  const tg = typed(res.events).find((x) => x.type === 'title_generation');
  assert.ok(tg && tg.title.length > 0, 'a new conversation ended by cancel still gets its title event');
  assertJsonError(await bob.post(`/backend-api/conversation/${cid}/cancel`, {}), 404);
});

test('SIGKILL of every worker mid-render: the job finishes elsewhere and resume delivers it', { skip: SERVER !== 'nginx' && 'nginx pools' }, async () => {
  const body = turnBody('a lighthouse on a beach at sunset', { image: { size: '1024x1024' } });
  let cid;
  let rendering = false;
  const dropped = turn(alice, body, {
    onEvent: (ev) => {
      if (ev.event === 'delta') {
        const d = JSON.parse(ev.data);
        cid = cid || d.v?.conversation_id;
        if (d.v?.image_gen_progress?.state === 'rendering') rendering = true;
      }
    },
  }).catch(() => null);
  const t0 = Date.now();
  while (!rendering && Date.now() - t0 < 20000) await sleep(10);
  assert.ok(rendering, 'it started rendering');
  const pids = [...(await inst.pids('api')), ...(await inst.pids('stream'))];
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  await dropped;
  await inst.ctl('restart-workers');
  const res = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: 0 }, { headers: cookieHeader(alice), timeout: 60000 });
  assert.equal(res.events.at(-1).data, '[DONE]');
  const part = result(res.events).content.parts[0];
  assert.ok(part.asset_pointer, 'the image was made after all');
  const conv = await alice.get(`/backend-api/conversation/${cid}`);
  assert.ok(Object.values(conv.json.mapping).some((n) => n.message?.content?.parts?.[0]?.asset_pointer === part.asset_pointer));
});

test('20 turns while random workers are SIGKILLed every second: no acknowledged one is lost', { timeout: 180000 }, async () => {
  const users = [alice, bob];
  const turns = [];
  for (let i = 0; i < 20; i++) {
    const c = users[i % 2];
    const body = turnBody(`${(i % 4) + 1} orange cylinders`, { image: { size: '512x512', seed: i } });
    let cid;
    const p = turn(c, body, {
      timeout: 60000,
      onEvent: (ev) => {
        if (!cid && ev.event === 'delta') cid = JSON.parse(ev.data).v?.conversation_id;
      },
    }).catch(() => null);
    turns.push({ c, p, get cid() { return cid; } });
    await sleep(50);
  }
  // The killer: one random worker a second, six times; an emptied pool is started again.
  let kills = 0;
  const killer = (async () => {
    for (let round = 0; round < 6; round++) {
      const pids = [...(await inst.pids('api')), ...(await inst.pids('stream'))];
      if (pids.length) {
        process.kill(pids[Math.floor(Math.random() * pids.length)], 'SIGKILL');
        kills++;
      }
      await sleep(1000);
      if (SERVER === 'nginx') {
        const api = await inst.pids('api');
        const stream = await inst.pids('stream');
        if (!api.length || !stream.length) await inst.ctl('restart-workers');
      }
    }
  })();
  await killer;
  if (SERVER === 'nginx') await inst.ctl('restart-workers');
  await inst.waitHealthy(10000);
  // Every turn that was acknowledged (its stream said its conversation id) must end with its image;
  // one refused outright (its worker died before answering) was never accepted, so not lost.
  let finished = 0;
  let acknowledged = 0;
  for (const t of turns) {
    const r = await t.p;
    if (!t.cid) {
      assert.ok(!r || r.status !== 200 || r.events.length === 0, 'a turn without its id was refused');
      continue;
    }
    acknowledged++;
    const deadline = Date.now() + 60000;
    for (;;) {
      const res = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: t.cid, offset: 0 }, { headers: cookieHeader(t.c), timeout: 60000 }).catch(() => null);
      if (res && res.status === 200 && res.events.at(-1)?.data === '[DONE]') {
        assert.ok(result(res.events).content?.parts?.[0]?.asset_pointer, `turn ${t.cid} ended with an image`);
        finished++;
        break;
      }
      assert.ok(Date.now() < deadline, `turn ${t.cid} finished`);
      await sleep(500);
    }
  }
  assert.equal(finished, acknowledged, `all ${acknowledged} acknowledged turns finished`);
  assert.ok(acknowledged >= 10, `most turns were acknowledged (${acknowledged} of 20)`);
  assert.ok(kills >= 5, `workers were killed (${kills})`);
});

test('bad input is refused with the right status and nothing half-written', async () => {
  const before = (await alice.get('/backend-api/conversations?limit=100')).json.total;
  const token = await prepare(alice);
  const send = (body, raw) =>
    alice.request('POST', '/backend-api/f/conversation', raw !== undefined
      ? { body: raw, headers: { 'Content-Type': 'application/json', 'X-Conduit-Token': token } }
      : { json: body, headers: { 'X-Conduit-Token': token } });
  const missing = turnBody('x');
  delete missing.messages;
  const cases = [
    [missing, 400, /messages/],
    [turnBody('   '), 400, /empty/],
    [turnBody('a'.repeat(100 * 1024)), 400, /prompt/],
    [turnBody('a cube', { image: { style: 'no-such-style' } }), 400, /^image\.style/],
    [turnBody('a cube', { image: { size: '4096x4096' } }), 400, /^image\.size/],
    [turnBody('a cube', { image: { size: '10x10' } }), 400, /^image\.size/],
    [turnBody('a cube', { image: { n: 5 } }), 400, /^image\.n: /],
    [turnBody('a cube', { image: { seed: 'seven' } }), 400, /^image\.seed: /],
    [turnBody('a cube', { conversation_id: crypto.randomUUID(), parent_message_id: 'x' }), 404, /not found/],
    [turnBody('a cube', { conversation_id: first.conversationId, parent_message_id: first.assistant.id }), 200],
    [{ ...turnBody('a cube'), action: 'explode' }, 400, /action/],
  ];
  for (const [body, status, detail] of cases) {
    if (status === 200) continue;
    const res = await send(body);
    assertJsonError(res, status, detail);
  }
  const bobConv = await turn(bob, turnBody('a green cone', { image: { size: '128x128' } }));
  const bobCid = result(bobConv.events).conversationId;
  assertJsonError(await send(turnBody('make it red', { conversation_id: bobCid, parent_message_id: 'client-created-root' })), 404);
  const invalid = Buffer.concat([Buffer.from('{"action":"next","messages":[{"content":{"parts":["a '), Buffer.from([0xff, 0xfe]), Buffer.from(' cube"]}}]}')]);
  assertJsonError(await send(null, invalid), 400, /UTF-8/);
  const after = (await alice.get('/backend-api/conversations?limit=100')).json.total;
  assert.equal(after, before, 'no conversation was created by a refused turn');
});

test('the list snippet is the latest prompt on one line, cut at a character boundary', async () => {
  const long = `a${'é'.repeat(100)}\nsecond line`; // 160 bytes would end inside an é
  const res = await turn(alice, turnBody(long, { image: { size: '64x64' } }));
  const cid = result(res.events).conversationId;
  const item = (await alice.get('/backend-api/conversations?limit=5')).json.items.find((c) => c.id === cid);
  assert.equal(item.snippet, `a${'é'.repeat(79)}`, 'at most 160 bytes, whole characters only');
  const next = await turn(alice, turnBody('now\tgreen\nplease', { conversation_id: cid, parent_message_id: (await alice.get(`/backend-api/conversation/${cid}`)).json.current_node }));
  assert.equal(next.status, 200);
  const again = (await alice.get('/backend-api/conversations?limit=5')).json.items.find((c) => c.id === cid);
  assert.equal(again.snippet, 'now green please');
});

test('a message id the conversation already has is refused (409) and the tree is unchanged', async () => {
  const convBefore = (await alice.get(`/backend-api/conversation/${first.conversationId}`)).json;
  const body = turnBody('make it green', { conversation_id: first.conversationId, parent_message_id: convBefore.current_node });
  body.messages[0].id = first.user.id;
  assertJsonError(await turn(alice, body), 409, /already has a message with this id/);
  // A retried POST of an accepted turn (same id) is refused too, not stored twice.
  const once = turnBody('make it yellow', { conversation_id: first.conversationId, parent_message_id: convBefore.current_node });
  assert.equal((await turn(alice, once)).status, 200);
  assertJsonError(await turn(alice, once), 409);
  const after = (await alice.get(`/backend-api/conversation/${first.conversationId}`)).json;
  assert.deepEqual(after.mapping[first.user.id], convBefore.mapping[first.user.id], 'the first prompt is untouched');
  const parent = after.mapping[convBefore.current_node];
  assert.equal(parent.children.filter((c) => c === once.messages[0].id).length, 1, 'listed once under its parent');
  // Ids are the client's to name the next parent with: one that is no lowercase UUID is refused, not swapped.
  for (const id of [crypto.randomUUID().toUpperCase(), 'not-a-uuid', 42]) {
    const bad = turnBody('a cube');
    bad.messages[0].id = id;
    assertJsonError(await turn(alice, bad), 400, /messages\[0\]\.id/);
  }
});

test('resume at the end of a finished turn ends at once; an offset past it is 400', async () => {
  const cid = first.conversationId;
  const all = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: 0 }, { headers: cookieHeader(alice) });
  assert.equal(all.events.at(-1).data, '[DONE]');
  const n = all.events.length;
  const t0 = Date.now();
  const end = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: n }, { headers: cookieHeader(alice), timeout: 10000 });
  assert.equal(end.status, 200);
  assert.deepEqual(end.events, [], 'nothing is left to send');
  assert.ok(Date.now() - t0 < 5000, 'and the stream ended at once');
  const last = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: n - 1 }, { headers: cookieHeader(alice) });
  assert.deepEqual(last.events.map((e) => e.data), ['[DONE]']);
  assertJsonError(await alice.post('/backend-api/f/conversation/resume', { conversation_id: cid, offset: n + 1 }), 400, /offset/);
});

test('without picture_v2: a question in an images conversation is a chat turn; a variant regenerates what it answers', async () => {
  const plain = (prompt, extra) => {
    const body = turnBody(prompt, extra);
    body.system_hints = [];
    body.messages[0].metadata = {};
    return body;
  };
  const cid = first.conversationId;
  const at = (await alice.get(`/backend-api/conversation/${cid}`)).json.current_node;
  const q = await turn(alice, plain('what is the capital of France?', { conversation_id: cid, parent_message_id: at }));
  assert.equal(q.status, 200, q.text);
  const qReply = deltas(q.events).find((x) => x.o === 'add' && x.c === 1).v.message;
  assert.equal(qReply.author.role, 'assistant', 'a question is answered in text');
  const qUser = deltas(q.events).find((x) => x.o === 'add' && x.c === 0).v.message;
  // An instruction in the same conversation still edits the image.
  const edit = await turn(alice, plain('now at night', { conversation_id: cid, parent_message_id: qReply.id }));
  assert.equal(deltas(edit.events).find((x) => x.o === 'add' && x.c === 1).v.message.author.role, 'tool');
  // A variant of the text answer is text again; one of an image turn is an image.
  const v1 = await turn(alice, { action: 'variant', conversation_id: cid, parent_message_id: qUser.id, system_hints: [] });
  assert.equal(v1.status, 200, v1.text);
  assert.equal(deltas(v1.events).find((x) => x.o === 'add').v.message.author.role, 'assistant');
  const v2 = await turn(alice, { action: 'variant', conversation_id: cid, parent_message_id: first.user.id, system_hints: [] });
  assert.equal(deltas(v2.events).find((x) => x.o === 'add').v.message.author.role, 'tool');
  const conv = (await alice.get(`/backend-api/conversation/${cid}`)).json;
  assert.equal(conv.mapping[qUser.id].children.length, 2, 'the text variant is a sibling');
});

test('prepare validates the turn\'s top-level fields and the conversation it names', async () => {
  const p = (body) => alice.post('/backend-api/f/conversation/prepare', body);
  assertJsonError(await p({ conversation_id: 5 }), 400, /conversation_id/);
  assertJsonError(await p({ model: [] }), 400, /model/);
  assertJsonError(await p({ system_hints: 'picture_v2' }), 400, /system_hints/);
  assertJsonError(await p({ action: 'explode' }), 400, /action/);
  assertJsonError(await p({ conversation_id: crypto.randomUUID() }), 404);
  const bobs = await turn(bob, turnBody('a small cone', { image: { size: '128x128' } }));
  assertJsonError(await p({ conversation_id: result(bobs.events).conversationId }), 404, /not found/);
  const ok = await p({ conversation_id: first.conversationId, parent_message_id: first.user.id, model: 'auto', system_hints: ['picture_v2'] });
  assert.equal(ok.status, 200, ok.text);
  assert.ok(ok.json.conduit_token);
});

test('a turn without its token is 403 whatever its body says', async () => {
  const res = await alice.request('POST', '/backend-api/f/conversation', { json: { messages: 5 } });
  assertJsonError(res, 403, /conduit token/);
});

test('the per-user queue cap answers 429 with Retry-After', async () => {
  let limited;
  for (let i = 0; i < 20 && !limited; i++) {
    const token = await prepare(bob); // a token starts one turn
    // Big jobs (four 2048 px images each) that cannot finish while the loop runs; each stream is
    // dropped after its first event, once the turn is surely acknowledged.
    const res = await streamPost(inst.port, '/backend-api/f/conversation',
      turnBody('a castle next to a windmill', { image: { size: '2048x2048', n: 4 } }),
      { headers: { ...cookieHeader(bob), 'X-Conduit-Token': token }, dropAfter: 1 });
    if (res.status === 429) limited = res;
  }
  assert.ok(limited, 'the cap was reached');
  assert.equal(limited.json.detail.length > 0, true);
  assert.match(String(limited.headers['content-type']), /^application\/json/);
  assert.ok(Number(limited.headers['retry-after']) > 0);
});

// Through nginx only: lighttpd notices a departed client only when it next writes to it (an
// event, or the 15 s ping), and keeps the FastCGI connection open until then, so a worker
// cannot see it earlier (3 of 4 such streams ended within 5 s in one run, all 4 in others).
test('a stream whose client left ends within a second, though its queued job sends nothing', { skip: SERVER === 'lighttpd' && 'lighttpd keeps the connection to the worker until it writes to the departed client' }, async () => {
  // dave's three running jobs are big; his fourth waits in the queue, where nothing happens to
  // it for many seconds. Its stream is dropped after the first event: the worker must notice the
  // closed connection while it waits (its access log line says client_gone), not when the
  // queue next moves, or every such stream would hold a stream thread meanwhile.
  const dave = inst.client();
  await dave.signup(uniqueEmail('dave'));
  const me = (await dave.get('/backend-api/me')).json.id;
  const convs = [];
  for (let i = 0; i < 4; i++) {
    const res = await turn(dave, turnBody('a castle next to a windmill', { image: { size: '2048x2048', n: 4 } }), { dropAfter: 2 });
    assert.equal(res.status, 200, res.text);
    convs.push(res.events.map((e) => { try { return JSON.parse(e.data).v?.conversation_id; } catch { return undefined; } }).find(Boolean));
  }
  const logFile = path.join(inst.dir, 'log', 'images.log');
  const goneLines = () => readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes(`"user":"${me}"`) &&
    l.includes('"path":"/backend-api/f/conversation"') && l.includes('"client_gone":true')).length;
  const t0 = Date.now();
  while (goneLines() < 4 && Date.now() - t0 < 5000) await sleep(50);
  const waited = Date.now() - t0;
  assert.equal(goneLines(), 4, `all four dropped streams ended (after ${waited} ms)`);
  assert.ok(waited < 2500, `the queued job's dropped stream ended after ${waited} ms`);
  for (const cid of convs.filter(Boolean)) await dave.post(`/backend-api/conversation/${cid}/cancel`, {});
});
