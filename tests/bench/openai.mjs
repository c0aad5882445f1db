// OpenAI-compatible API benchmark: what /v1/images/generations costs on top of the
// conversation turn it runs. Run: `tests/bench/openai`.
// One user, one request at a time (no queueing), the same prompts, seeds and sizes, through
// real nginx and workers. The anchor is the native turn (prepare + POST
// /backend-api/f/conversation streamed until [DONE]) measured in the same run; the
// cases are /v1 with b64_json (the PNG read back and base64-encoded into the JSON),
// with url (a signed link instead of the bytes), and streamed with partial_images=2.
// Two instances: engine = noop (the flow's own cost) and engine = builtin.
import crypto from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { streamPost } from '../integration/lib/sse.mjs';

const N = Number(process.env.BENCH_N || 15);
const SIZE = process.env.BENCH_SIZE || '512x512';
const [W, H] = SIZE.split('x').map(Number);

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function prompt(i) {
  return `${(i % 5) + 1} red cubes next to a blue sphere`;
}

async function nativeTurn(inst, c, i) {
  const tok = (await c.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt(i)] } }],
    system_hints: ['picture_v2'], image: { size: SIZE, seed: i },
  };
  const t0 = process.hrtime.bigint();
  const res = await streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: c.jar.header(), 'X-Conduit-Token': tok }, timeout: 300000,
  });
  if (res.status !== 200 || res.events.at(-1)?.data !== '[DONE]') throw new Error(`turn failed: ${res.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function v1(inst, key, i, extra) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${inst.origin}/v1/images/generations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: prompt(i), size: SIZE, seed: i, ...extra }),
  });
  const text = await res.text();
  if (res.status !== 200 || !/"(b64_json|url)":"/.test(text)) throw new Error(`v1 failed: ${res.status} ${text.slice(0, 200)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const cases = [
  ['native turn (anchor)', (inst, u, i) => nativeTurn(inst, u.client, i)],
  ['/v1 b64_json', (inst, u, i) => v1(inst, u.key, i, {})],
  ['/v1 url', (inst, u, i) => v1(inst, u.key, i, { response_format: 'url' })],
  ['/v1 stream, 2 partials', (inst, u, i) => v1(inst, u.key, i, { stream: true, partial_images: 2 })],
];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'images-bench-openai-'));
const instances = {};
try {
  for (const engine of ['noop', 'builtin']) {
    const conf = path.join(tmp, `${engine}.conf`);
    writeFileSync(conf, `engine = ${engine}\nopenai_per_minute = 0\n`);
    instances[engine] = new Instance({ env: { IMAGES_CONF: conf } });
    await instances[engine].start();
  }
  console.log(`OpenAI-compatible API benchmark: ${N} requests per case, one at a time, ${W}x${H}, ${os.cpus().length} cores`);
  console.log(`${'engine'.padEnd(8)} ${'case'.padEnd(24)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}  p50 / anchor`);
  for (const engine of ['noop', 'builtin']) {
    const inst = instances[engine];
    const client = inst.client();
    await client.signup(uniqueEmail('bench'));
    const key = (await client.post('/backend-api/api_keys', { name: 'bench' })).json.key;
    const u = { client, key };
    for (const [, fn] of cases) await fn(inst, u, 999); // warm-up, not counted
    // Interleaved (each round runs every case once, the same prompt and seed), so
    // load from elsewhere on the machine falls on all cases alike.
    const lat = cases.map(() => []);
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < cases.length; c++) lat[c].push(await cases[c][1](inst, u, i));
    }
    const anchor = pct(lat[0], 50);
    cases.forEach(([name], c) => {
      const p50 = pct(lat[c], 50);
      console.log(`${engine.padEnd(8)} ${name.padEnd(24)} ${`${p50.toFixed(1)} ms`.padStart(9)} ${`${pct(lat[c], 99).toFixed(1)} ms`.padStart(9)}  ${(p50 / anchor).toFixed(2)}`);
    });
  }
} finally {
  for (const inst of Object.values(instances)) await inst.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
