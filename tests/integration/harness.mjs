// Integration test harness: one real Images instance (nginx or lighttpd in front of
// images-fcgi workers) per test file, started and stopped through conf/images-ctl,
// the same path ./run.sh takes.
//
//   import { useInstance } from './harness.mjs';
//   const inst = useInstance();          // before(): start, after(): stop + rm -rf
//   const alice = inst.client();         // a client with its own cookie jar
//   const res = await alice.post('/backend-api/auth/signup', { email, password });
//
// Environment: IMAGES_SERVER (nginx | lighttpd, default nginx), IMAGES_FCGI (worker
// binary, default <repo>/app/images-fcgi), IMAGES_TEST_KEEP=1 keeps the data
// directory of each instance for inspection.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = process.env.IMAGES_SERVER || 'nginx';
const CTL = path.join(REPO, 'conf', 'images-ctl');

// Instances still running, stopped synchronously if the process goes down early.
// 'exit' also runs when an uncaught error ends the process (node:test itself
// reports uncaught errors against the running test and goes on, so stopping the
// instance at that moment would break the tests that follow).
const live = new Set();

function cleanupSync() {
  for (const inst of live) inst.stopSync();
}
process.on('exit', cleanupSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    cleanupSync();
    process.exit(128 + (os.constants.signals[sig] || 1));
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// How many threads of pid are left (0: no such process).
function threadsLeft(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

// Resolves once process pid has exited (a zombie counts once all its threads are gone: its
// sockets are closed then); throws after timeoutMs. A signalled worker may still answer for a while.
export async function waitGone(pid, timeoutMs = 10000) {
  const t0 = Date.now();
  for (;;) {
    let state;
    try {
      state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))[1];
    } catch {
      return;
    }
    // A killed process's main thread can turn zombie while its other threads are still on their
    // way out: one woken in accept() can still take a new connection and drop it with the process
    // (a 502 for a request sent after the "death"). Gone means no thread of it is left.
    if ((state === 'Z' || state === 'X') && threadsLeft(pid) <= 1) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await sleep(20);
  }
}

// A loopback port nobody listens on right now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// A unique, valid email address for this test run.
let counter = 0;
export function uniqueEmail(tag = 'user') {
  counter += 1;
  return `${tag}.${process.pid}.${Date.now().toString(36)}.${counter}@example.com`;
}

// One HTTP exchange with full control over the request: any headers (Host,
// Origin, Cookie...), a raw body (Buffer or string) or `json` (serialized, with
// Content-Type: application/json unless headers say otherwise). Each request gets
// its own connection, so a server closing one (413) cannot affect the next.
// Resolves { status, headers, body (Buffer), text, json (parsed or undefined) }.
export function request(port, method, urlPath, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  if (typeof body === 'string') body = Buffer.from(body, 'utf8');
  if (body !== undefined) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let settled = false;
    let gotResponse = false;
    const finish = (fn, value) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn(value);
      }
    };
    const req = http.request(
      // localAddress (127.0.0.2 …) makes the request come from another client address.
      { host: '127.0.0.1', port, method, path: urlPath, headers, agent: false, localAddress: opts.localAddress },
      (res) => {
        gotResponse = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (err) => finish(reject, err));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = buf.toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          finish(resolve, { status: res.statusCode, headers: res.headers, body: buf, text, json });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`${method} ${urlPath}: no answer in ${opts.timeout || 30000} ms`));
    }, opts.timeout || 30000);
    req.on('error', (err) => {
      // A server that answers early (413) may close before the whole body is
      // sent: the write fails, but the answer is what counts.
      if (gotResponse) return;
      setTimeout(() => {
        if (!gotResponse) finish(reject, err);
      }, 500);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

// Set-Cookie handling just good enough for one origin: name=value pairs, removal
// by Max-Age=0 or an empty value; the raw header lines stay available.
export class CookieJar {
  constructor() {
    this.cookies = new Map();
    this.lastSetCookie = [];
  }

  update(headers) {
    const lines = headers['set-cookie'] || [];
    if (lines.length) this.lastSetCookie = lines;
    for (const line of lines) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attrs.some((a) => /^max-age=\s*(0|-\d+)$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name) {
    return this.cookies.get(name);
  }

  set(name, value) {
    this.cookies.set(name, value);
  }

  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

// A browser-ish client: its own cookie jar, optional Bearer key and extra headers.
export class Client {
  constructor(inst, { bearer, headers } = {}) {
    this.inst = inst;
    this.jar = new CookieJar();
    this.bearer = bearer;
    this.headers = headers || {};
  }

  async request(method, urlPath, opts = {}) {
    const headers = { ...this.headers, ...(opts.headers || {}) };
    const cookie = this.jar.header();
    if (cookie && !('Cookie' in headers)) headers.Cookie = cookie;
    if (this.bearer && !('Authorization' in headers)) headers.Authorization = `Bearer ${this.bearer}`;
    const res = await this.inst.request(method, urlPath, { ...opts, headers });
    this.jar.update(res.headers);
    return res;
  }

  get(urlPath, opts) {
    return this.request('GET', urlPath, opts);
  }

  post(urlPath, json, opts = {}) {
    return this.request('POST', urlPath, json === undefined ? opts : { ...opts, json });
  }

  delete(urlPath, opts) {
    return this.request('DELETE', urlPath, opts);
  }

  async signup(email, password = 'correct horse battery', name = 'Test User') {
    const res = await this.post('/backend-api/auth/signup', { email, password, name });
    assert.equal(res.status, 200, `signup ${email}: ${res.status} ${res.text}`);
    return res.json.user;
  }

  async login(email, password = 'correct horse battery') {
    return this.post('/backend-api/auth/login', { email, password });
  }
}

// nofile: the soft limit on open files images-ctl (and so the web server) starts with, as a
// root shell on Debian gives it (1024); by default the test runner's own.
function runCtl(env, args, nofile) {
  const [cmd, argv] = nofile ? ['bash', ['-c', `ulimit -Sn ${Number(nofile)} && exec "$0" "$@"`, CTL, ...args]] : [CTL, args];
  return new Promise((resolve) => {
    execFile(cmd, argv, { env, timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export class Instance {
  constructor({ env = {}, nofile } = {}) {
    this.extraEnv = env;
    this.nofile = nofile;
    this.server = env.IMAGES_SERVER || SERVER;
    this.dir = null;
    this.port = null;
  }

  get env() {
    return {
      ...process.env,
      IMAGES_SERVER: this.server,
      IMAGES_VAR: this.dir,
      IMAGES_PORT: String(this.port),
      ...this.extraEnv,
    };
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  // images-ctl CMD ARGS; rejects with its output when it fails.
  async ctl(...args) {
    const r = await runCtl(this.env, args);
    if (r.code !== 0) {
      throw new Error(`images-ctl ${args.join(' ')} exited ${r.code}\n${r.stdout}${r.stderr}`);
    }
    return r;
  }

  async start() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'images-it-'));
    live.add(this);
    // A port can be taken between freePort() and nginx's bind; try a few.
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      const r = await runCtl(this.env, ['start'], this.nofile);
      if (r.code === 0) return;
      if (attempt >= 3 || !/already in use|Address already in use/.test(r.stderr)) {
        throw new Error(`images-ctl start failed (${this.server}, ${this.dir})\n${r.stdout}${r.stderr}`);
      }
    }
  }

  async stop() {
    if (!live.has(this)) return;
    live.delete(this);
    const r = await runCtl(this.env, ['stop']);
    if (process.env.IMAGES_TEST_KEEP) console.error(`# kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
    if (r.code !== 0) throw new Error(`images-ctl stop failed\n${r.stdout}${r.stderr}`);
  }

  stopSync() {
    if (!live.has(this)) return;
    live.delete(this);
    spawnSync(CTL, ['stop'], { env: this.env, stdio: 'ignore', timeout: 30000 });
    if (!process.env.IMAGES_TEST_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }

  // Live pids of a pool (api | stream) or of the web server (web).
  async pids(role) {
    const r = await this.ctl('pids', role);
    return r.stdout.split('\n').filter(Boolean).map(Number);
  }

  request(method, urlPath, opts) {
    return request(this.port, method, urlPath, opts);
  }

  client(opts) {
    return new Client(this, opts);
  }

  // Polls healthz until it answers 200; resolves the milliseconds it took.
  async waitHealthy(timeoutMs = 5000) {
    const t0 = Date.now();
    for (;;) {
      try {
        const res = await this.request('GET', '/backend-api/healthz', { timeout: 1000 });
        if (res.status === 200) return Date.now() - t0;
      } catch {
        // not answering yet
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`not healthy after ${timeoutMs} ms`);
      await sleep(50);
    }
  }
}

// Starts an instance before the file's tests and always stops it afterwards.
export function useInstance(opts) {
  const inst = new Instance(opts);
  before(() => inst.start(), { timeout: 60000 });
  after(() => inst.stop(), { timeout: 60000 });
  return inst;
}

// Every error answer is JSON {"detail": "<string>"} with the expected status.
export function assertJsonError(res, status, detailPattern) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.match(String(res.headers['content-type']), /^application\/json/, `content-type of ${res.text}`);
  assert.ok(res.json && typeof res.json === 'object', `JSON body: ${res.text}`);
  assert.equal(typeof res.json.detail, 'string', `detail string: ${res.text}`);
  assert.ok(res.json.detail.length > 0, 'detail is not empty');
  if (detailPattern) assert.match(res.json.detail, detailPattern);
}
