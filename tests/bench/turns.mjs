// Turn benchmark: concurrent users each start image turns through the real stack
// (nginx, stream and API worker pools, LMDB job queue, render threads) and we time
// each turn's first event and its final image. Run: `tests/bench/turns`.
// Two instances in one run: engine = noop (flat image at once: the flow's own cost)
// and engine = builtin (the procedural renderer). The anchor is the health route's
// round trip through the same nginx and workers, measured in the same run.
import crypto from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { streamPost } from '../integration/lib/sse.mjs';

const USERS = Number(process.env.BENCH_USERS || 4);
const TURNS = Number(process.env.BENCH_TURNS || 5);
const SIZE = process.env.BENCH_SIZE || '512x512';

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function user(inst) {
  const c = inst.client();
  await c.signup(uniqueEmail('bench'));
  return c;
}

async function oneTurn(inst, c, i) {
  const tok = (await c.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
  const body = {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [`${(i % 5) + 1} red cubes next to a blue sphere`] } }],
    system_hints: ['picture_v2'], image: { size: SIZE, seed: i },
  };
  const t0 = Date.now();
  let first = 0;
  const res = await streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: c.jar.header(), 'X-Conduit-Token': tok },
    onEvent: () => { if (!first) first = Date.now() - t0; },
    timeout: 300000,
  });
  if (res.status !== 200 || res.events.at(-1)?.data !== '[DONE]') throw new Error(`turn failed: ${res.status} ${res.text || ''}`);
  return { first, done: Date.now() - t0 };
}

async function run(inst) {
  const users = await Promise.all(Array.from({ length: USERS }, () => user(inst)));
  const results = [];
  const t0 = Date.now();
  await Promise.all(users.map(async (c, u) => {
    for (let k = 0; k < TURNS; k++) results.push(await oneTurn(inst, c, u * TURNS + k));
  }));
  const secs = (Date.now() - t0) / 1000;
  return { tps: results.length / secs, first: results.map((r) => r.first), done: results.map((r) => r.done) };
}

async function healthz(inst) {
  const lat = [];
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    await inst.request('GET', '/backend-api/healthz');
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return lat;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'images-bench-turns-'));
const instances = {};
try {
  for (const engine of ['noop', 'builtin']) {
    const conf = path.join(tmp, `${engine}.conf`);
    writeFileSync(conf, `engine = ${engine}\n`);
    instances[engine] = new Instance({ env: { IMAGES_CONF: conf } });
    await instances[engine].start();
  }
  const anchor = await healthz(instances.noop);
  const a50 = pct(anchor, 50);
  console.log(`turns benchmark: ${USERS} users x ${TURNS} turns each at ${SIZE}, ${os.cpus().length} cores`);
  console.log(`anchor: GET /backend-api/healthz p50 ${a50.toFixed(2)} ms through the same nginx and workers`);
  console.log(`${'engine'.padEnd(8)} ${'turns/s'.padStart(8)} ${'first p50'.padStart(10)} ${'first p99'.padStart(10)} ${'image p50'.padStart(10)} ${'image p99'.padStart(10)}  first p50 / anchor`);
  for (const engine of ['noop', 'builtin']) {
    const r = await run(instances[engine]);
    const f50 = pct(r.first, 50);
    console.log(`${engine.padEnd(8)} ${r.tps.toFixed(2).padStart(8)} ${`${f50} ms`.padStart(10)} ${`${pct(r.first, 99)} ms`.padStart(10)} ${`${pct(r.done, 50)} ms`.padStart(10)} ${`${pct(r.done, 99)} ms`.padStart(10)}  ${(f50 / a50).toFixed(1)}`);
  }
} finally {
  for (const inst of Object.values(instances)) await inst.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
