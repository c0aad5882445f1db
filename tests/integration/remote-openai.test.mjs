// engine = openai against a local fake of the OpenAI Images API (fakes/openai.mjs):
// streamed generations with partial previews, the style's prompt suffix, a
// follow-up sent to /v1/images/edits with the previous image, the stored PNG and
// its metadata, gallery and estuary download; then failures: moderation, a bad
// key (never echoed), a backend that is down, hangs, resets or answers garbage,
// transient errors retried (503, 429 + Retry-After), and retry after a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { startOpenAI } from './fakes/openai.mjs';
import { useBackend } from './lib/backend.mjs';
import { turn, turnBody, result, fetchImage, gallery, expectFailure } from './lib/turn.mjs';

const KEY = 'sk-test-7f3a9c1e5b2d4a6f8e0c';
const { fake, inst, files, clients: [alice] } = await useBackend({
  name: 'openai',
  start: () => startOpenAI({ key: KEY }),
  files: { 'openai.key': `${KEY}\n` },
  conf: (fake, files) => [
    'engine = openai',
    `openai_base_url = ${fake.url}`,
    `openai_key_file = ${files['openai.key']}`,
    'openai_partial_images = 2',
    'engine_connect_timeout_s = 2',
    'engine_timeout_s = 4',
    'engine_retries = 2',
    'job_lease_s = 10',
  ],
  env: { IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '1' },
  users: ['openai'],
});
const keyFile = files['openai.key'];

let first;

test('a turn streams partial previews from image_generation.partial_image and stores the completed image', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('a red cube on a table', { image: { style: 'watercolor', size: '256x256', seed: 5 } }));
  assert.equal(res.status, 200, res.text);
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const sent = fake.seen('/v1/images/generations');
  assert.equal(sent.length, 1);
  const body = sent[0].json;
  assert.deepEqual(Object.keys(body).sort(), ['background', 'model', 'n', 'output_format', 'partial_images', 'prompt', 'quality', 'size', 'stream']);
  assert.equal(body.model, 'gpt-image-1');
  assert.equal(body.size, '1024x1024', 'a square request gets the square size gpt-image-1 makes');
  assert.equal(body.stream, true);
  assert.equal(body.partial_images, 2);
  assert.equal(sent[0].headers.authorization, `Bearer ${KEY}`);
  // The enhanced prompt plus the watercolor preset's suffix.
  const part = r.content.parts[0];
  const enhanced = part.metadata.dalle.prompt;
  assert.match(enhanced, /red cube/i);
  assert.equal(body.prompt, `${enhanced}, watercolor painting, soft washes, paper texture`);
  assert.equal(r.partials.length, 2, 'both partial images became previews');
  for (const p of r.partials) assert.equal(Buffer.from(p.v.b64_webp, 'base64').toString('ascii', 8, 12), 'WEBP');
  assert.ok(r.percents.some((p) => p > 0 && p < 100), `progress between 0 and 100: ${r.percents}`);
  assert.equal(part.metadata.generation.engine, 'openai');
  assert.deepEqual([part.width, part.height], [1024, 1024]);
  const img = await fetchImage(inst, alice, part);
  assert.deepEqual([img.width, img.height], [1024, 1024]);
  assert.equal(img.text.engine, 'openai');
  assert.equal(img.text.model, 'gpt-image-1');
  assert.equal(img.text.seed, '5');
  assert.equal(img.text.enhanced_prompt, body.prompt);
  assert.equal(img.text.prompt, 'a red cube on a table');
  assert.ok(img.rgba[0] > 200 && img.rgba[1] < 60, 'the pixels are the fake\'s red image');
  const items = await gallery(alice);
  assert.equal(items[0].asset_pointer, part.asset_pointer);
  const full = await inst.request('GET', items[0].url);
  assert.equal(full.status, 200);
  assert.ok(full.body.equals(img.bytes), 'the gallery link serves the same bytes');
  first = r;
});

test('a WebP answer is decoded and stored as a PNG with our metadata', async () => {
  // A WebP made by the instance itself: the thumbnail of the first image.
  const thumb = await inst.request('GET', (await gallery(alice))[0].encodings.thumbnail.path);
  assert.equal(thumb.body.toString('ascii', 8, 12), 'WEBP');
  fake.nextImage = thumb.body;
  const res = await turn(inst, alice, turnBody('a webp cube', { image: { seed: 9 } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const img = await fetchImage(inst, alice, r.content.parts[0]);
  assert.equal(img.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(img.text.seed, '9');
  assert.equal(img.text.engine, 'openai');
  assert.equal(r.content.parts[0].width, img.width);
});

test('a JPEG answer is decoded and stored as a PNG with our metadata', async () => {
  // A JPEG made by the instance itself: its own OpenAI-compatible API converts on request.
  const key = await alice.post('/backend-api/api_keys', { name: 'jpeg' });
  assert.equal(key.status, 200, key.text);
  const gen = await inst.request('POST', '/v1/images/generations', {
    json: { prompt: 'a jpeg cube', size: '256x256', output_format: 'jpeg' },
    headers: { Authorization: `Bearer ${key.json.key}` },
  });
  assert.equal(gen.status, 200, gen.text);
  const jpeg = Buffer.from(gen.json.data[0].b64_json, 'base64');
  assert.equal(jpeg.readUInt16BE(0), 0xffd8, 'a JPEG (SOI marker)');
  fake.nextImage = jpeg;
  const res = await turn(inst, alice, turnBody('a jpeg sphere', { image: { size: '256x256', seed: 4 } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const img = await fetchImage(inst, alice, r.content.parts[0]);
  assert.equal(img.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(r.content.parts[0].width, img.width);
  assert.equal(img.text.seed, '4');
  assert.equal(img.text.engine, 'openai');
  assert.ok(img.rgba[0] > 180 && img.rgba[1] < 90, 'the fake\'s red image, through JPEG');
});

test('a follow-up edits the previous image through /v1/images/edits (multipart)', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('make it blue', { conversation_id: first.conversationId, parent_message_id: first.assistant.id, image: { size: '256x256', seed: 5 } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const sent = fake.seen('/v1/images/edits');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].form.model, 'gpt-image-1');
  assert.equal(sent[0].form.stream, true);
  assert.match(sent[0].form.prompt, /cube/i, 'the edited scene, described');
  assert.match(sent[0].form.prompt, /blue/i);
  assert.notEqual(sent[0].form.prompt, first.content.parts[0].metadata.dalle.prompt);
  const prev = await fetchImage(inst, alice, first.content.parts[0]);
  assert.ok(sent[0].image.equals(prev.bytes), 'the previous stored PNG is the input image');
  assert.equal(r.partials.length, 2, 'image_edit.partial_image events became previews');
  const img = await fetchImage(inst, alice, r.content.parts[0]);
  assert.ok(img.rgba[1] > 150 && img.rgba[0] < 100, 'the stored image is the edit');
  assert.equal(r.content.parts[0].metadata.dalle.parent_gen_id, first.content.parts[0].metadata.dalle.gen_id);
});

test('enhance off: the prompt is sent as written', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('exactly these words', { image: { enhance: false } }));
  assert.equal(result(res.events).status, 'finished_successfully');
  assert.equal(fake.seen('/v1/images/generations')[0].json.prompt, 'exactly these words');
});

test('a 3000-byte Cyrillic prompt with enhance off reaches the backend whole (no half character)', async () => {
  fake.requests.length = 0;
  const long = 'красный куб '.repeat(160).slice(0, 1640); // 2-byte letters: 3000 bytes
  assert.ok(Buffer.byteLength(long) > 2900 && Buffer.byteLength(long) <= 4000);
  const res = await turn(inst, alice, turnBody(long, { image: { enhance: false } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  assert.equal(fake.seen('/v1/images/generations')[0].json.prompt, long);
});

test('moderation refusal is a readable failure with the backend\'s reason', async () => {
  await expectFailure(inst, alice, 'a forbidden thing', /moderation refused this prompt: Your request was rejected by the safety system/);
});

test('a bad key: 401, the key is in no message', async () => {
  writeFileSync(keyFile, 'sk-wrong-key-5555555555\n', { mode: 0o600 });
  try {
    const r = await expectFailure(inst, alice, 'a cube', /refused the API key \(HTTP 401\)/);
    assert.doesNotMatch(JSON.stringify(r), /sk-wrong|5555/);
    const logs = readdirSync(path.join(inst.dir, 'log'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => readFileSync(path.join(inst.dir, 'log', d.name), 'utf8')).join('\n');
    assert.doesNotMatch(logs, /sk-wrong|sk-test/, 'no key in the logs');
  } finally {
    writeFileSync(keyFile, `${KEY}\n`, { mode: 0o600 });
  }
});

test('a key file readable by others is refused', async () => {
  writeFileSync(keyFile, `${KEY}\n`, { mode: 0o644 });
  const { chmodSync } = await import('node:fs');
  chmodSync(keyFile, 0o644);
  try {
    await expectFailure(inst, alice, 'a cube', /readable by its owner only/);
  } finally {
    chmodSync(keyFile, 0o600);
  }
});

test('transient failures are retried: 503, a reset, then 429 with Retry-After', async () => {
  fake.requests.length = 0;
  fake.fault('/v1/images/generations', { kind: 'status', status: 503, body: { error: { message: 'The server is overloaded', type: 'server_error', param: null, code: null } } });
  fake.fault('/v1/images/generations', { kind: 'reset' });
  let res = await turn(inst, alice, turnBody('a green sphere'));
  assert.equal(result(res.events).status, 'finished_successfully');
  assert.equal(fake.seen('/v1/images/generations').length, 3, 'two failures, then success');
  fake.requests.length = 0;
  fake.fault('/v1/images/generations', { kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
  res = await turn(inst, alice, turnBody('a green cone'));
  assert.equal(result(res.events).status, 'finished_successfully');
  const s = fake.seen('/v1/images/generations');
  assert.equal(s.length, 2);
  assert.ok(s[1].at - s[0].at >= 950, `Retry-After honoured (${s[1].at - s[0].at} ms)`);
});

test('a 400 is not retried', async () => {
  fake.requests.length = 0;
  fake.fault('/v1/images/generations', { kind: 'status', status: 400, body: { error: { message: "Invalid value for 'size'.", type: 'invalid_request_error', param: 'size', code: 'invalid_value' } } });
  await expectFailure(inst, alice, 'a cube', /refused the request \(HTTP 400\): Invalid value for 'size'/);
  assert.equal(fake.seen('/v1/images/generations').length, 1);
});

test('backend down, hanging, resetting every time, or answering garbage: readable failures', async () => {
  await fake.down();
  try {
    await expectFailure(inst, alice, 'a cube', /not reachable \(connection refused\)/);
  } finally {
    await fake.up();
  }
  fake.fault('/v1/images/generations', { kind: 'hang' });
  const t0 = Date.now();
  await expectFailure(inst, alice, 'a cube', /did not answer in time \(4 s\)/);
  assert.ok(Date.now() - t0 < 15000, 'a hang ends at the timeout, not retried forever');
  fake.fault('/v1/images/generations', { kind: 'reset', times: 3 });
  await expectFailure(inst, alice, 'a cube', /closed the connection/);
  fake.fault('/v1/images/generations', { kind: 'garbage' });
  await expectFailure(inst, alice, 'a cube', /sent an answer that is not HTTP/);
});

test('a broken stream: garbage events, a connection cut mid-stream, bytes that are no image', async () => {
  fake.requests.length = 0;
  fake.streamFault = 'garbage';
  await expectFailure(inst, alice, 'a cube', /answered without an image/);
  fake.streamFault = 'cut';
  await expectFailure(inst, alice, 'a cube', /closed the connection/);
  assert.equal(fake.seen('/v1/images/generations').length, 2, 'a stream already under way is not retried');
  fake.streamFault = 'bad-image';
  await expectFailure(inst, alice, 'a cube', /sent something that is not a PNG, JPEG or WebP image/);
});

test('after a failure the same prompt can be retried and succeeds', async () => {
  fake.fault('/v1/images/generations', { kind: 'status', status: 500, times: 3, body: { error: { message: 'boom', type: 'server_error', param: null, code: null } } });
  await expectFailure(inst, alice, 'a retried cube', /failed \(HTTP 500\): boom/);
  const res = await turn(inst, alice, turnBody('a retried cube'));
  assert.equal(result(res.events).status, 'finished_successfully');
  assert.equal((await gallery(alice))[0].prompt, 'a retried cube');
});
