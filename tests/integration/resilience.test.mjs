// Workers are disposable: state lives in LMDB, so sessions survive a restart of
// the worker pools, a SIGKILL loses no acknowledged write, SIGTERM drains the
// requests in flight, and the web server keeps answering (JSON errors) meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { useInstance, assertJsonError, uniqueEmail, SERVER, sleep, waitGone } from './harness.mjs';
import { turn, turnBody, result } from './lib/turn.mjs';

const inst = useInstance();
const KEYS = '/backend-api/api_keys';
const PASSWORD = 'correct horse battery';
const isNginx = SERVER === 'nginx';

const alice = { email: uniqueEmail('alice'), client: inst.client() };

// nginx mode: a pool's supervisor (images-fcgi -w N), whose pid spawn-fcgi wrote. Killing it
// first takes the whole pool down (its workers get SIGTERM with it).
function killSupervisor(role) {
  const pid = Number(readFileSync(path.join(inst.dir, 'run', `${role}.pid`), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  return pid;
}

test('set up a user with a session and an API key', async () => {
  alice.user = await alice.client.signup(alice.email, PASSWORD);
  const k = await alice.client.post(KEYS, { name: 'before restart' });
  assert.equal(k.status, 200, k.text);
  alice.key = k.json;
});

test('sessions and keys survive a restart of the workers', async () => {
  const before = await inst.pids('api');
  assert.ok(before.length >= 1, 'api workers run');
  if (isNginx) {
    await inst.ctl('restart-workers');
  } else {
    // lighttpd owns its backends: SIGTERM them and let lighttpd respawn them.
    // A worker drains before it exits (it may answer meanwhile): wait until each is gone.
    for (const pid of before) process.kill(pid, 'SIGTERM');
    for (const pid of before) await waitGone(pid, 35000);
    await inst.waitHealthy(10000);
  }
  const after = await inst.pids('api');
  assert.ok(after.length >= 1, 'api workers run again');
  assert.ok(!after.some((p) => before.includes(p)), `all new processes: ${before} -> ${after}`);
  const me = await alice.client.get('/backend-api/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.id, alice.user.id);
  const byKey = await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${alice.key.key}` } });
  assert.equal(byKey.status, 200);
  assert.equal(byKey.json.id, alice.user.id);
});

test('SIGTERM lets a worker finish the requests it holds', { skip: !isNginx && 'lighttpd gives each backend its own socket: connections queued on the one stopping are its own business' }, async () => {
  const [victim] = await inst.pids('api');
  // Log-ins are slow on purpose (scrypt): some are surely in flight in the victim.
  const inflight = Array.from({ length: 8 }, () =>
    inst.request('POST', '/backend-api/auth/login', { json: { email: alice.email, password: PASSWORD } }));
  await sleep(30);
  process.kill(victim, 'SIGTERM');
  const results = await Promise.all(inflight);
  for (const res of results) assert.equal(res.status, 200, `${res.status} ${res.text}`);
  // The victim is gone (give it a moment), the pool still answers.
  for (let i = 0; i < 50 && (await inst.pids('api')).includes(victim); i++) await sleep(100);
  assert.ok(!(await inst.pids('api')).includes(victim), 'the worker exited after SIGTERM');
  assert.equal((await inst.request('GET', '/backend-api/healthz')).status, 200);
  await inst.ctl('restart-workers');
});

test('SIGKILL of a worker under ~200 concurrent writes loses no acknowledged write', { timeout: 120000 }, async () => {
  // Four users (the worker caps API keys per user at 100), 50 key creations each.
  const users = [];
  for (let u = 0; u < 4; u++) {
    const c = inst.client();
    await c.signup(uniqueEmail(`load${u}`), PASSWORD);
    users.push(c);
  }
  const [victim] = await inst.pids('api');
  let answered = 0;
  let killed = false;
  const jobs = [];
  for (let i = 0; i < 200; i++) {
    const c = users[i % users.length];
    jobs.push(
      c.post(KEYS, { name: `load-${i}` }, { timeout: 60000 }).then(
        (res) => {
          answered += 1;
          return { c, res };
        },
        (err) => ({ c, err }),
      ),
    );
  }
  // Kill once the first answers arrive, so that requests are in flight.
  for (let i = 0; i < 200 && answered < 10; i++) await sleep(5);
  process.kill(victim, 'SIGKILL');
  killed = true;
  const results = await Promise.all(jobs);
  assert.ok(killed);

  const ok = results.filter((r) => r.res && r.res.status === 200);
  const failed = results.filter((r) => !r.res || r.res.status !== 200);
  console.log(`# SIGKILL ${victim}: ${ok.length} acknowledged, ${failed.length} failed ` +
    `(${[...new Set(failed.map((r) => (r.res ? r.res.status : r.err.code || r.err.message)))].join(', ')})`);
  assert.ok(ok.length > 0, 'some writes were acknowledged');
  // What failed failed visibly: an HTTP error from the web server (JSON) or a
  // dropped connection, never a 200 that did not happen.
  for (const r of failed) {
    if (!r.res) continue;
    assert.ok(r.res.status >= 500, `unexpected ${r.res.status} ${r.res.text}`);
    assertJsonError(r.res, r.res.status);
  }

  // The server answers again within a few seconds.
  const ms = await inst.waitHealthy(5000);
  console.log(`# healthy again after ${ms} ms`);
  // ... and takes writes again: a writer killed holding LMDB's robust mutex once left
  // the survivor's waiters asleep for good (healthz, a read, still answered).
  for (const c of users) {
    const w = await c.post(KEYS, { name: 'after the kill' }, { timeout: 10000 });
    assert.equal(w.status, 200, `a write after the kill: ${w.status} ${w.text}`);
  }

  // Every acknowledged key is listed for its owner and works as Bearer.
  const listed = new Map();
  for (const c of users) {
    const list = await c.get(KEYS);
    assert.equal(list.status, 200, list.text);
    listed.set(c, new Set(list.json.items.map((i) => i.id)));
  }
  for (const { c, res } of ok) {
    assert.ok(listed.get(c).has(res.json.id), `acknowledged key ${res.json.id} is listed`);
  }
  for (const { res } of ok) {
    const me = await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${res.json.key}` } });
    assert.equal(me.status, 200, `acknowledged key ${res.json.id} authenticates: ${me.status} ${me.text}`);
  }
});

test('with the API pool down, the web server answers a JSON 502/503 and recovers', { skip: !isNginx && 'lighttpd respawns its backends at once' }, async () => {
  await waitGone(killSupervisor('api'));
  for (const pid of await inst.pids('api')) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && (await inst.pids('api')).length; i++) await sleep(50);
  const res = await inst.request('GET', '/backend-api/me');
  assert.ok([502, 503].includes(res.status), `status ${res.status}`);
  assertJsonError(res, res.status);
  // The stream pool is separate: it still answers.
  const stream = await inst.request('POST', '/backend-api/f/conversation', { json: {} });
  assert.ok(stream.status < 500, `stream pool answers: ${stream.status} ${stream.text}`);
  await inst.ctl('restart-workers');
  assert.equal((await alice.client.get('/backend-api/me')).status, 200);
});

test('with the stream pool down, the API still answers', { skip: !isNginx && 'lighttpd respawns its backends at once' }, async () => {
  await waitGone(killSupervisor('stream'));
  for (const pid of await inst.pids('stream')) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && (await inst.pids('stream')).length; i++) await sleep(50);
  const stream = await inst.request('POST', '/backend-api/f/conversation', { json: {} });
  assertJsonError(stream, 502);
  assert.equal((await alice.client.get('/backend-api/me')).status, 200);
  await inst.ctl('restart-workers');
});

test('SIGKILLed workers are started again within seconds: turns and the API work without a restart by hand', { timeout: 60000 }, async () => {
  const victims = [...await inst.pids('stream'), ...await inst.pids('api')];
  const t0 = Date.now();
  for (const pid of victims) process.kill(pid, 'SIGKILL');
  for (const pid of victims) await waitGone(pid);
  // A turn, tried until it works (nginx answers 502, lighttpd 503, until a worker is back).
  let res;
  let tries = 0;
  for (; Date.now() - t0 < 10000; tries++) {
    const prep = await alice.client.post('/backend-api/f/conversation/prepare', {});
    if (prep.status === 200) {
      res = await turn(inst, alice.client, turnBody('a green pyramid'), { timeout: 30000 });
      if (res.status === 200) break;
    }
    await sleep(100);
  }
  const ms = Date.now() - t0;
  console.log(`# ${victims.length} workers SIGKILLed: a turn streamed again after ${ms} ms (${tries + 1} tries)`);
  assert.ok(res && res.status === 200, `no turn within 10 s of the kill: ${res ? `${res.status} ${res.text}` : 'the API never answered'}`);
  assert.equal(result(res.events).status, 'finished_successfully');
  const now = [...await inst.pids('stream'), ...await inst.pids('api')];
  assert.ok(now.length >= 2 && !now.some((p) => victims.includes(p)), `new workers: ${victims} -> ${now}`);
});

test('every worker listens for wake-ups; a SIGKILLed worker\'s socket is removed by the next send, and turns still finish', { timeout: 60000 }, async () => {
  const dir = path.join(inst.dir, 'run', 'notify');
  const socketPids = () => readdirSync(dir).filter((n) => n.endsWith('.sock')).map((n) => Number(n.split('-')[0]));
  const workers = [...(await inst.pids('api')), ...(await inst.pids('stream'))];
  for (let i = 0; i < 40 && !workers.every((p) => socketPids().includes(p)); i++) await sleep(50);
  for (const pid of workers) assert.ok(socketPids().includes(pid), `worker ${pid} has a socket in ${dir}: ${socketPids()}`);
  assert.equal((statSync(dir).mode & 0o777), 0o700, 'the directory is 0700');

  const victim = (await inst.pids('api'))[0];
  process.kill(victim, 'SIGKILL');
  await waitGone(victim);
  assert.ok(socketPids().includes(victim), 'a killed worker leaves its socket behind');
  // lighttpd answers 503 until it has respawned the backend it lost: wait for the API to answer.
  for (let i = 0; i < 100 && (await alice.client.get('/backend-api/me')).status !== 200; i++) await sleep(50);
  const res = await turn(inst, alice.client, turnBody('a red cube left of a blue sphere'), { timeout: 30000 });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.events.at(-1)?.data, '[DONE]', 'the turn finishes');
  assert.equal(result(res.events).status, 'finished_successfully');
  assert.ok(!socketPids().includes(victim), `the turn's first commit removed the dead socket: ${socketPids()}`);
  if (isNginx) await inst.ctl('restart-workers');
});

test('SIGHUP makes workers reopen images.log (logrotate moved it away)', { timeout: 30000 }, async () => {
  const log = path.join(inst.dir, 'log', 'images.log');
  const moved = `${log}.1`;
  renameSync(log, moved);
  // nginx mode: the pool's supervisor passes SIGHUP on; lighttpd: to the workers themselves.
  if (isNginx) {
    for (const role of ['api', 'stream']) process.kill(Number(readFileSync(path.join(inst.dir, 'run', `${role}.pid`), 'utf8').trim()), 'SIGHUP');
  } else {
    for (const pid of [...await inst.pids('api'), ...await inst.pids('stream')]) process.kill(pid, 'SIGHUP');
  }
  const workers = [...await inst.pids('api'), ...await inst.pids('stream')];
  // Each worker notes the reopen in the new file.
  for (let i = 0; i < 100; i++) {
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    if (workers.every((p) => text.includes(`"pid":${p},"level":"info","msg":"SIGHUP: log reopened"`))) break;
    await sleep(50);
  }
  const text = readFileSync(log, 'utf8');
  for (const p of workers) assert.ok(text.includes(`"pid":${p},"level":"info","msg":"SIGHUP: log reopened"`), `worker ${p} reopened: ${text.slice(0, 500)}`);
  const before = readFileSync(moved, 'utf8').length;
  for (let i = 0; i < 5; i++) assert.equal((await alice.client.get('/backend-api/me')).status, 200);
  assert.equal(readFileSync(moved, 'utf8').length, before, 'nothing more goes to the moved file');
  assert.match(readFileSync(log, 'utf8'), /"path":"\/backend-api\/me"/);
  // The workers are the same processes: reopening is not a restart.
  assert.deepEqual([...await inst.pids('api'), ...await inst.pids('stream')].sort(), workers.sort());
});
