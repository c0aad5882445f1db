// A fake AUTOMATIC1111/Forge API: POST /sdapi/v1/txt2img (blocks while it "renders"
// in steps), POST /internal/progress {id_task, id_live_preview, live_preview} with
// percent and live previews as data: URLs, POST /sdapi/v1/interrupt. Requests are
// checked field by field like the real FastAPI/pydantic models answer them (422
// with a detail list; 404 "Sampler not found").
import { FakeServer, sendJson, sleep, validate } from './common.mjs';
import { makePng } from '../lib/png.mjs';

const SAMPLERS = ['Euler a', 'Euler', 'DPM++ 2M', 'DPM++ 2M Karras', 'DDIM', 'UniPC'];

const TXT2IMG = {
  prompt: { type: 'string' },
  negative_prompt: { type: 'string' },
  styles: { type: 'array' },
  seed: { type: 'integer', min: -1 },
  subseed: { type: 'integer' },
  subseed_strength: { type: 'number' },
  sampler_name: { type: 'string' },
  scheduler: { type: 'string' },
  batch_size: { type: 'integer', min: 1, max: 8 },
  n_iter: { type: 'integer', min: 1, max: 100 },
  steps: { type: 'integer', min: 1, max: 150 },
  cfg_scale: { type: 'number', min: 1, max: 30 },
  width: { type: 'integer', min: 64, max: 2048 },
  height: { type: 'integer', min: 64, max: 2048 },
  restore_faces: { type: 'boolean' },
  tiling: { type: 'boolean' },
  enable_hr: { type: 'boolean' },
  denoising_strength: { type: 'number' },
  override_settings: { type: 'object' },
  override_settings_restore_afterwards: { type: 'boolean' },
  force_task_id: { type: 'string' },
  send_images: { type: 'boolean' },
  save_images: { type: 'boolean' },
  alwayson_scripts: { type: 'object' },
  sampler_index: { type: 'string' },
  script_name: { type: 'string' },
  script_args: { type: 'array' },
  infotext: { type: 'string' },
};

function unprocessable(res, field, msg, type) {
  sendJson(res, 422, { detail: [{ loc: ['body', field], msg, type }] });
}

export async function startA1111({ steps = 8, stepMs = 150, previewEvery = 2 } = {}) {
  const tasks = new Map(); // id -> { progress, previewId, preview, done, interrupted }
  let current = null;
  const fake = new FakeServer('a1111', async (req, res, rec) => {
    if (req.method === 'POST' && rec.path === '/internal/progress') {
      const q = rec.json;
      const bad = validate(q, { id_task: { type: 'string', required: true }, id_live_preview: { type: 'integer' }, live_preview: { type: 'boolean' } });
      if (bad) return unprocessable(res, bad.field, bad.problem === 'missing' ? 'field required' : bad.problem, 'value_error');
      const t = tasks.get(q.id_task);
      if (!t) return sendJson(res, 200, { active: false, queued: false, completed: false, progress: null, eta: null, live_preview: null, id_live_preview: -1, textinfo: 'Waiting...' });
      const fresh = q.live_preview !== false && t.preview && t.previewId !== q.id_live_preview;
      return sendJson(res, 200, {
        active: !t.done, queued: false, completed: t.done, progress: t.progress, eta: t.done ? 0 : (1 - t.progress) * steps * stepMs / 1000,
        live_preview: fresh ? t.preview : null, id_live_preview: fresh ? t.previewId : q.id_live_preview ?? -1,
        textinfo: `Sampling step ${Math.round(t.progress * steps)}/${steps}`,
      });
    }
    if (req.method === 'POST' && rec.path === '/sdapi/v1/interrupt') {
      if (current) current.interrupted = true;
      return sendJson(res, 200, {});
    }
    if (req.method === 'POST' && rec.path === '/sdapi/v1/txt2img') {
      if (rec.json === undefined) return unprocessable(res, 'body', 'value is not a valid dict', 'type_error.dict');
      const p = rec.json;
      const bad = validate(p, TXT2IMG);
      if (bad) return unprocessable(res, bad.field, bad.problem === 'unknown' ? 'extra fields not permitted' : bad.problem, bad.problem === 'unknown' ? 'value_error.extra' : 'type_error');
      if (p.sampler_name && !SAMPLERS.includes(p.sampler_name)) return sendJson(res, 404, { detail: 'Sampler not found' });
      if (p.override_settings) {
        const ok = Object.keys(p.override_settings).every((k) => ['sd_model_checkpoint', 'CLIP_stop_at_last_layers'].includes(k));
        if (!ok) return unprocessable(res, 'override_settings', 'unknown setting', 'value_error');
      }
      if (/\bexplode\b/.test(p.prompt || '')) {
        return sendJson(res, 500, { error: 'OutOfMemoryError', detail: '', body: '', errors: 'CUDA out of memory. Tried to allocate 2.00 GiB' });
      }
      const id = p.force_task_id || `task(${Math.random().toString(36).slice(2)})`;
      const w = p.width || 512;
      const h = p.height || 512;
      const t = { progress: 0, previewId: -1, preview: null, done: false, interrupted: false };
      tasks.set(id, t);
      current = t;
      // A prompt with the word "slow" runs twenty times as long (tests cancel it mid-run).
      const n = /\bslow\b/.test(p.prompt || '') ? steps * 20 : steps;
      for (let s = 1; s <= n && !t.interrupted; s++) {
        await sleep(stepMs);
        t.progress = s / n;
        if (s % previewEvery === 0 && s < steps) {
          const shade = 40 + s * 20;
          t.preview = `data:image/png;base64,${makePng(Math.max(64, w >> 2), Math.max(64, h >> 2), () => [shade, shade, 255 - shade, 255]).toString('base64')}`;
          t.previewId += 1;
        }
      }
      t.done = true;
      current = null;
      const seed = p.seed === undefined || p.seed === -1 ? 1234567 : p.seed;
      const model = p.override_settings?.sd_model_checkpoint || 'v1-5-pruned-emaonly';
      const png = makePng(w, h, (x, y) => [30 ^ (x & 3), 60 + (seed % 64), 220 ^ (y & 3), 255]);
      const info = {
        prompt: p.prompt, all_prompts: [p.prompt], negative_prompt: p.negative_prompt || '', seed, all_seeds: [seed],
        subseed: 99, width: w, height: h, sampler_name: p.sampler_name || 'Euler a', cfg_scale: p.cfg_scale ?? 7,
        steps: p.steps ?? 20, sd_model_name: model, sd_model_hash: '6ce0161689', job_timestamp: '20261125120000',
        infotexts: [`${p.prompt}\nSteps: ${p.steps}, Sampler: ${p.sampler_name}, Seed: ${seed}`],
      };
      return sendJson(res, 200, { images: [png.toString('base64')], parameters: p, info: JSON.stringify(info) });
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  });
  fake.tasks = tasks;
  return fake.start();
}
