// Accounts: sign-up, log-in, sessions, log-out, and the validation of their input.
// (The worker allows 20 sign-ups per address per hour: this file stays below.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useInstance, assertJsonError, uniqueEmail, REPO } from './harness.mjs';

const inst = useInstance();
const SIGNUP = '/backend-api/auth/signup';
const LOGIN = '/backend-api/auth/login';
const PASSWORD = 'correct horse battery';

function assertUser(user, { email, name, isAdmin }) {
  assert.equal(typeof user.id, 'string');
  assert.ok(user.id.length > 0);
  assert.equal(user.email, email);
  if (name !== undefined) assert.equal(user.name, name);
  assert.equal(user.is_admin, isAdmin);
  assert.ok(user.created !== undefined && user.created !== null, 'created is set');
  assert.equal(user.password, undefined);
  assert.equal(user.password_hash, undefined);
}

// Filled by the first test; the order of tests in a file is fixed.
const admin = { email: uniqueEmail('admin'), client: inst.client() };
const second = { email: uniqueEmail('second'), client: inst.client() };

test('the first sign-up is the admin, with a session cookie', async () => {
  const res = await admin.client.post(SIGNUP, { email: admin.email, password: PASSWORD, name: 'Ada Admin' });
  assert.equal(res.status, 200, res.text);
  assertUser(res.json.user, { email: admin.email, name: 'Ada Admin', isAdmin: true });
  const cookie = admin.client.jar.lastSetCookie.find((c) => c.startsWith('images_session='));
  assert.ok(cookie, `Set-Cookie: ${admin.client.jar.lastSetCookie}`);
  assert.match(cookie, /;\s*Path=\/(;|$)/i);
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Lax/i);
  assert.match(cookie, /;\s*Max-Age=\d+/i);
  assert.doesNotMatch(cookie, /;\s*Secure/i, 'no Secure over plain HTTP');
  admin.user = res.json.user;
});

test('the second sign-up is not an admin', async () => {
  const res = await second.client.post(SIGNUP, { email: second.email, password: PASSWORD, name: 'Bo' });
  assert.equal(res.status, 200, res.text);
  assertUser(res.json.user, { email: second.email, name: 'Bo', isAdmin: false });
  assert.notEqual(res.json.user.id, admin.user.id);
  second.user = res.json.user;
});

test('signing up an email twice is a JSON 409', async () => {
  const res = await inst.request('POST', SIGNUP, { json: { email: admin.email, password: PASSWORD, name: 'Again' } });
  assertJsonError(res, 409);
});

test('invalid sign-up input is a JSON 400 whose detail names the field', async () => {
  const ok = { email: uniqueEmail('v'), password: PASSWORD, name: 'Val' };
  const cases = [
    [{ ...ok, email: 'not-an-email' }, /email/],
    [{ ...ok, email: 'two@@example.com' }, /email/],
    [{ ...ok, email: '' }, /email/],
    [{ ...ok, email: 42 }, /email/],
    [{ ...ok, email: null }, /email/],
    [{ password: PASSWORD, name: 'x' }, /email/],
    [{ ...ok, password: 'short' }, /password/],
    [{ ...ok, password: '1234567' }, /password/],
    [{ ...ok, password: 'x'.repeat(257) }, /password/],
    [{ ...ok, password: 12345678 }, /password/],
    [{ ...ok, password: ['a', 'b'] }, /password/],
    [{ email: ok.email, name: 'x' }, /password/],
    [{ ...ok, name: { first: 'x' } }, /name/],
    [{ ...ok, name: 7 }, /name/],
  ];
  for (const [json, field] of cases) {
    const res = await inst.request('POST', SIGNUP, { json });
    assertJsonError(res, 400, field);
  }
});

test('passwords of exactly 8 and 256 bytes are accepted', async () => {
  for (const password of ['12345678', 'p'.repeat(256)]) {
    const email = uniqueEmail('len');
    const res = await inst.request('POST', SIGNUP, { json: { email, password, name: 'Len' } });
    assert.equal(res.status, 200, res.text);
    const login = await inst.request('POST', LOGIN, { json: { email, password } });
    assert.equal(login.status, 200, login.text);
  }
});

test('log-in with the right password answers the user and a new session', async () => {
  const c = inst.client();
  const res = await c.login(second.email, PASSWORD);
  assert.equal(res.status, 200, res.text);
  assertUser(res.json.user, { email: second.email, name: 'Bo', isAdmin: false });
  assert.ok(c.jar.get('images_session'), 'session cookie set');
  assert.notEqual(c.jar.get('images_session'), second.client.jar.get('images_session'));
  const me = await c.get('/backend-api/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.id, second.user.id);
});

test('log-in with a wrong password or an unknown email is a JSON 401', async () => {
  const c = inst.client();
  assertJsonError(await c.login(second.email, 'wrong password'), 401);
  assert.equal(c.jar.get('images_session'), undefined, 'no session on failure');
  assertJsonError(await c.login(uniqueEmail('nobody'), PASSWORD), 401);
});

test('invalid log-in input is a JSON 400', async () => {
  assertJsonError(await inst.request('POST', LOGIN, { json: { email: second.email } }), 400, /password/);
  assertJsonError(await inst.request('POST', LOGIN, { json: { password: PASSWORD } }), 400, /email/);
  assertJsonError(await inst.request('POST', LOGIN, { json: { email: 1, password: PASSWORD } }), 400, /email/);
});

test('/me is a JSON 401 without a session, or with a bogus one', async () => {
  assertJsonError(await inst.request('GET', '/backend-api/me'), 401);
  assertJsonError(
    await inst.request('GET', '/backend-api/me', { headers: { Cookie: 'images_session=bogus' } }),
    401,
  );
  assertJsonError(
    await inst.request('GET', '/backend-api/me', { headers: { Cookie: `images_session=${'A'.repeat(43)}` } }),
    401,
  );
});

test('/me answers the session\'s own user', async () => {
  const a = await admin.client.get('/backend-api/me');
  assert.equal(a.status, 200, a.text);
  assertUser(a.json, { email: admin.email, name: 'Ada Admin', isAdmin: true });
  assert.equal(a.json.id, admin.user.id);
  const b = await second.client.get('/backend-api/me');
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.id, second.user.id);
  assert.equal(b.json.email, second.email);
});

test('log-out revokes the session server-side', async () => {
  const email = uniqueEmail('logout');
  const c = inst.client();
  await c.signup(email, PASSWORD);
  const token = c.jar.get('images_session');
  assert.ok(token);
  const res = await c.post('/backend-api/auth/logout', {});
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { status: 'ok' });
  // The old cookie, replayed by hand, no longer works.
  const me = await inst.request('GET', '/backend-api/me', { headers: { Cookie: `images_session=${token}` } });
  assertJsonError(me, 401);
});

test('log-out with {"all":true} revokes every session of the user', async () => {
  const email = uniqueEmail('logoutall');
  const c1 = inst.client();
  await c1.signup(email, PASSWORD);
  const c2 = inst.client();
  assert.equal((await c2.login(email, PASSWORD)).status, 200);
  const other = inst.client();
  await other.signup(uniqueEmail('bystander'), PASSWORD);
  const t2 = c2.jar.get('images_session');
  assert.equal((await c2.get('/backend-api/me')).status, 200);
  const res = await c1.post('/backend-api/auth/logout', { all: true });
  assert.equal(res.status, 200, res.text);
  assertJsonError(await inst.request('GET', '/backend-api/me', { headers: { Cookie: `images_session=${t2}` } }), 401);
  // Another user's session is untouched.
  assert.equal((await other.get('/backend-api/me')).status, 200);
});

test('log-out without a session is harmless: 200 {"status":"ok"} or a JSON 401', async () => {
  const res = await inst.request('POST', '/backend-api/auth/logout', { json: {} });
  if (res.status === 200) assert.deepEqual(res.json, { status: 'ok' });
  else assertJsonError(res, 401);
});

test('a taken email is refused before the password is hashed, and every sign-up attempt counts against its address', async () => {
  // From addresses of their own (loopback), so the rest of this file keeps its allowance.
  const from = '127.0.0.7';
  const taken = uniqueEmail('taken');
  const owner = await inst.request('POST', SIGNUP, { json: { email: taken, password: PASSWORD, name: 'Owner' }, localAddress: '127.0.0.9' });
  assert.equal(owner.status, 200, owner.text);
  const post = (email, addr = from) => inst.request('POST', SIGNUP, { json: { email, password: PASSWORD, name: 'x' }, localAddress: addr });
  const timed = async (email) => {
    const t0 = performance.now();
    const res = await post(email);
    return { res, ms: performance.now() - t0 };
  };
  const fresh = [];
  const refused = [];
  for (let i = 0; i < 3; i++) {
    fresh.push(await timed(uniqueEmail('new')));
    refused.push(await timed(taken));
  }
  for (const f of fresh) assert.equal(f.res.status, 200, f.res.text);
  for (const r of refused) assertJsonError(r.res, 409, /already/);
  const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
  assert.ok(median(refused) < median(fresh) / 3,
    `a taken email costs ${median(refused).toFixed(1)} ms against ${median(fresh).toFixed(1)} ms for a new account (scrypt runs only for the latter)`);
  // 20 attempts an hour from one address, refused ones included: 6 so far.
  for (let i = 0; i < 14; i++) assertJsonError(await post(taken), 409);
  const limited = await post(taken);
  assertJsonError(limited, 429, /too many sign-ups/);
  assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  assertJsonError(await post(uniqueEmail('new')), 429);
  // Another address is not affected.
  assert.equal((await post(uniqueEmail('new'), '127.0.0.8')).status, 200);
});

test('an administrator disables an account (images-admin users): its session, key and log-in are refused until it is enabled', async () => {
  const admin = (...args) => execFileSync(path.join(REPO, 'app', 'images-admin'), ['-d', inst.dir, 'users', ...args], { encoding: 'utf8' });
  const email = uniqueEmail('Troll');
  const c = inst.client();
  await c.signup(email, 'correct horse battery');
  const key = (await c.post('/backend-api/api_keys', { name: 'k' })).json.key;
  const other = inst.client();
  await other.signup(uniqueEmail('bystander'), 'correct horse battery');
  assert.match(admin('disable', email.toUpperCase()), /disabled/);
  assertJsonError(await c.get('/backend-api/me'), 401);
  assertJsonError(await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${key}` } }), 401);
  // The right password says why; a wrong one says nothing more than usual.
  assertJsonError(await c.login(email, 'correct horse battery'), 403, /disabled by an administrator/);
  assertJsonError(await c.login(email, 'wrong password!'), 401);
  assert.equal((await other.get('/backend-api/me')).status, 200, 'others are not affected');
  const list = admin();
  assert.match(list, new RegExp(`${email.toLowerCase().replace(/[.+]/g, '\\$&')}\\s.*disabled`));
  assert.match(list, /\d+ accounts/);
  assert.match(admin('enable', email), /enabled/);
  assert.equal((await c.login(email, 'correct horse battery')).status, 200);
  assert.equal((await c.get('/backend-api/me')).status, 200);
  assert.equal((await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${key}` } })).status, 200, 'the key works again');
  assert.throws(() => admin('disable', 'nobody@example.com'), /no such account/);
});
