// Load benchmark: BENCH_STREAMS (200) image turns streaming at once (SSE through
// nginx, the stream pool, the LMDB job queue and the render threads), each lane
// starting a new turn when its last one ends, plus gallery pages, estuary
// downloads and short API calls, for BENCH_SECONDS (60). Reports errors, p50/p99
// per route while rendering, and the RSS of every worker sampled each second.
// The anchor, measured in the same run on the same instance before the load:
// the health route's round trip with nothing else running. Run: `tests/bench/load`.
// At the end every turn that finished is matched against the gallery: images lost
// must be 0.
import crypto from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { streamPost } from '../integration/lib/sse.mjs';

const STREAMS = Number(process.env.BENCH_STREAMS || 200);
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const SIZE = process.env.BENCH_SIZE || '256x256';
const PER_USER = 8; // max_streams_per_user

function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

const lat = new Map(); // route -> [ms]
const errors = new Map(); // what -> count
function record(route, ms) {
  if (!lat.has(route)) lat.set(route, []);
  lat.get(route).push(ms);
}
function error(what) {
  errors.set(what, (errors.get(what) || 0) + 1);
}
async function timed(route, fn, ok = (r) => r.status === 200) {
  const t = process.hrtime.bigint();
  try {
    const res = await fn();
    record(route, Number(process.hrtime.bigint() - t) / 1e6);
    if (!ok(res)) error(`${route} ${res.status}`);
    return res;
  } catch (e) {
    error(`${route} ${e.code || e.message}`);
    return null;
  }
}

function rss(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'images-bench-load-'));
const conf = path.join(tmp, 'images.conf');
writeFileSync(conf, `${readFileSync('conf/images.conf', 'utf8')}\nmax_queued_per_user = ${PER_USER * 2}\nscrypt_log2_n = 12\nsignups_per_hour = 0\n`);
const inst = new Instance({ env: { IMAGES_CONF: conf } });
let stop = false;
try {
  await inst.start();
  const nusers = Math.ceil(STREAMS / PER_USER);
  const users = [];
  for (let i = 0; i < nusers; i++) {
    const c = inst.client();
    await c.signup(uniqueEmail('load'));
    users.push({ c, done: 0 });
  }
  // A few images to read from the start.
  const warm = async (u) => {
    const tok = (await u.c.post('/backend-api/f/conversation/prepare', {})).json.conduit_token;
    return streamPost(inst.port, '/backend-api/f/conversation', turn('a warm-up cube', 0), {
      headers: { Cookie: u.c.jar.header(), 'X-Conduit-Token': tok },
    });
  };
  function turn(prompt, seed) {
    return {
      action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
      messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt] } }],
      system_hints: ['picture_v2'], image: { size: SIZE, seed },
    };
  }
  for (const u of users.slice(0, 4)) if ((await warm(u)).status === 200) u.done++;

  // The anchor: the health route alone.
  const anchor = [];
  for (let i = 0; i < 300; i++) {
    const t = process.hrtime.bigint();
    await inst.request('GET', '/backend-api/healthz');
    anchor.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  const pools = { api: await inst.pids('api'), stream: await inst.pids('stream') };
  const mem = new Map(); // pid -> [MiB]
  const sampler = setInterval(() => {
    for (const [role, pids] of Object.entries(pools)) {
      for (const pid of pids) {
        const key = `${role} ${pid}`;
        if (!mem.has(key)) mem.set(key, []);
        mem.get(key).push(rss(pid));
      }
    }
  }, 1000);
  for (const pids of Object.values(pools)) for (const pid of pids) mem.set(`${pids === pools.api ? 'api' : 'stream'} ${pid}`, [rss(pid)]);

  const t0 = Date.now();
  const deadline = t0 + SECONDS * 1000;
  let started = 0;
  let finished = 0;
  let open = 0;
  let maxOpen = 0;
  async function streamLane(k) {
    const u = users[k % users.length];
    let seed = k * 1000;
    while (Date.now() < deadline) {
      const prep = await timed('POST /f/conversation/prepare', () => u.c.post('/backend-api/f/conversation/prepare', {}));
      if (!prep || prep.status !== 200) { await new Promise((r) => setTimeout(r, 200)); continue; }
      started++;
      open++;
      maxOpen = Math.max(maxOpen, open);
      const t = Date.now();
      try {
        const res = await streamPost(inst.port, '/backend-api/f/conversation', turn(`${(seed % 4) + 1} blue cubes and a red sphere`, seed++), {
          headers: { Cookie: u.c.jar.header(), 'X-Conduit-Token': prep.json.conduit_token }, timeout: 600000,
        });
        if (res.status === 200 && res.events.at(-1)?.data === '[DONE]') {
          finished++;
          u.done++;
          record('turn (SSE, queue + render)', Date.now() - t);
        } else error(`turn ${res.status}`);
      } catch (e) {
        error(`turn ${e.code || e.message}`);
      } finally {
        open--;
      }
    }
  }
  async function readerLane(k) {
    const u = users[k % users.length];
    while (!stop) {
      const g = await timed('GET /my/recent/image_gen', () => u.c.get('/backend-api/my/recent/image_gen?limit=25'));
      const items = g && g.json ? g.json.items : [];
      for (const it of items.slice(0, 3)) {
        await timed('GET /estuary/content (full)', () => inst.request('GET', it.url));
        await timed('GET /estuary/content (thumbnail)', () => inst.request('GET', it.encodings.thumbnail.path));
      }
      await timed('GET /conversations', () => u.c.get('/backend-api/conversations?offset=0&limit=28'));
      await timed('GET /me', () => u.c.get('/backend-api/me'));
      if (items[0]) await timed('GET /files/download/{id}', () => u.c.get(`/backend-api/files/download/${items[0].id}`));
      await timed('GET /healthz', () => inst.request('GET', '/backend-api/healthz'));
    }
  }
  const readers = Array.from({ length: 8 }, (_, k) => readerLane(k));
  const lanes = Array.from({ length: STREAMS }, (_, k) => streamLane(k));
  await Promise.all(lanes);
  stop = true;
  await Promise.all(readers);
  clearInterval(sampler);
  const wall = (Date.now() - t0) / 1000;

  // Images lost: every finished turn has its image in its owner's gallery.
  let inGallery = 0;
  let expected = 0;
  for (const u of users) {
    let after = null;
    let n = 0;
    for (;;) {
      const g = await u.c.get(`/backend-api/my/recent/image_gen?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      n += g.json.items.length;
      if (!g.json.cursor) break;
      after = g.json.cursor;
    }
    inGallery += Math.min(n, u.done);
    expected += u.done;
  }

  console.log(`load benchmark: ${STREAMS} concurrent SSE turn streams at ${SIZE} for ${SECONDS} s, plus 8 lanes of gallery/estuary/API reads; ${os.cpus().length} cores, ${nusers} users`);
  console.log(`anchor (same run, no load): GET /backend-api/healthz p50 ${f2(pct(anchor, 50))} ms, p99 ${f2(pct(anchor, 99))} ms`);
  console.log(`turns: ${started} started, ${finished} finished with [DONE] in ${wall.toFixed(0)} s, at most ${maxOpen} streams open at once`);
  console.log('route                                  n      p50 ms   p99 ms  (p99 / anchor p99)');
  for (const [route, xs] of [...lat].sort()) {
    console.log(`${route.padEnd(38)} ${String(xs.length).padStart(6)} ${f2(pct(xs, 50)).padStart(9)} ${f2(pct(xs, 99)).padStart(8)}  (${(pct(xs, 99) / pct(anchor, 99)).toFixed(1)}x)`);
  }
  console.log(`errors: ${errors.size ? JSON.stringify(Object.fromEntries(errors)) : 'none'}`);
  for (const [key, xs] of mem) {
    console.log(`worker ${key}: RSS start ${f2(xs[0])} MiB, max ${f2(Math.max(...xs))} MiB, end ${f2(xs.at(-1))} MiB`);
  }
  console.log(`images lost: ${expected - inGallery} (${inGallery} of ${expected} finished turns have their image in the gallery)`);
} finally {
  stop = true;
  await inst.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
