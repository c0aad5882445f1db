// The OpenAI-compatible API's wait bound: with no render thread anywhere
// (render_slots = 0) a job stays queued, and a request gives up after
// openai_wait_s with a 504 (or an error event on a stream) that names the
// conversation where the image will appear; the turn itself stays queued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';
import { useInstance, uniqueEmail } from './harness.mjs';

const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-conf-'));
const conf = path.join(confDir, 'images.conf');
writeFileSync(conf, 'render_slots = 0\nopenai_wait_s = 5\n');
const inst = useInstance({ env: { IMAGES_CONF: conf } });

test('a request that waits longer than openai_wait_s: 504, and the turn stays in the conversation', async () => {
  const client = inst.client();
  await client.signup(uniqueEmail('wait'));
  const key = (await client.post('/backend-api/api_keys', { name: 'sdk' })).json.key;
  const openai = new OpenAI({ apiKey: key, baseURL: `${inst.origin}/v1`, maxRetries: 0 });
  const t0 = Date.now();
  const [plain, streamed] = await Promise.allSettled([
    openai.images.generate({ prompt: 'a red cube', size: '128x128' }),
    (async () => {
      const stream = await openai.images.generate({ prompt: 'a blue cube', size: '128x128', stream: true });
      for await (const ev of stream) assert.fail(`no event expected before the error: ${ev.type}`);
    })(),
  ]);
  const waited = Date.now() - t0;
  assert.ok(waited >= 4500 && waited < 30000, `waited about openai_wait_s: ${waited} ms`);
  assert.equal(plain.status, 'rejected');
  assert.ok(plain.reason instanceof OpenAI.InternalServerError, `${plain.reason}`);
  assert.equal(plain.reason.status, 504);
  assert.equal(plain.reason.code, 'timeout');
  const conv = /conversation ([0-9a-f-]{36})/.exec(plain.reason.message)?.[1];
  assert.ok(conv, `the message names the conversation: ${plain.reason.message}`);
  assert.equal(streamed.status, 'rejected');
  assert.ok(streamed.reason instanceof OpenAI.APIError, `${streamed.reason}`);
  assert.equal(streamed.reason.error?.code, 'timeout', 'an error event in OpenAI\'s shape ends the stream');
  const status = await client.get(`/backend-api/conversation/${conv}/stream_status`);
  assert.equal(status.status, 200);
  assert.equal(status.json.status, 'IS_STREAMING', 'the job is still queued, not dropped');
});
