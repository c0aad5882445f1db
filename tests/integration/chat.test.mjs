// Regular conversations with a text model: replies streamed as v1 deltas from an
// OpenAI-compatible chat-completions server (a local fake speaking its streaming
// protocol), images through the image_gen tool, a cut stream and its retry, the
// context sent (the active branch only), ownership, cancel, titles, and the LLM
// prompt enhancer with its fallback — through real nginx and workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { readdirSync, readFileSync, chmodSync } from 'node:fs';
import { sleep } from './harness.mjs';
import { streamPost, deltas, typed } from './lib/sse.mjs';
import { startFakeChat } from './lib/fake-chat.mjs';
import { useBackend } from './lib/backend.mjs';

const { fake, inst, clients: [alice, bob], files } = await useBackend({
  name: 'chat-conf',
  start: startFakeChat,
  files: { 'text-model.key': 'sk-test-0123456789\n' },
  conf: (fake, files) => [
    `text_model_url = http://127.0.0.1:${fake.port}`,
    'text_model = fake-model',
    `text_model_key_file = ${files['text-model.key']}`,
    'text_model_context_tokens = 2048',
    'text_model_idle_timeout_s = 5',
    'text_model_timeout_s = 60',
    'enhancer = llm',
    'enhancer_timeout_s = 2',
    'job_lease_s = 5',
  ],
  env: { IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '2' },
  users: ['alice', 'bob'],
});

async function prepare(client) {
  const res = await client.post('/backend-api/f/conversation/prepare', {});
  assert.equal(res.status, 200, res.text);
  return res.json.conduit_token;
}

function chatBody(text, { conversationId = null, parent = 'client-created-root', picture = false, action = 'next' } = {}) {
  const hints = picture ? ['picture_v2'] : [];
  const body = {
    action,
    conversation_id: conversationId,
    parent_message_id: parent,
    model: 'auto',
    system_hints: hints,
    supported_encodings: ['v1'],
    image: { size: '256x256', seed: 3 },
  };
  if (action === 'next') {
    body.messages = [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [text] }, metadata: { system_hints: hints } }];
  }
  return body;
}

async function turn(client, body, opts = {}) {
  const token = await prepare(client);
  return streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: client.jar.header(), 'X-Conduit-Token': token },
    onEvent: opts.onEvent,
    dropAfter: opts.dropAfter,
    timeout: opts.timeout || 60000,
  });
}

// Replays the v1 deltas of a stream the way a client does; returns the messages in order.
function replay(events) {
  const msgs = [];
  let cur = null;
  let last = { p: '', o: 'add' };
  const apply = (env, p, o, v) => {
    if (o === 'patch') {
      for (const op of v) apply(env, op.p, op.o, op.v);
      return;
    }
    const keys = p.split('/').slice(1);
    let obj = env;
    for (const k of keys.slice(0, -1)) obj = obj[k] ??= {};
    const k = keys.at(-1);
    if (o === 'replace' || o === 'add') obj[k] = v;
    else if (o === 'append') {
      if (typeof obj[k] === 'string') obj[k] += v;
      else if (Array.isArray(obj[k])) obj[k].push(v);
      else if (obj[k] && typeof obj[k] === 'object') Object.assign(obj[k], v);
      else obj[k] = v;
    }
  };
  for (const d of deltas(events)) {
    const p = d.p ?? last.p;
    const o = d.o ?? last.o;
    last = { p, o };
    if (p === '' && o === 'add') {
      cur = { message: structuredClone(d.v.message) };
      msgs.push(cur);
    } else apply(cur, p, o, d.v);
  }
  return msgs.map((e) => e.message);
}

const textOf = (m) => m?.content?.parts?.[0];

async function getConv(client, id) {
  const res = await client.get(`/backend-api/conversation/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

function convId(events) {
  return deltas(events)[0].v.conversation_id;
}

test('a text turn streams in order as v1 deltas, ends properly and is stored', async () => {
  const before = fake.chatRequests().length;
  const arrivals = [];
  const r = await turn(alice, chatBody('hello there, how are you'), { onEvent: (ev) => arrivals.push(Date.now()) });
  assert.equal(r.status, 200);
  const d = deltas(r.events);
  assert.equal(r.events[0].event, 'delta_encoding');
  assert.equal(d[0].v.message.author.role, 'user');
  assert.equal(d[1].v.message.author.role, 'assistant');
  assert.equal(d[1].v.message.status, 'in_progress');
  // The first text delta carries p and o, the following ones only v.
  const texts = d.slice(2).filter((x) => x.o !== 'patch');
  assert.ok(texts.length >= 2, `several text deltas: ${JSON.stringify(texts)}`);
  assert.deepEqual(Object.keys(texts[0]).sort(), ['o', 'p', 'v']);
  assert.equal(texts[0].p, '/message/content/parts/0');
  assert.equal(texts[0].o, 'append');
  for (const t of texts.slice(1)) assert.deepEqual(Object.keys(t), ['v']);
  const want = 'You said: hello there, how are you. This is **the fake model** answering in order.';
  assert.equal(texts.map((t) => t.v).join(''), want);
  // End of turn: status, end_turn, then title, message_stream_complete, [DONE].
  const patch = d.find((x) => x.o === 'patch');
  assert.ok(patch.v.some((op) => op.p === '/message/status' && op.v === 'finished_successfully'));
  assert.ok(patch.v.some((op) => op.p === '/message/end_turn' && op.v === true));
  const tail = r.events.slice(-3).map((e) => e.data);
  assert.equal(JSON.parse(tail[0]).type, 'title_generation');
  assert.equal(JSON.parse(tail[0]).title, 'Fake Title Words');
  assert.equal(JSON.parse(tail[1]).type, 'message_stream_complete');
  assert.equal(tail[2], '[DONE]');
  // Stored: the same text, finished; the conversation is a chat with the model's title.
  const id = convId(r.events);
  const conv = await getConv(alice, id);
  const stored = conv.mapping[conv.current_node].message;
  assert.equal(stored.author.role, 'assistant');
  assert.equal(textOf(stored), want);
  assert.equal(stored.status, 'finished_successfully');
  assert.equal(conv.title, 'Fake Title Words');
  assert.equal(conv.kind, 'chat');
  // The model got the system prompt and the user's words, the key as a bearer token, stream: true.
  const req = fake.chatRequests()[before];
  assert.equal(req.body.model, 'fake-model');
  assert.equal(req.body.stream, true);
  assert.equal(req.body.messages[0].role, 'system');
  assert.deepEqual(req.body.messages.slice(1), [{ role: 'user', content: 'hello there, how are you' }]);
  assert.equal(req.headers.authorization, 'Bearer sk-test-0123456789');
  assert.ok(Array.isArray(req.body.tools) && req.body.tools[0].function.name === 'image_gen');
  // Listed as a chat.
  const list = await alice.get('/backend-api/conversations?offset=0&limit=28');
  assert.equal(list.json.items.find((c) => c.id === id).kind, 'chat');
});

test('resume replays the same event log of a text turn', async () => {
  const r = await turn(alice, chatBody('[slow] tell me a story'), { dropAfter: 6 });
  assert.ok(r.dropped);
  const id = convId(r.events);
  const res = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: id, offset: 6 }, {
    headers: { Cookie: alice.jar.header() },
  });
  assert.equal(res.status, 200);
  const all = [...r.events, ...res.events];
  const msgs = replay(all);
  const words = Array.from({ length: 40 }, (_, i) => `word${i} `).join('');
  assert.equal(textOf(msgs.at(-1)), words);
  assert.equal(all.at(-1).data, '[DONE]');
});

test('an image_gen tool call makes an image in the same conversation, then the model answers', async () => {
  const before = fake.chatRequests().length;
  const r = await turn(alice, chatBody('[tool] please make me a picture of a cube'));
  assert.equal(r.status, 200);
  const msgs = replay(r.events);
  const roles = msgs.map((m) => `${m.author.role}${m.author.name ? `:${m.author.name}` : ''}`);
  assert.deepEqual(roles, ['user', 'assistant', 'tool:image_gen', 'assistant', 'assistant'], roles.join(' '));
  const [, calling, tool, created, answer] = msgs;
  assert.equal(textOf(calling), 'Let me draw that. ');
  assert.equal(tool.status, 'finished_successfully');
  const part = tool.content.parts[0];
  assert.equal(part.content_type, 'image_asset_pointer');
  assert.match(part.asset_pointer, /^sediment:\/\/file_[0-9a-f]+$/);
  assert.equal(part.width, 1024);
  assert.equal(tool.metadata.user_prompt, 'a red cube next to a blue sphere');
  assert.ok(deltas(r.events).some((x) => x.p === '/message/metadata' && x.v?.image_gen_progress?.state === 'rendering'), 'progress');
  assert.match(textOf(created), /^Image created • /);
  assert.match(textOf(answer), /^Done: The image was created/);
  assert.equal(answer.status, 'finished_successfully');
  // The second request carried the tool call and its result, paired by id.
  const reqs = fake.chatRequests().slice(before);
  assert.equal(reqs.length, 2);
  const m2 = reqs[1].body.messages;
  const call = m2.find((m) => m.role === 'assistant' && m.tool_calls);
  assert.equal(call.tool_calls[0].id, 'call_img1');
  assert.equal(call.tool_calls[0].function.name, 'image_gen');
  assert.deepEqual(JSON.parse(call.tool_calls[0].function.arguments), { prompt: 'a red cube next to a blue sphere', size: '1024x1024' });
  const result = m2.at(-1);
  assert.equal(result.role, 'tool');
  assert.equal(result.tool_call_id, 'call_img1');
  // The image is in the conversation and in the gallery.
  const id = convId(r.events);
  const conv = await getConv(alice, id);
  const toolNode = Object.values(conv.mapping).find((n) => n.message?.author?.role === 'tool');
  assert.equal(toolNode.message.content.parts[0].asset_pointer, part.asset_pointer);
  const gallery = await alice.get('/backend-api/my/recent/image_gen?limit=25');
  assert.ok(gallery.json.items.some((it) => it.conversation_id === id && it.asset_pointer === part.asset_pointer));
  // A follow-up turn in the same conversation sends the whole exchange, tool call included, validly paired.
  const r2 = await turn(alice, chatBody('thanks, and what colour is it', { conversationId: id, parent: conv.current_node }));
  assert.equal(r2.status, 200);
  const m3 = fake.chatRequests().at(-1).body.messages;
  assert.deepEqual(m3.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
});

test('a stream cut mid-way ends the message with an error status; a retry (variant) works', async () => {
  const r = await turn(alice, chatBody('[cut] explain something'));
  assert.equal(r.status, 200);
  const msgs = replay(r.events);
  const reply = msgs.at(-1);
  assert.equal(reply.status, 'finished_with_error');
  assert.match(reply.metadata.error, /cut off|malformed/);
  assert.equal(textOf(reply), 'This answer will stop in the mid');
  assert.equal(r.events.at(-1).data, '[DONE]');
  const id = convId(r.events);
  const user = msgs[0];
  const retry = await turn(alice, chatBody(null, { conversationId: id, parent: user.id, action: 'variant' }));
  assert.equal(retry.status, 200);
  const again = replay(retry.events).at(-1);
  assert.equal(again.status, 'finished_successfully');
  assert.equal(textOf(again), 'You said: [cut] explain something. This is **the fake model** answering in order.');
  const conv = await getConv(alice, id);
  assert.equal(conv.mapping[user.id].children.length, 2, 'the retry is a sibling of the failed reply');
  assert.equal(conv.current_node, again.id);
});

test('an HTTP error from the model ends the reply with its message', async () => {
  const r = await turn(alice, chatBody('[error] anything'));
  const reply = replay(r.events).at(-1);
  assert.equal(reply.status, 'finished_with_error');
  assert.match(reply.metadata.error, /HTTP 500: The model is overloaded/);
});

test('the key never reaches a message or a log: a 401 quoting it, an error event echoing it', async () => {
  const r = await turn(alice, chatBody('[badkey] hello'));
  const reply = replay(r.events).at(-1);
  assert.equal(reply.status, 'finished_with_error');
  assert.match(reply.metadata.error, /the text model refused the API key \(HTTP 401\)/);
  assert.doesNotMatch(JSON.stringify(r.events), /sk-test|0123456789/);
  const e = await turn(alice, chatBody('[keyecho] hello'));
  const echoed = replay(e.events).at(-1);
  assert.equal(echoed.status, 'finished_with_error');
  assert.match(echoed.metadata.error, /quota exceeded for key \*{4}/);
  assert.doesNotMatch(JSON.stringify(e.events), /sk-test|0123456789/);
  const conv = await alice.get(`/backend-api/conversation/${convId(e.events)}`);
  assert.doesNotMatch(conv.text, /sk-test|0123456789/);
  const logDir = path.join(inst.dir, 'log');
  const logs = readdirSync(logDir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => readFileSync(path.join(logDir, d.name), 'utf8')).join('\n');
  assert.doesNotMatch(logs, /sk-test|0123456789/, 'no key in the logs');
});

test('a text model key file readable by others is refused, the key not sent', async () => {
  chmodSync(files['text-model.key'], 0o644);
  try {
    const before = fake.chatRequests().length;
    const r = await turn(alice, chatBody('hello with a lax key file'));
    const reply = replay(r.events).at(-1);
    assert.equal(reply.status, 'finished_with_error');
    assert.match(reply.metadata.error, /key file must be a file readable by its owner only \(chmod 600\)/);
    assert.equal(fake.chatRequests().length, before, 'nothing was sent to the model');
  } finally {
    chmodSync(files['text-model.key'], 0o600);
  }
});

test('a long Russian first message with a failing model: the turn ends, the title is cut on a character boundary', async () => {
  // Six Cyrillic words: the title (107 bytes) is cut to 80 bytes, and byte 80 is inside a letter.
  const text = 'Пожалуйста нарисуйте великолепный деревянный домик рядом [error]';
  const r = await turn(alice, chatBody(text), { timeout: 20000 });
  assert.equal(r.status, 200);
  assert.equal(r.events.at(-1).data, '[DONE]', 'the stream ends');
  const reply = replay(r.events).at(-1);
  assert.equal(reply.status, 'finished_with_error');
  const title = typed(r.events).filter((e) => e.type === 'title_generation').at(-1)?.title;
  assert.ok(title && Buffer.byteLength(title) <= 80, `title ${title}`);
  assert.ok(!title.includes('\ufffd'));
  assert.ok('Пожалуйста нарисуйте великолепный деревянный домик'.startsWith(title.trim()), title);
  const st = await alice.get(`/backend-api/conversation/${convId(r.events)}/stream_status`);
  assert.equal(st.status, 200);
  assert.equal(st.json.status, 'COMPLETE', 'the job ended');
});

test('the context is the active branch only', async () => {
  const a = await turn(alice, chatBody('alpha topic'));
  const id = convId(a.events);
  const aReply = replay(a.events).at(-1);
  const b = await turn(alice, chatBody('beta branch', { conversationId: id, parent: aReply.id }));
  assert.equal(b.status, 200);
  // Edit: a new message under alpha's reply, beside beta.
  const c = await turn(alice, chatBody('gamma branch', { conversationId: id, parent: aReply.id }));
  assert.equal(c.status, 200);
  const sent = fake.chatRequests().at(-1).body.messages;
  assert.deepEqual(sent.map((m) => m.content), [sent[0].content, 'alpha topic', textOf(aReply), 'gamma branch']);
  assert.ok(!JSON.stringify(sent).includes('beta'), 'nothing from the other branch');
});

test('old messages leave the context first when the window is full; the system prompt stays', async () => {
  const long = 'x'.repeat(3000); // ~750 tokens each against a 2048-token window
  let parent = 'client-created-root';
  let id = null;
  for (const n of [1, 2, 3]) {
    const r = await turn(alice, chatBody(`turn ${n} ${long}`, { conversationId: id, parent }));
    id = convId(r.events);
    parent = replay(r.events).at(-1).id;
  }
  const sent = fake.chatRequests().at(-1).body.messages;
  assert.equal(sent[0].role, 'system');
  assert.equal(sent[1].role, 'user', 'the kept part starts with a user message');
  assert.ok(sent.at(-1).content.startsWith('turn 3'));
  assert.ok(!sent.some((m) => String(m.content).startsWith('turn 1')), 'the oldest turn was left out');
});

test("another user's conversation cannot be continued", async () => {
  const a = await turn(alice, chatBody('private chat'));
  const id = convId(a.events);
  const before = fake.requests.length;
  const token = await prepare(bob);
  const res = await streamPost(inst.port, '/backend-api/f/conversation', chatBody('let me in', { conversationId: id, parent: replay(a.events).at(-1).id }), {
    headers: { Cookie: bob.jar.header(), 'X-Conduit-Token': token },
  });
  assert.equal(res.status, 404);
  assert.equal(res.json.detail, 'conversation not found');
  assert.equal((await bob.get(`/backend-api/conversation/${id}`)).status, 404);
  assert.equal((await bob.post(`/backend-api/conversation/${id}/cancel`, {})).status, 404);
  await sleep(300);
  assert.equal(fake.requests.length, before, 'nothing reached the model');
});

test('stop generating ends a text reply cleanly, keeping what was written', async () => {
  let id = null;
  let texts = 0;
  let cancelled = false;
  const r = await turn(alice, chatBody('[hold] a long story please'), {
    onEvent: (ev) => {
      if (ev.event !== 'delta') return;
      const d = JSON.parse(ev.data);
      if (d.v?.conversation_id) id = d.v.conversation_id;
      if (typeof d.v === 'string') texts++;
      if (texts === 3 && !cancelled) {
        cancelled = true;
        alice.post(`/backend-api/conversation/${id}/cancel`, {});
      }
    },
  });
  const reply = replay(r.events).at(-1);
  assert.equal(reply.status, 'finished_successfully');
  assert.equal(reply.metadata.finish_details.type, 'interrupted');
  const full = Array.from({ length: 40 }, (_, i) => `word${i} `).join('');
  assert.ok(textOf(reply).length > 0 && textOf(reply).length < full.length, `kept part: ${textOf(reply)}`);
  assert.ok(full.startsWith(textOf(reply)));
  assert.equal(r.events.at(-1).data, '[DONE]');
  const conv = await getConv(alice, id);
  assert.equal(textOf(conv.mapping[reply.id].message), textOf(reply));
  const st = await alice.get(`/backend-api/conversation/${id}/stream_status`);
  assert.equal(st.json.status, 'COMPLETE');
});

test('the LLM enhancer rewrites an image prompt; the tool message says so', async () => {
  fake.enhancer = 'ok';
  const before = fake.requests.length;
  const r = await turn(alice, chatBody('a red cube', { picture: true }));
  const tool = replay(r.events).find((m) => m.author.role === 'tool');
  assert.equal(tool.status, 'finished_successfully');
  assert.equal(tool.metadata.enhancer, 'llm');
  assert.equal(tool.metadata.enhanced_prompt, fake.enhanced);
  const enh = fake.requests.slice(before).find((q) => /^You rewrite prompts/.test(q.body.messages[0].content));
  assert.equal(enh.body.messages[1].content, 'Request: a red cube');
  // A follow-up sends the previous prompt too.
  const id = convId(r.events);
  const conv = await getConv(alice, id);
  const before2 = fake.requests.length;
  await turn(alice, chatBody('make it blue', { conversationId: id, parent: conv.current_node, picture: true }));
  const enh2 = fake.requests.slice(before2).find((q) => /^You rewrite prompts/.test(q.body.messages[0].content));
  assert.equal(enh2.body.messages[1].content, `Previous prompt: ${fake.enhanced}\nChange: make it blue`);
});

test('the built-in enhancer takes over when the LLM enhancer fails or times out', async () => {
  for (const mode of ['error', 'hang']) {
    fake.enhancer = mode;
    const t0 = Date.now();
    const r = await turn(alice, chatBody('a green sphere', { picture: true }));
    const tool = replay(r.events).find((m) => m.author.role === 'tool');
    assert.equal(tool.status, 'finished_successfully', mode);
    assert.equal(tool.metadata.enhancer, 'builtin', mode);
    assert.ok(tool.metadata.enhancer_fallback, `${mode}: the reason is recorded`);
    assert.notEqual(tool.metadata.enhanced_prompt, fake.enhanced);
    assert.match(tool.metadata.enhanced_prompt, /green/i);
    if (mode === 'hang') assert.ok(Date.now() - t0 < 15000, 'the timeout ended the wait');
  }
  fake.enhancer = 'ok';
});
