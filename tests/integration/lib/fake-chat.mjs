// A local stand-in for an OpenAI-compatible chat-completions server (llama.cpp's
// server, Ollama, vLLM, OpenAI), listening on loopback. It speaks the documented
// streaming protocol exactly: POST /v1/chat/completions with {model, messages,
// stream: true, tools?}; the answer is text/event-stream with one
// `data: {"object":"chat.completion.chunk", "choices":[{"index":0,"delta":{...},
// "finish_reason":null}]}` per piece, a last chunk with finish_reason, then
// `data: [DONE]`. Tool calls arrive as delta.tool_calls fragments keyed by index
// (id, type and function.name in the first, function.arguments in pieces).
// Errors are an HTTP status with {"error": {"message", "type", "code"}}.
//
// What it answers is chosen by markers in the last user message (tests send
// them): [tool] calls image_gen, [slow] streams slowly, [hold] slower still after five pieces, [cut] drops the
// connection mid-stream the first time a text is seen, [error] answers 500,
// [badkey] answers 401 quoting the key, [keyecho] an error event quoting it,
// [bench N MS] streams N pieces MS ms apart, [stall] sends one piece and then nothing, [script] answers Markdown with an HTML <script> in it, [md] answers Markdown.
// After a tool result it answers a short closing sentence. The enhancer's and
// the title's system prompts are recognised; their behaviour is set through
// fake.enhancer ('ok' | 'error' | 'slow' | 'hang'), the enhanced prompt and the
// title through fake.enhanced and fake.title. fake.scenes (tested before the
// markers) scripts whole answers: [{match: RegExp on the last user message,
// reply: text, tool?: {prompt, size} (an image_gen call after the reply),
// after?: text answered once the tool result is back}]. Every request is
// recorded in fake.requests ({headers, body}).
import http from 'node:http';

const SIZES = ['1024x1024', '1536x1024', '1024x1536'];

export function startFakeChat() {
  const fake = {
    requests: [],
    enhancer: 'ok',
    enhanced: 'a shiny red cube on a wooden table at sunset',
    title: 'Fake Title Words',
    scenes: [],
    cutSeen: new Set(),
    port: 0,
    server: null,
    sockets: new Set(),
    close() {
      for (const s of this.sockets) s.destroy();
      return new Promise((resolve) => this.server.close(resolve));
    },
    // The chat requests (not the enhancer's or the title's).
    chatRequests() {
      return this.requests.filter((r) => !isEnhancer(r.body) && !isTitle(r.body));
    },
  };
  const server = http.createServer((req, res) => handle(fake, req, res));
  server.on('connection', (s) => {
    fake.sockets.add(s);
    s.on('close', () => fake.sockets.delete(s));
  });
  fake.server = server;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      fake.port = server.address().port;
      resolve(fake);
    });
  });
}

const system = (body) => (body.messages || []).find((m) => m.role === 'system')?.content || '';
const isEnhancer = (body) => /^You rewrite prompts/.test(system(body));
const isTitle = (body) => /^Write a title/.test(system(body));

function sendError(res, status, message, type = 'invalid_request_error') {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function handle(fake, req, res) {
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
    sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`);
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      sendError(res, 400, 'We could not parse the JSON body of your request.');
      return;
    }
    fake.requests.push({ headers: req.headers, body });
    // Field-by-field checks of what a real server requires.
    if (!/^application\/json/.test(req.headers['content-type'] || '')) return sendError(res, 400, 'Content-Type must be application/json');
    if (typeof body.model !== 'string' || !body.model) return sendError(res, 400, "you must provide a model parameter");
    if (!Array.isArray(body.messages) || !body.messages.length) return sendError(res, 400, "'messages' must be a non-empty array");
    for (const [i, m] of body.messages.entries()) {
      if (!['system', 'user', 'assistant', 'tool'].includes(m.role)) return sendError(res, 400, `messages[${i}].role: invalid`);
      if (m.role === 'tool' && typeof m.tool_call_id !== 'string') return sendError(res, 400, `messages[${i}].tool_call_id: required`);
      if (m.role !== 'assistant' && typeof m.content !== 'string') return sendError(res, 400, `messages[${i}].content: expected a string`);
      if (m.role === 'tool') {
        const prev = body.messages.slice(0, i).reverse().find((x) => x.role !== 'tool');
        if (!prev?.tool_calls?.some((c) => c.id === m.tool_call_id)) return sendError(res, 400, `messages[${i}]: tool_call_id does not answer a call`);
      }
    }
    if (body.stream !== true) return sendError(res, 400, 'this fake only streams');
    if (body.tools !== undefined && (!Array.isArray(body.tools) || body.tools.some((t) => t.type !== 'function' || !t.function?.name))) {
      return sendError(res, 400, "'tools' must be an array of functions");
    }
    await answer(fake, body, req, res);
  });
}

async function answer(fake, body, req, res) {
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 12)}`;
  const created = Math.floor(Date.now() / 1000);
  let open = true;
  res.on('close', () => {
    open = false;
  });
  const chunk = (delta, finish = null) => {
    if (!open) return;
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, system_fingerprint: 'fp_fake', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`);
  };
  const start = () => res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  // delayMs: between pieces, or a function of the piece's index.
  const streamText = async (text, pieceLen = 6, delayMs = 5) => {
    start();
    chunk({ role: 'assistant', content: '' });
    for (let i = 0; i < text.length && open; i += pieceLen) {
      chunk({ content: text.slice(i, i + pieceLen) });
      const ms = typeof delayMs === 'function' ? delayMs(i / pieceLen) : delayMs;
      if (ms) await sleep(ms);
    }
    chunk({}, 'stop');
    if (open) res.end('data: [DONE]\n\n');
  };

  if (isEnhancer(body)) {
    if (fake.enhancer === 'error') return sendError(res, 503, 'The enhancer model is loading', 'server_error');
    if (fake.enhancer === 'slow') {
      // Answers, but only after 7 s of silence (longer than a short job lease).
      start();
      chunk({ role: 'assistant', content: '' });
      await sleep(7000);
      chunk({ content: fake.enhanced });
      chunk({}, 'stop');
      if (open) res.end('data: [DONE]\n\n');
      return;
    }
    if (fake.enhancer === 'hang') {
      start();
      chunk({ role: 'assistant', content: '' });
      return; // never ends: the client's timeout must end it
    }
    return streamText(fake.enhanced);
  }
  if (isTitle(body)) return streamText(fake.title);

  const last = body.messages.at(-1);
  const lastUser = String(body.messages.findLast((m) => m.role === 'user')?.content ?? '');
  const scene = fake.scenes.find((sc) => sc.match.test(lastUser));
  if (last.role === 'tool') return streamText(scene?.after ?? `Done: ${last.content.slice(0, 60)}`);
  const text = String(last.content);
  if (scene) {
    if (!scene.tool || !Array.isArray(body.tools) || !body.tools.some((t) => t.function.name === 'image_gen')) return streamText(scene.reply, 6, 10);
    start();
    chunk({ role: 'assistant', content: '' });
    for (let i = 0; i < scene.reply.length && open; i += 6) {
      chunk({ content: scene.reply.slice(i, i + 6) });
      await sleep(5);
    }
    const args = JSON.stringify({ prompt: scene.tool.prompt, size: scene.tool.size || SIZES[0] });
    chunk({ tool_calls: [{ index: 0, id: 'call_scene1', type: 'function', function: { name: 'image_gen', arguments: '' } }] });
    for (let i = 0; i < args.length; i += 7) chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 7) } }] });
    chunk({}, 'tool_calls');
    if (open) res.end('data: [DONE]\n\n');
    return;
  }
  if (text.includes('[error]')) return sendError(res, 500, 'The model is overloaded, try again later', 'server_error');
  // OpenAI's 401 quotes the key it was given; [keyecho] has a server echo it in an error event.
  const key = String(req.headers.authorization || '').replace(/^Bearer /, '');
  if (text.includes('[badkey]')) return sendError(res, 401, `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`);
  if (text.includes('[keyecho]')) {
    start();
    res.end(`data: ${JSON.stringify({ error: { message: `quota exceeded for key ${key}`, type: 'insufficient_quota', code: null } })}\n\n`);
    return;
  }
  if (text.includes('[tool]') && Array.isArray(body.tools) && body.tools.some((t) => t.function.name === 'image_gen')) {
    start();
    chunk({ role: 'assistant', content: 'Let me draw that. ' });
    const args = JSON.stringify({ prompt: 'a red cube next to a blue sphere', size: SIZES[0] });
    chunk({ tool_calls: [{ index: 0, id: 'call_img1', type: 'function', function: { name: 'image_gen', arguments: '' } }] });
    for (let i = 0; i < args.length; i += 7) {
      chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 7) } }] });
      await sleep(2);
    }
    chunk({}, 'tool_calls');
    res.end('data: [DONE]\n\n');
    return;
  }
  if (text.includes('[cut]') && !fake.cutSeen.has(text)) {
    fake.cutSeen.add(text);
    start();
    chunk({ role: 'assistant', content: '' });
    chunk({ content: 'This answer will ' });
    chunk({ content: 'stop in the mid' });
    await sleep(50);
    res.socket.destroy(); // no finish_reason, no [DONE]
    return;
  }
  const bench = text.match(/\[bench (\d{1,4}) (\d{1,4})\]/);
  if (bench) {
    // [bench N MS]: N pieces of 8 characters, MS milliseconds apart.
    return streamText('abcdefgh'.repeat(Number(bench[1])), 8, Number(bench[2]));
  }
  if (text.includes('[stall]')) {
    start();
    chunk({ role: 'assistant', content: 'Thinking' });
    return; // then nothing: the client's idle timeout must end it
  }
  if (text.includes('[hold]')) {
    // The [slow] words, five pieces quickly, then one every 500 ms (about 20 s in all):
    // a client that stops the reply is sure to stop it mid-way.
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `).join('');
    return streamText(words, 6, (i) => (i < 5 ? 60 : 500));
  }
  if (text.includes('[slow]')) {
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `).join('');
    return streamText(words, 6, 60);
  }
  if (text.includes('[script]')) {
    return streamText('Here is code: <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned=2"> **bold** [link](javascript:alert(1)) [safe](https://example.com/a)', 8, 30);
  }
  if (text.includes('[md]')) {
    return streamText('# Heading\n\nSome *emphasis* and **strong** text with `code`.\n\n- one\n- two\n\n```\nlet x = 1 < 2;\n```\n\nSee [the docs](https://example.com/docs).', 5, 40);
  }
  return streamText(`You said: ${text.slice(0, 40)}. This is **the fake model** answering in order.`, 5, 10);
}
