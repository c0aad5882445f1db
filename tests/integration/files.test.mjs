// Files and estuary delivery through the real web server: uploads, signed links,
// tampering, expiry, key rotation, Range / If-None-Match and nginx's cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { useInstance, uniqueEmail, assertJsonError, sleep, REPO, SERVER } from './harness.mjs';
import { makePng, corruptIdat, webpSize, noise } from './lib/png.mjs';

const inst = useInstance();
const ESTUARY = '/backend-api/estuary/content';
const nginx = SERVER === 'nginx';

let alice;
let bob;
let png;
let rec;

function upload(client, bytes, { name, contentType = 'image/png', headers = {} } = {}) {
  const q = name ? `?name=${encodeURIComponent(name)}` : '';
  return client.request('POST', `/backend-api/files${q}`, {
    body: bytes,
    headers: { 'Content-Type': contentType, ...headers },
  });
}

function multipart(field, filename, bytes, type = 'application/octet-stream') {
  const boundary = `----images${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nupload\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n`),
    Buffer.from(`Content-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function downloadUrl(client, id, query = '') {
  const res = await client.get(`/backend-api/files/download/${id}${query}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'success');
  return res.json;
}

// The link's fields, parsed the way the server parses them.
function parseLink(url) {
  const u = new URL(url, 'http://x');
  return Object.fromEntries(u.searchParams);
}

function linkUrl(f) {
  const q = ['id', 'ts', 'ma', 'p', 'sig'].map((k) => `${k}=${encodeURIComponent(f[k])}`).join('&');
  return `${ESTUARY}?${q}`;
}

// Signs fields with the instance's current (or previous) key, as the worker does.
function forge(f, which = 'current') {
  const text = readFileSync(path.join(inst.dir, 'keys', 'estuary.key'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${which} `));
  const key = Buffer.from(line.split(' ')[1], 'hex');
  const canon = `estuary-v1\n${ESTUARY}\n${f.id}\n${f.ts}\n${f.ma}\n${f.p}`;
  return { ...f, sig: crypto.createHmac('sha256', key).update(canon).digest('hex') };
}

function admin(...args) {
  return new Promise((resolve, reject) => {
    execFile(path.join(REPO, 'app', 'images-admin'), ['-d', inst.dir, ...args], (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout),
    );
  });
}

function assertNoLeak(res) {
  assert.ok(!res.body.includes(png.subarray(0, 64)), 'no image bytes in an error answer');
  assert.match(String(res.headers['cache-control'] || ''), /no-store/, 'errors are not cacheable');
}

test('set up two users and upload a PNG', async () => {
  alice = inst.client();
  bob = inst.client();
  await alice.signup(uniqueEmail('alice'));
  await bob.signup(uniqueEmail('bob'));
  const rnd = noise(7);
  png = makePng(640, 360, () => [rnd() & 255, rnd() & 255, rnd() & 255, 255]);
  const res = await upload(alice, png, { name: 'sunset.png' });
  assert.equal(res.status, 200, res.text);
  rec = res.json;
  assert.match(rec.id, /^file_00000000[0-9a-f]{16}$/);
  assert.equal(rec.mime_type, 'image/png');
  assert.equal(rec.file_size_bytes, png.length);
  assert.equal(rec.width, 640);
  assert.equal(rec.height, 360);
  assert.equal(rec.file_name, 'sunset.png');
  assert.deepEqual([rec.thumbnail.width, rec.thumbnail.height], [384, 216]);
});

test('the full-size link serves the exact uploaded bytes', async () => {
  const d = await downloadUrl(alice, rec.id);
  assert.equal(d.mime_type, 'image/png');
  assert.equal(d.file_size_bytes, png.length);
  assert.match(d.download_url, /^\/backend-api\/estuary\/content\?id=[0-9a-f]{64}%23file_00000000[0-9a-f]{16}&ts=\d+&ma=\d+&p=inline&sig=[0-9a-f]{64}$/);
  const f = parseLink(d.download_url);
  assert.equal(f.id.split('#')[0], crypto.createHash('sha256').update(png).digest('hex'), 'id names the hash of the bytes');
  const res = await inst.request('GET', d.download_url);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.body.equals(png), 'bytes identical to the upload');
  assert.equal(res.headers['content-type'], 'image/png');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers.etag || res.headers['last-modified'], 'a validator is sent');
  const m = /public, max-age=(\d+), immutable/.exec(res.headers['cache-control']);
  assert.ok(m, `cache-control: ${res.headers['cache-control']}`);
  const left = Number(f.ts) + Number(f.ma) - Math.floor(Date.now() / 1000);
  assert.ok(Number(m[1]) <= left + 1, `max-age ${m[1]} never outlives the link (${left} s left)`);
  assert.match(res.headers['content-disposition'], /^inline; filename="sunset.png"/);
});

test('the thumbnail link serves a WebP of the right size', async () => {
  const d = await downloadUrl(alice, rec.id, '?variant=thumbnail');
  assert.equal(d.mime_type, 'image/webp');
  assert.match(parseLink(d.download_url).id, /#thumbnail$/);
  const res = await inst.request('GET', d.download_url);
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'image/webp');
  assert.deepEqual(webpSize(res.body), { width: 384, height: 216 });
  assert.equal(res.body.length, d.file_size_bytes);
});

test('the same file read twice within a bucket gets the same URL', async () => {
  let a = await downloadUrl(alice, rec.id);
  let b = await downloadUrl(alice, rec.id);
  if (parseLink(a.download_url).ts !== parseLink(b.download_url).ts) {
    // The two reads straddled the start of a bucket (the top of the hour): read again.
    a = await downloadUrl(alice, rec.id);
    b = await downloadUrl(alice, rec.id);
  }
  assert.equal(a.download_url, b.download_url);
});

test('download policy: attachment with a safe name', async () => {
  const d = await downloadUrl(alice, rec.id, '?p=download');
  const res = await inst.request('GET', d.download_url);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-disposition'], /^attachment; filename="sunset.png"; filename\*=UTF-8''sunset.png$/);
});

test('tampered links are 403 and leak nothing', async () => {
  const d = await downloadUrl(alice, rec.id);
  const f = parseLink(d.download_url);
  const t = await downloadUrl(alice, rec.id, '?variant=thumbnail');
  const flip = (s) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
  const cases = {
    'sig changed': { ...f, sig: flip(f.sig) },
    'sig upper-case': { ...f, sig: f.sig.toUpperCase() },
    'sig truncated': { ...f, sig: f.sig.slice(0, 63) },
    'id: the thumbnail id under the full sig': { ...f, id: parseLink(t.download_url).id },
    'id: another file id': { ...f, id: f.id.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) },
    'ts moved': { ...f, ts: String(Number(f.ts) + 1) },
    'ma stretched': { ...f, ma: '604800' },
    'policy changed': { ...f, p: 'download' },
    'ts with a leading zero': { ...f, ts: `0${f.ts}` },
  };
  for (const [what, fields] of Object.entries(cases)) {
    const res = await inst.request('GET', linkUrl(fields));
    assertJsonError(res, 403);
    assertNoLeak(res);
    assert.ok(what);
  }
});

test('duplicate, unknown and missing parameters are refused; order does not matter', async () => {
  const d = await downloadUrl(alice, rec.id);
  const f = parseLink(d.download_url);
  const reordered = `${ESTUARY}?sig=${f.sig}&p=${f.p}&ma=${f.ma}&ts=${f.ts}&id=${encodeURIComponent(f.id)}`;
  assert.equal((await inst.request('GET', reordered)).status, 200, 'parsed into fields, not compared as text');
  for (const url of [
    `${d.download_url}&ts=${f.ts}`,
    `${d.download_url}&sig=${f.sig}`,
    `${d.download_url}&x=1`,
    d.download_url.replace(/&p=inline/, ''),
    `${ESTUARY}?id=${encodeURIComponent(f.id)}`,
  ]) {
    const res = await inst.request('GET', url);
    assert.ok([400, 403].includes(res.status), `${url}: ${res.status}`);
    assertNoLeak(res);
  }
});

test('expired and future links are 403, even when correctly signed', async () => {
  const d = await downloadUrl(alice, rec.id);
  const f = parseLink(d.download_url);
  const now = Math.floor(Date.now() / 1000);
  const expired = forge({ ...f, ts: String(now - 3600), ma: '60' });
  assertJsonError(await inst.request('GET', linkUrl(expired)), 403, /expired/);
  const future = forge({ ...f, ts: String(now + 600), ma: '3600' });
  assertJsonError(await inst.request('GET', linkUrl(future)), 403, /not valid yet/);
  const skew = forge({ ...f, ts: String(now + 30), ma: '3600' });
  assert.equal((await inst.request('GET', linkUrl(skew))).status, 200, '30 s of clock skew is fine');
  const tooLong = forge({ ...f, ts: String(now), ma: String(8 * 86400) });
  assertJsonError(await inst.request('GET', linkUrl(tooLong)), 403);
  const forgedOk = forge({ ...f });
  assert.equal(forgedOk.sig, f.sig, 'the test signs exactly like the worker');
});

test("another user's file is 404 on download, and their upload is theirs", async () => {
  assertJsonError(await bob.get(`/backend-api/files/download/${rec.id}`), 404);
  const res = await bob.get(`/backend-api/files/download/${rec.id}`);
  assert.equal(res.json.error_code, 'not_found');
  const missing = await alice.get('/backend-api/files/download/file_00000000ffffffffffffffff');
  assert.equal(missing.status, 404);
  assert.deepEqual(Object.keys(res.json).sort(), Object.keys(missing.json).sort(), 'same answer as a missing file');
  for (const bad of ['file_0000', 'file_00000000FFFFFFFFFFFFFFFF', '..%2F..%2Fetc%2Fpasswd', 'file_00000000ffffffffffffffff.png']) {
    const r = await alice.get(`/backend-api/files/download/${bad}`);
    assert.equal(r.status, 404, `${bad}: ${r.status}`);
  }
  assertJsonError(await inst.request('GET', `/backend-api/files/download/${rec.id}`), 401);
  assertJsonError(await inst.request('POST', '/backend-api/files', { body: png, headers: { 'Content-Type': 'image/png' } }), 401);
});

test('after key rotation old links keep working and new links change', async () => {
  const before = await downloadUrl(alice, rec.id);
  await admin('rotate-keys');
  await sleep(1100); // workers re-read the key file at most once a second
  const after = await downloadUrl(alice, rec.id);
  assert.notEqual(after.download_url, before.download_url);
  assert.equal((await inst.request('GET', after.download_url)).status, 200);
  assert.equal((await inst.request('GET', before.download_url)).status, 200, 'old link still valid');
  const f = parseLink(before.download_url);
  const previousOnly = forge({ ...f, ts: String(Math.floor(Date.now() / 1000) - 10) }, 'previous');
  assert.equal((await inst.request('GET', linkUrl(previousOnly))).status, 200);
  const keysBefore = readFileSync(path.join(inst.dir, 'keys', 'estuary.key'), 'utf8');
  await admin('rotate-keys');
  await sleep(1100);
  // A link signed with the key that is now two rotations old, never fetched before (a fetched
  // one may still sit in nginx's cache for estuary_cache_s, by design):
  const oldKey = Buffer.from(keysBefore.split('\n').find((l) => l.startsWith('previous ')).split(' ')[1], 'hex');
  const g = { ...f, ts: String(Math.floor(Date.now() / 1000) - 20) };
  const canon = `estuary-v1\n${ESTUARY}\n${g.id}\n${g.ts}\n${g.ma}\n${g.p}`;
  g.sig = crypto.createHmac('sha256', oldKey).update(canon).digest('hex');
  assertJsonError(await inst.request('GET', linkUrl(g)), 403, /signature/);
});

test('Range and If-None-Match behave as HTTP says', async () => {
  const d = await downloadUrl(alice, rec.id);
  const part = await inst.request('GET', d.download_url, { headers: { Range: 'bytes=0-99' } });
  assert.equal(part.status, 206);
  assert.equal(part.body.length, 100);
  assert.ok(part.body.equals(png.subarray(0, 100)));
  assert.equal(part.headers['content-range'], `bytes 0-99/${png.length}`);
  const tail = await inst.request('GET', d.download_url, { headers: { Range: 'bytes=-10' } });
  assert.equal(tail.status, 206);
  assert.ok(tail.body.equals(png.subarray(png.length - 10)));
  const beyond = await inst.request('GET', d.download_url, { headers: { Range: `bytes=${png.length + 10}-` } });
  assert.equal(beyond.status, 416);
  const full = await inst.request('GET', d.download_url);
  const etag = full.headers.etag;
  assert.ok(etag, 'ETag present');
  const again = await inst.request('GET', d.download_url, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const other = await inst.request('GET', d.download_url, { headers: { 'If-None-Match': '"nope"' } });
  assert.equal(other.status, 200);
});

test('nginx caches estuary responses and never past the link', { skip: !nginx && 'nginx only' }, async () => {
  const d = await downloadUrl(alice, rec.id, '?variant=thumbnail');
  const first = await inst.request('GET', d.download_url);
  const second = await inst.request('GET', d.download_url);
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.equal(second.headers['x-cache-status'], 'HIT', `second read: ${second.headers['x-cache-status']}`);
  assert.ok(second.body.equals(first.body));
  // A link with 4 s left: served (and cached), then refused once it expires.
  const f = parseLink(d.download_url);
  const now = Math.floor(Date.now() / 1000);
  const short = forge({ ...f, ts: String(now - 56), ma: '60' });
  const url = linkUrl(short);
  const a = await inst.request('GET', url);
  assert.equal(a.status, 200);
  const maxAge = Number(/max-age=(\d+)/.exec(a.headers['cache-control'])[1]);
  assert.ok(maxAge <= 4, `max-age ${maxAge} within the 4 s left`);
  await inst.request('GET', url);
  await sleep(5500);
  const late = await inst.request('GET', url);
  assertJsonError(late, 403, /expired/);
  // Errors are never cached: a bad signature twice reaches the worker twice.
  const bad = linkUrl({ ...f, sig: '0'.repeat(64) });
  const b1 = await inst.request('GET', bad);
  const b2 = await inst.request('GET', bad);
  assert.equal(b1.status, 403);
  assert.notEqual(b2.headers['x-cache-status'], 'HIT');
});

test('multipart upload, type sniffing, and a PNG named .jpg stored as PNG', async () => {
  const small = makePng(50, 40);
  const m = multipart('file', 'holiday.jpg', small, 'image/jpeg');
  const res = await upload(alice, m.body, { contentType: m.contentType });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.mime_type, 'image/png');
  assert.equal(res.json.file_name, 'holiday.png');
  const d = await downloadUrl(alice, res.json.id);
  const got = await inst.request('GET', d.download_url);
  assert.equal(got.headers['content-type'], 'image/png');
  assert.ok(got.body.equals(small));
  const thumb = await downloadUrl(alice, res.json.id, '?variant=thumbnail');
  const tb = await inst.request('GET', thumb.download_url);
  assert.deepEqual(webpSize(tb.body), { width: 50, height: 40 }, 'small images are not upscaled');
  // The thumbnail WebP uploaded back is accepted as a WebP.
  const webp = await upload(alice, tb.body, { name: 'again.webp', contentType: 'image/webp' });
  assert.equal(webp.status, 200, webp.text);
  assert.equal(webp.json.mime_type, 'image/webp');
  const noField = multipart('other', 'x.png', small);
  assertJsonError(await upload(alice, noField.body, { contentType: noField.contentType }), 400);
  assertJsonError(await upload(alice, Buffer.from('--x\r\nbroken'), { contentType: 'multipart/form-data; boundary=x' }), 400);
});

test('bad uploads are refused and store nothing', async () => {
  const list = async () => (await alice.get('/backend-api/files/download/' + rec.id)).status;
  assert.equal(await list(), 200);
  assertJsonError(await upload(alice, corruptIdat(makePng(200, 200))), 400, /damaged|truncated/);
  assertJsonError(await upload(alice, makePng(200, 200).subarray(0, 300)), 400);
  assertJsonError(await upload(alice, Buffer.from('just some text, not an image\n')), 415);
  assertJsonError(await upload(alice, Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'binary')), 415);
  assertJsonError(await upload(alice, makePng(4097, 1)), 400, /4096/);
  assertJsonError(await upload(alice, Buffer.alloc(0)), 400);
  const big = Buffer.alloc(25 * 1024 * 1024, 7);
  assertJsonError(await upload(alice, big), 413);
  const blobs = await admin('sweep', '0');
  assert.match(blobs, /0 unreferenced/, `nothing half-stored: ${blobs}`);
});

test('a name with header-injection characters is neutralised', async () => {
  const res = await upload(alice, makePng(8, 8), { name: 'a"b\r\nSet-Cookie: x=1;.png' });
  assert.equal(res.status, 200, res.text);
  assert.doesNotMatch(res.json.file_name, /["\r\n;]/);
  const d = await downloadUrl(alice, res.json.id, '?p=download');
  const got = await inst.request('GET', d.download_url);
  assert.equal(got.status, 200);
  assert.equal(got.headers['set-cookie'], undefined);
  assert.match(got.headers['content-disposition'], /^attachment; filename="a_b__Set-Cookie: x=1_.png"/);
});
