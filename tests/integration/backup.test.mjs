// Backup and restore (images-admin backup DIR / restore DIR): a backup taken while users keep
// writing restores into an empty data directory that passes images-admin check, where everything
// acknowledged before the backup began is there with its bytes, accounts and keys work, and links
// signed before still verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useInstance, Instance, uniqueEmail, REPO, SERVER } from './harness.mjs';
import { makePng, noise } from './lib/png.mjs';
import { turn, turnBody, result } from './lib/turn.mjs';

const skip = SERVER !== 'nginx' && 'backup and restore do not depend on the web server; the nginx suite runs them';
const inst = useInstance();
const ADMIN = path.join(REPO, 'app', 'images-admin');
const PASSWORD = 'correct horse battery';
const work = mkdtempSync(path.join(os.tmpdir(), 'images-backup-'));
const backupDir = path.join(work, 'backup');
const restoredDir = path.join(work, 'restored');

const alice = { email: uniqueEmail('alice') };
const acknowledged = { uploads: [], images: [] };

function upload(client, seed) {
  const rnd = noise(seed);
  const png = makePng(40, 30, () => [rnd() & 255, rnd() & 255, rnd() & 255, 255]);
  return client.request('POST', `/backend-api/files?name=b${seed}.png`, { body: png, headers: { 'Content-Type': 'image/png' } })
    .then((res) => ({ res, png }));
}

test('set up: a user with uploads, images and a key', { skip }, async () => {
  alice.client = inst.client();
  await alice.client.signup(alice.email, PASSWORD);
  alice.key = (await alice.client.post('/backend-api/api_keys', { name: 'kept' })).json;
  for (let i = 1; i <= 3; i++) {
    const { res, png } = await upload(alice.client, i);
    assert.equal(res.status, 200, res.text);
    acknowledged.uploads.push({ id: res.json.id, png });
  }
  for (const prompt of ['a red cube', 'a blue sphere at night']) {
    const res = await turn(inst, alice.client, turnBody(prompt));
    assert.equal(result(res.events).status, 'finished_successfully');
  }
  const gallery = await alice.client.get('/backend-api/my/recent/image_gen?limit=10');
  for (const item of gallery.json.items) {
    const bytes = (await inst.request('GET', (await alice.client.get(`/backend-api/files/download/${item.id}`)).json.download_url)).body;
    acknowledged.images.push({ id: item.id, bytes });
  }
  assert.equal(acknowledged.images.length, 2);
  alice.link = (await alice.client.get(`/backend-api/files/download/${acknowledged.uploads[0].id}`)).json.download_url;
});

test('a backup taken under write load restores into an empty data directory: check is clean, nothing acknowledged before it is missing', { skip, timeout: 120000 }, async () => {
  // Another user keeps writing (keys and uploads) while the backup runs.
  const bob = inst.client();
  await bob.signup(uniqueEmail('bob'), PASSWORD);
  let stop = false;
  let writes = 0;
  const load = (async () => {
    for (let i = 0; !stop; i++) {
      const r = i % 2 ? await upload(bob, 1000 + i).then((x) => x.res) : await bob.post('/backend-api/api_keys', { name: `load ${i}` });
      if (r.status === 200) writes++;
      if (i % 2 === 0 && i > 80) await bob.delete(`/backend-api/api_keys/${r.json?.id}`);
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const out = await new Promise((resolve, reject) => execFile(ADMIN, ['-d', inst.dir, 'backup', backupDir], (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))));
  stop = true;
  await load;
  console.log(`# ${out.trim()} (${writes} writes acknowledged meanwhile)`);
  assert.match(out, /backup: store, \d+ key files, \d+ file records/);
  assert.ok(writes > 0, 'writes went on during the backup');

  // A second backup into the same place is refused; a restore over a live store too.
  assert.throws(() => execFileSync(ADMIN, ['-d', inst.dir, 'backup', backupDir], { stdio: 'pipe' }), /not empty/);
  assert.throws(() => execFileSync(ADMIN, ['-d', inst.dir, 'restore', backupDir], { stdio: 'pipe' }), /already holds a store/);

  const restored = execFileSync(ADMIN, ['-d', restoredDir, 'restore', backupDir], { encoding: 'utf8' });
  assert.match(restored, /restore: store, \d+ key files, \d+ file records/);
  const check = execFileSync(ADMIN, ['-d', restoredDir, 'check'], { encoding: 'utf8' });
  assert.match(check, /; 0 problems/);

  const back = new Instance({ env: { IMAGES_VAR: restoredDir } });
  await back.start();
  try {
    const c = back.client();
    assert.equal((await c.login(alice.email, PASSWORD)).status, 200);
    for (const u of acknowledged.uploads) {
      const d = await c.get(`/backend-api/files/download/${u.id}`);
      assert.equal(d.status, 200, `upload ${u.id}: ${d.text}`);
      assert.ok((await back.request('GET', d.json.download_url)).body.equals(u.png), `upload ${u.id}: same bytes`);
    }
    const gallery = await c.get('/backend-api/my/recent/image_gen?limit=10');
    assert.deepEqual(gallery.json.items.map((i) => i.id).sort(), acknowledged.images.map((i) => i.id).sort());
    for (const img of acknowledged.images) {
      const d = await c.get(`/backend-api/files/download/${img.id}`);
      assert.ok((await back.request('GET', d.json.download_url)).body.equals(img.bytes), `image ${img.id}: same bytes`);
    }
    // The key and the signing keys came along: the API key works, a link signed before verifies.
    assert.equal((await back.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${alice.key.key}` } })).status, 200);
    assert.equal((await back.request('GET', alice.link)).status, 200);
    // And it takes new work.
    assert.equal(result((await turn(back, c, turnBody('a green cone'))).events).status, 'finished_successfully');
  } finally {
    await back.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
