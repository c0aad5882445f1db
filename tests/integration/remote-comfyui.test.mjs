// engine = comfyui against a local fake ComfyUI (fakes/comfyui.mjs): the workflow
// template with its placeholders filled, our prompt_id, progress and binary preview
// frames over the websocket (our RFC 6455 client), /history and /view for the
// result; cancel through /interrupt; execution_error, a bad handshake, a socket
// that closes mid-run, a backend that is down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { sleep, REPO } from './harness.mjs';
import { startComfyUI } from './fakes/comfyui.mjs';
import { useBackend } from './lib/backend.mjs';
import { turn, turnBody, result, fetchImage, gallery, expectFailure, expectDownThenBack } from './lib/turn.mjs';

const { fake, inst, clients: [alice] } = await useBackend({
  name: 'comfyui',
  start: () => startComfyUI({ stepMs: 60 }),
  conf: (fake) => [
    'engine = comfyui',
    `comfyui_base_url = ${fake.url}`,
    `comfyui_workflow = ${path.join(REPO, 'conf', 'comfyui-workflow.json')}`,
    'comfyui_model = sd_xl_base_1.0.safetensors',
    'negative_prompt = watermark',
    'engine_connect_timeout_s = 2',
    'engine_timeout_s = 6',
    'engine_retries = 1',
  ],
  env: { IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '1' },
  users: ['comfy'],
});

test('the workflow runs: websocket progress and previews, /history, /view, stored PNG', async () => {
  fake.requests.length = 0;
  const res = await turn(inst, alice, turnBody('a snowman in a garden', { image: { size: '512x512', seed: 77, style: 'neon' } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const ws = fake.requests.filter((x) => x.upgrade);
  assert.equal(ws.length, 1, 'one websocket');
  const clientId = ws[0].query.get('clientId');
  const posted = fake.seen('/prompt')[0].json;
  assert.deepEqual(Object.keys(posted).sort(), ['client_id', 'prompt', 'prompt_id']);
  assert.equal(posted.client_id, clientId);
  assert.match(posted.prompt_id, /^[0-9a-f-]{36}$/);
  assert.ok(fake.seen('/prompt')[0].at > ws[0].at, 'the socket opened before the prompt was queued');
  const wf = posted.prompt;
  assert.equal(wf['3'].inputs.seed, 77);
  assert.equal(wf['5'].inputs.width, 512);
  assert.equal(wf['4'].inputs.ckpt_name, 'sd_xl_base_1.0.safetensors');
  assert.equal(wf['7'].inputs.text, 'watermark');
  const part = r.content.parts[0];
  assert.equal(wf['6'].inputs.text, `${part.metadata.dalle.prompt}, neon glow, dark background, vivid light trails`);
  assert.equal(fake.seen(`/history/${posted.prompt_id}`).length, 1);
  const view = fake.seen('/view')[0];
  assert.equal(view.query.get('type'), 'output');
  assert.ok(r.partials.length >= 3, `binary preview frames forwarded (${r.partials.length})`);
  assert.ok(r.percents.some((p) => p > 20 && p < 100), `percent from progress messages: ${r.percents}`);
  assert.ok(fake.clientFrames >= 1 && !fake.unmaskedFrames, 'the ping was answered with a masked pong');
  const img = await fetchImage(inst, alice, part);
  assert.deepEqual([img.width, img.height], [512, 512]);
  assert.equal(img.text.engine, 'comfyui');
  assert.equal(img.text.seed, '77');
  assert.equal(img.text.model, 'sd_xl_base_1.0.safetensors');
  assert.ok(img.rgba[0] > 240 && img.rgba[1] > 180, 'the fake\'s yellow image');
  const items = await gallery(alice);
  assert.equal(items[0].asset_pointer, part.asset_pointer);
  assert.equal((await inst.request('GET', items[0].url)).status, 200);
});

test('cancel POSTs /interrupt for our prompt', { timeout: 60000 }, async () => {
  fake.requests.length = 0;
  let cid;
  const running = turn(inst, alice, turnBody('a slow rocket'), {
    onEvent: (ev) => {
      if (!cid && ev.event === 'delta') cid = JSON.parse(ev.data).v?.conversation_id;
    },
  });
  for (let i = 0; i < 1500 && (!cid || fake.seen('/prompt').length === 0); i++) await sleep(20);
  assert.ok(cid && fake.seen('/prompt').length === 1, 'the turn was acknowledged and the prompt queued');
  const c = await alice.post(`/backend-api/conversation/${cid}/cancel`, {});
  assert.equal(c.status, 200, c.text);
  const r = result((await running).events);
  assert.equal(r.status, 'finished_with_error');
  assert.match(r.meta.error, /cancel/i);
  const intr = fake.seen('/interrupt');
  assert.equal(intr.length, 1);
  assert.equal(intr[0].json.prompt_id, fake.seen('/prompt')[0].json.prompt_id);
});

test('execution_error is a readable failure', async () => {
  await expectFailure(inst, alice, 'explode the snowman', /ComfyUI backend could not run the workflow: KSampler: Allocation on device 0 would exceed allowed memory/, { image: { enhance: false } });
});

test('a bad Sec-WebSocket-Accept, a socket closed mid-run, a backend that is down', async () => {
  fake.fault('/ws', { kind: 'bad-accept' });
  await expectFailure(inst, alice, 'a cube', /refused the websocket upgrade/);
  fake.requests.length = 0;
  const closing = setInterval(() => {
    if (fake.seen('/prompt').length > 0) {
      for (const s of fake.openSockets.values()) s.destroy();
      clearInterval(closing);
    }
  }, 20);
  await expectFailure(inst, alice, 'a cube', /websocket broke off \(connection lost or a malformed frame\)/);
  clearInterval(closing);
  // A frame that breaks RFC 6455 (reserved opcode 3) mid-run.
  fake.requests.length = 0;
  const hostile = setInterval(() => {
    if (fake.seen('/prompt').length > 0) {
      for (const s of fake.openSockets.values()) s.write(Buffer.from([0x83, 0x00]));
      clearInterval(hostile);
    }
  }, 20);
  await expectFailure(inst, alice, 'a cube', /websocket broke off/);
  clearInterval(hostile);
  // A close frame from the server mid-run.
  fake.requests.length = 0;
  const closer = setInterval(() => {
    if (fake.seen('/prompt').length > 0) {
      for (const s of fake.openSockets.values()) s.write(Buffer.from([0x88, 0x02, 0x03, 0xe9]));
      clearInterval(closer);
    }
  }, 20);
  await expectFailure(inst, alice, 'a cube', /closed its websocket before the image was done/);
  clearInterval(closer);
  await expectDownThenBack(inst, alice, fake);
});
