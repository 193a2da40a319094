// Derived videos through the Node SDK (openai 7.57.0): input_reference (upload, input_reference[file_id],
// input_reference[image_url]), characters (createCharacter/getCharacter, characters[][id]), remix,
// edit (video[id] and uploads) and extend. Clips and images are made with ffmpeg (skipped without it).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI, { BadRequestError, NotFoundError, toFile } from 'openai';
import { isMp4, outDir, startKino } from './kino.js';

const T = { timeout: 900_000 };
const HAVE_FFMPEG = spawnSync('ffmpeg', ['-version']).status === 0;
const F = { ...T, skip: !HAVE_FFMPEG && 'ffmpeg not on PATH' };
const FIELDS = ['completed_at', 'created_at', 'error', 'expires_at', 'id', 'model', 'object', 'progress', 'prompt',
  'remixed_from_video_id', 'seconds', 'size', 'status'];
const MISMATCH = 'Inpaint image must match the requested width and height';
let kino, client, strict, out, tmp, source, sourceMp4;

before(async () => {
  kino = await startKino();
  client = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x' });
  strict = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x', maxRetries: 0 });
  out = outDir();
  tmp = mkdtempSync(join(tmpdir(), 'kino-derived-'));
});
after(async () => {
  await kino?.stop();
  if (kino) console.log(`kino server log: ${kino.logPath}`);
});

// ---------- helpers ----------

function ffmpeg(...args) {
  const r = spawnSync('ffmpeg', ['-nostdin', '-hide_banner', '-y', ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `ffmpeg ${args.join(' ')}:\n${r.stderr?.slice(-2000)}`);
  return r.stderr;
}

// A smooth gradient with a green square (survives H.264 well).
function makePng(name, w, h) {
  const path = join(tmp, name);
  ffmpeg('-f', 'lavfi', '-i',
    `gradients=s=${w}x${h}:c0=0x2040a0:c1=0xe0a040:x0=0:y0=0:x1=${w}:y1=${h}:nb_colors=2:seed=1,` +
    `drawbox=x=${w >> 2}:y=${Math.floor(h / 3)}:w=${w >> 1}:h=${h >> 2}:color=0x30c060@1:t=fill`,
    '-frames:v', '1', path);
  return path;
}

// Grey field, optionally with a magenta square moving across (a separable subject).
function makeClip(name, w, h, seconds, subject = true) {
  const path = join(tmp, name);
  const side = Math.floor((Math.min(w, h) * 7) / 18);
  const args = ['-f', 'lavfi', '-i', `color=gray:s=${w}x${h}:d=${seconds}:r=24`];
  if (subject) {
    args.push('-f', 'lavfi', '-i', `color=magenta:s=${side}x${side}:r=24`, '-filter_complex',
      `[0:v][1:v]overlay=x='${Math.floor(w / 6)}+t*${Math.floor(w / 10)}':y=${Math.floor(h / 3)}:shortest=1,format=yuv420p`);
  } else {
    args.push('-vf', 'format=yuv420p');
  }
  ffmpeg(...args, '-c:v', 'libx264', '-t', seconds, path);
  return path;
}

// PSNR (dB) of decoded frame 0 of `mp4` against `image`.
function psnr0(mp4, image) {
  const log = ffmpeg('-i', mp4, '-i', image, '-filter_complex',
    '[0:v]select=eq(n\\,0),setpts=PTS-STARTPTS,format=rgb24[a];[1:v]format=rgb24[b];[a][b]psnr',
    '-frames:v', '1', '-f', 'null', '-');
  const m = log.match(/average:(inf|[\d.]+)/g);
  assert.ok(m, `no PSNR in ffmpeg output:\n${log.slice(-2000)}`);
  const v = m[m.length - 1].split(':')[1];
  return v === 'inf' ? Infinity : Number(v);
}

async function waitDone(id, limitMs = 600_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const { data: v, response } = await client.videos.retrieve(id).withResponse();
    if (v.status !== 'queued' && v.status !== 'in_progress') {
      assert.equal(v.status, 'completed', JSON.stringify(v));
      assert.equal(v.progress, 100);
      return v;
    }
    assert.ok(Date.now() < deadline, `${id} still ${v.status}`);
    await new Promise((r) => setTimeout(r, Math.min(Number(response.headers.get('openai-poll-after-ms') ?? 250), 1000)));
  }
}

async function download(id, name) {
  const bytes = Buffer.from(await (await client.videos.downloadContent(id)).arrayBuffer());
  assert.ok(isMp4(bytes), `${name}: not an MP4`);
  const path = join(out, name);
  writeFileSync(path, bytes);
  return path;
}

function probe(path) {
  if (!HAVE_FFMPEG) return null;
  const j = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json', path]));
  const s = j.streams[0];
  return { size: `${s.width}x${s.height}`, frames: Number(s.nb_frames) };
}

function queued(v, { model, size, seconds, prompt, from }) {
  assert.deepEqual(Object.keys(v).sort(), FIELDS);
  assert.equal(v.object, 'video');
  assert.match(v.id, /^video_/);
  assert.ok(['queued', 'in_progress'].includes(v.status), v.status);
  assert.deepEqual([v.model, v.size, v.seconds, v.prompt, v.remixed_from_video_id], [model, size, seconds, prompt, from]);
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

const sourceReady = () => assert.ok(source, 'needs the completed source video');

// ---------- tests ----------

test('source: a completed 4 s 1280x720 video', T, async () => {
  const v = await client.videos.create({ prompt: 'A calm blue lake at dawn', size: '1280x720', seconds: '4' });
  source = await waitDone(v.id);
  sourceMp4 = await download(source.id, 'node_derived_source.mp4');
});

test('input_reference: uploaded PNG is frame 0; a wrong size is the observed 400', F, async () => {
  const png = makePng('ref.png', 720, 1280);
  const v = await client.videos.create({ prompt: 'A paper boat', input_reference: await toFile(readFileSync(png), 'ref.png', { type: 'image/png' }) });
  queued(v, { model: 'sora-2', size: '720x1280', seconds: '4', prompt: 'A paper boat', from: null });
  await waitDone(v.id);
  const mp4 = await download(v.id, 'node_derived_ref_upload.mp4');
  assert.deepEqual(probe(mp4), { size: '720x1280', frames: 96 });
  assert.ok(psnr0(mp4, png) >= 30, 'frame 0 should be the reference');

  const wrong = makePng('wrong.png', 1280, 720);
  const e = await rejects(strict.videos.create({ prompt: 'x', input_reference: await toFile(readFileSync(wrong), 'wrong.png', { type: 'image/png' }) }),
    BadRequestError, { status: 400, code: null, param: null });
  assert.equal(e.error.message, MISMATCH);
});

test('input_reference[file_id] (multipart bracket field) from files.create', F, async () => {
  const png = makePng('ref_file.png', 1280, 720);
  const f = await client.files.create({ file: await toFile(readFileSync(png), 'ref_file.png', { type: 'image/png' }), purpose: 'vision' });
  const v = await client.videos.create({ prompt: 'A kite', size: '1280x720', input_reference: { file_id: f.id } });
  queued(v, { model: 'sora-2', size: '1280x720', seconds: '4', prompt: 'A kite', from: null });
  await waitDone(v.id);
  await client.files.delete(f.id);
  const mp4 = await download(v.id, 'node_derived_ref_file.mp4');
  assert.ok(psnr0(mp4, png) >= 30, 'frame 0 should be the uploaded file');
  await rejects(strict.videos.create({ prompt: 'x', input_reference: { file_id: 'file-doesnotexist' } }), NotFoundError, { status: 404 });
});

test('input_reference[image_url]: data URL works, loopback URLs are refused', F, async () => {
  const png = makePng('ref_url.png', 720, 1280);
  const url = `data:image/png;base64,${readFileSync(png).toString('base64')}`;
  const v = await client.videos.create({ prompt: 'Lanterns', input_reference: { image_url: url } });
  queued(v, { model: 'sora-2', size: '720x1280', seconds: '4', prompt: 'Lanterns', from: null });
  await waitDone(v.id);
  assert.ok(psnr0(await download(v.id, 'node_derived_ref_url.mp4'), png) >= 30);
  for (const bad of ['http://127.0.0.1:1/x.png', 'http://localhost:1/x.png']) {
    await rejects(strict.videos.create({ prompt: 'x', input_reference: { image_url: bad } }), BadRequestError,
      { status: 400, param: 'input_reference.image_url' });
  }
});

test('characters: createCharacter, getCharacter, cast with characters[][id], limits', F, async () => {
  const clip = readFileSync(makeClip('mossy.mp4', 640, 360, 3));
  const before = Math.floor(Date.now() / 1000);
  const c = await client.videos.createCharacter({ name: 'Mossy', video: await toFile(clip, 'mossy.mp4', { type: 'video/mp4' }) });
  assert.deepEqual(Object.keys(c).sort(), ['created_at', 'id', 'name']);
  assert.match(c.id, /^char_/);
  assert.equal(c.name, 'Mossy');
  assert.ok(Number.isInteger(c.created_at) && c.created_at >= before - 1, String(c.created_at));
  assert.deepEqual(await client.videos.getCharacter(c.id), c);
  await rejects(strict.videos.getCharacter('char_doesnotexist'), NotFoundError, { status: 404 });

  const v = await client.videos.create({ prompt: 'Mossy crosses a meadow', characters: [{ id: c.id }] });
  queued(v, { model: 'sora-2', size: '720x1280', seconds: '4', prompt: 'Mossy crosses a meadow', from: null });
  await waitDone(v.id);
  await download(v.id, 'node_derived_character.mp4');

  const more = [];
  for (const name of ['Two', 'Three']) {
    more.push((await client.videos.createCharacter({ name, video: await toFile(clip, 'c.mp4', { type: 'video/mp4' }) })).id);
  }
  await rejects(strict.videos.create({ prompt: 'x', characters: [c.id, ...more].map((id) => ({ id })) }), BadRequestError,
    { status: 400, param: 'characters' });
  await rejects(strict.videos.create({ prompt: 'x', characters: [{ id: 'char_nope' }] }), NotFoundError,
    { status: 404, param: 'characters' });
  const plain = readFileSync(makeClip('plain.mp4', 640, 360, 3, false));
  await rejects(strict.videos.createCharacter({ name: 'Nobody', video: await toFile(plain, 'plain.mp4', { type: 'video/mp4' }) }),
    BadRequestError, { status: 400, param: 'video' });
});

test('remix: inherits model/size/seconds and names its source', T, async () => {
  sourceReady();
  const v = await client.videos.remix(source.id, { prompt: 'At dusk' });
  queued(v, { model: 'sora-2', size: '1280x720', seconds: '4', prompt: 'At dusk', from: source.id });
  assert.equal((await waitDone(v.id)).remixed_from_video_id, source.id);
  await rejects(strict.videos.remix('video_' + 'f'.repeat(48), { prompt: 'x' }), NotFoundError, { status: 404 });
  const slow = await client.videos.create({ model: 'sora-2-pro', prompt: 'slow', size: '1920x1080', seconds: '20' });
  try {
    await rejects(strict.videos.remix(slow.id, { prompt: 'x' }), BadRequestError, { status: 400 });
    await rejects(strict.videos.edit({ prompt: 'x', video: { id: slow.id } }), BadRequestError, { status: 400 });
    await rejects(strict.videos.extend({ prompt: 'x', seconds: '4', video: { id: slow.id } }), BadRequestError, { status: 400 });
  } finally {
    await client.videos.delete(slow.id);
  }
});

test('edit: video[id] and an uploaded clip', T, async () => {
  sourceReady();
  const v = await client.videos.edit({ prompt: 'Green water', video: { id: source.id } });
  queued(v, { model: 'sora-2', size: '1280x720', seconds: '4', prompt: 'Green water', from: source.id });
  await waitDone(v.id);
  assert.deepEqual(probe(await download(v.id, 'node_derived_edit_id.mp4')) ?? { size: '1280x720', frames: 96 },
    { size: '1280x720', frames: 96 });

  // The source's own MP4 uploaded back: 16:9, 4 s.
  const u = await client.videos.edit({ prompt: 'Watercolour', video: await toFile(readFileSync(sourceMp4), 'src.mp4', { type: 'video/mp4' }) });
  queued(u, { model: 'sora-2', size: '1280x720', seconds: '4', prompt: 'Watercolour', from: null });
  await waitDone(u.id);
  await rejects(strict.videos.edit({ prompt: 'x', video: await toFile(Buffer.from('not a video at all'), 'x.mp4', { type: 'video/mp4' }) }),
    BadRequestError, { status: 400, param: 'video' });
  await rejects(strict.videos.edit({ prompt: 'x', video: { id: 'video_' + 'e'.repeat(48) } }), NotFoundError, { status: 404 });
});

test('edit: an uploaded portrait clip gets 720x1280 and its rounded-up length', F, async () => {
  const clip = readFileSync(makeClip('tall.mp4', 360, 640, 2.5));
  const v = await client.videos.edit({ prompt: 'Tall', video: await toFile(clip, 'tall.mp4', { type: 'video/mp4' }) });
  queued(v, { model: 'sora-2', size: '720x1280', seconds: '3', prompt: 'Tall', from: null });
  await waitDone(v.id);
});

test('extend: video[id] + seconds gives the stitched total', T, async () => {
  sourceReady();
  const v = await client.videos.extend({ prompt: 'The sun rises', seconds: '4', video: { id: source.id } });
  queued(v, { model: 'sora-2', size: '1280x720', seconds: '8', prompt: 'The sun rises', from: source.id });
  await waitDone(v.id);
  const mp4 = await download(v.id, 'node_derived_extend.mp4');
  if (HAVE_FFMPEG) {
    assert.deepEqual(probe(mp4), { size: '1280x720', frames: 192 });
    const first = join(tmp, 'src0.png');
    ffmpeg('-i', sourceMp4, '-vf', 'select=eq(n\\,0)', '-frames:v', '1', first);
    assert.ok(psnr0(mp4, first) >= 30, 'the extension should start with the source');
  }
  await rejects(strict.videos.extend({ prompt: 'x', video: { id: source.id } }), BadRequestError, { status: 400, param: 'seconds' });
  await rejects(strict.videos.extend({ prompt: 'x', seconds: '4', video: { id: source.id }, characters: [{ id: 'char_x' }] }),
    BadRequestError, { status: 400, param: 'characters' });
  await rejects(strict.videos.extend({ prompt: 'x', seconds: '4', video: { id: source.id }, input_reference: { file_id: 'file-x' } }),
    BadRequestError, { status: 400, param: 'input_reference' });
});
