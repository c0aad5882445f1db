// Storage (issue 18, point 4): per-user quotas on the bytes and files a user's images and uploads
// hold (images.conf, shown in bootstrap, 507 when reached), an upload rate limit, upload
// deletion that frees blobs by reference count, and the admin's usage view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useInstance, uniqueEmail, assertJsonError, REPO, SERVER } from './harness.mjs';
import { makePng, noise } from './lib/png.mjs';
import { turn, turnBody } from './lib/turn.mjs';

const conf = path.join(mkdtempSync(path.join(os.tmpdir(), 'images-storage-')), 'images.conf');
writeFileSync(conf, `${readFileSync(path.join(REPO, 'conf', 'images.conf'), 'utf8')}
quota_files_per_user = 3
uploads_per_minute = 6
estuary_cache_s = 2
`);
const inst = useInstance({ env: { IMAGES_CONF: conf } });
const admin = (...args) => execFileSync(path.join(REPO, 'app', 'images-admin'), ['-c', conf, '-d', inst.dir, ...args], { encoding: 'utf8' });

let alice;
let bob;
let aliceEmail;

function upload(client, seed, name = `u${seed}.png`) {
  const rnd = noise(seed);
  const png = makePng(48, 32, () => [rnd() & 255, rnd() & 255, rnd() & 255, 255]);
  return client.request('POST', `/backend-api/files?name=${name}`, { body: png, headers: { 'Content-Type': 'image/png' } });
}

function blobPath(hash) {
  return path.join(inst.dir, 'blobs', hash.slice(0, 2), hash.slice(2, 4), hash);
}

test('set up two users', async () => {
  alice = inst.client();
  aliceEmail = uniqueEmail('alice');
  await alice.signup(aliceEmail);
  bob = inst.client();
  await bob.signup(uniqueEmail('bob'));
});

const uploads = [];

test('the quota in files: three uploads fit, the fourth is 507 naming the use, and bootstrap shows it', async () => {
  for (let i = 1; i <= 3; i++) {
    const res = await upload(alice, i);
    assert.equal(res.status, 200, res.text);
    uploads.push(res.json);
  }
  const full = await upload(alice, 4);
  assertJsonError(full, 507, /storage is full \(.* 3 of 3 files are used\): delete images or uploads/);
  const boot = await alice.get('/backend-api/images/bootstrap');
  assert.equal(boot.status, 200);
  const st = boot.json.limits.storage;
  assert.equal(st.quota_files, 3);
  assert.equal(st.used_files, 3);
  assert.equal(st.uploads_per_minute, 6);
  assert.ok(st.quota_bytes > 0 && st.used_bytes > 0, JSON.stringify(st));
  // An image turn is refused up front too: nothing is queued that could not be stored.
  const res = await turn(inst, alice, turnBody('a red cube'));
  assertJsonError(res, 507, /storage is full/);
});

test('deleting an upload frees its place; another user cannot delete it; the link dies', async () => {
  const victim = uploads[0];
  const link = (await alice.get(`/backend-api/files/download/${victim.id}`)).json.download_url;
  assertJsonError(await bob.delete(`/backend-api/files/${victim.id}`), 404);
  assertJsonError(await alice.delete('/backend-api/files/file_00000000ffffffffffffffff'), 404);
  assertJsonError(await alice.delete('/backend-api/files/..%2Fkeys'), 404);
  const del = await alice.delete(`/backend-api/files/${victim.id}`);
  assert.equal(del.status, 200, del.text);
  assert.deepEqual(del.json, { success: true, id: victim.id });
  assertJsonError(await alice.delete(`/backend-api/files/${victim.id}`), 404);
  assertJsonError(await alice.get(`/backend-api/files/download/${victim.id}`), 404);
  // The signed link: 404 once nginx's cached copy (if any) is gone; this one was never fetched.
  assert.equal((await inst.request('GET', link)).status, 404);
  const boot = await alice.get('/backend-api/images/bootstrap');
  assert.equal(boot.json.limits.storage.used_files, 2);
  const again = await upload(alice, 5);
  assert.equal(again.status, 200, again.text);
  uploads.push(again.json);
});

test('a deleted image cached by nginx stops being served once its cache time (estuary_cache_s) is up', { timeout: 20000 }, async () => {
  const up = await upload(bob, 77);
  assert.equal(up.status, 200, up.text);
  const link = (await bob.get(`/backend-api/files/download/${up.json.id}`)).json.download_url;
  assert.equal((await inst.request('GET', link)).status, 200);
  const cached = await inst.request('GET', link);
  assert.equal(cached.status, 200);
  if (SERVER === 'nginx') assert.equal(cached.headers['x-cache-status'], 'HIT');
  assert.equal((await bob.delete(`/backend-api/files/${up.json.id}`)).status, 200);
  const t0 = Date.now();
  let status = 200;
  while (status === 200 && Date.now() - t0 < 10000) {
    status = (await inst.request('GET', link)).status;
    if (status === 200) await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`# a deleted image's cached link answered 404 after ${Date.now() - t0} ms (estuary_cache_s = 2)`);
  assert.equal(status, 404);
  assert.ok(Date.now() - t0 < 6000, 'within the cache time (2 s, counted in whole seconds) and a little');
});

test('an upload\'s blobs go once nothing refers to them (images-admin sweep)', async () => {
  // Two users upload the same bytes: one blob, two references.
  const shared = await upload(bob, 5);
  assert.equal(shared.status, 200, shared.text);
  const mine = uploads.at(-1);
  const rec = await alice.get(`/backend-api/files/download/${mine.id}`);
  assert.equal(rec.status, 200);
  // The blob's hash is the SHA-256 of the bytes: compute it from what the server serves.
  const bytes = (await inst.request('GET', rec.json.download_url)).body;
  const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  assert.ok(existsSync(blobPath(hash)), 'the blob is on disk');
  assert.equal((await alice.delete(`/backend-api/files/${mine.id}`)).status, 200);
  assert.match(admin('sweep', '0'), /0 unreferenced blob files removed|sweep: \d+/);
  assert.ok(existsSync(blobPath(hash)), 'still referenced by bob\'s upload: kept');
  assert.equal((await bob.delete(`/backend-api/files/${shared.json.id}`)).status, 200);
  const out = admin('sweep', '0');
  assert.ok(!existsSync(blobPath(hash)), `unreferenced: removed (${out.trim()})`);
});

test('uploads a minute: the seventh within a minute is 429 with Retry-After', async () => {
  const carol = inst.client();
  await carol.signup(uniqueEmail('carol'));
  const statuses = [];
  let last;
  for (let i = 0; i < 7; i++) {
    last = await carol.request('POST', '/backend-api/files?name=x.png', { body: Buffer.from('not an image'), headers: { 'Content-Type': 'image/png' } });
    statuses.push(last.status);
  }
  // Refused uploads count too (decoding is the cost being limited).
  assert.deepEqual(statuses.slice(0, 6), [415, 415, 415, 415, 415, 415], statuses.join(' '));
  assertJsonError(last, 429, /at most 6 a minute/);
  assert.ok(Number(last.headers['retry-after']) > 0);
});

test('images-admin usage lists each user\'s files and bytes against the quota', () => {
  const out = admin('usage');
  const line = out.split('\n').find((l) => l.startsWith(aliceEmail));
  assert.ok(line, out);
  const [, files, bytes] = line.trim().split(/\s+/);
  assert.equal(Number(files), 2, line);
  assert.ok(Number(bytes) > 0, line);
  assert.match(line, /66\.7 % of files/);
  assert.match(out, /users, \d+ files, \d+ bytes; quota per user: \d+ bytes, 3 files/);
});
