// Turns through the conversation API for the remote-engine tests: prepare + the
// streamed turn, the final pieces of a stream, and the stored image.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { streamPost, deltas } from './sse.mjs';
import { decodePng } from './png.mjs';

export async function prepare(client) {
  const res = await client.post('/backend-api/f/conversation/prepare', {});
  assert.equal(res.status, 200, res.text);
  return res.json.conduit_token;
}

export function turnBody(prompt, extra = {}) {
  return {
    action: 'next',
    conversation_id: null,
    parent_message_id: 'client-created-root',
    messages: [{ id: crypto.randomUUID(), author: { role: 'user' }, content: { content_type: 'text', parts: [prompt] }, metadata: { system_hints: ['picture_v2'] } }],
    model: 'auto',
    system_hints: ['picture_v2'],
    supported_encodings: ['v1'],
    image: { size: '256x256', seed: 7, ...(extra.image || {}) },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'image')),
  };
}

export async function turn(inst, client, body, opts = {}) {
  const token = await prepare(client);
  return streamPost(inst.port, '/backend-api/f/conversation', body, {
    headers: { Cookie: client.jar.header(), 'X-Conduit-Token': token },
    onEvent: opts.onEvent,
    timeout: opts.timeout,
  });
}

// The tool message's end state, the image parts, previews and progress of a finished stream.
export function result(events) {
  const d = deltas(events);
  const patch = d.find((x) => x.o === 'patch');
  const op = (p) => patch?.v.find((o) => o.p === p)?.v;
  return {
    status: op('/message/status'),
    content: op('/message/content'),
    meta: op('/message/metadata'),
    assistant: d.find((x) => x.o === 'add' && x.c === 2)?.v.message,
    user: d.find((x) => x.o === 'add' && x.c === 0)?.v.message,
    conversationId: d[0]?.v?.conversation_id,
    partials: d.filter((x) => x.p === '/message/metadata/partial_images'),
    percents: d.filter((x) => x.p === '/message/metadata' && x.v.image_gen_progress?.state === 'rendering').map((x) => x.v.image_gen_progress.percent),
  };
}

export async function fetchImage(inst, client, part) {
  const id = part.asset_pointer.replace('sediment://', '');
  const d = await client.get(`/backend-api/files/download/${id}`);
  assert.equal(d.status, 200, d.text);
  const res = await inst.request('GET', d.json.download_url);
  assert.equal(res.status, 200);
  return { ...decodePng(res.body), bytes: res.body };
}

export async function gallery(client) {
  const res = await client.get('/backend-api/my/recent/image_gen?limit=100');
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

// A turn that must end in a failure: the readable reason, nothing stored.
export async function expectFailure(inst, client, prompt, pattern, extra) {
  const before = (await gallery(client)).length;
  const res = await turn(inst, client, turnBody(prompt, extra));
  assert.equal(res.status, 200, res.text);
  const r = result(res.events);
  assert.equal(r.status, 'finished_with_error', `status of "${prompt}"`);
  assert.match(r.meta.error, pattern);
  assert.equal(r.content, undefined, 'no image content');
  assert.equal(res.events.at(-1).data, '[DONE]');
  assert.equal((await gallery(client)).length, before, 'nothing added to the gallery');
  return r;
}

// With the fake backend down, a turn fails as not reachable (pattern); once it is up
// again, the next turn works.
export async function expectDownThenBack(inst, client, fake, pattern = /not reachable/) {
  await fake.down();
  try {
    await expectFailure(inst, client, 'a cube', pattern);
  } finally {
    await fake.up();
  }
  const res = await turn(inst, client, turnBody('a cube after all'));
  assert.equal(result(res.events).status, 'finished_successfully');
}
