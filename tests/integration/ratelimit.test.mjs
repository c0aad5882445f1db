// Log-in throttling: 10 failures for one email, or 50 from one address, within
// 15 minutes, then 429 with Retry-After. A file of its own: every failure here
// counts against 127.0.0.1 for the whole instance.
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
  // so guessing cannot go on.
  const right = await c.login(email, PASSWORD);
  assertRetryAfter(right);
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
