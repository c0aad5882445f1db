// A chat turn whose worker dies while the image_gen tool renders (a slow OpenAI
// image backend, a local fake): the worker that takes the job over ends the turn
// cleanly — the reply written before the tool call stays, the tool message says
// it was interrupted, the stream's turn is complete — instead of starting again
// from the user's message (which blanked the reply and drew the image again).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import os from 'node:os';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { useInstance, uniqueEmail, sleep } from './harness.mjs';
import { streamPost, deltas } from './lib/sse.mjs';
import { startFakeChat } from './lib/fake-chat.mjs';
import { startOpenAI } from './fakes/openai.mjs';

const KEY = 'sk-takeover-0123456789';
const chat = await startFakeChat();
const images = await startOpenAI({ key: KEY });
after(() => chat.close());
after(() => images.stop());

const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-takeover-'));
after(() => rmSync(confDir, { recursive: true, force: true }));
const keyFile = path.join(confDir, 'openai.key');
writeFileSync(keyFile, `${KEY}\n`, { mode: 0o600 });
const conf = path.join(confDir, 'images.conf');
writeFileSync(conf, [
  `text_model_url = http://127.0.0.1:${chat.port}`,
  'text_model = fake-model',
  'engine = openai',
  `openai_base_url = ${images.url}`,
  `openai_key_file = ${keyFile}`,
  'engine_timeout_s = 120',
  'job_lease_s = 3',
  '',
].join('\n'));
const inst = useInstance({ env: { IMAGES_CONF: conf, IMAGES_WORKERS: '2', IMAGES_STREAM_WORKERS: '1' } });

test('a worker killed during the tool\'s image: the turn ends cleanly, nothing is asked or drawn again', { timeout: 90000 }, async () => {
  const alice = inst.client();
  await alice.signup(uniqueEmail('takeover'));
  images.fault('/v1/images/generations', { kind: 'hang' });
  const prep = await alice.post('/backend-api/f/conversation/prepare', {});
  assert.equal(prep.status, 200, prep.text);
  const body = {
    action: 'next',
    conversation_id: null,
    parent_message_id: 'client-created-root',
    model: 'auto',
    system_hints: [],
    supported_encodings: ['v1'],
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: ['[tool] draw shapes'] }, metadata: {} }],
  };
  let convId = null;
  const stream = streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: alice.jar.header(), 'X-Conduit-Token': prep.json.conduit_token },
    timeout: 80000,
    onEvent: (ev) => {
      if (convId === null) {
        const d = deltas([ev])[0];
        if (d?.v?.conversation_id) convId = d.v.conversation_id;
      }
    },
  }).catch((err) => ({ err }));
  // The tool's image request reaches the (hanging) backend: kill every worker.
  for (let i = 0; i < 200 && images.seen('/v1/images/generations').length === 0; i++) await sleep(50);
  assert.equal(images.seen('/v1/images/generations').length, 1, 'the image request arrived');
  assert.ok(convId, 'the stream named its conversation');
  const chatAsked = chat.chatRequests().length;
  for (const role of ['api', 'stream']) for (const pid of await inst.pids(role)) process.kill(pid, 'SIGKILL');
  await stream;
  // nginx does not respawn FastCGI workers: start new pools, as an operator (or systemd) would.
  await inst.ctl('restart-workers');
  await inst.waitHealthy(10000);
  // Another worker takes the job over once its lease lapses, and ends the turn.
  let status = null;
  for (let i = 0; i < 120 && status !== 'COMPLETE'; i++) {
    await sleep(250);
    const st = await alice.get(`/backend-api/conversation/${convId}/stream_status`).catch(() => null);
    status = st?.status === 200 ? st.json.status : `HTTP ${st?.status} ${st?.text}`;
  }
  assert.equal(status, 'COMPLETE', 'the turn ended');
  const conv = await alice.get(`/backend-api/conversation/${convId}`);
  assert.equal(conv.status, 200, conv.text);
  const msgs = Object.values(conv.json.mapping).map((n) => n.message).filter(Boolean);
  const first = msgs.find((m) => m.author.role === 'assistant' && m.metadata?.finish_details?.type === 'tool_calls');
  assert.ok(first, 'the message that called the tool is kept');
  assert.match(first.content.parts.join(''), /Let me draw that/, 'its text was not blanked');
  const tool = msgs.find((m) => m.author.role === 'tool');
  assert.equal(tool.status, 'finished_with_error');
  assert.match(tool.metadata.error, /interrupted/);
  assert.ok(msgs.every((m) => m.status !== 'in_progress'), 'no message is left open');
  assert.equal(images.seen('/v1/images/generations').length, 1, 'the image was not asked for again');
  assert.equal(chat.chatRequests().length, chatAsked, 'the model was not asked again');
});
