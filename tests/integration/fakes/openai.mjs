// A fake OpenAI Images API (POST /v1/images/generations, POST /v1/images/edits) that
// checks requests field by field the way the real API answers them: unknown or
// missing parameters, bad values, a wrong key (401, invalid_api_key), prompts its
// moderation blocks (400, moderation_blocked). Streams image_generation.* /
// image_edit.* events with partial images when asked. Images are PNGs whose colour
// says which request made them (generations red, edits green).
import { FakeServer, sendJson, sleep, validate } from './common.mjs';
import { makePng } from '../lib/png.mjs';

const SIZES = {
  'gpt-image-1': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
};

// dall-e models take response_format and none of gpt-image-1's own parameters.
function dalleSchema(model) {
  return {
    model: { type: 'string', enum: ['dall-e-2', 'dall-e-3'] },
    prompt: { type: 'string', required: true, maxLength: model === 'dall-e-3' ? 4000 : 1000, nonEmpty: true },
    n: { type: 'integer', min: 1, max: model === 'dall-e-3' ? 1 : 10 },
    size: { type: 'string', enum: SIZES[model] },
    response_format: { type: 'string', enum: ['url', 'b64_json'] },
    quality: { type: 'string', enum: ['standard', 'hd'] },
    style: { type: 'string', enum: ['vivid', 'natural'] },
    user: { type: 'string' },
  };
}

function gptImageSchema(edit) {
  const s = {
    model: { type: 'string', enum: ['gpt-image-1'] },
    prompt: { type: 'string', required: true, maxLength: 32000, nonEmpty: true },
    n: { type: 'integer', min: 1, max: 10 },
    size: { type: 'string', enum: SIZES['gpt-image-1'] },
    quality: { type: 'string', enum: ['low', 'medium', 'high', 'auto'] },
    background: { type: 'string', enum: ['transparent', 'opaque', 'auto'] },
    output_format: { type: 'string', enum: ['png', 'jpeg', 'webp'] },
    output_compression: { type: 'integer', min: 0, max: 100 },
    stream: { type: 'boolean' },
    partial_images: { type: 'integer', min: 0, max: 3 },
    user: { type: 'string' },
  };
  if (!edit) {
    s.moderation = { type: 'string', enum: ['low', 'auto'] };
  } else {
    s.input_fidelity = { type: 'string', enum: ['low', 'high'] };
  }
  return s;
}

function apiError(res, status, message, type, param, code) {
  sendJson(res, status, { error: { message, type, param, code } });
}

// key: null accepts requests without Authorization (LocalAI and the like).
export async function startOpenAI({ key = 'sk-test-key-0123456789abcdef', stepMs = 120 } = {}) {
  const fake = new FakeServer('openai', async (req, res, rec) => {
    const edit = rec.path === '/v1/images/edits';
    if (req.method !== 'POST' || (rec.path !== '/v1/images/generations' && !edit)) {
      return apiError(res, 404, `Invalid URL (${req.method} ${rec.path})`, 'invalid_request_error', null, null);
    }
    const auth = req.headers.authorization || '';
    if (fake.key !== null && auth !== `Bearer ${fake.key}`) {
      const shown = auth.replace(/^Bearer /, '');
      return apiError(res, 401, `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', null, 'invalid_api_key');
    }
    let params;
    let image = null;
    if (edit) {
      const ct = req.headers['content-type'] || '';
      if (!ct.startsWith('multipart/form-data')) {
        return apiError(res, 400, "Invalid Content-Type header (expected multipart/form-data)", 'invalid_request_error', null, null);
      }
      const form = await new Response(rec.body, { headers: { 'content-type': ct } }).formData();
      params = {};
      for (const [k, v] of form.entries()) {
        if (k === 'image' || k === 'image[]') {
          image = Buffer.from(await v.arrayBuffer());
          if (!v.type || !['image/png', 'image/jpeg', 'image/webp'].includes(v.type)) {
            return apiError(res, 400, `Invalid file 'image': unsupported mimetype ('${v.type}').`, 'invalid_request_error', 'image', 'unsupported_file_mimetype');
          }
          continue;
        }
        if (typeof v !== 'string') return apiError(res, 400, `Unexpected file '${k}'.`, 'invalid_request_error', k, null);
        params[k] = ['n', 'partial_images', 'output_compression'].includes(k) && /^\d+$/.test(v) ? Number(v)
          : k === 'stream' && (v === 'true' || v === 'false') ? v === 'true' : v;
      }
      if (!image) return apiError(res, 400, "Missing required parameter: 'image'.", 'invalid_request_error', 'image', 'missing_required_parameter');
      if (image.subarray(1, 4).toString('latin1') !== 'PNG') {
        return apiError(res, 400, 'Invalid image file or mode for image 1, please check your image file.', 'invalid_request_error', 'image', 'invalid_image_file');
      }
      rec.form = params;
      rec.image = image;
    } else {
      if (rec.json === undefined) {
        return apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null, null);
      }
      params = rec.json;
    }
    const model = params.model || 'dall-e-2';
    if (model === 'gpt-image-1' && params.response_format !== undefined) {
      return apiError(res, 400, "Unknown parameter: 'response_format'.", 'invalid_request_error', 'response_format', 'unknown_parameter');
    }
    const dalle = model.startsWith('dall-e');
    const bad = dalle ? validate(params, dalleSchema(model))
      : validate(Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'response_format')), gptImageSchema(edit));
    if (bad) {
      if (bad.problem === 'unknown') return apiError(res, 400, `Unknown parameter: '${bad.field}'.`, 'invalid_request_error', bad.field, 'unknown_parameter');
      if (bad.problem === 'missing') return apiError(res, 400, `Missing required parameter: '${bad.field}'.`, 'invalid_request_error', bad.field, 'missing_required_parameter');
      return apiError(res, 400, `Invalid value for '${bad.field}': ${bad.problem}.`, 'invalid_request_error', bad.field, 'invalid_value');
    }
    if (/\bforbidden\b/i.test(params.prompt)) {
      return apiError(res, 400, 'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_1234.', 'image_generation_user_error', null, 'moderation_blocked');
    }
    if (dalle && params.response_format !== 'b64_json') {
      // url answers would need a second fetch from OpenAI's CDN; the client asks for b64_json.
      return apiError(res, 400, 'This fake only answers response_format b64_json for dall-e models.', 'invalid_request_error', 'response_format', 'invalid_value');
    }
    const [w, h] = (params.size && params.size !== 'auto' ? params.size : '1024x1024').split('x').map(Number);
    const colour = edit ? [40, 200, 60] : [220, 40, 40];
    const finalPng = makePng(w, h, (x, y) => [colour[0] ^ (x & 7), colour[1] ^ (y & 7), colour[2], 255]);
    // fake.nextImage: the bytes of the next answer instead (servers like LocalAI answer
    // in their own format whatever output_format says).
    const b64 = (fake.nextImage || finalPng).toString('base64');
    fake.nextImage = null;
    const meta = { created_at: Math.floor(Date.now() / 1000), size: `${w}x${h}`, quality: params.quality || 'auto', background: params.background || 'auto', output_format: params.output_format || 'png' };
    const usage = { total_tokens: 100, input_tokens: 50, output_tokens: 50, input_tokens_details: { text_tokens: 10, image_tokens: 40 } };
    const prefix = edit ? 'image_edit' : 'image_generation';
    if (params.stream) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
      // fake.streamFault (once): 'garbage' events without a completed image, 'cut' the
      // connection after the first partial, 'bad-image' a completed event whose bytes are no image.
      const sf = fake.streamFault;
      fake.streamFault = null;
      if (sf === 'garbage') {
        res.write('event: image_generation.partial_image\ndata: {not json at all\n\n');
        res.write('data: \u0000\u0001\u0002\n\n:::\n\n');
        res.end(`event: image_generation.completed\ndata: ${JSON.stringify({ type: 'image_generation.completed', b64_json: '%%%not base64%%%' })}\n\n`);
        return;
      }
      if (sf === 'cut') {
        const partial = makePng(w, h, () => [90, 90, 90, 255]).toString('base64');
        res.write(`event: ${prefix}.partial_image\ndata: ${JSON.stringify({ type: `${prefix}.partial_image`, b64_json: partial, ...meta, partial_image_index: 0 })}\n\n`);
        await sleep(stepMs);
        req.socket.destroy();
        return;
      }
      if (sf === 'bad-image') {
        res.end(`event: ${prefix}.completed\ndata: ${JSON.stringify({ type: `${prefix}.completed`, b64_json: Buffer.from('GIF89a this is not a PNG').toString('base64'), ...meta, usage })}\n\n`);
        return;
      }
      const n = params.partial_images || 0;
      for (let i = 0; i < n; i++) {
        await sleep(stepMs);
        // Partials: the final image, coarser (a grey wash over it) as the index grows.
        const shade = 200 - i * 60;
        const partial = makePng(w, h, (x, y) => [shade, shade, shade, 255]).toString('base64');
        res.write(`event: ${prefix}.partial_image\ndata: ${JSON.stringify({ type: `${prefix}.partial_image`, b64_json: partial, ...meta, partial_image_index: i })}\n\n`);
      }
      await sleep(stepMs);
      res.end(`event: ${prefix}.completed\ndata: ${JSON.stringify({ type: `${prefix}.completed`, b64_json: b64, ...meta, usage })}\n\n`);
      return;
    }
    await sleep(stepMs * 2);
    if (dalle) return sendJson(res, 200, { created: meta.created_at, data: [{ b64_json: b64, revised_prompt: params.prompt }] });
    sendJson(res, 200, { created: meta.created_at, data: [{ b64_json: b64 }], background: meta.background, output_format: meta.output_format, size: meta.size, quality: meta.quality, usage });
  });
  fake.key = key;
  return fake.start();
}
