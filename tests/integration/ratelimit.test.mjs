// Log-in throttling: 10 failures for one email from one address, or 50 from one
// address, within 15 minutes, then 429 with Retry-After. A file of its own: every
// failure here counts against its client address (127.0.0.1 unless a test sends
// from another loopback address) for the whole instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useInstance, assertJsonError, uniqueEmail } from './harness.mjs';

const inst = useInstance();
const PASSWORD = 'correct horse battery';

function assertRetryAfter(res) {
  assertJsonError(res, 429);
  const ra = res.headers['retry-after'];
  assert.ok(ra !== undefined, 'Retry-After header present');
  assert.match(ra, /^\d+$/, `Retry-After is delta-seconds: ${ra}`);
  assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After ${ra} within the 15 min window`);
}

test('10 failed log-ins for one email, then 429 with Retry-After', async () => {
  const email = uniqueEmail('victim');
  const c = inst.client();
  await c.signup(email, PASSWORD);
  for (let i = 1; i <= 10; i++) {
    const res = await c.login(email, `wrong password ${i}`);
    assertJsonError(res, 401);
  }
  assertRetryAfter(await c.login(email, 'wrong password 11'));
  // Throttled means throttled: the right password does not get through either,
  // so guessing cannot go on from here.
  const right = await c.login(email, PASSWORD);
  assertRetryAfter(right);
  // But the owner, from another address, is not locked out by these guesses.
  const owner = await inst.request('POST', '/backend-api/auth/login', { json: { email, password: PASSWORD }, localAddress: '127.0.0.2' });
  assert.equal(owner.status, 200, `the owner from 127.0.0.2: ${owner.status} ${owner.text}`);
  // Another account is not affected.
  const other = uniqueEmail('other');
  const c2 = inst.client();
  await c2.signup(other, PASSWORD);
  assert.equal((await c2.login(other, PASSWORD)).status, 200);
  assertJsonError(await c2.login(other, 'wrong'), 401);
});

test('50 failed log-ins from one address, then 429 for any email', async () => {
  // The previous test left 11 failures for 127.0.0.1 in the window (10 for the
  // victim, 1 for the other account; answers 429 count for nothing). Spread the
  // rest over fresh emails so that no single account reaches 10.
  let failures = 11;
  const emails = Array.from({ length: 8 }, () => uniqueEmail('spray'));
  let res;
  for (let i = 0; i < 60; i++) {
    res = await inst.request('POST', '/backend-api/auth/login', {
      json: { email: emails[i % emails.length], password: 'not the password' },
    });
    if (res.status !== 401) break;
    failures += 1;
  }
  assert.equal(res.status, 429, `after ${failures} failures: ${res.status} ${res.text}`);
  assert.equal(failures, 50, 'the address is throttled after exactly 50 failures');
  assertRetryAfter(res);
  // Any email, and the right password too, while the address is throttled.
  assertRetryAfter(
    await inst.request('POST', '/backend-api/auth/login', {
      json: { email: uniqueEmail('fresh'), password: 'not the password' },
    }),
  );
});

test('30 wrong guesses at once: at most 10 are checked, the rest are 429', async () => {
  // From an address of their own, so the per-address count of the tests above is untouched.
  const email = uniqueEmail('burst');
  await inst.client().signup(email, PASSWORD);
  const from = '127.0.0.3';
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => inst.request('POST', '/backend-api/auth/login', {
    json: { email, password: `wrong guess ${i}` }, localAddress: from,
  })));
  const statuses = answers.map((r) => r.status);
  const checked = statuses.filter((s) => s === 401).length;
  assert.ok(statuses.every((s) => s === 401 || s === 429), `statuses: ${statuses}`);
  assert.equal(checked, 10, `wrong passwords checked: ${checked} (limit 10)`);
  for (const r of answers.filter((x) => x.status === 429)) assertRetryAfter(r);
  // The right password from there is refused while the window lasts; from elsewhere it works.
  assertRetryAfter(await inst.request('POST', '/backend-api/auth/login', { json: { email, password: PASSWORD }, localAddress: from }));
  const elsewhere = await inst.request('POST', '/backend-api/auth/login', { json: { email, password: PASSWORD }, localAddress: '127.0.0.4' });
  assert.equal(elsewhere.status, 200, elsewhere.text);
});

test('a right password gives its place back: 60 good log-ins from one address are never throttled', async () => {
  const email = uniqueEmail('regular');
  await inst.client().signup(email, PASSWORD);
  for (let i = 0; i < 60; i++) {
    const res = await inst.request('POST', '/backend-api/auth/login', { json: { email, password: PASSWORD }, localAddress: '127.0.0.5' });
    assert.equal(res.status, 200, `log-in ${i + 1}: ${res.status} ${res.text}`);
  }
});
