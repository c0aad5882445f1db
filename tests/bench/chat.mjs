// Chat benchmark: how much the Images path (prepare, POST, chat job claimed by a
// render thread, text persisted to LMDB and the event log, followed by the stream
// worker through nginx) adds to a text model's stream. The anchor is the same
// reply read straight from the model (the local chat-completions fake), in the
// same run. Run: `tests/bench/chat` (BENCH_USERS, BENCH_TURNS, BENCH_PIECES, BENCH_GAP_MS).
import crypto from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { streamPost } from '../integration/lib/sse.mjs';
import { startFakeChat } from '../integration/lib/fake-chat.mjs';

const USERS = Number(process.env.BENCH_USERS || 4);
const TURNS = Number(process.env.BENCH_TURNS || 5);
const PIECES = Number(process.env.BENCH_PIECES || 200);
const GAP = Number(process.env.BENCH_GAP_MS || 5);
const MARK = `[bench ${PIECES} ${GAP}]`;

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

// The anchor: the fake's own stream, read directly.
function direct(port) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: MARK }] });
    const t0 = Date.now();
    let first = 0;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (!first && chunk.includes('"content":"abcd')) first = Date.now() - t0;
      });
      res.on('end', () => resolve({ first, done: Date.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function viaImages(inst, c) {
  const tok = (await c.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root', system_hints: [],
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [MARK] } }],
  };
  const t0 = Date.now();
  let first = 0;
  const res = await streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: c.jar.header(), 'X-Conduit-Token': tok },
    onEvent: (ev) => {
      if (!first && ev.event === 'delta' && ev.data.includes('"v":"abcd')) first = Date.now() - t0;
    },
    timeout: 300000,
  });
  if (res.status !== 200 || res.events.at(-1)?.data !== '[DONE]') throw new Error(`turn failed: ${res.status}`);
  return { first, done: Date.now() - t0 };
}

async function load(fn) {
  const out = [];
  const t0 = Date.now();
  await Promise.all(Array.from({ length: USERS }, async (_, u) => {
    for (let k = 0; k < TURNS; k++) out.push(await fn(u));
  }));
  return { out, secs: (Date.now() - t0) / 1000 };
}

const fake = await startFakeChat();
const dir = mkdtempSync(path.join(os.tmpdir(), 'images-bench-chat-'));
const conf = path.join(dir, 'images.conf');
writeFileSync(conf, `text_model_url = http://127.0.0.1:${fake.port}\ntext_model = fake-model\nmax_running_per_user = 8\n`);
const inst = new Instance({ env: { IMAGES_CONF: conf } });
await inst.start();
try {
  const users = [];
  for (let u = 0; u < USERS; u++) {
    const c = inst.client();
    await c.signup(uniqueEmail('bench'));
    users.push(c);
  }
  await viaImages(inst, users[0]); // warm up
  const a = await load(() => direct(fake.port));
  const b = await load((u) => viaImages(inst, users[u]));
  const row = (name, r) => `${name.padEnd(22)} first text p50 ${String(pct(r.out.map((x) => x.first), 50)).padStart(5)} ms  p95 ${String(pct(r.out.map((x) => x.first), 95)).padStart(5)} ms   whole reply p50 ${String(pct(r.out.map((x) => x.done), 50)).padStart(5)} ms  p95 ${String(pct(r.out.map((x) => x.done), 95)).padStart(5)} ms`;
  console.log(`chat benchmark: ${USERS} users x ${TURNS} replies of ${PIECES} pieces ${GAP} ms apart (${PIECES * 8} characters)`);
  console.log(row('model, read directly', a));
  console.log(row('through Images', b));
  console.log(`added by Images: first text +${pct(b.out.map((x) => x.first), 50) - pct(a.out.map((x) => x.first), 50)} ms, whole reply +${pct(b.out.map((x) => x.done), 50) - pct(a.out.map((x) => x.done), 50)} ms (p50)`);
} finally {
  await inst.stop();
  await fake.close();
}
