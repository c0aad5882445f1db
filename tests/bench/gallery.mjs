// Gallery benchmark: 1,000 users in the store, one with 100,000 images; p50/p99 latency of the
// first page and of page 40 of /backend-api/my/recent/image_gen through nginx under 8 concurrent
// clients (wrk), against the health route through the same nginx and workers (the anchor).
// Run: `tests/bench/gallery` (BENCH_IMAGES, BENCH_USERS change the store's size).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Instance, REPO } from '../integration/harness.mjs';

const IMAGES = process.env.BENCH_IMAGES || '100000';
const USERS = process.env.BENCH_USERS || '1000';

function wrk(url, cookie) {
  const r = spawnSync('wrk', ['-t2', '-c8', '-d8s', '--latency', '-H', `Cookie: ${cookie}`, url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const ms = (label) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)\\b`).exec(r.stdout);
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  if (/Non-2xx/.test(r.stdout)) throw new Error(`errors from ${url}\n${r.stdout}`);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)[1]), p50: ms(50), p99: ms(99) };
}

const inst = new Instance();
try {
  await inst.start();
  const t0 = Date.now();
  const seed = spawnSync(path.join(REPO, 'tests', 'bench', 'gallery_seed'), [inst.dir, USERS, IMAGES], { encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(seed.stderr);
  const seeded = (Date.now() - t0) / 1000;
  const c = inst.client();
  const login = await c.login('user0@bench.example', 'bench password');
  if (login.status !== 200) throw new Error(login.text);
  const cookie = c.jar.header();
  let cursor = null;
  for (let p = 1; p < 40; p++) {
    const res = await c.get(`/backend-api/my/recent/image_gen?limit=25${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
    cursor = res.json.cursor;
  }
  const base = `http://127.0.0.1:${inst.port}`;
  const anchor = wrk(`${base}/backend-api/healthz`, cookie);
  const first = wrk(`${base}/backend-api/my/recent/image_gen?limit=25`, cookie);
  const p40 = wrk(`${base}/backend-api/my/recent/image_gen?limit=25&after=${encodeURIComponent(cursor)}`, cookie);
  console.log(`gallery benchmark: ${USERS} users, ${IMAGES} images for one (seeded in ${seeded.toFixed(1)} s); wrk -t2 -c8 -d8s`);
  console.log(`${'route'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  const row = (n, r) => console.log(`${n.padEnd(36)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)}`);
  row('healthz (anchor)', anchor);
  row('gallery page 1 (25 items)', first);
  row('gallery page 40 (25 items)', p40);
  console.log(`page 1 p99 / anchor p99 = ${(first.p99 / anchor.p99).toFixed(1)}; page 40 p50 / page 1 p50 = ${(p40.p50 / first.p50).toFixed(2)} (target <= 1.20); page 1 p99 ${first.p99.toFixed(2)} ms (target <= 10)`);
} finally {
  await inst.stop().catch(() => {});
}
