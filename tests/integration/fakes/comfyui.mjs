// A fake ComfyUI server: GET /ws?clientId= (RFC 6455, written here: node has no
// websocket server), POST /prompt {prompt, client_id, prompt_id} checked node by
// node against the classes the default workflow uses, then a run that sends
// execution_start / executing / progress / binary preview frames (4-byte event
// type 1, 4-byte format 2 = PNG, the image) / executed / executing null /
// execution_success to the client's socket; GET /history/{id}, GET /view,
// POST /interrupt, POST /queue {delete}. A prompt with the word "explode" fails
// with execution_error the way a KSampler out of memory does.
import crypto from 'node:crypto';
import { FakeServer, sendJson, sleep } from './common.mjs';
import { makePng } from '../lib/png.mjs';

const CLASSES = {
  KSampler: { seed: 'INT', steps: 'INT', cfg: 'FLOAT', sampler_name: 'STRING', scheduler: 'STRING', denoise: 'FLOAT', model: 'LINK', positive: 'LINK', negative: 'LINK', latent_image: 'LINK' },
  CheckpointLoaderSimple: { ckpt_name: 'STRING' },
  EmptyLatentImage: { width: 'INT', height: 'INT', batch_size: 'INT' },
  CLIPTextEncode: { text: 'STRING', clip: 'LINK' },
  VAEDecode: { samples: 'LINK', vae: 'LINK' },
  SaveImage: { filename_prefix: 'STRING', images: 'LINK' },
};
const CHECKPOINTS = ['v1-5-pruned-emaonly.safetensors', 'sd_xl_base_1.0.safetensors'];

function wsFrame(opcode, payload) {
  const len = payload.length;
  let head;
  if (len < 126) head = Buffer.from([0x80 | opcode, len]);
  else if (len < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

function validatePrompt(prompt) {
  const nodeErrors = {};
  if (!prompt || typeof prompt !== 'object' || Array.isArray(prompt)) return { type: 'invalid_prompt', message: 'Cannot execute because the prompt is not an object.' };
  let outputs = 0;
  for (const [id, node] of Object.entries(prompt)) {
    const cls = CLASSES[node?.class_type];
    if (!cls) return { type: 'invalid_prompt', message: `Cannot execute because node ${node?.class_type} does not exist.`, details: `Node ID '#${id}'` };
    const errs = [];
    for (const k of Object.keys(node.inputs || {})) if (!(k in cls)) errs.push({ type: 'unknown_input', message: `Unknown input ${k}`, details: k, extra_info: {} });
    for (const [k, t] of Object.entries(cls)) {
      const v = node.inputs?.[k];
      if (v === undefined) errs.push({ type: 'required_input_missing', message: 'Required input is missing', details: k, extra_info: { input_name: k } });
      else if (t === 'LINK' && !(Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && prompt[v[0]] && Number.isInteger(v[1]))) errs.push({ type: 'bad_linked_input', message: 'Bad linked input', details: k, extra_info: { input_name: k } });
      else if (t === 'INT' && !Number.isInteger(v)) errs.push({ type: 'invalid_input_type', message: `Failed to convert an input value to a INT value`, details: `${k}, ${v}`, extra_info: { input_name: k } });
      else if (t === 'FLOAT' && typeof v !== 'number') errs.push({ type: 'invalid_input_type', message: 'Failed to convert an input value to a FLOAT value', details: `${k}, ${v}`, extra_info: { input_name: k } });
      else if (t === 'STRING' && typeof v !== 'string') errs.push({ type: 'invalid_input_type', message: 'Failed to convert an input value to a STRING value', details: `${k}, ${v}`, extra_info: { input_name: k } });
      else if (typeof v === 'string' && /\{\{\w+\}\}/.test(v)) errs.push({ type: 'value_not_in_list', message: 'Unfilled placeholder', details: `${k}: ${v}`, extra_info: {} });
    }
    if (node.class_type === 'CheckpointLoaderSimple' && !CHECKPOINTS.includes(node.inputs?.ckpt_name)) {
      errs.push({ type: 'value_not_in_list', message: 'Value not in list', details: `ckpt_name: '${node.inputs?.ckpt_name}' not in ${JSON.stringify(CHECKPOINTS)}`, extra_info: {} });
    }
    if (errs.length) nodeErrors[id] = { errors: errs, dependent_outputs: [], class_type: node.class_type };
    if (node.class_type === 'SaveImage') outputs++;
  }
  if (outputs === 0) return { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '' };
  if (Object.keys(nodeErrors).length) return { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', nodeErrors };
  return null;
}

export async function startComfyUI({ stepMs = 80, previewEvery = 3 } = {}) {
  const sockets = new Map(); // clientId -> socket
  const history = {};
  const files = new Map(); // filename -> png
  let running = null;
  let counter = 0;
  function send(clientId, obj) {
    const s = sockets.get(clientId);
    if (s && !s.destroyed) s.write(wsFrame(1, Buffer.from(JSON.stringify(obj))));
  }
  function sendBinary(clientId, png) {
    const s = sockets.get(clientId);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(1, 0);
    head.writeUInt32BE(2, 4);
    if (s && !s.destroyed) s.write(wsFrame(2, Buffer.concat([head, png])));
  }
  async function run(id, prompt, clientId, number) {
    const job = { id, interrupted: false };
    running = job;
    const ks = Object.entries(prompt).find(([, n]) => n.class_type === 'KSampler');
    const lat = Object.values(prompt).find((n) => n.class_type === 'EmptyLatentImage');
    const text = Object.values(prompt).filter((n) => n.class_type === 'CLIPTextEncode').map((n) => n.inputs.text).join(' | ');
    // A prompt with the word "slow" runs twenty times as long (tests cancel it mid-run).
    const steps = ks[1].inputs.steps * (/\bslow\b/.test(text) ? 20 : 1);
    const sock = sockets.get(clientId);
    if (sock && !sock.destroyed) sock.write(wsFrame(9, Buffer.from('keepalive'))); // a ping the client must answer
    send(clientId, { type: 'execution_start', data: { prompt_id: id, timestamp: Date.now() } });
    send(clientId, { type: 'execution_cached', data: { nodes: [], prompt_id: id, timestamp: Date.now() } });
    for (const node of ['4', '6', '7', '5']) {
      send(clientId, { type: 'executing', data: { node, display_node: node, prompt_id: id } });
      await sleep(10);
    }
    send(clientId, { type: 'executing', data: { node: ks[0], display_node: ks[0], prompt_id: id } });
    if (/\bexplode\b/.test(text)) {
      await sleep(stepMs);
      send(clientId, { type: 'execution_error', data: { prompt_id: id, node_id: ks[0], node_type: 'KSampler', executed: ['4', '6', '7', '5'], exception_message: 'Allocation on device 0 would exceed allowed memory. (out of memory)\n', exception_type: 'torch.OutOfMemoryError', traceback: ['  File "execution.py"'], current_inputs: {}, current_outputs: {}, timestamp: Date.now() } });
      history[id] = { prompt: [number, id, prompt, {}, ['9']], outputs: {}, status: { status_str: 'error', completed: false, messages: [] }, meta: {} };
      running = null;
      return;
    }
    for (let s = 1; s <= steps; s++) {
      await sleep(stepMs);
      if (job.interrupted) {
        send(clientId, { type: 'execution_interrupted', data: { prompt_id: id, node_id: ks[0], node_type: 'KSampler', executed: [], timestamp: Date.now() } });
        history[id] = { prompt: [number, id, prompt, {}, ['9']], outputs: {}, status: { status_str: 'error', completed: false, messages: [] }, meta: {} };
        running = null;
        return;
      }
      send(clientId, { type: 'progress', data: { value: s, max: steps, prompt_id: id, node: ks[0] } });
      if (s % previewEvery === 0 && s < steps) {
        const shade = 30 + s * 10;
        sendBinary(clientId, makePng(64, 64, () => [shade, 255 - shade, shade, 255]));
      }
    }
    const filename = `images_${String(++counter).padStart(5, '0')}_.png`;
    files.set(filename, makePng(lat.inputs.width, lat.inputs.height, (x, y) => [250, 200 ^ (x & 3), 40 ^ (y & 3), 255]));
    const images = [{ filename, subfolder: '', type: 'output' }];
    send(clientId, { type: 'executing', data: { node: '8', display_node: '8', prompt_id: id } });
    send(clientId, { type: 'executing', data: { node: '9', display_node: '9', prompt_id: id } });
    send(clientId, { type: 'executed', data: { node: '9', display_node: '9', output: { images }, prompt_id: id } });
    history[id] = { prompt: [number, id, prompt, {}, ['9']], outputs: { 9: { images } }, status: { status_str: 'success', completed: true, messages: [['execution_start', {}], ['execution_success', {}]] }, meta: { 9: { node_id: '9', display_node: '9' } } };
    send(clientId, { type: 'execution_success', data: { prompt_id: id, timestamp: Date.now() } });
    send(clientId, { type: 'executing', data: { node: null, prompt_id: id } });
    running = null;
  }
  const fake = new FakeServer('comfyui', async (req, res, rec) => {
    if (req.method === 'POST' && rec.path === '/prompt') {
      const b = rec.json;
      if (!b || typeof b !== 'object') return sendJson(res, 400, { error: { type: 'invalid_prompt', message: 'Invalid JSON', details: '', extra_info: {} }, node_errors: {} });
      for (const k of Object.keys(b)) {
        if (!['prompt', 'client_id', 'prompt_id', 'extra_data', 'front', 'number', 'partial_execution_targets'].includes(k)) {
          return sendJson(res, 400, { error: { type: 'invalid_prompt', message: `Unknown field ${k}`, details: k, extra_info: {} }, node_errors: {} });
        }
      }
      if (!('prompt' in b)) return sendJson(res, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} });
      if (typeof b.client_id !== 'string' || !sockets.has(b.client_id)) return sendJson(res, 400, { error: { type: 'invalid_prompt', message: 'client_id has no open websocket', details: String(b.client_id), extra_info: {} }, node_errors: {} });
      if (b.prompt_id !== undefined && (typeof b.prompt_id !== 'string' || !/^[0-9a-f-]{36}$/.test(b.prompt_id))) return sendJson(res, 400, { error: { type: 'invalid_prompt', message: 'prompt_id is not a UUID', details: '', extra_info: {} }, node_errors: {} });
      const bad = validatePrompt(b.prompt);
      if (bad) return sendJson(res, 400, { error: { type: bad.type, message: bad.message, details: bad.details || '', extra_info: {} }, node_errors: bad.nodeErrors || {} });
      const id = b.prompt_id || crypto.randomUUID();
      const number = ++counter;
      sendJson(res, 200, { prompt_id: id, number, node_errors: {} });
      setTimeout(() => run(id, b.prompt, b.client_id, number), 30);
      return;
    }
    if (req.method === 'GET' && rec.path.startsWith('/history/')) {
      const id = decodeURIComponent(rec.path.slice(9));
      return sendJson(res, 200, history[id] ? { [id]: history[id] } : {});
    }
    if (req.method === 'GET' && rec.path === '/view') {
      const fn = rec.query.get('filename');
      if (rec.query.get('type') !== 'output' || rec.query.get('subfolder') !== '' || !files.has(fn)) {
        res.writeHead(404);
        return res.end();
      }
      const png = files.get(fn);
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Content-Disposition': `filename="${fn}"` });
      return res.end(png);
    }
    if (req.method === 'POST' && rec.path === '/interrupt') {
      if (running && (!rec.json?.prompt_id || rec.json.prompt_id === running.id)) running.interrupted = true;
      res.writeHead(200);
      return res.end();
    }
    if (req.method === 'POST' && rec.path === '/queue') {
      res.writeHead(200);
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  fake.onUpgrade = (req, socket) => {
    const u = new URL(req.url, 'http://x');
    fake.requests.push({ method: 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, upgrade: true, at: Date.now() });
    const key = req.headers['sec-websocket-key'];
    const clientId = u.searchParams.get('clientId');
    if (u.pathname !== '/ws' || !key || req.headers['sec-websocket-version'] !== '13' || !/websocket/i.test(req.headers.upgrade || '') || !clientId) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const f = fake.takeFault('/ws');
    const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    if (f?.kind === 'bad-accept') {
      socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${Buffer.alloc(20).toString('base64')}\r\n\r\n`);
      return;
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.set(clientId, socket);
    fake.sockets.add(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2) {
        const masked = (buf[1] & 0x80) !== 0;
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        if (!masked) { fake.unmaskedFrames = (fake.unmaskedFrames || 0) + 1; socket.destroy(); return; }
        if (buf.length < off + 4 + len) return;
        const opcode = buf[0] & 0x0f;
        fake.clientFrames = (fake.clientFrames || 0) + 1;
        buf = buf.subarray(off + 4 + len);
        if (opcode === 8) { socket.end(wsFrame(8, Buffer.from([3, 232]))); }
      }
    });
    socket.on('close', () => { fake.sockets.delete(socket); if (sockets.get(clientId) === socket) sockets.delete(clientId); });
    socket.on('error', () => {});
    send(clientId, { type: 'status', data: { status: { exec_info: { queue_remaining: 0 } }, sid: clientId } });
  };
  fake.server.on('upgrade', fake.onUpgrade);
  fake.openSockets = sockets;
  return fake.start();
}
