// The stream pool is shared fairly (issue 18, point 3): one user with many open turns cannot hold
// every stream thread. A stream holds a thread of the streaming worker for its whole life; that
// worker has stream_threads of them (32), and one user may hold max_streams_per_user (8): one
// more is answered 429 at once. Nothing renders here (render_slots = 0), so every turn stays open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useInstance, uniqueEmail, assertJsonError, REPO } from './harness.mjs';
import { streamPost } from './lib/sse.mjs';
import { prepare, turnBody } from './lib/turn.mjs';

const conf = path.join(mkdtempSync(path.join(os.tmpdir(), 'images-fair-')), 'images.conf');
writeFileSync(conf, `${readFileSync(path.join(REPO, 'conf', 'images.conf'), 'utf8')}\nrender_slots = 0\nmax_queued_per_user = 20\n`);
const inst = useInstance({ env: { IMAGES_CONF: conf } });
let hog;
let other;

test('set up: a user who opens many turns, and another', async () => {
  hog = inst.client();
  await hog.signup(uniqueEmail('hog'));
  other = inst.client();
  await other.signup(uniqueEmail('other'));
});

// Opens a turn and resolves when its first event arrives (or it is refused); the stream stays
// open until the test's end (timeout).
async function openTurn(client, prompt, holdMs) {
  const token = await prepare(client);
  const t0 = Date.now();
  let first;
  const firstEvent = new Promise((resolve) => { first = resolve; });
  const done = streamPost(inst.port, '/backend-api/f/conversation', turnBody(prompt), {
    headers: { Cookie: client.jar.header(), 'X-Conduit-Token': token },
    timeout: holdMs,
    onEvent: () => first({ ms: Date.now() - t0 }),
  }).then((res) => { first({ ms: Date.now() - t0, res }); return res; }, (err) => { first({ ms: Date.now() - t0, err }); return null; });
  return { firstEvent, done };
}

test('one user with 12 turns open: 8 stream, 4 and a /v1 call are 429 at once, and another user\'s first event comes at once', { timeout: 60000 }, async () => {
  const hogTurns = [];
  for (let i = 0; i < 12; i++) hogTurns.push(await openTurn(hog, `a tall tower number ${i}`, 6000));
  const firsts = await Promise.all(hogTurns.map((t) => t.firstEvent));
  const refused = firsts.filter((f) => f.res && f.res.status === 429);
  const streaming = firsts.filter((f) => !f.res && !f.err);
  assert.equal(streaming.length, 8, `8 of the hog's turns stream: ${JSON.stringify(firsts.map((f) => f.res?.status ?? (f.err ? 'error' : 'streaming')))}`);
  assert.equal(refused.length, 4);
  for (const f of refused) {
    assertJsonError(f.res, 429, /streams open/);
    assert.equal(f.res.headers['retry-after'], '2');
  }
  // A /v1 call waits for its images on a stream thread too: the same cap holds it back.
  const key = (await hog.post('/backend-api/api_keys', { name: 'hog' })).json.key;
  const v1 = await inst.request('POST', '/v1/images/generations', { json: { prompt: 'a cat', size: '256x256' }, headers: { Authorization: `Bearer ${key}` } });
  assertJsonError(v1, 429, /streams open/);
  assert.equal(v1.json.error?.type, 'rate_limit_error', v1.text);
  // Another user, meanwhile: the first event of a turn at once.
  const mine = await openTurn(other, 'a small red apple', 3000);
  const f = await mine.firstEvent;
  console.log(`# hog: ${streaming.length} streams open, ${refused.length} refused (429); the other user's first event after ${f.ms} ms`);
  assert.ok(!f.err && !f.res, `the other user's turn streams: ${f.res ? f.res.status : f.err}`);
  assert.ok(f.ms < 1000, `the other user's first event took ${f.ms} ms`);
  await Promise.all([...hogTurns.map((t) => t.done), mine.done]);
});
