// API keys: create (secret shown once), list (no secret), use as Bearer, revoke;
// and isolation between users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useInstance, assertJsonError, uniqueEmail } from './harness.mjs';

const inst = useInstance();
const KEYS = '/backend-api/api_keys';

const alice = { email: uniqueEmail('alice'), client: inst.client() };
const bob = { email: uniqueEmail('bob'), client: inst.client() };

test('set up two users', async () => {
  alice.user = await alice.client.signup(alice.email);
  bob.user = await bob.client.signup(bob.email);
});

test('create an API key: id, key (shown once), name, created, scopes', async () => {
  const res = await alice.client.post(KEYS, { name: 'laptop' });
  assert.equal(res.status, 200, res.text);
  const k = res.json;
  assert.equal(typeof k.id, 'string');
  assert.equal(typeof k.key, 'string');
  assert.ok(k.key.length >= 20, `key long enough: ${k.key}`);
  assert.equal(k.name, 'laptop');
  assert.ok(k.created !== undefined && k.created !== null);
  alice.key = k;
});

test('list API keys: the key without its secret', async () => {
  const res = await alice.client.get(KEYS);
  assert.equal(res.status, 200, res.text);
  assert.ok(Array.isArray(res.json.items));
  const item = res.json.items.find((i) => i.id === alice.key.id);
  assert.ok(item, `listed: ${res.text}`);
  assert.equal(item.name, 'laptop');
  assert.ok(item.created !== undefined);
  assert.equal(item.key, undefined, 'the secret is never listed');
  assert.ok(!res.text.includes(alice.key.key), 'the secret appears nowhere in the list');
});

test('the key authenticates as Bearer on the images routes', async () => {
  const api = inst.client({ bearer: alice.key.key });
  const me = await api.get('/backend-api/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.id, alice.user.id);
  assert.equal(me.json.email, alice.email);
  assert.equal((await api.get('/backend-api/conversations?offset=0&limit=5')).status, 200);
  assert.equal((await api.get('/backend-api/my/recent/image_gen?limit=5')).status, 200);
  assert.equal((await api.post('/backend-api/f/conversation/prepare', {})).status, 200);
  assert.deepEqual(alice.key.scopes, ['images'], 'a key made without scopes gets "images"');
  // A second key, with the account scope, made from the browser session.
  const more = await alice.client.post(KEYS, { name: 'admin script', scopes: ['images', 'account'] });
  assert.equal(more.status, 200, more.text);
  assert.deepEqual(more.json.scopes, ['images', 'account']);
  alice.key2 = more.json;
});

test('a key without the account scope cannot mint, list or revoke keys, nor log out sessions (403)', async () => {
  const api = inst.client({ bearer: alice.key.key });
  for (const res of [
    await api.post(KEYS, { name: 'made by key' }),
    await api.get(KEYS),
    await api.delete(`${KEYS}/${alice.key2.id}`),
    await api.post('/backend-api/auth/logout', { all: true }),
    await api.post('/backend-api/auth/logout', { all: true, revoke_keys: true }),
  ]) assertJsonError(res, 403, /"account" scope/);
  // Nothing happened: the session and both keys live.
  assert.equal((await alice.client.get('/backend-api/me')).status, 200);
  const list = await alice.client.get(KEYS);
  assert.deepEqual(list.json.items.map((i) => i.id).sort(), [alice.key.id, alice.key2.id].sort());
});

test('a key with the account scope manages keys, but cannot grant a scope it lacks', async () => {
  const acct = inst.client({ bearer: alice.key2.key });
  const list = await acct.get(KEYS);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.find((i) => i.id === alice.key2.id).scopes, ['images', 'account']);
  const made = await acct.post(KEYS, { name: 'made by key' });
  assert.equal(made.status, 200, made.text);
  assert.deepEqual(made.json.scopes, ['images']);
  assert.equal((await acct.delete(`${KEYS}/${made.json.id}`)).status, 200);
  // An images-only key asking for more, through a key that has only images: 403.
  const imagesOnly = (await acct.post(KEYS, { name: 'narrow', scopes: ['images'] })).json;
  assertJsonError(await inst.client({ bearer: imagesOnly.key }).post(KEYS, { scopes: ['account'] }), 403);
  assert.equal((await alice.client.delete(`${KEYS}/${imagesOnly.id}`)).status, 200);
  // A key with the account scope alone cannot mint an images key, not even by default.
  const acctOnly = (await alice.client.post(KEYS, { name: 'keys only', scopes: ['account'] })).json;
  const ao = inst.client({ bearer: acctOnly.key });
  assertJsonError(await ao.post(KEYS, { name: 'default' }), 403, /scope it does not have/);
  assertJsonError(await ao.post(KEYS, { name: 'images', scopes: ['images'] }), 403);
  assertJsonError(await ao.get('/backend-api/conversations?offset=0&limit=5'), 403, /"images" scope/);
  const same = await ao.post(KEYS, { name: 'keys too', scopes: ['account'] });
  assert.equal(same.status, 200, same.text);
  for (const k of [acctOnly, same.json]) assert.equal((await alice.client.delete(`${KEYS}/${k.id}`)).status, 200);
  // Bad scopes are a 400 naming the field.
  for (const scopes of [[], ['admin'], ['images', 'images'], 'images', [1], ['images', 'account', 'x']]) {
    assertJsonError(await alice.client.post(KEYS, { name: 'x', scopes }), 400, /scopes/);
  }
});

test('a bogus Bearer key is a JSON 401', async () => {
  for (const value of ['Bearer nope', `Bearer ${alice.key.key}x`, 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
    const res = await inst.request('GET', '/backend-api/me', { headers: { Authorization: value } });
    assertJsonError(res, 401);
  }
});

test('invalid API key input is a JSON 400', async () => {
  assertJsonError(await alice.client.post(KEYS, { name: 5 }), 400, /name/);
  assertJsonError(await alice.client.post(KEYS, { name: ['x'] }), 400, /name/);
});

test('API keys need authentication', async () => {
  assertJsonError(await inst.request('GET', KEYS), 401);
  assertJsonError(await inst.request('POST', KEYS, { json: { name: 'x' } }), 401);
  assertJsonError(await inst.request('DELETE', `${KEYS}/${alice.key.id}`), 401);
});

test('another user neither sees nor deletes the key, and reads only their own /me', async () => {
  const list = await bob.client.get(KEYS);
  assert.equal(list.status, 200);
  assert.ok(!list.json.items.some((i) => i.id === alice.key.id), 'not in bob\'s list');
  assertJsonError(await bob.client.delete(`${KEYS}/${alice.key.id}`), 404);
  // Still alive for alice.
  const me = await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${alice.key.key}` } });
  assert.equal(me.status, 200);
  // Bob's /me is bob, with his cookie and with his own key, whatever else he sends.
  const bobMe = await bob.client.get('/backend-api/me');
  assert.equal(bobMe.json.id, bob.user.id);
  assert.ok(!bobMe.text.includes(alice.email), 'nothing of alice in bob\'s /me');
  const bk = await bob.client.post(KEYS, { name: 'bob' });
  assert.equal(bk.status, 200);
  const bobByKey = await inst.request('GET', `/backend-api/me?user=${alice.user.id}`, {
    headers: { Authorization: `Bearer ${bk.json.key}` },
  });
  assert.equal(bobByKey.status, 200);
  assert.equal(bobByKey.json.id, bob.user.id);
});

test('deleting an unknown key id is a JSON 404', async () => {
  assertJsonError(await alice.client.delete(`${KEYS}/no-such-key`), 404);
});

test('revoke a key: listed no more, and it no longer authenticates', async () => {
  const res = await alice.client.delete(`${KEYS}/${alice.key.id}`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { status: 'ok' });
  const list = await alice.client.get(KEYS);
  assert.ok(!list.json.items.some((i) => i.id === alice.key.id));
  assert.ok(list.json.items.some((i) => i.id === alice.key2.id), 'the other key stays');
  assertJsonError(
    await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${alice.key.key}` } }),
    401,
  );
  // Deleting it again: gone.
  assertJsonError(await alice.client.delete(`${KEYS}/${alice.key.id}`), 404);
  // The second key still works.
  const me = await inst.request('GET', '/backend-api/me', { headers: { Authorization: `Bearer ${alice.key2.key}` } });
  assert.equal(me.status, 200);
});

test('log out everywhere keeps API keys, unless revoke_keys asks to end them too', async () => {
  const carol = inst.client();
  const email = uniqueEmail('carol');
  await carol.signup(email);
  const k1 = (await carol.post(KEYS, { name: 'one' })).json;
  const k2 = (await carol.post(KEYS, { name: 'two', scopes: ['images', 'account'] })).json;
  const other = inst.client();
  assert.equal((await other.login(email)).status, 200);
  // Plain "log out everywhere": sessions end, keys live.
  assert.equal((await carol.post('/backend-api/auth/logout', { all: true })).status, 200);
  assertJsonError(await other.get('/backend-api/me'), 401);
  assert.equal((await inst.client({ bearer: k1.key }).get('/backend-api/me')).status, 200);
  // From a new session, with revoke_keys: every key ends as well.
  assert.equal((await carol.login(email)).status, 200);
  const res = await carol.post('/backend-api/auth/logout', { all: true, revoke_keys: true });
  assert.equal(res.status, 200, res.text);
  for (const k of [k1, k2]) assertJsonError(await inst.client({ bearer: k.key }).get('/backend-api/me'), 401);
  assertJsonError(await carol.get('/backend-api/me'), 401);
  // An account key may do the same for its user, ending itself.
  assert.equal((await carol.login(email)).status, 200);
  const k3 = (await carol.post(KEYS, { name: 'three', scopes: ['images', 'account'] })).json;
  const byKey = await inst.client({ bearer: k3.key }).post('/backend-api/auth/logout', { all: true, revoke_keys: true });
  assert.equal(byKey.status, 200, byKey.text);
  assertJsonError(await inst.client({ bearer: k3.key }).get('/backend-api/me'), 401);
  assertJsonError(await carol.get('/backend-api/me'), 401);
});
