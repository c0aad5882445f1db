// A text model without the image_gen tool (text_model_tools = false): an image
// intent in the user's words still makes an image as before, other text goes to
// the model; a model that stalls mid-reply is ended by the idle timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { streamPost, deltas } from './lib/sse.mjs';
import { startFakeChat } from './lib/fake-chat.mjs';
import { useBackend } from './lib/backend.mjs';

const { fake, inst, clients: [alice] } = await useBackend({
  name: 'chat-conf',
  start: startFakeChat,
  conf: (fake) => [
    `text_model_url = http://127.0.0.1:${fake.port}/v1/`, // a base written with /v1 works too
    'text_model = fake-model',
    'text_model_tools = false',
    'text_model_idle_timeout_s = 2',
    'enhancer = llm',
    'enhancer_timeout_s = 10',
    'job_lease_s = 5',
  ],
  env: { IMAGES_TEXT_MODEL_KEY: 'sk-from-env' },
  users: ['alice'],
});

async function turn(text) {
  const prep = await alice.post('/backend-api/f/conversation/prepare', {});
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root', model: 'auto', system_hints: [],
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [text] } }],
    image: { size: '256x256' },
  };
  return streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: alice.jar.header(), 'X-Conduit-Token': prep.json.conduit_token },
  });
}

const added = (r) => deltas(r.events).filter((d) => d.p === '' && d.o === 'add').map((d) => d.v.message);

test('without tool support an image intent still makes an image', async () => {
  fake.enhancer = 'error';
  const before = fake.chatRequests().length;
  const r = await turn('draw a red cube next to a blue sphere');
  const msgs = added(r);
  assert.equal(msgs[1].author.role, 'tool');
  assert.ok(deltas(r.events).some((d) => d.o === 'patch' && d.v.some((op) => op.p === '/message/status' && op.v === 'finished_successfully')));
  assert.equal(fake.chatRequests().length, before, 'the image did not go through the model');
});

test('plain text goes to the model, with no tools offered and the key from the environment', async () => {
  const r = await turn('what is the capital of France?');
  const msgs = added(r);
  assert.equal(msgs[1].author.role, 'assistant');
  const req = fake.chatRequests().at(-1);
  assert.equal(req.body.tools, undefined);
  assert.equal(req.headers.authorization, 'Bearer sk-from-env');
  assert.equal(r.events.at(-1).data, '[DONE]');
});

test('a model that stops sending is ended by the idle timeout, keeping what came', async () => {
  const t0 = Date.now();
  const r = await turn('[stall] say something');
  const patch = deltas(r.events).filter((d) => d.o === 'patch').at(-1);
  assert.ok(patch.v.some((op) => op.p === '/message/status' && op.v === 'finished_with_error'));
  const meta = patch.v.find((op) => op.p === '/message/metadata').v;
  assert.match(meta.error, /did not answer in time/);
  const text = deltas(r.events).filter((d) => typeof d.v === 'string' && (d.p === '/message/content/parts/0' || d.p === undefined)).map((d) => d.v).join('');
  assert.equal(text, 'Thinking');
  const took = Date.now() - t0;
  assert.ok(took >= 1500 && took < 10000, `ended after the 2 s idle timeout (${took} ms)`);
});

test('a slow LLM enhancer (longer than the job lease) keeps its job: one enhancement, one image', async () => {
  fake.enhancer = 'slow';
  const before = fake.requests.length;
  const r = await turn('draw a yellow star');
  const tool = deltas(r.events).filter((d) => d.o === 'patch').at(-1);
  const meta = tool.v.find((op) => op.p === '/message/metadata').v;
  assert.equal(meta.enhancer, 'llm');
  assert.equal(meta.enhanced_prompt, fake.enhanced);
  const enh = fake.requests.slice(before).filter((q) => /^You rewrite prompts/.test(q.body.messages[0].content));
  assert.equal(enh.length, 1, 'no other worker took the job over and asked again');
  assert.equal(r.events.filter((e) => e.data === '[DONE]').length, 1);
});
