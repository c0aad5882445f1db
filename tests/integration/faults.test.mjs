// Fault injection: SIGKILL of workers at random moments under mixed load, an LMDB
// map that starts at 1 MiB and must grow under writes, the web server killed in the
// middle of a stream (the client resumes with its offset), and the data directory's
// file system running full (a small tmpfs, when this runs as root). After every
// fault: every acknowledged key, upload and image is there and downloadable with its
// exact bytes, every job is done or failed with a reason, and the store is
// consistent (`mdb_stat -a`, `images-admin check`).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { useInstance, Instance, uniqueEmail, assertJsonError, sleep, waitGone, REPO, SERVER } from './harness.mjs';
import { streamPost, deltas } from './lib/sse.mjs';
import { makePng, noise } from './lib/png.mjs';

const isNginx = SERVER === 'nginx';
// A worker config of its own: a 1 MiB map to start with, short job leases so that
// jobs of a killed worker are taken over within seconds, room for many keys.
const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-faults-conf-'));
const CONF = path.join(confDir, 'images.conf');
writeFileSync(CONF, `${readFileSync(path.join(REPO, 'conf', 'images.conf'), 'utf8')}
db_map_mb = 1
job_lease_s = 3
api_keys_per_user = 10000
max_queued_per_user = 200
max_running_per_user = 8
`);
after(() => rmSync(confDir, { recursive: true, force: true }));

const inst = useInstance({ env: { IMAGES_CONF: CONF } });
const stats = { faults: 0, keys: 0, files: 0, images: 0, lost: 0 };

// ---- what was acknowledged, and the check that it all survived ----

function newUser(instance) {
  return { client: instance.client(), keys: new Map(), files: new Map(), convs: new Set() };
}

async function makeKey(u, name, timeout = 60000) {
  const res = await u.client.post('/backend-api/api_keys', { name }, { timeout });
  if (res.status === 200) u.keys.set(res.json.id, res.json.key);
  return res;
}

async function makeFile(u, seed) {
  const rnd = noise(seed);
  const png = makePng(24 + (seed % 40), 16, () => [rnd() & 255, rnd() & 255, rnd() & 255, 255]);
  const res = await u.client.request('POST', `/backend-api/files?name=f${seed}.png`, {
    body: png, headers: { 'Content-Type': 'image/png' }, timeout: 60000,
  });
  if (res.status === 200) u.files.set(res.json.id, crypto.createHash('sha256').update(png).digest('hex'));
  return res;
}

function turnBody(prompt, size = '64x64') {
  return {
    action: 'next', conversation_id: null, parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt] } }],
    system_hints: ['picture_v2'], image: { size, seed: 9 },
  };
}

async function makeTurn(instance, u, prompt, opts = {}) {
  const prep = await u.client.post('/backend-api/f/conversation/prepare', {}, { timeout: 60000 });
  if (prep.status !== 200) return prep;
  const res = await streamPost(instance.port, '/backend-api/f/conversation', turnBody(prompt, opts.size), {
    headers: { Cookie: u.client.jar.header(), 'X-Conduit-Token': prep.json.conduit_token },
    timeout: 120000, ...opts,
  });
  const first = res.status === 200 ? deltas(res.events).find((d) => d.v && d.v.conversation_id) : null;
  if (first) u.convs.add(first.v.conversation_id);
  return res;
}

// The tool messages of a conversation; waits while any is still in progress.
async function settledTools(u, cid, timeoutMs = 60000) {
  const t0 = Date.now();
  for (;;) {
    const res = await u.client.get(`/backend-api/conversation/${cid}`);
    assert.equal(res.status, 200, `conversation ${cid}: ${res.status} ${res.text}`);
    const tools = Object.values(res.json.mapping).map((n) => n.message)
      .filter((m) => m && m.author && m.author.role === 'tool');
    if (tools.every((m) => m.status !== 'in_progress') || Date.now() - t0 > timeoutMs) return tools;
    await sleep(250);
  }
}

function mdbStat(dbDir) {
  const r = spawnSync('mdb_stat', ['-a', '-e', dbDir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `mdb_stat -a: ${r.stderr}`);
  const m = /Map size: (\d+)/.exec(r.stdout);
  return { mapSize: m ? Number(m[1]) : 0, text: r.stdout };
}

function adminCheck(dataDir) {
  const out = execFileSync(path.join(REPO, 'app', 'images-admin'), ['-c', CONF, '-d', dataDir, 'check'], { encoding: 'utf8' });
  assert.match(out, /map size \d+ bytes.*; 0 problems/);
}

// Everything acknowledged to the users is there, every job finished one way or the
// other, and the store reads back consistently.
async function verifyAll(instance, users, dataDir, label) {
  await instance.waitHealthy(15000);
  for (const u of users) {
    const keys = await u.client.get('/backend-api/api_keys');
    assert.equal(keys.status, 200, keys.text);
    const listed = new Set(keys.json.items.map((k) => k.id));
    for (const id of u.keys.keys()) {
      if (!listed.has(id)) stats.lost++;
      assert.ok(listed.has(id), `${label}: acknowledged key ${id} is listed`);
    }
    for (const [id, hash] of u.files) {
      const d = await u.client.get(`/backend-api/files/download/${id}`);
      assert.equal(d.status, 200, `${label}: acknowledged file ${id}: ${d.text}`);
      const bytes = await instance.request('GET', d.json.download_url);
      assert.equal(bytes.status, 200, `${label}: file ${id} bytes`);
      const got = crypto.createHash('sha256').update(bytes.body).digest('hex');
      if (got !== hash) stats.lost++;
      assert.equal(got, hash, `${label}: file ${id} has its exact bytes`);
    }
    for (const cid of u.convs) {
      const tools = await settledTools(u, cid);
      for (const m of tools) {
        assert.ok(['finished_successfully', 'finished_with_error'].includes(m.status), `${label}: job in ${cid} is ${m.status}`);
        if (m.status === 'finished_with_error') {
          assert.ok(m.metadata && typeof m.metadata.error === 'string' && m.metadata.error.length > 0,
            `${label}: a failed job says why: ${JSON.stringify(m.metadata)}`);
          continue;
        }
        for (const part of m.content.parts.filter((p) => p.content_type === 'image_asset_pointer')) {
          const id = part.asset_pointer.replace('sediment://', '');
          const d = await u.client.get(`/backend-api/files/download/${id}`);
          assert.equal(d.status, 200, `${label}: image ${id} of a finished job: ${d.text}`);
          const img = await instance.request('GET', d.json.download_url);
          assert.equal(img.status, 200, `${label}: image ${id} bytes`);
          assert.equal(img.body.length, part.size_bytes, `${label}: image ${id} has all its bytes`);
          stats.images++;
        }
      }
    }
  }
  mdbStat(path.join(dataDir, 'db'));
  adminCheck(dataDir);
}

let users;

test('set up: three users', async () => {
  users = [newUser(inst), newUser(inst), newUser(inst)];
  for (const [i, u] of users.entries()) await u.client.signup(uniqueEmail(`fault${i}`));
});

test('a 1 MiB LMDB map grows under 3000 concurrent writes and loses none', { timeout: 300000 }, async () => {
  const before = mdbStat(path.join(inst.dir, 'db')).mapSize;
  let next = 0;
  const statuses = new Map();
  const name = 'k'.repeat(90);
  async function lane() {
    while (next < 3000) {
      const i = next++;
      const res = await makeKey(users[i % users.length], `${name}${i}`);
      statuses.set(res.status, (statuses.get(res.status) || 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: 16 }, lane));
  const grown = mdbStat(path.join(inst.dir, 'db')).mapSize;
  console.log(`# map ${before} -> ${grown} bytes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  assert.ok(before <= 1 << 20, `the map starts at 1 MiB (${before})`);
  assert.ok(grown > before, 'the map grew');
  assert.deepEqual([...statuses.keys()], [200], 'every write succeeded');
  stats.faults++;
  await verifyAll(inst, users, inst.dir, 'small map');
});

const ROUNDS = Number(process.env.IMAGES_FAULT_ROUNDS || 8);

// Resolves once the web server has respawned the role's pool to n processes.
async function waitPool(role, n, timeoutMs = 15000) {
  const t0 = Date.now();
  while ((await inst.pids(role)).length < n) {
    assert.ok(Date.now() - t0 < timeoutMs, `the ${role} pool back to ${n} processes`);
    await sleep(50);
  }
}
test(`SIGKILL of workers at random moments under mixed load, ${ROUNDS} rounds`, { timeout: 600000 + ROUNDS * 30000 }, async () => {
  let seed = 1;
  for (let round = 1; round <= ROUNDS; round++) {
    const role = isNginx ? (round % 3 === 0 ? 'stream' : 'api') : 'api';
    const load = [];
    for (let i = 0; i < 60; i++) {
      const u = users[i % users.length];
      const kind = i % 6;
      if (kind === 5) load.push(makeTurn(inst, u, `a small blue cube ${round}.${i}`).catch((e) => ({ err: e })));
      else if (kind >= 3) load.push(makeFile(u, seed++).catch((e) => ({ err: e })));
      else load.push(makeKey(u, `r${round}-${i}`).catch((e) => ({ err: e })));
    }
    await sleep(Math.floor(Math.random() * 400));
    const pids = await inst.pids(role);
    const victim = pids[Math.floor(Math.random() * pids.length)];
    if (victim) {
      process.kill(victim, 'SIGKILL');
      stats.faults++;
    }
    const results = await Promise.all(load);
    // The victim may still be dying when the load has settled (the kill can land after
    // the last request); a request sent to it then fails like any in flight at the kill.
    // Wait until it is gone and, under lighttpd (which respawns its backends), until the
    // pool is whole again, so the check below asks the survivors.
    if (victim) {
      await waitGone(victim);
      if (!isNginx) await waitPool(role, pids.length);
    }
    for (const r of results) {
      if (r.err || r.status === 200) continue;
      // What failed failed visibly: a JSON error from the web server or the worker.
      assert.ok(r.status >= 500 || r.status === 429, `round ${round}: unexpected ${r.status} ${r.text}`);
    }
    // The workers that survived take writes again at once (a waiter left asleep on
    // LMDB's writer mutex by the killed worker would time this out).
    for (const u of users) {
      const res = await makeKey(u, `after round ${round}`, 10000).catch((e) => ({ status: 0, text: e.message }));
      assert.equal(res.status, 200, `round ${round}: a write after the kill: ${res.status} ${res.text}`);
    }
    if (isNginx) await inst.ctl('restart-workers');
    await verifyAll(inst, users, inst.dir, `SIGKILL round ${round} (${role} ${victim})`);
  }
});

test('the web server killed mid-stream: the client resumes with its offset and gets the rest', { skip: !isNginx && 'lighttpd owns its backends: killing it kills the stream pool too', timeout: 180000 }, async () => {
  const u = users[0];
  const whole = await makeTurn(inst, u, 'a wooden teapot next to a glass sphere', { size: '512x512' });
  assert.equal(whole.status, 200);
  // The same turn again, cut when the web server dies after a few events (its pids are
  // read now: reading them in the event handler would let the stream run on meanwhile).
  const webPids = await inst.pids('web');
  assert.ok(webPids.length > 0, 'the web server runs');
  let cid = null;
  let got = 0;
  let killed = false;
  const seen = [];
  const cut = makeTurn(inst, u, 'a wooden teapot next to a glass sphere', {
    size: '512x512',
    onEvent: (ev) => {
      if (killed) return;
      got++;
      seen.push(ev);
      if (!cid && ev.data && ev.data.startsWith('{')) {
        const v = JSON.parse(ev.data).v;
        if (v && v.conversation_id) cid = v.conversation_id;
      }
      if (got === 4 && !killed) {
        killed = true;
        for (const p of webPids) {
          // nginx's cache loader exits on its own a minute after start: one may be gone already.
          try {
            process.kill(p, 'SIGKILL');
          } catch (e) {
            if (e.code !== 'ESRCH') throw e;
          }
        }
      }
    },
  }).catch((e) => ({ err: e }));
  const first = await cut;
  assert.ok(killed, 'the web server was killed mid-stream');
  assert.ok(cid, 'the conversation id arrived before the cut');
  const consumed = seen.length;
  assert.ok(first.err, 'the stream was cut before its end');
  stats.faults++;
  await inst.ctl('start');
  await inst.waitHealthy(15000);
  const res = await streamPost(inst.port, '/backend-api/f/conversation/resume', { conversation_id: cid, offset: consumed }, {
    headers: { Cookie: u.client.jar.header() }, timeout: 120000,
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.events.at(-1).data, '[DONE]', 'the resumed stream ends properly');
  const all = [...seen, ...res.events].filter((e) => !/partial_images|image_gen_progress/.test(e.data));
  const ref = whole.events.filter((e) => !/partial_images|image_gen_progress/.test(e.data));
  assert.equal(all.length, ref.length, 'as many events as an uncut stream (progress aside)');
  await verifyAll(inst, users, inst.dir, 'web server killed');
});

// ---- disk full: a tmpfs of its own for the instance, filled with ballast ----

function tryMount(dir, size) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount failed: ${r.stderr.trim()}`;
}

const fullDir = mkdtempSync(path.join(os.tmpdir(), 'images-diskfull-'));
const mountError = tryMount(fullDir, '48m');
after(() => {
  if (!mountError) spawnSync('umount', ['-l', fullDir]);
  rmSync(fullDir, { recursive: true, force: true });
});

test('disk full: writes answer a JSON 507, nothing is corrupt, writes work again once space is back', { skip: mountError ? `cannot mount a small tmpfs for the data directory (${mountError})` : false, timeout: 300000 }, async () => {
  const full = new Instance({ env: { IMAGES_CONF: CONF, IMAGES_VAR: fullDir } });
  await full.start();
  try {
    const u = newUser(full);
    await u.client.signup(uniqueEmail('diskfull'));
    for (let i = 0; i < 5; i++) assert.equal((await makeKey(u, `before ${i}`)).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await makeFile(u, 100 + i)).status, 200);
    assert.equal((await makeTurn(full, u, 'a red cone')).status, 200);
    const ready = async () => full.request('GET', '/backend-api/healthz?ready');
    const before = await ready();
    assert.equal(before.status, 200, before.text);
    assert.ok(before.json.disk_free_bytes > 16 << 20, before.text);
    // Ballast until the file system is full.
    const ballast = path.join(fullDir, 'ballast');
    const fd = openSync(ballast, 'w');
    const chunk = Buffer.alloc(1 << 20, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (e) {
      assert.equal(e.code, 'ENOSPC');
    }
    try {
      for (;;) writeSync(fd, chunk, 0, 4096);
    } catch (e) {
      assert.equal(e.code, 'ENOSPC');
    }
    closeSync(fd);
    stats.faults++;
    // Writes fail with a clear 507 (or, for uploads, 507 from the blob write).
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const res = i % 2 ? await makeFile(u, 200 + i) : await makeKey(u, `full ${i} ${'x'.repeat(90)}`);
      if (res.status === 200) continue;
      assertJsonError(res, 507);
      refused++;
    }
    assert.ok(refused > 0, 'writes were refused while the disk was full');
    // Reads still work, and so does the liveness check; readiness says why not.
    assert.equal((await u.client.get('/backend-api/me')).status, 200);
    assert.equal((await full.request('GET', '/backend-api/healthz')).status, 200);
    const notReady = await ready();
    assertJsonError(notReady, 503, /disk is nearly full/);
    assert.equal(notReady.json.status, 'unavailable');
    assert.equal((await u.client.get('/backend-api/api_keys')).status, 200);
    rmSync(ballast);
    assert.equal((await ready()).status, 200, 'ready again once space is back');
    // Space is back: writes work again, and everything acknowledged is there.
    const again = await makeKey(u, 'after');
    assert.equal(again.status, 200, again.text);
    assert.equal((await makeFile(u, 999)).status, 200);
    assert.equal((await makeTurn(full, u, 'a green cube after the disk was full')).status, 200);
    await verifyAll(full, [u], fullDir, 'disk full');
    console.log(`# disk full: ${refused} writes refused with 507, none lost`);
  } finally {
    await full.stop().catch(() => {});
  }
});

test('images-admin check notices a damaged blob (so its passing above means something)', () => {
  adminCheck(inst.dir);
  const [id] = users[0].files.keys();
  assert.ok(id, 'an acknowledged upload');
  const out = execFileSync(path.join(REPO, 'app', 'images-admin'), ['-c', CONF, '-d', inst.dir, 'check'], { encoding: 'utf8' });
  assert.match(out, /(\d+) file records checked.*; 0 problems/);
  // Damage one blob: append a byte to the full image of that upload.
  const blobs = spawnSync('find', [path.join(inst.dir, 'blobs'), '-type', 'f'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const victim = blobs.find((f) => path.basename(f) === users[0].files.get(id));
  assert.ok(victim, 'the upload\'s blob file is found by its SHA-256');
  writeFileSync(victim, Buffer.concat([readFileSync(victim), Buffer.from([0])]));
  const r = spawnSync(path.join(REPO, 'app', 'images-admin'), ['-c', CONF, '-d', inst.dir, 'check'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`blob ${users[0].files.get(id)} is damaged`));
});

test('figures', () => {
  console.log(`# faults injected and survived: ${stats.faults}; acknowledged images verified: ${stats.images}; lost: ${stats.lost}`);
  assert.equal(stats.lost, 0);
});
