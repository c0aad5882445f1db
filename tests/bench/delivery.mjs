// Delivery benchmark: how close does the signed estuary URL come to nginx serving the same bytes
// as a plain static file? Run with `tests/bench/delivery` (builds first). Everything is measured in
// one run on this machine, with wrk from Debian:
//   (a) nginx serving the thumbnail as a static file (the anchor),
//   (b) the estuary URL for the same bytes with nginx's cache off (every request reaches a worker,
//       which checks the signature and the file record and hands the blob back via X-Accel-Redirect),
//   (c) the estuary URL with the cache warm,
// and prints req/s, p99 latency and the ratios b/a and c/a.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance, freePort, uniqueEmail, REPO } from '../integration/harness.mjs';
import { makePng, noise } from '../integration/lib/png.mjs';

const DURATION = process.env.BENCH_SECONDS || '8';
const CONNECTIONS = process.env.BENCH_CONNECTIONS || '16';

function wrk(url) {
  const r = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)[1]);
  const m = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(r.stdout);
  const p99ms = Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(r.stdout);
  if (non2xx) throw new Error(`${url}: ${non2xx[1]} error responses\n${r.stdout}`);
  return { rps, p99ms };
}

async function startAnchor(dir, bytes) {
  const port = await freePort();
  mkdirSync(path.join(dir, 'root'), { recursive: true });
  writeFileSync(path.join(dir, 'root', 'thumb.webp'), bytes);
  // The same process count, sendfile and logging as the Images nginx, serving one static file.
  writeFileSync(path.join(dir, 'nginx.conf'), `
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush on; keepalive_timeout 65s;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  # The same open_file_cache as the estuary location, so the comparison is like for like.
  open_file_cache max=10000 inactive=60s; open_file_cache_valid 10s;
  server { listen 127.0.0.1:${port}; root ${dir}/root; }
}`);
  const r = spawnSync('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`anchor nginx: ${r.stderr}`);
  return { port, stop: () => spawnSync('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-s', 'stop']) };
}

async function setup(inst, png) {
  const c = inst.client();
  await c.signup(uniqueEmail('bench'));
  const up = await c.request('POST', '/backend-api/files?name=bench.png', { body: png, headers: { 'Content-Type': 'image/png' } });
  if (up.status !== 200) throw new Error(`upload: ${up.text}`);
  const d = await c.get(`/backend-api/files/download/${up.json.id}?variant=thumbnail`);
  const body = await inst.request('GET', d.json.download_url);
  return { url: d.json.download_url, bytes: body.body, cache: body.headers['x-cache-status'] };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'images-bench-'));
const confOff = path.join(tmp, 'images-nocache.conf');
writeFileSync(confOff, 'estuary_cache_s = 0\n');
const cached = new Instance();
const uncached = new Instance({ env: { IMAGES_CONF: confOff } });
let anchor;
try {
  // A 1024x1024 picture with soft noise: its 384 px WebP thumbnail is about 30 KB.
  const rnd = noise(3);
  const png = makePng(1024, 1024, (x, y) => {
    const n = rnd() & 63;
    return [(x >> 2) ^ n, (y >> 2) + n, ((x + y) >> 3) ^ (n >> 1), 255];
  });
  await cached.start();
  await uncached.start();
  const warm = await setup(cached, png);
  const cold = await setup(uncached, png);
  anchor = await startAnchor(path.join(tmp, 'anchor'), warm.bytes);
  const staticUrl = `http://127.0.0.1:${anchor.port}/thumb.webp`;
  // Prime the cache, then check that it hits.
  await cached.request('GET', warm.url);
  const hit = await cached.request('GET', warm.url);
  if (hit.headers['x-cache-status'] !== 'HIT') throw new Error(`cache not warm: ${hit.headers['x-cache-status']}`);
  const a = wrk(staticUrl);
  const b = wrk(`http://127.0.0.1:${uncached.port}${cold.url}`);
  const c = wrk(`http://127.0.0.1:${cached.port}${warm.url}`);
  const row = (name, r) => `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(9)} ${r.p99ms.toFixed(2).padStart(9)}`;
  console.log(`delivery of a ${warm.bytes.length}-byte WebP thumbnail; wrk -t2 -c${CONNECTIONS} -d${DURATION}s; ${os.cpus().length} cores`);
  console.log(`${'case'.padEnd(44)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(9)}`);
  console.log(row('(a) nginx static file (anchor)', a));
  console.log(row('(b) estuary URL, cache off (worker each time)', b));
  console.log(row('(c) estuary URL, nginx cache warm', c));
  console.log(`b/a = ${(b.rps / a.rps).toFixed(2)}   (target >= 0.5)`);
  console.log(`c/a = ${(c.rps / a.rps).toFixed(2)}   (target >= 0.9)`);
} finally {
  anchor?.stop();
  await cached.stop().catch(() => {});
  await uncached.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
