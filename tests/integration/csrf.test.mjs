// CSRF: a state-changing request authenticated by cookie (and sign-up / log-in)
// that a browser marks as cross-site, or whose Origin is not this host, is 403.
// Requests without those headers (curl, API clients) pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useInstance, assertJsonError, uniqueEmail } from './harness.mjs';

const inst = useInstance();
const KEYS = '/backend-api/api_keys';
const PASSWORD = 'correct horse battery';
const user = { email: uniqueEmail('csrf'), client: inst.client() };

test('set up a user with a cookie session', async () => {
  user.user = await user.client.signup(user.email, PASSWORD);
});

test('cross-site Origin on a cookie-authenticated POST is a JSON 403', async () => {
  for (const origin of ['http://evil.example', `http://127.0.0.1:${inst.port + 1}`, `http://localhost:${inst.port}`, 'null']) {
    const res = await user.client.post(KEYS, { name: 'x' }, { headers: { Origin: origin } });
    assertJsonError(res, 403);
  }
});

test('Sec-Fetch-Site cross-site or same-site on a cookie-authenticated POST/DELETE is a JSON 403', async () => {
  for (const site of ['cross-site', 'same-site']) {
    assertJsonError(await user.client.post(KEYS, { name: 'x' }, { headers: { 'Sec-Fetch-Site': site } }), 403);
    assertJsonError(await user.client.delete(`${KEYS}/anything`, { headers: { 'Sec-Fetch-Site': site } }), 403);
    assertJsonError(await user.client.post('/backend-api/auth/logout', {}, { headers: { 'Sec-Fetch-Site': site } }), 403);
  }
  // The session survived the refused log-outs.
  assert.equal((await user.client.get('/backend-api/me')).status, 200);
});

test('sign-up and log-in from another site are JSON 403', async () => {
  const c = inst.client({ headers: { Origin: 'https://evil.example' } });
  assertJsonError(await c.post('/backend-api/auth/signup', { email: uniqueEmail('x'), password: PASSWORD, name: 'x' }), 403);
  assertJsonError(await c.post('/backend-api/auth/login', { email: user.email, password: PASSWORD }), 403);
  const d = inst.client({ headers: { 'Sec-Fetch-Site': 'cross-site' } });
  assertJsonError(await d.post('/backend-api/auth/login', { email: user.email, password: PASSWORD }), 403);
});

test('same-origin requests pass (Origin of this host and port, Sec-Fetch-Site same-origin)', async () => {
  const a = await user.client.post(KEYS, { name: 'origin ok' }, { headers: { Origin: inst.origin } });
  assert.equal(a.status, 200, a.text);
  const b = await user.client.post(KEYS, { name: 'sfs ok' }, {
    headers: { 'Sec-Fetch-Site': 'same-origin', Origin: inst.origin },
  });
  assert.equal(b.status, 200, b.text);
  const c = await user.client.delete(`${KEYS}/${b.json.id}`, { headers: { Origin: inst.origin } });
  assert.equal(c.status, 200, c.text);
  // A browser log-in from the page itself.
  const browser = inst.client({ headers: { Origin: inst.origin, 'Sec-Fetch-Site': 'same-origin' } });
  const login = await browser.login(user.email, PASSWORD);
  assert.equal(login.status, 200, login.text);
});

test('requests without Origin or Sec-Fetch-Site pass (API clients)', async () => {
  const res = await user.client.post(KEYS, { name: 'curl' });
  assert.equal(res.status, 200, res.text);
});

test('safe methods are never refused for CSRF', async () => {
  const res = await user.client.get('/backend-api/me', {
    headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
  });
  assert.equal(res.status, 200, res.text);
});

test('a Bearer key is not a browser credential: cross-site headers do not matter', async () => {
  const k = await user.client.post(KEYS, { name: 'bearer', scopes: ['images', 'account'] });
  assert.equal(k.status, 200);
  const res = await inst.request('POST', KEYS, {
    json: { name: 'from elsewhere' },
    headers: { Authorization: `Bearer ${k.json.key}`, Origin: 'https://elsewhere.example' },
  });
  assert.equal(res.status, 200, res.text);
});
