// The OpenAI-compatible Images API (/v1/images/generations and /v1/images/edits),
// driven by the official `openai` npm package through real nginx (or lighttpd)
// and real workers: plain and streamed generation, b64_json and signed URLs,
// output formats, n > 1, edits that continue a conversation, errors in OpenAI's
// shape, isolation between users, the gallery and the conversation list, and the
// per-user request limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import OpenAI, { toFile } from 'openai';
import { useInstance, uniqueEmail, SERVER } from './harness.mjs';
import { decodePng, makePng, dominantFraction } from './lib/png.mjs';
import { streamPost } from './lib/sse.mjs';

const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-conf-'));
const conf = path.join(confDir, 'images.conf');
writeFileSync(conf, 'openai_per_minute = 25\nmax_running_per_user = 3\nmax_queued_per_user = 3\nrender_slots = 2\ncors_origins = https://app.example\n');
const inst = useInstance({ env: { IMAGES_CONF: conf } });

const users = {};

function sdk(key) {
  return new OpenAI({ apiKey: key, baseURL: `${inst.origin}/v1`, maxRetries: 0, timeout: 120000 });
}

async function signupWithKey(tag) {
  const client = inst.client();
  const user = await client.signup(uniqueEmail(tag));
  const res = await client.post('/backend-api/api_keys', { name: 'openai sdk' });
  assert.equal(res.status, 200, res.text);
  return { client, user, key: res.json.key, api: inst.client({ bearer: res.json.key }), openai: sdk(res.json.key) };
}

// Asserts that fn rejects with the SDK's error class, status and (when given) param and code.
async function rejectsWith(fn, Klass, status, { param, code } = {}) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, 'the call failed');
  assert.ok(err instanceof Klass, `${Klass.name} expected, got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.status, status);
  assert.equal(typeof err.error?.message, 'string', 'OpenAI error shape: error.message');
  assert.equal(typeof err.error?.type, 'string', 'OpenAI error shape: error.type');
  assert.ok('param' in err.error && 'code' in err.error, 'OpenAI error shape: param and code');
  if (param !== undefined) assert.equal(err.param, param, err.message);
  if (code !== undefined) assert.equal(err.code, code, err.message);
  return err;
}

test('set up two users with API keys', async () => {
  users.alice = await signupWithKey('alice');
  users.bob = await signupWithKey('bob');
});

test('images.generate, b64_json: a PNG of the asked size, its revised prompt and usage', async () => {
  const res = await users.alice.openai.images.generate({
    model: 'gpt-image-1',
    prompt: 'a red cube left of a blue sphere',
    size: '256x256',
    response_format: 'b64_json',
    seed: 7,
  });
  assert.equal(typeof res.created, 'number');
  assert.ok(Math.abs(res.created - Date.now() / 1000) < 300, `created is now: ${res.created}`);
  assert.equal(res.data.length, 1);
  const png = Buffer.from(res.data[0].b64_json, 'base64');
  const img = decodePng(png);
  assert.equal(img.width, 256);
  assert.equal(img.height, 256);
  assert.ok(dominantFraction(img, 'r') > 0.01, 'a red cube is drawn');
  assert.ok(dominantFraction(img, 'b') > 0.01, 'a blue sphere is drawn');
  assert.match(res.data[0].revised_prompt, /cube/i);
  assert.equal(img.text.prompt, 'a red cube left of a blue sphere', 'the PNG carries its prompt');
  assert.equal(res.size, '256x256');
  assert.equal(res.output_format, 'png');
  assert.equal(res.background, 'opaque');
  assert.equal(res.quality, 'high');
  assert.equal(res.usage.input_tokens_details.text_tokens, 8, 'the prompt\'s words');
  assert.equal(res.usage.output_tokens, 1);
  assert.equal(res.usage.total_tokens, res.usage.input_tokens + res.usage.output_tokens);
  assert.match(res.conversation_id, /^[0-9a-f-]{36}$/);
  users.alice.first = { conv: res.conversation_id, png };
});

test('the image is in the caller\'s gallery and conversations, as an /images turn is', async () => {
  const { api, first } = users.alice;
  const gallery = await api.get('/backend-api/my/recent/image_gen?limit=25');
  assert.equal(gallery.status, 200, gallery.text);
  const item = gallery.json.items.find((i) => i.conversation_id === first.conv);
  assert.ok(item, `in the gallery: ${gallery.text.slice(0, 300)}`);
  assert.equal(item.prompt, 'a red cube left of a blue sphere');
  const list = await api.get('/backend-api/conversations');
  assert.equal(list.status, 200, list.text);
  const conv = list.json.items.find((c) => c.id === first.conv);
  assert.ok(conv, 'in the conversation list');
  assert.equal(conv.kind, 'images');
  const tree = await api.get(`/backend-api/conversation/${first.conv}`);
  assert.equal(tree.status, 200, tree.text);
  const messages = Object.values(tree.json.mapping).map((n) => n.message).filter(Boolean);
  const userMsg = messages.find((m) => m.author.role === 'user');
  assert.equal(userMsg.content.parts[0], 'a red cube left of a blue sphere');
  const tool = messages.find((m) => m.author.role === 'tool');
  assert.equal(tool.status, 'finished_successfully');
  assert.equal(tool.content.parts[0].content_type, 'image_asset_pointer');
  assert.ok(messages.some((m) => m.author.role === 'assistant' && /^Image created/.test(m.content.parts[0])));
});

test('images.generate, url: an absolute signed estuary link that serves the PNG without a key', async () => {
  const res = await users.alice.openai.images.generate({
    prompt: 'a green cone on a table',
    size: '128x128',
    response_format: 'url',
  });
  assert.equal(res.data.length, 1);
  const url = new URL(res.data[0].url);
  assert.equal(url.origin, inst.origin, 'built from the request\'s scheme and Host');
  assert.equal(url.pathname, '/backend-api/estuary/content');
  for (const k of ['id', 'ts', 'ma', 'p', 'sig']) assert.ok(url.searchParams.get(k), `signed: ${k}`);
  const got = await fetch(url);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/png');
  const img = decodePng(Buffer.from(await got.arrayBuffer()));
  assert.equal(img.width, 128);
  assert.equal(img.height, 128);
  const forged = new URL(url);
  forged.searchParams.set('ma', String(Number(url.searchParams.get('ma')) + 1));
  assert.equal((await fetch(forged)).status, 403, 'the link cannot be stretched');
});

test('images.generate, stream: partial images then the completed image, as OpenAI sends them', async () => {
  const stream = await users.alice.openai.images.generate({
    prompt: 'a snowman in the snow',
    size: '256x256',
    stream: true,
    partial_images: 2,
  });
  const events = [];
  for await (const ev of stream) events.push(ev);
  const partials = events.filter((e) => e.type === 'image_generation.partial_image');
  const completed = events.filter((e) => e.type === 'image_generation.completed');
  assert.ok(partials.length >= 1 && partials.length <= 2, `1 or 2 partials: ${events.map((e) => e.type)}`);
  partials.forEach((p, i) => {
    assert.equal(p.partial_image_index, i);
    assert.equal(p.size, '256x256');
    assert.equal(p.output_format, 'png');
    assert.equal(typeof p.created_at, 'number');
    const img = decodePng(Buffer.from(p.b64_json, 'base64'));
    assert.ok(img.width > 0 && img.width <= 256, `a preview: ${img.width}`);
  });
  assert.equal(completed.length, 1);
  assert.equal(events.at(-1).type, 'image_generation.completed', 'completed comes last');
  const img = decodePng(Buffer.from(completed[0].b64_json, 'base64'));
  assert.equal(img.width, 256);
  assert.equal(completed[0].usage.output_tokens, 1);
  assert.equal(completed[0].background, 'opaque');
  assert.equal(completed[0].quality, 'high');
});

test('the stream on the wire: event names as OpenAI\'s, data of the same type', async () => {
  const res = await streamPost(inst.port, '/v1/images/generations', { prompt: 'a lighthouse on a beach', size: '256x256', stream: true, partial_images: 2 }, {
    headers: { Authorization: `Bearer ${users.alice.key}` },
  });
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^text\/event-stream/);
  assert.ok(res.events.length >= 2, `partials and completed: ${res.events.map((e) => e.event)}`);
  for (const ev of res.events) {
    assert.match(ev.event, /^image_generation\.(partial_image|completed)$/, 'every event is named');
    const data = JSON.parse(ev.data);
    assert.equal(data.type, ev.event, 'the data\'s type names its event');
    assert.ok(!('url' in data));
  }
  assert.equal(res.events.at(-1).event, 'image_generation.completed');
  if (SERVER === 'nginx') assert.equal(res.headers['x-accel-buffering'], 'no', 'nginx is told not to buffer');
});

test('images.generate, stream without partial_images: only the completed event', async () => {
  const stream = await users.alice.openai.images.generate({ prompt: 'a yellow star', size: '128x128', stream: true });
  const types = [];
  for await (const ev of stream) types.push(ev.type);
  assert.deepEqual(types, ['image_generation.completed']);
});

test('n = 2: two different images in one conversation, both in the gallery', async () => {
  const res = await users.alice.openai.images.generate({ prompt: 'a purple torus', size: '128x128', n: 2 });
  assert.equal(res.data.length, 2);
  assert.notEqual(res.data[0].b64_json, res.data[1].b64_json, 'two variants, not one image twice');
  assert.equal(res.usage.output_tokens, 2);
  const gallery = await users.alice.api.get('/backend-api/my/recent/image_gen?limit=25');
  const mine = gallery.json.items.filter((i) => i.conversation_id === res.conversation_id);
  assert.equal(mine.length, 2);
});

test('output_format webp and jpeg: the bytes are of that format', async () => {
  const webp = await users.alice.openai.images.generate({ prompt: 'a blue cube', size: '128x128', output_format: 'webp' });
  const w = Buffer.from(webp.data[0].b64_json, 'base64');
  assert.equal(w.toString('ascii', 0, 4), 'RIFF');
  assert.equal(w.toString('ascii', 8, 12), 'WEBP');
  assert.equal(webp.output_format, 'webp');
  const jpeg = await users.alice.openai.images.generate({
    prompt: 'a blue cube',
    size: '128x128',
    output_format: 'jpeg',
    output_compression: 80,
  });
  const j = Buffer.from(jpeg.data[0].b64_json, 'base64');
  assert.deepEqual([...j.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.equal(jpeg.output_format, 'jpeg');
});

test('a bad key is a 401 AuthenticationError in OpenAI\'s shape', async () => {
  await rejectsWith(() => sdk('sk-img-not-a-key').images.generate({ prompt: 'a cube' }), OpenAI.AuthenticationError, 401, {
    code: 'invalid_api_key',
  });
  const raw = await inst.request('POST', '/v1/images/generations', { json: { prompt: 'a cube' } });
  assert.equal(raw.status, 401, 'no key at all');
  assert.equal(typeof raw.json.error.message, 'string');
  assert.equal(typeof raw.json.detail, 'string', 'our detail beside it');
});

test('bad parameters are 400 BadRequestErrors naming the parameter', async () => {
  // Its own user: these requests count against the per-minute limit too.
  const dave = await signupWithKey('dave');
  const { openai } = dave;
  const cases = [
    [{ prompt: 'a cube', size: '5x5' }, 'size'],
    [{ prompt: 'a cube', size: 'big' }, 'size'],
    [{ prompt: 'a cube', n: 9 }, 'n'],
    [{ prompt: 'a cube', n: 0 }, 'n'],
    [{ prompt: '' }, 'prompt'],
    [{ prompt: '   ' }, 'prompt'],
    [{ prompt: 'x'.repeat(4001) }, 'prompt'],
    [{ prompt: 'a cube', quality: 'ultra' }, 'quality'],
    [{ prompt: 'a cube', background: 'transparent' }, 'background'],
    [{ prompt: 'a cube', output_format: 'gif' }, 'output_format'],
    [{ prompt: 'a cube', response_format: 'url', output_format: 'webp' }, 'response_format'],
    [{ prompt: 'a cube', response_format: 'html' }, 'response_format'],
    [{ prompt: 'a cube', style: 'nope' }, 'style'],
    [{ prompt: 'a cube', partial_images: 4, stream: true }, 'partial_images'],
    [{ prompt: 'a cube', output_compression: 101 }, 'output_compression'],
    [{ prompt: 42 }, 'prompt'],
  ];
  for (const [body, param] of cases) {
    await rejectsWith(() => openai.images.generate(body), OpenAI.BadRequestError, 400, { param });
  }
  // n up to 10 is OpenAI's range: past this server's 4 the error says so.
  const ten = await dave.api.post('/v1/images/generations', { prompt: 'a cube', n: 10 });
  assert.equal(ten.status, 400);
  assert.equal(ten.json.error.param, 'n');
  assert.match(ten.json.error.message, /at most 4 images per request \(OpenAI allows 10\)/);
  const eleven = await dave.api.post('/v1/images/generations', { prompt: 'a cube', n: 11 });
  assert.equal(eleven.json.error.param, 'n');
  const noPrompt = await dave.api.post('/v1/images/generations', { size: '256x256' });
  assert.equal(noPrompt.status, 400);
  assert.equal(noPrompt.json.error.param, 'prompt');
});

test('a style preset id picks that preset; vivid and natural are accepted', async () => {
  const res = await users.alice.openai.images.generate({ prompt: 'a house', size: '128x128', style: 'sketch' });
  const gallery = await users.alice.api.get('/backend-api/my/recent/image_gen?limit=5&style=sketch');
  assert.ok(gallery.json.items.some((i) => i.conversation_id === res.conversation_id), 'made in the sketch preset');
  const vivid = await users.alice.openai.images.generate({ prompt: 'a house', size: '128x128', style: 'vivid' });
  assert.equal(vivid.data.length, 1);
});

test('images.createVariation makes an image this server made again, in its conversation, with a new seed', async () => {
  const v = await signupWithKey('variation');
  const made = await v.openai.images.generate({ model: 'gpt-image-1', prompt: 'a yellow star', size: '256x256' });
  const png = Buffer.from(made.data[0].b64_json, 'base64');
  // The openai package's own call (POST /v1/images/variations, multipart), as DALL-E 2 clients make it.
  const res = await v.openai.images.createVariation({ image: await toFile(png, 'star.png', { type: 'image/png' }), n: 1, size: '256x256', response_format: 'b64_json' });
  assert.equal(res.data.length, 1);
  assert.equal(res.conversation_id, made.conversation_id, 'the same conversation');
  const again = Buffer.from(res.data[0].b64_json, 'base64');
  assert.equal(decodePng(again).width, 256);
  assert.ok(!again.equals(png), 'a new image, not the same bytes');
  const tree = await v.api.get(`/backend-api/conversation/${made.conversation_id}`);
  const msgs = Object.values(tree.json.mapping).map((n) => n.message).filter(Boolean);
  assert.deepEqual(msgs.filter((m) => m.author.role === 'user').map((m) => m.content.parts[0]), ['a yellow star'], 'no new user message: the same request again');
  assert.equal(msgs.filter((m) => m.author.role === 'tool').length, 2, 'two images of it');
  // An image it did not make is refused, saying why.
  await assert.rejects(v.openai.images.createVariation({ image: await toFile(makePng(64, 64), 'photo.png', { type: 'image/png' }) }),
    (e) => e instanceof OpenAI.BadRequestError && e.error.code === 'image_not_editable' && /variations only of images it made/.test(e.error.message));
});

test('images.edit continues the conversation of an image this server made', async () => {
  const { openai, api, first } = users.alice;
  const res = await openai.images.edit({
    image: await toFile(first.png, 'cube.png', { type: 'image/png' }),
    prompt: 'make it green',
    size: 'auto',
  });
  assert.equal(res.data.length, 1);
  assert.equal(res.conversation_id, first.conv, 'the same conversation');
  const img = decodePng(Buffer.from(res.data[0].b64_json, 'base64'));
  assert.equal(img.width, 256, 'size auto keeps the source size');
  assert.ok(dominantFraction(img, 'g') > dominantFraction(decodePng(first.png), 'g'), 'greener than before');
  const tree = await api.get(`/backend-api/conversation/${first.conv}`);
  const users_ = Object.values(tree.json.mapping).map((n) => n.message).filter((m) => m && m.author.role === 'user');
  assert.deepEqual(users_.map((m) => m.content.parts[0]).sort(), ['a red cube left of a blue sphere', 'make it green'].sort());
  const tools = Object.values(tree.json.mapping).map((n) => n.message).filter((m) => m && m.author.role === 'tool');
  const edited = tools.find((m) => m.content.parts[0]?.metadata?.dalle?.parent_gen_id);
  assert.ok(edited, 'the new image records the one it edits');
});

test('images.edit with image[] and streaming: image_edit.* events', async () => {
  const { openai, first } = users.alice;
  const stream = await openai.images.edit({
    image: [await toFile(first.png, 'cube.png', { type: 'image/png' })],
    prompt: 'now at night',
    size: '128x128',
    stream: true,
    partial_images: 1,
  });
  const types = [];
  for await (const ev of stream) types.push(ev.type);
  assert.ok(types.length >= 1 && types.length <= 2, types.join());
  assert.equal(types.at(-1), 'image_edit.completed');
  if (types.length === 2) assert.equal(types[0], 'image_edit.partial_image');
});

test('images.edit with every image of a chat (Open WebUI\'s image[]): the one this server made is edited', async () => {
  const w = await signupWithKey('webui');
  const made = await w.openai.images.generate({ model: 'gpt-image-1', prompt: 'a blue boat', size: '128x128' });
  const ours = Buffer.from(made.data[0].b64_json, 'base64');
  const photo = makePng(48, 48);
  const res = await w.openai.images.edit({
    image: [await toFile(photo, 'photo.png', { type: 'image/png' }), await toFile(ours, 'boat.png', { type: 'image/png' }), await toFile(makePng(20, 20), 'x.png', { type: 'image/png' })],
    prompt: 'make it red',
    size: 'auto',
  });
  assert.equal(res.conversation_id, made.conversation_id, 'the conversation of the image it made');
  assert.equal(decodePng(Buffer.from(res.data[0].b64_json, 'base64')).width, 128);
  // None of them ours: the same clear refusal as for one.
  await assert.rejects(w.openai.images.edit({ image: [await toFile(photo, 'a.png', { type: 'image/png' }), await toFile(makePng(20, 20), 'b.png', { type: 'image/png' })], prompt: 'make it red' }),
    (e) => e instanceof OpenAI.BadRequestError && e.error.code === 'image_not_editable');
});

test('images.edit refuses what the engine cannot do, clearly', async () => {
  const { openai, first } = users.alice;
  const foreign = makePng(64, 64);
  const err = await rejectsWith(
    async () => openai.images.edit({ image: await toFile(foreign, 'photo.png', { type: 'image/png' }), prompt: 'make it red' }),
    OpenAI.BadRequestError,
    400,
    { param: 'image', code: 'image_not_editable' },
  );
  assert.match(err.message, /edits only images it made/);
  await rejectsWith(
    async () =>
      openai.images.edit({
        image: await toFile(first.png, 'cube.png', { type: 'image/png' }),
        mask: await toFile(foreign, 'mask.png', { type: 'image/png' }),
        prompt: 'make it red',
      }),
    OpenAI.BadRequestError,
    400,
    { param: 'mask' },
  );
  await rejectsWith(
    async () => openai.images.edit({ image: await toFile(Buffer.from('not an image at all'), 'notes.txt'), prompt: 'make it red' }),
    OpenAI.BadRequestError,
    400,
    { param: 'image', code: 'invalid_image_format' },
  );
  const json = await users.alice.api.post('/v1/images/edits', { prompt: 'make it red' });
  assert.equal(json.status, 415);
  assert.equal(typeof json.json.error.message, 'string');
});

test('another user\'s key cannot see or change the first user\'s conversations and images', async () => {
  const { first } = users.alice;
  const bob = users.bob;
  assert.equal((await bob.api.get(`/backend-api/conversation/${first.conv}`)).status, 404);
  assert.equal((await bob.api.post(`/backend-api/conversation/${first.conv}/cancel`, {})).status, 404);
  const list = await bob.api.get('/backend-api/conversations');
  assert.ok(!list.json.items.some((c) => c.id === first.conv));
  const gallery = await bob.api.get('/backend-api/my/recent/image_gen?limit=100');
  assert.ok(!gallery.json.items.some((i) => i.conversation_id === first.conv));
  await rejectsWith(
    async () => bob.openai.images.edit({ image: await toFile(first.png, 'cube.png', { type: 'image/png' }), prompt: 'make it blue' }),
    OpenAI.BadRequestError,
    400,
    { code: 'image_not_editable' },
  );
  const mine = await bob.openai.images.generate({ prompt: 'a gold star', size: '128x128' });
  assert.notEqual(mine.conversation_id, first.conv);
  const bobs = await bob.api.get('/backend-api/conversations');
  assert.deepEqual(bobs.json.items.map((c) => c.id), [mine.conversation_id], 'bob sees only his own');
  const tree = await users.alice.api.get(`/backend-api/conversation/${first.conv}`);
  const prompts = Object.values(tree.json.mapping).map((n) => n.message).filter((m) => m && m.author.role === 'user');
  assert.ok(!prompts.some((m) => m.content.parts[0] === 'make it blue'), 'alice\'s conversation is untouched');
});

test('GET /v1/models lists the engine and the names clients send, each retrievable', async () => {
  const models = await users.alice.openai.models.list();
  const list = [];
  for await (const m of models) list.push(m);
  assert.deepEqual(list.map((m) => m.id), ['builtin', 'gpt-image-1', 'dall-e-3', 'dall-e-2']);
  for (const m of list) {
    assert.equal(m.object, 'model');
    assert.equal(m.owned_by, 'images');
    assert.ok(Number.isInteger(m.created) && m.created > 1600000000, `created: ${m.created}`);
  }
  const one = await users.alice.openai.models.retrieve('dall-e-3');
  assert.equal(one.id, 'dall-e-3');
  assert.equal(one.created, list[2].created);
  await assert.rejects(users.alice.openai.models.retrieve('gpt-5'), (e) => e instanceof OpenAI.NotFoundError && e.error.code === 'model_not_found');
});

test('dall-e-2 and dall-e-3 without response_format answer a URL, as OpenAI does (LibreChat\'s DALL-E 3 tool reads data[0].url)', async () => {
  const dalle = await signupWithKey('dalle');
  // LibreChat's request, as it sends it.
  const res = await dalle.api.post('/v1/images/generations', { model: 'dall-e-3', prompt: 'a lighthouse on a cliff', size: '1024x1024', quality: 'standard', style: 'vivid', n: 1 });
  assert.equal(res.status, 200, res.text);
  assert.match(res.json.data[0].url, /\/backend-api\/estuary\/content\?id=/);
  assert.equal(res.json.data[0].b64_json, undefined);
  const img = await inst.request('GET', new URL(res.json.data[0].url).pathname + new URL(res.json.data[0].url).search);
  assert.equal(img.status, 200);
  assert.equal(decodePng(img.body).width, 1024);
  const two = await dalle.openai.images.generate({ model: 'dall-e-2', prompt: 'a red cube', size: '256x256' });
  assert.ok(two.data[0].url && !two.data[0].b64_json);
  // gpt-image-1 (and no model) stay base64, and an explicit response_format wins.
  const gpt = await dalle.openai.images.generate({ model: 'gpt-image-1', prompt: 'a red cube', size: '256x256' });
  assert.ok(gpt.data[0].b64_json && !gpt.data[0].url);
  const asked = await dalle.openai.images.generate({ model: 'dall-e-3', prompt: 'a red cube', size: '256x256', response_format: 'b64_json' });
  assert.ok(asked.data[0].b64_json && !asked.data[0].url);
});

test('CORS: a browser on an allowed origin may call /v1 with a key; preflights are answered; others are not allowed', async () => {
  const web = await signupWithKey('cors');
  // The preflight a browser sends before the openai package's POST.
  const pre = await inst.request('OPTIONS', '/v1/images/generations', { headers: {
    Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'authorization,content-type,x-stainless-lang,x-stainless-retry-count',
  } });
  assert.equal(pre.status, 204, pre.text);
  assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example');
  assert.match(pre.headers['access-control-allow-methods'], /POST/);
  for (const h of ['authorization', 'content-type', 'x-stainless-lang', 'x-stainless-retry-count']) {
    assert.ok(pre.headers['access-control-allow-headers'].toLowerCase().split(/,\s*/).includes(h), `${h} allowed`);
  }
  assert.equal(pre.headers['access-control-allow-credentials'], undefined, 'no cookies');
  const res = await inst.request('GET', '/v1/models', { headers: { Origin: 'https://app.example', Authorization: `Bearer ${web.key}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers['access-control-allow-origin'], 'https://app.example');
  assert.match(res.headers.vary, /Origin/);
  // An error answer carries it too (the browser must be able to read why).
  const bad = await inst.request('POST', '/v1/images/generations', { json: { prompt: '' }, headers: { Origin: 'https://app.example', Authorization: `Bearer ${web.key}` } });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers['access-control-allow-origin'], 'https://app.example');
  // Another origin: no grant, and its preflight is refused.
  const other = await inst.request('GET', '/v1/models', { headers: { Origin: 'https://evil.example', Authorization: `Bearer ${web.key}` } });
  assert.equal(other.headers['access-control-allow-origin'], undefined);
  const otherPre = await inst.request('OPTIONS', '/v1/images/generations', { headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(otherPre.status, 403);
  assert.equal(otherPre.headers['access-control-allow-origin'], undefined);
  // A cookie session from another site is still refused as cross-site (no key, no CORS grant of credentials).
  const cross = await web.client.post('/v1/images/generations', { prompt: 'x' }, { headers: { Origin: 'https://app.example', 'Sec-Fetch-Site': 'cross-site' } });
  assert.equal(cross.status, 403);
});

test('unknown /v1 routes and methods answer in OpenAI\'s error shape', async () => {
  const res = await users.alice.api.get('/v1/nope');
  assert.equal(res.status, 404);
  assert.equal(res.json.error.type, 'invalid_request_error');
  const get = await users.alice.api.get('/v1/images/generations');
  assert.equal(get.status, 405);
  assert.equal(get.headers.allow, 'POST');
  assert.equal(typeof get.json.error.message, 'string');
});

test('over openai_per_minute: 429 RateLimitError with Retry-After', async () => {
  const carol = await signupWithKey('carol');
  // Refused requests count too (the limit is checked first): 25 cheap ones fill the minute.
  for (let i = 0; i < 25; i++) {
    await rejectsWith(() => carol.openai.images.generate({ prompt: 'a cube', size: '1x1' }), OpenAI.BadRequestError, 400);
  }
  const err = await rejectsWith(() => carol.openai.images.generate({ prompt: 'a cube' }), OpenAI.RateLimitError, 429, {
    code: 'rate_limit_exceeded',
  });
  const retry = Number(err.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After: ${retry}`);
  // Another user is not affected.
  const ok = await users.bob.openai.images.generate({ prompt: 'a cube', size: '64x64' });
  assert.equal(ok.data.length, 1);
});

test('over max_queued_per_user: 429 with Retry-After, and the accepted images all finish', async () => {
  const erin = await signupWithKey('erin');
  const prompt = 'a cup and two apples on a table, watercolor';
  const results = await Promise.allSettled(
    [0, 1, 2, 3].map(() => erin.openai.images.generate({ prompt, size: '1024x1024', style: 'watercolor' })),
  );
  const refused = results.filter((r) => r.status === 'rejected');
  const made = results.filter((r) => r.status === 'fulfilled');
  assert.ok(refused.length >= 1, 'four at once with room for three: at least one refused');
  for (const r of refused) {
    assert.ok(r.reason instanceof OpenAI.RateLimitError, `${r.reason}`);
    assert.equal(r.reason.error.type, 'rate_limit_error');
    assert.ok(Number(r.reason.headers.get('retry-after')) > 0, 'Retry-After');
  }
  for (const r of made) assert.equal(decodePng(Buffer.from(r.value.data[0].b64_json, 'base64')).width, 1024);
  const gallery = await erin.api.get('/backend-api/my/recent/image_gen?limit=10');
  assert.equal(gallery.json.items.length, made.length, 'every accepted image is in the gallery');
});
