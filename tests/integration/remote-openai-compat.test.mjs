// engine = openai for servers that speak the OpenAI Images API without gpt-image
// models (LocalAI, stable-diffusion.cpp's server, dall-e-2): response_format
// b64_json instead of gpt-image parameters, no streaming, the size as asked
// (openai_size = exact), and the key from $OPENAI_API_KEY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAI } from './fakes/openai.mjs';
import { useBackend } from './lib/backend.mjs';
import { turn, turnBody, result, fetchImage, gallery } from './lib/turn.mjs';

const KEY = 'sk-env-key-31415926535';
const { fake, inst, clients: [alice] } = await useBackend({
  name: 'openai-compat',
  start: () => startOpenAI({ key: KEY }),
  conf: (fake) => ['engine = openai', `openai_base_url = ${fake.url}`, 'openai_model = dall-e-2', 'openai_size = exact', 'engine_timeout_s = 10'],
  env: { OPENAI_API_KEY: KEY },
  users: ['compat'],
});

test('dall-e-2 style request: b64_json, exact size, key from the environment, JSON answer stored', async () => {
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
