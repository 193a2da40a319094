// The Node SDK (openai 7.57.0) against a real kino server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI, { BadRequestError, NotFoundError } from 'openai';
import { isJpeg, isMp4, isWebp, outDir, startKino } from './kino.js';

const T = { timeout: 900_000 };
const FIELDS = ['completed_at', 'created_at', 'error', 'expires_at', 'id', 'model', 'object', 'progress', 'prompt',
  'remixed_from_video_id', 'seconds', 'size', 'status'];
let kino, client, strict, out, done;

before(async () => {
  kino = await startKino();
  client = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x' });
  strict = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x', maxRetries: 0 });
  out = outDir();
});
after(async () => {
  await kino?.stop();
  if (kino) console.log(`kino server log: ${kino.logPath}`);
});

// createAndPoll is not in 7.57.0 (resources/videos.mjs has none): poll with retrieve, as the guide's fallback.
async function waitDone(id, limitMs = 600_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const { data: v, response } = await client.videos.retrieve(id).withResponse();
    if (v.status !== 'queued' && v.status !== 'in_progress') return v;
    const hint = response.headers.get('openai-poll-after-ms');
    assert.match(hint ?? '', /^\d+$/, `openai-poll-after-ms on ${v.status}`);
    assert.ok(Date.now() < deadline, `${id} still ${v.status}`);
    await new Promise((r) => setTimeout(r, Math.min(Number(hint), 1000)));
  }
}

async function rejects(promise, cls, { status, code, param } = {}) {
  const e = await promise.then(
    (v) => assert.fail(`expected ${cls.name}, got success: ${JSON.stringify(v)}`),
    (e) => e,
  );
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${e?.constructor?.name}: ${e?.message}`);
  if (status !== undefined) assert.equal(e.status, status);
  assert.equal(e.type, 'invalid_request_error', e.message);
  if (code !== undefined) assert.equal(e.code, code, e.message);
  if (param !== undefined) assert.equal(e.param, param, e.message);
  assert.match(e.requestID ?? '', /^req_/);
  assert.deepEqual(Object.keys(e.error).sort(), ['code', 'message', 'param', 'type']);
  return e;
}

test('create + poll until completed', T, async () => {
  const v = await client.videos.create({ model: 'sora-2', prompt: 'A red fox trotting through snow', size: '1280x720', seconds: '4' });
  assert.deepEqual(Object.keys(v).sort(), FIELDS);
  assert.equal(v.object, 'video');
  assert.ok(['queued', 'in_progress'].includes(v.status), v.status);
  done = await waitDone(v.id);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  assert.equal(done.progress, 100);
  assert.ok(Number.isInteger(done.completed_at));
  assert.deepEqual([done.model, done.size, done.seconds], ['sora-2', '1280x720', '4']);
});

test('downloadContent: video, thumbnail, spritesheet', T, async () => {
  assert.ok(done, 'needs the completed video');
  for (const [variant, ext, check, type] of [
    ['video', 'mp4', isMp4, 'video/mp4'],
    ['thumbnail', 'webp', isWebp, 'image/webp'],
    ['spritesheet', 'jpg', isJpeg, 'image/jpeg'],
  ]) {
    const res = await client.videos.downloadContent(done.id, { variant });
    assert.equal(res.headers.get('content-type'), type);
    const bytes = Buffer.from(await res.arrayBuffer());
    writeFileSync(join(out, `node_${variant}.${ext}`), bytes);
    assert.ok(check(bytes), `${variant}: wrong magic bytes ${bytes.subarray(0, 12).toString('hex')}`);
  }
});

test('list: for-await auto-pagination yields 26 new videos once each, in order', T, async () => {
  const ids = [];
  for (let i = 0; i < 26; i++) ids.push((await client.videos.create({ prompt: `node list test ${i}` })).id);
  try {
    const seen = [];
    for await (const v of client.videos.list({ limit: 5, order: 'asc' })) {
      seen.push(v.id);
      if (seen.length > 2000) break;
    }
    assert.equal(new Set(seen).size, seen.length, 'an id appeared twice');
    assert.deepEqual(seen.filter((id) => ids.includes(id)), ids);
    const page = await client.videos.list({ limit: 5, order: 'asc', after: ids[4] });
    assert.deepEqual(page.data.map((v) => v.id), ids.slice(5, 10));
    assert.equal(page.last_id, ids[9]);
    assert.equal(page.has_more, true);
  } finally {
    for (const id of ids) await client.videos.delete(id);
  }
});

test('delete: completed and queued videos', T, async () => {
  assert.ok(done, 'needs the completed video');
  const queued = await client.videos.create({ prompt: 'deleted while queued', seconds: '20' });
  for (const id of [done.id, queued.id]) {
    assert.deepEqual(await client.videos.delete(id), { id, object: 'video.deleted', deleted: true });
    await rejects(strict.videos.retrieve(id), NotFoundError, { status: 404 });
    await rejects(strict.videos.downloadContent(id), NotFoundError, { status: 404 });
  }
});

test('errors: BadRequestError with code and param', T, async () => {
  for (const [body, param, code] of [
    [{ prompt: 'x', seconds: '10' }, 'seconds', 'invalid_value'],
    [{ prompt: 'x', size: '999x999' }, 'size', 'invalid_value'],
    [{ prompt: 'x', model: 'sora-2', size: '1920x1080' }, 'size', 'invalid_value'],
    [{ prompt: 'x', model: 'sora-9' }, 'model', 'invalid_value'],
    [{ prompt: '' }, 'prompt', undefined],
    [{ prompt: 'a'.repeat(32001) }, 'prompt', undefined],
  ]) {
    await rejects(strict.videos.create(body), BadRequestError, { status: 400, code, param });
  }
  await rejects(strict.videos.list({ limit: 101 }), BadRequestError, { status: 400, param: 'limit' });
  await rejects(strict.videos.list({ order: 'sideways' }), BadRequestError, { status: 400, param: 'order' });
});

test('errors: content policy refusals are BadRequestError moderation_blocked', T, async () => {
  for (const [prompt, rule] of [['Pikachu surfing a wave', 'copyrighted_characters'], ['Barack Obama waving', 'public_figures']]) {
    const e = await rejects(strict.videos.create({ prompt }), BadRequestError, { status: 400, code: 'moderation_blocked', param: 'prompt' });
    assert.ok(e.error.message.includes(`'${rule}'`), e.error.message);
  }
  const ok = await client.videos.create({ prompt: 'a drake swimming in a pond', seconds: '4' });
  await client.videos.delete(ok.id);
});

test('errors: NotFoundError for unknown ids and content not ready', T, async () => {
  const unknown = 'video_' + 'e'.repeat(48);
  await rejects(strict.videos.retrieve(unknown), NotFoundError, { status: 404 });
  await rejects(strict.videos.downloadContent(unknown), NotFoundError, { status: 404 });
  await rejects(strict.videos.delete(unknown), NotFoundError, { status: 404 });
  const v = await client.videos.create({ model: 'sora-2-pro', prompt: 'slow', size: '1920x1080', seconds: '20' });
  try {
    const e = await rejects(strict.videos.downloadContent(v.id), NotFoundError, { status: 404 });
    assert.match(e.error.message, /^Video is not ready yet/);
  } finally {
    await client.videos.delete(v.id);
  }
});

test('bracket-encoded references (input_reference[file_id], characters[][id]) parse: an unknown id is a 404 naming the field', T, async () => {
  for (const [extra, param, message] of [
    [{ input_reference: { file_id: 'file-doesnotexist' } }, 'input_reference.file_id', 'No such File object: file-doesnotexist'],
    [{ characters: [{ id: 'char_doesnotexist' }] }, 'characters', "Character with id 'char_doesnotexist' not found."],
  ]) {
    const e = await rejects(strict.videos.create({ prompt: 'refs', ...extra }), NotFoundError, { status: 404, code: null, param });
    assert.equal(e.error.message, message);
  }
});
