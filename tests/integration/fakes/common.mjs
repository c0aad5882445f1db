// Shared plumbing for the fake remote backends: a loopback HTTP server on a free
// port, a log of every request, and faults injected per route.
//
//   fake.fault('/sdapi/v1/txt2img', { kind: 'status', status: 503, times: 1 })
//   kinds: status (status, body, headers), hang (never answers), reset (drops the
//   connection), garbage (bytes that are not HTTP), slow (delay ms before the
//   normal answer). fake.down() stops listening (connection refused), fake.up()
//   listens again on the same port.
import http from 'node:http';

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function readBody(req, max = 64 << 20) {
  const chunks = [];
  let n = 0;
  for await (const c of req) {
    n += c.length;
    if (n > max) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res, status, obj, headers = {}) {
  const body = Buffer.from(JSON.stringify(obj));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers });
  res.end(body);
}

export class FakeServer {
  constructor(name, handler) {
    this.name = name;
    this.handler = handler;
    this.requests = [];     // { method, path, headers, body (Buffer), json }
    this.faults = new Map(); // path -> [fault]
    this.sockets = new Set();
    this.server = http.createServer((req, res) => this.dispatch(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(port = 0) {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }

  async down() {
    await this.stop();
    this.server = http.createServer((req, res) => this.dispatch(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    if (this.onUpgrade) this.server.on('upgrade', this.onUpgrade);
  }

  async up() {
    await this.start(this.port);
  }

  fault(path, f) {
    if (!this.faults.has(path)) this.faults.set(path, []);
    this.faults.get(path).push({ times: 1, ...f });
  }

  clearFaults() {
    this.faults.clear();
  }

  seen(path) {
    return this.requests.filter((r) => r.path === path);
  }

  takeFault(path) {
    const list = this.faults.get(path);
    if (!list || list.length === 0) return null;
    const f = list[0];
    f.times -= 1;
    if (f.times <= 0) list.shift();
    return f;
  }

  async dispatch(req, res) {
    const u = new URL(req.url, 'http://x');
    let body;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const rec = { method: req.method, path: u.pathname, query: u.searchParams, headers: req.headers, body, at: Date.now() };
    if ((req.headers['content-type'] || '').startsWith('application/json')) {
      try {
        rec.json = JSON.parse(body.toString('utf8'));
      } catch {
        rec.json = undefined;
      }
    }
    this.requests.push(rec);
    const f = this.takeFault(u.pathname);
    if (f) {
      if (f.kind === 'hang') return; // the socket stays open, nothing is ever sent
      if (f.kind === 'reset') {
        req.socket.resetAndDestroy ? req.socket.resetAndDestroy() : req.socket.destroy();
        return;
      }
      if (f.kind === 'garbage') {
        req.socket.end('\x00\x17garbage that is not HTTP at all\r\n\r\n');
        return;
      }
      if (f.kind === 'status') {
        const b = Buffer.from(typeof f.body === 'string' ? f.body : JSON.stringify(f.body ?? {}));
        res.writeHead(f.status, { 'Content-Type': 'application/json', 'Content-Length': b.length, ...(f.headers || {}) });
        res.end(b);
        return;
      }
      if (f.kind === 'slow') await sleep(f.ms);
    }
    try {
      await this.handler(req, res, rec);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { detail: `fake ${this.name}: ${e.message}` });
      else res.destroy();
    }
  }
}

// Checks obj against a schema { field: check }: unknown and missing fields are
// reported. check: { type: 'string'|'integer'|'number'|'boolean'|'object'|'array',
// required, enum, min, max, maxLength }. Returns null or { field, problem }.
export function validate(obj, schema) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { field: null, problem: 'body is not a JSON object' };
  for (const k of Object.keys(obj)) {
    if (!(k in schema)) return { field: k, problem: 'unknown' };
  }
  for (const [k, c] of Object.entries(schema)) {
    const v = obj[k];
    if (v === undefined) {
      if (c.required) return { field: k, problem: 'missing' };
      continue;
    }
    const t = Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v;
    const ok = c.type === t || (c.type === 'number' && t === 'integer');
    if (!ok) return { field: k, problem: `expected ${c.type}, got ${t}` };
    if (c.enum && !c.enum.includes(v)) return { field: k, problem: `must be one of ${c.enum.join(', ')}` };
    if (c.min !== undefined && v < c.min) return { field: k, problem: `below ${c.min}` };
    if (c.max !== undefined && v > c.max) return { field: k, problem: `above ${c.max}` };
    if (c.maxLength !== undefined && v.length > c.maxLength) return { field: k, problem: `longer than ${c.maxLength}` };
    if (c.type === 'string' && c.nonEmpty && v.length === 0) return { field: k, problem: 'empty' };
  }
  return null;
}
