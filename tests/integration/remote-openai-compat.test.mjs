// engine = openai for servers that speak the OpenAI Images API without gpt-image
// models (LocalAI, stable-diffusion.cpp's server, dall-e-2): response_format
// b64_json instead of gpt-image parameters, no streaming, the size as asked
// (openai_size = exact), and the key from $OPENAI_API_KEY.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { useInstance, uniqueEmail } from './harness.mjs';
import { startOpenAI } from './fakes/openai.mjs';
import { turn, turnBody, result, fetchImage, gallery } from './lib/turn.mjs';

const KEY = 'sk-env-key-31415926535';
const fake = await startOpenAI({ key: KEY });
after(() => fake.stop());

const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-openai-compat-'));
after(() => rmSync(confDir, { recursive: true, force: true }));
const conf = path.join(confDir, 'images.conf');
writeFileSync(conf, `engine = openai\nopenai_base_url = ${fake.url}\nopenai_model = dall-e-2\nopenai_size = exact\nengine_timeout_s = 10\n`);
const inst = useInstance({ env: { IMAGES_CONF: conf, OPENAI_API_KEY: KEY } });

test('dall-e-2 style request: b64_json, exact size, key from the environment, JSON answer stored', async () => {
  const alice = inst.client();
  await alice.signup(uniqueEmail('compat'));
  const res = await turn(inst, alice, turnBody('a purple pyramid', { image: { size: '512x512', seed: 3 } }));
  const r = result(res.events);
  assert.equal(r.status, 'finished_successfully', JSON.stringify(r.meta));
  const sent = fake.seen('/v1/images/generations')[0];
  assert.equal(sent.headers.authorization, `Bearer ${KEY}`);
  assert.deepEqual(Object.keys(sent.json).sort(), ['model', 'n', 'prompt', 'response_format', 'size']);
  assert.equal(sent.json.size, '512x512');
  assert.equal(sent.json.response_format, 'b64_json');
  assert.equal(r.partials.length, 0, 'no stream, no previews');
  const img = await fetchImage(inst, alice, r.content.parts[0]);
  assert.deepEqual([img.width, img.height], [512, 512]);
  assert.equal(img.text.model, 'dall-e-2');
  assert.equal((await gallery(alice)).length, 1);
});
