// The HTTP surface without accounts: health, routing errors, request body checks,
// and the web server's own limits, all answered as JSON {"detail": ...}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useInstance, assertJsonError, SERVER } from './harness.mjs';

const inst = useInstance();
const SIGNUP = '/backend-api/auth/signup';

test('healthz answers 200 without a session after reading the store: the engine and the queue', async () => {
  const res = await inst.request('GET', '/backend-api/healthz');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.deepEqual(res.json, { status: 'ok', engine: 'builtin', jobs: { queued: 0, running: 0 } });
  const ready = await inst.request('GET', '/backend-api/healthz?ready');
  assert.equal(ready.status, 200, ready.text);
  assert.ok(ready.json.disk_free_bytes > 0 && ready.json.db_used_bytes > 0, ready.text);
});

test('unknown API route is a JSON 404', async () => {
  assertJsonError(await inst.request('GET', '/backend-api/no/such/route'), 404);
  assertJsonError(await inst.request('POST', '/backend-api/nope', { json: {} }), 404);
});

test('known route with the wrong method is a JSON 405 with Allow', async () => {
  const res = await inst.request('GET', SIGNUP);
  assertJsonError(res, 405);
  assert.ok(res.headers.allow, 'Allow header present');
  assert.match(res.headers.allow, /\bPOST\b/);

  const res2 = await inst.request('DELETE', '/backend-api/healthz');
  assertJsonError(res2, 405);
  assert.match(res2.headers.allow || '', /\bGET\b/);
});

test('a body that is not application/json is a JSON 415', async () => {
  const body = JSON.stringify({ email: 'a@example.com', password: 'longenough', name: 'A' });
  assertJsonError(
    await inst.request('POST', SIGNUP, { body, headers: { 'Content-Type': 'text/plain' } }),
    415,
  );
  assertJsonError(
    await inst.request('POST', SIGNUP, {
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
    415,
  );
  assertJsonError(await inst.request('POST', SIGNUP, { body }), 415); // no Content-Type at all
});

test('malformed JSON is a JSON 400', async () => {
  for (const body of ['{', '{"email":', 'nul', '{"a":1}{"b":2}', '']) {
    const res = await inst.request('POST', SIGNUP, {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    assertJsonError(res, 400);
  }
});

test('JSON that is not an object is a JSON 400', async () => {
  for (const body of ['[]', '"x"', '42', 'null', 'true', '[{"email":"a@example.com"}]']) {
    const res = await inst.request('POST', SIGNUP, {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    assertJsonError(res, 400);
  }
});

test('invalid UTF-8 in a JSON body is a JSON 400', async () => {
  const bodies = [
    Buffer.concat([Buffer.from('{"email":"a@example.com","password":"pass'), Buffer.from([0xff, 0xfe]), Buffer.from('word","name":"x"}')]),
    Buffer.concat([Buffer.from('{"email":"a@example.com","password":"password1","name":"'), Buffer.from([0xc3]), Buffer.from('"}')]),
    // an overlong encoding of "/"
    Buffer.concat([Buffer.from('{"email":"a@example.com","password":"password1","name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
  ];
  for (const body of bodies) {
    const res = await inst.request('POST', SIGNUP, {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    assertJsonError(res, 400);
  }
});

test('a 2 MiB body is refused by the worker with a JSON 413', async () => {
  const body = Buffer.alloc(2 * 1024 * 1024, 0x20);
  body.write('{"email":"a@example.com","x":"', 0);
  body.write('"}', body.length - 2);
  const res = await inst.request('POST', SIGNUP, {
    body,
    headers: { 'Content-Type': 'application/json' },
  });
  assertJsonError(res, 413);
});

test(`a 40 MiB body is refused by ${SERVER} itself with a JSON 413`, async () => {
  const body = Buffer.alloc(40 * 1024 * 1024, 0x20);
  const res = await inst.request('POST', SIGNUP, {
    body,
    headers: { 'Content-Type': 'application/json' },
    timeout: 60000,
  });
  assertJsonError(res, 413);
  // The server still answers afterwards.
  assert.equal((await inst.request('GET', '/backend-api/healthz')).status, 200);
});

test('/f/ prefix routes reach the worker (JSON answers, not the web server\'s)', async () => {
  const res = await inst.request('GET', '/f/no-such-route');
  assert.ok([404, 405].includes(res.status), `status ${res.status}`);
  assertJsonError(res, res.status);
});

test('streaming routes reach the worker through the stream pool', async () => {
  for (const p of ['/backend-api/f/conversation', '/f/conversation', '/backend-api/f/conversation/resume']) {
    const res = await inst.request('POST', p, { json: {} });
    // Not implemented yet or not authenticated: whatever it is, it is the
    // worker's JSON, not a web server error page.
    assert.ok(res.status < 500, `${p}: ${res.status} ${res.text}`);
    assert.ok(res.json && typeof res.json === 'object', `${p}: JSON body, got ${res.text}`);
  }
});

test('estuary responses that are errors are never cached', { skip: SERVER !== 'nginx' && 'X-Cache-Status comes from the nginx fastcgi_cache' }, async () => {
  const url = '/backend-api/estuary/content?id=x&ts=1&ma=60&p=v&sig=00';
  const first = await inst.request('GET', url);
  const second = await inst.request('GET', url);
  assert.ok(first.status >= 400, `status ${first.status}`);
  assertJsonError(first, first.status);
  assert.equal(second.status, first.status);
  assert.notEqual(second.headers['x-cache-status'], 'HIT', 'an error answer must not come from the cache');
});

test('the web server does not advertise its version', async () => {
  const res = await inst.request('GET', '/backend-api/healthz');
  assert.ok(!/\d/.test(res.headers.server || ''), `Server: ${res.headers.server}`);
});

test('pages may not be framed by another site: CSP frame-ancestors and X-Frame-Options on every page', async () => {
  for (const route of ['/', '/images', '/login', '/login?next=/images', '/c/00000000-0000-0000-0000-000000000000']) {
    const res = await inst.request('GET', route);
    assert.equal(res.status, 200, route);
    assert.match(String(res.headers['content-type']), /^text\/html/, route);
    assert.equal(res.headers['content-security-policy'], "frame-ancestors 'none'", `${route}: CSP header`);
    assert.equal(res.headers['x-frame-options'], 'DENY', `${route}: X-Frame-Options`);
  }
});

test('a Host the server does not answer to (DNS rebinding) is a JSON 421 before anything runs', async () => {
  const port = inst.port;
  // A page on evil.example whose name now points at 127.0.0.1 sends its own Host.
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhostx:${port}`, '[::2]:80']) {
    const signup = await inst.request('POST', SIGNUP, { json: { email: 'rebind@example.com', password: 'correct horse battery', name: 'x' }, headers: { Host: host } });
    assertJsonError(signup, 421, /server_names/);
    assertJsonError(await inst.request('GET', '/backend-api/images/styles', { headers: { Host: host } }), 421);
  }
  // The configured names, any port, any case, and the health probe whatever the name.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, 'localhost', `[::1]:${port}`]) {
    const res = await inst.request('GET', '/backend-api/images/styles', { headers: { Host: host } });
    assert.equal(res.status, 200, `${host}: ${res.status} ${res.text}`);
  }
  assert.equal((await inst.request('GET', '/backend-api/healthz', { headers: { Host: 'probe.internal' } })).status, 200);
  // Nothing was created by the refused sign-ups.
  const login = await inst.request('POST', '/backend-api/auth/login', { json: { email: 'rebind@example.com', password: 'correct horse battery' } });
  assertJsonError(login, 401);
});
