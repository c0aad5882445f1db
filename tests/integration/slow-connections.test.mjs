// Slow connections (issue 18, point 8): thousands of idle connections from one address, each
// with half a request header, must not take the site down. The shipped configurations give the
// web server room for them (worker_connections / server.max-connections), close a header that
// has not arrived in 10 s, and cap the connections one address may hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { useInstance, sleep } from './harness.mjs';

// Started with the open-files limit a root shell on Debian has (soft 1024), as ./run.sh would be.
const inst = useInstance({ nofile: 1024 });
const SLOW = Number(process.env.IMAGES_SLOW_CONNECTIONS || 4000);

// A connection with half a request header (which never ends); resolves once it is open, or
// refused, or after 3 s still connecting (a server that stopped accepting).
function openSlow(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.write('GET /backend-api/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve(s);
    });
    s.on('error', () => resolve(s));
    s.on('close', () => resolve(s));
    setTimeout(() => resolve(s), 3000).unref();
  });
}

async function healthz(timeoutMs) {
  const t0 = Date.now();
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(`${inst.origin}/backend-api/healthz`, { signal: ac.signal });
    return { status: res.status, ms: Date.now() - t0 };
  } catch (e) {
    return { status: 0, ms: Date.now() - t0, error: String(e.cause?.code || e.name) };
  } finally {
    clearTimeout(timer);
  }
}

test(`${SLOW} idle partial-header connections from one address: /healthz keeps answering`, { timeout: 120000 }, async () => {
  const socks = [];
  try {
    for (let i = 0; i < SLOW; i += 100) {
      socks.push(...await Promise.all(Array.from({ length: Math.min(100, SLOW - i) }, () => openSlow(inst.port))));
    }
    await sleep(500);
    const open = socks.filter((s) => !s.destroyed && s.readyState === 'open').length;
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await healthz(3000));
    const ok = answers.filter((a) => a.status === 200);
    console.log(`# ${open} of ${SLOW} slow connections still open; /healthz: ${ok.length} of 10 answered 200, slowest ${Math.max(...answers.map((a) => a.ms))} ms ${answers.filter((a) => a.status !== 200).map((a) => a.error || a.status).join(' ')}`);
    assert.equal(ok.length, answers.length, 'every health check answered while the slow connections were held');
  } finally {
    for (const s of socks) s.destroy();
  }
});

test('a request header that stalls is closed after about 10 s, not held for a minute', { timeout: 60000 }, async () => {
  const t0 = Date.now();
  const socks = await Promise.all(Array.from({ length: 20 }, () => openSlow(inst.port)));
  const closed = await Promise.all(socks.map((s) => new Promise((resolve) => {
    if (s.destroyed) return resolve(0);
    const done = () => resolve(Date.now() - t0);
    s.on('close', done);
    s.on('error', done);
    setTimeout(() => { s.destroy(); resolve(Infinity); }, 20000).unref();
  })));
  const slowest = Math.max(...closed);
  console.log(`# 20 stalled headers closed after ${Math.min(...closed)}–${slowest} ms`);
  assert.ok(slowest < 16000, `the last stalled header was held ${slowest} ms`);
});
