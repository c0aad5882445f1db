// engine = a1111 against a local fake of the AUTOMATIC1111/Forge API (fakes/a1111.mjs):
// txt2img with force_task_id while /internal/progress gives percent and live
// previews, seed / sampler / model recorded in the stored PNG, follow-ups as
// txt2img with the edited prompt and the same seed, cancel through
// /sdapi/v1/interrupt, and failures (backend error, timeout, down).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sleep, REPO } from './harness.mjs';
import { startA1111 } from './fakes/a1111.mjs';
import { useBackend } from './lib/backend.mjs';
import { turn, turnBody, result, fetchImage, gallery, expectFailure, expectDownThenBack } from './lib/turn.mjs';

const { fake, inst, conf, clients: [alice] } = await useBackend({
  name: 'a1111',
  start: () => startA1111({ steps: 10, stepMs: 150 }),
  conf: (fake) => [
    'engine = a1111',
    `a1111_base_url = ${fake.url}/`,
    'a1111_model = dreamshaper_8.safetensors',
    'a1111_sampler = DPM++ 2M Karras',
    'a1111_steps = 25',
    'a1111_progress_ms = 200',
    'negative_prompt = blurry, text',
    'engine_connect_timeout_s = 2',
    'engine_timeout_s = 5',
    'engine_retries = 1',
  ],
  env: { IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '1' },
  users: ['a1111'],
});

let first;

test('txt2img with progress and live previews; seed, sampler and model recorded', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('a lighthouse by the sea', { image: { size: '512x768', seed: 4242, style: 'pixel-art' } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const sent = fake.seen('/sdapi/v1/txt2img');
  assert.equal(sent.length, 1);
  const b = sent[0].json;
  assert.equal(b.seed, 4242);
  assert.equal(b.width, 512);
  assert.equal(b.height, 768);
  assert.equal(b.sampler_name, 'DPM++ 2M Karras');
  assert.equal(b.steps, 25);
  assert.equal(b.negative_prompt, 'blurry, text');
  assert.deepEqual(b.override_settings, { sd_model_checkpoint: 'dreamshaper_8.safetensors' });
  assert.match(b.force_task_id, /^task\(images-[0-9a-f]{16}\)$/);
  const part = r.content.parts[0];
  assert.equal(b.prompt, `${part.metadata.dalle.prompt}, pixel art, limited palette, crisp pixels`);
  const polls = fake.seen('/internal/progress');
  assert.ok(polls.length >= 3, `progress polled while rendering (${polls.length})`);
  for (const p of polls) assert.equal(p.json.id_task, b.force_task_id);
  assert.ok(r.partials.length >= 2, `live previews forwarded (${r.partials.length})`);
  assert.ok(r.percents.some((p) => p >= 30 && p < 100), `percent from progress: ${r.percents}`);
  const img = await fetchImage(inst, alice, part);
  assert.deepEqual([img.width, img.height], [512, 768]);
  assert.equal(img.text.seed, '4242');
  assert.equal(img.text.sampler, 'DPM++ 2M Karras');
  assert.equal(img.text.model, 'dreamshaper_8.safetensors');
  assert.equal(img.text.engine, 'a1111');
  assert.ok(img.rgba[2] > 200, 'the fake\'s blue image');
  const items = await gallery(alice);
  assert.equal(items[0].asset_pointer, part.asset_pointer);
  assert.equal((await inst.request('GET', items[0].url)).status, 200);
  first = r;
});

test('a follow-up is txt2img with the edited prompt and the same seed', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('make it red', { conversation_id: first.conversationId, parent_message_id: first.assistant.id, image: { size: '512x768', seed: 4242 } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const b = fake.seen('/sdapi/v1/txt2img')[0].json;
  assert.equal(b.seed, 4242);
  assert.match(b.prompt, /red/i);
  assert.match(b.prompt, /lighthouse/i);
});

test('cancel interrupts the backend and ends the turn', { timeout: 60000 }, async () => {
  fake.requests.length = 0;
  let cid;
  const running = turn(inst, alice, turnBody('a slow castle'), {
    onEvent: (ev) => {
      if (!cid && ev.event === 'delta') cid = JSON.parse(ev.data).v?.conversation_id;
    },
  });
  for (let i = 0; i < 1500 && !cid; i++) await sleep(20);
  assert.ok(cid, 'the turn was acknowledged');
  for (let i = 0; i < 600 && fake.seen('/internal/progress').length < 2; i++) await sleep(50);
  const c = await alice.post(`/backend-api/conversation/${cid}/cancel`, {});
  assert.equal(c.status, 200, c.text);
  const r = result((await running).events);
  assert.equal(r.status, 'finished_with_error');
  assert.match(r.meta.error, /cancel/i);
  for (let i = 0; i < 50 && fake.seen('/sdapi/v1/interrupt').length === 0; i++) await sleep(50);
  assert.equal(fake.seen('/sdapi/v1/interrupt').length, 1, '/sdapi/v1/interrupt was called');
});

test('a backend error is readable and not half-stored', async () => {
  await expectFailure(inst, alice, 'explode please', /AUTOMATIC1111 backend failed \(HTTP 500\): OutOfMemoryError: CUDA out of memory/);
});

test('a 422 names the field', async () => {
  fake.fault('/sdapi/v1/txt2img', { kind: 'status', status: 422, body: { detail: [{ loc: ['body', 'width'], msg: 'ensure this value is less than or equal to 2048', type: 'value_error' }] } });
  await expectFailure(inst, alice, 'a cube', /HTTP 422\): width: ensure this value/);
});

test('a 200 whose image is not base64, or not JSON at all', async () => {
  fake.fault('/sdapi/v1/txt2img', { kind: 'status', status: 200, body: { images: ['@@@ not base64 @@@'], parameters: {}, info: '{}' } });
  await expectFailure(inst, alice, 'a cube', /AUTOMATIC1111 backend answered without an image/);
  fake.fault('/sdapi/v1/txt2img', { kind: 'status', status: 200, body: '<html>proxy error</html>' });
  await expectFailure(inst, alice, 'a cube', /AUTOMATIC1111 backend answered without an image/);
});

test('n = 2 and the second image fails: the first one is not kept either', async () => {
  fake.requests.length = 0;
  fake.fault('/sdapi/v1/txt2img', { kind: 'slow', ms: 0 });
  fake.fault('/sdapi/v1/txt2img', { kind: 'status', status: 400, body: { error: 'BadRequest', detail: 'Invalid seed' } });
  await expectFailure(inst, alice, 'two lonely towers', /AUTOMATIC1111 backend refused the request \(HTTP 400\): BadRequest: Invalid seed/, { image: { size: '512x512', seed: 31, n: 2 } });
  assert.equal(fake.seen('/sdapi/v1/txt2img').length, 2, 'the first image was made, the second refused');
  // The first image's PNG and thumbnail were stored, then their record dropped: nothing refers to them now.
  const out = execFileSync(path.join(REPO, 'app', 'images-admin'), ['-c', conf, '-d', inst.dir, 'sweep', '0'], { encoding: 'utf8' });
  assert.match(out, /sweep: 2 unreferenced blob files removed/);
});

test('timeout, down', async () => {
  fake.fault('/sdapi/v1/txt2img', { kind: 'hang' });
  await expectFailure(inst, alice, 'a cube', /did not answer in time \(5 s\)/);
  await expectDownThenBack(inst, alice, fake);
});
