// GET /metrics (Prometheus text format): scraped before and after some traffic, the counters move —
// requests by route and status class, latency histograms, images made, render seconds — and the
// gauges read the store. Only 127.0.0.1/::1 or an administrator may scrape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useInstance, uniqueEmail, assertJsonError } from './harness.mjs';
import { turn, turnBody, result } from './lib/turn.mjs';

const inst = useInstance();
let admin;
let adminKey;
let user;

// { 'name{labels}': value } from the text exposition format.
function parse(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    assert.ok(m, `a sample line: ${line}`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

async function scrape(opts) {
  const res = await inst.request('GET', '/metrics', opts);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  return parse(res.text);
}

test('set up: the admin (first account) with a key, and a user', async () => {
  admin = inst.client();
  await admin.signup(uniqueEmail('admin'));
  adminKey = (await admin.post('/backend-api/api_keys', { name: 'prometheus' })).json.key;
  user = inst.client();
  await user.signup(uniqueEmail('user'));
});

test('the counters move with traffic; the gauges read the store', { timeout: 60000 }, async () => {
  const before = await scrape();
  for (let i = 0; i < 3; i++) assert.equal((await user.get('/backend-api/me')).status, 200);
  assert.equal((await inst.request('GET', '/backend-api/me')).status, 401);
  assert.equal((await inst.request('GET', '/backend-api/no/such/route')).status, 404);
  const t = await turn(inst, user, turnBody('a red cube'));
  assert.equal(result(t.events).status, 'finished_successfully');
  const after = await scrape();
  const me = 'route="GET /backend-api/me"';
  const d = (k) => (after[k] ?? 0) - (before[k] ?? 0);
  assert.ok(d(`images_http_requests_total{${me},code="2xx"}`) >= 3, 'three 200s of /me');
  assert.ok(d(`images_http_requests_total{${me},code="4xx"}`) >= 1, 'one 401 of /me');
  assert.ok(d(`images_http_request_duration_seconds_count{${me}}`) >= 4);
  assert.equal(after[`images_http_request_duration_seconds_bucket{${me},le="+Inf"}`], after[`images_http_request_duration_seconds_count{${me}}`]);
  assert.ok(after[`images_http_request_duration_seconds_sum{${me}}`] > 0);
  assert.ok(d('images_images_total{result="done"}') >= 1, 'the image made');
  assert.ok(d('images_render_seconds_total') > 0, 'render time counted');
  assert.ok(after.images_blob_bytes > 0 && after.images_blobs >= 2, 'the image and its thumbnail');
  assert.ok(after.images_db_map_used_bytes > 0 && after.images_db_map_size_bytes >= after.images_db_map_used_bytes);
  assert.equal(after.images_jobs_queued, 0);
  assert.ok(after.images_worker_processes >= 2, 'every worker\'s counters are summed');
});

test('only loopback (127.0.0.1, ::1) or an administrator may scrape', async () => {
  // From another loopback address the worker sees a client that is not 127.0.0.1.
  const far = { localAddress: '127.0.0.2' };
  assertJsonError(await inst.request('GET', '/metrics', far), 403);
  const u = await user.request('GET', '/metrics', far);
  assertJsonError(u, 403);
  const a = await inst.request('GET', '/metrics', { ...far, headers: { Authorization: `Bearer ${adminKey}` } });
  assert.equal(a.status, 200, a.text);
  assert.match(a.text, /# TYPE images_http_requests_total counter/);
});
