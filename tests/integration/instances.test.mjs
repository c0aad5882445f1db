// conf/images-ctl itself: instances side by side (nginx and lighttpd), each with
// its own data, port and processes; start on a running instance restarts it;
// stop is idempotent and leaves nothing behind; restart-workers on both servers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Instance, uniqueEmail, assertJsonError } from './harness.mjs';

const nginx = new Instance({ env: { IMAGES_SERVER: 'nginx' } });
const lighttpd = new Instance({ env: { IMAGES_SERVER: 'lighttpd' } });
after(async () => {
  await nginx.stop();
  await lighttpd.stop();
});

const PASSWORD = 'correct horse battery';

async function allPids(inst) {
  return [...(await inst.pids('web')), ...(await inst.pids('api')), ...(await inst.pids('stream'))];
}

// Alive: the process exists and is not a zombie.
function alive(pid) {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('an nginx and a lighttpd instance run side by side, each with its own data', { timeout: 60000 }, async () => {
  await Promise.all([nginx.start(), lighttpd.start()]);
  assert.notEqual(nginx.port, lighttpd.port);
  for (const inst of [nginx, lighttpd]) {
    assert.equal((await inst.request('GET', '/backend-api/healthz')).status, 200);
    assert.ok((await inst.pids('api')).length >= 1, `${inst.server}: api workers`);
    assert.ok((await inst.pids('stream')).length >= 1, `${inst.server}: stream workers`);
    assert.equal((await inst.pids('web')).length >= 1, true, `${inst.server}: web server`);
  }
  const a = await allPids(nginx);
  const b = await allPids(lighttpd);
  assert.ok(!a.some((p) => b.includes(p)), 'no process belongs to both');

  const email = uniqueEmail('side');
  const c = nginx.client();
  const u = await c.signup(email, PASSWORD);
  assert.equal(u.is_admin, true, 'first account of this data dir');
  assertJsonError(await lighttpd.client().login(email, PASSWORD), 401);
  const d = lighttpd.client();
  assert.equal((await d.signup(email, PASSWORD)).is_admin, true, 'its own first account');
});

test('the web server runs as configured and keeps its files under the data dir', async () => {
  for (const inst of [nginx, lighttpd]) {
    const run = readdirSync(path.join(inst.dir, 'run'));
    assert.ok(run.includes(`${inst.server}.conf`), `${inst.server}: rendered config in run/: ${run}`);
    assert.ok(run.includes(`${inst.server}.pid`), `${inst.server}: pid file in run/: ${run}`);
    const log = readdirSync(path.join(inst.dir, 'log'));
    assert.ok(log.some((f) => f.startsWith(`${inst.server}-error`)), `${inst.server}: error log in log/: ${log}`);
    assert.ok(log.includes('images.log'), `worker log in log/: ${log}`);
  }
});

test('restart-workers replaces the workers and keeps sessions (both servers)', { timeout: 60000 }, async () => {
  for (const inst of [nginx, lighttpd]) {
    const c = inst.client();
    await c.signup(uniqueEmail(`rw-${inst.server}`), PASSWORD);
    const before = await inst.pids('api');
    const web = await inst.pids('web');
    await inst.ctl('restart-workers');
    const afterPids = await inst.pids('api');
    assert.ok(afterPids.length >= 1);
    assert.ok(!afterPids.some((p) => before.includes(p)), `${inst.server}: new workers ${before} -> ${afterPids}`);
    // The same web server processes, less any that ended on their own (nginx's cache loader
    // exits a minute after start), and none new.
    const webAfter = await inst.pids('web');
    assert.deepEqual(webAfter, web.filter((p) => webAfter.includes(p) || alive(p)), `${inst.server}: the web server kept running`);
    assert.ok(webAfter.length > 0 && webAfter.every((p) => web.includes(p)), `${inst.server}: no new web server processes`);
    assert.equal((await c.get('/backend-api/me')).status, 200, `${inst.server}: session survives`);
  }
});

test('start on a running instance restarts it cleanly', { timeout: 60000 }, async () => {
  const c = nginx.client();
  await c.signup(uniqueEmail('restart'), PASSWORD);
  const before = await allPids(nginx);
  await nginx.ctl('start');
  const afterPids = await allPids(nginx);
  assert.ok(afterPids.length >= 3);
  assert.ok(!afterPids.some((p) => before.includes(p)), 'all processes replaced');
  for (const p of before) assert.ok(!alive(p), `old process ${p} is gone`);
  assert.equal((await c.get('/backend-api/me')).status, 200, 'data and sessions kept');
  assert.equal((await lighttpd.request('GET', '/backend-api/healthz')).status, 200, 'the other instance is untouched');
});

test('status reports running and stopped instances', async () => {
  const running = await nginx.ctl('status');
  assert.match(running.stdout, /healthz: 200/);
  const idle = new Instance();
  idle.dir = path.join(nginx.dir, 'never-started');
  idle.port = 1;
  await assert.rejects(idle.ctl('status'), /exited 3/);
});

test('stop stops everything, is idempotent, and leaves the other instance running', { timeout: 60000 }, async () => {
  const pids = await allPids(lighttpd);
  await lighttpd.ctl('stop');
  for (const p of pids) assert.ok(!alive(p), `process ${p} is gone`);
  assert.deepEqual(await allPids(lighttpd), []);
  const run = path.join(lighttpd.dir, 'run');
  assert.ok(!existsSync(path.join(run, 'lighttpd.pid')), 'pid file removed');
  await lighttpd.ctl('stop'); // again: fine
  await assert.rejects(lighttpd.request('GET', '/backend-api/healthz', { timeout: 2000 }));
  assert.equal((await nginx.request('GET', '/backend-api/healthz')).status, 200);

  const npids = await allPids(nginx);
  await nginx.ctl('stop');
  for (const p of npids) assert.ok(!alive(p), `process ${p} is gone`);
  const left = readdirSync(path.join(nginx.dir, 'run')).filter((f) => /\.(sock|pid)$/.test(f));
  assert.deepEqual(left, [], 'no sockets or pid files left');
});
