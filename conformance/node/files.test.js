// The Files API (CONTRACT §10) through the Node SDK (openai 7.57.0) against a real kino server.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI, { BadRequestError, NotFoundError } from 'openai';
import { startKino } from './kino.js';

const FIELDS = ['bytes', 'created_at', 'expires_at', 'filename', 'id', 'object', 'purpose', 'status', 'status_details'];
let kino, client, strict, dir;

before(async () => {
  kino = await startKino();
  client = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x' });
  strict = new OpenAI({ baseURL: kino.baseURL, apiKey: 'x', maxRetries: 0 });
  dir = mkdtempSync(join(tmpdir(), 'kino-files-'));
});
after(async () => {
  await kino?.stop();
  if (kino) console.log(`kino server log: ${kino.logPath}`);
});

function fileOf(name, data) {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function rejects(promise, cls, { status, code, param } = {}) {
  const e = await promise.then(
    (v) => assert.fail(`expected ${cls.name}, got success: ${JSON.stringify(v)}`),
    (e) => e,
  );
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.status, status);
  assert.equal(e.type, 'invalid_request_error', e.message);
  if (code !== undefined) assert.equal(e.code, code, e.message);
  if (param !== undefined) assert.equal(e.param, param, e.message);
  assert.match(e.requestID ?? '', /^req_/);
  return e;
}

test('upload a stream, retrieve, download, delete', async () => {
  // 3 MB: many request-body chunks; Node's SDK sends the file part before `purpose`.
  const data = randomBytes(3_000_000);
  const f = await client.files.create({ file: createReadStream(fileOf('notes.bin', data)), purpose: 'user_data' });
  assert.deepEqual(Object.keys(f).sort(), FIELDS);
  assert.match(f.id, /^file-[0-9A-Za-z]+$/);
  assert.equal(f.object, 'file');
  assert.equal(f.bytes, 3_000_000);
  assert.equal(f.filename, 'notes.bin');
  assert.equal(f.purpose, 'user_data');
  assert.equal(f.status, 'processed');
  assert.equal(f.expires_at, null);

  assert.deepEqual(await client.files.retrieve(f.id), f);
  assert.equal((await client.files.waitForProcessing(f.id, { pollInterval: 100 })).status, 'processed');

  const resp = await client.files.content(f.id);
  assert.equal(resp.headers.get('content-type'), 'application/octet-stream');
  assert.ok(Buffer.from(await resp.arrayBuffer()).equals(data), 'content is the uploaded bytes');

  const listed = [];
  for await (const x of client.files.list({ purpose: 'user_data', limit: 1 })) listed.push(x.id);
  assert.ok(listed.includes(f.id));

  assert.deepEqual(await client.files.delete(f.id), { id: f.id, object: 'file', deleted: true });
  const e = await rejects(strict.files.retrieve(f.id), NotFoundError, { status: 404, param: 'id' });
  assert.equal(e.error.message, `No such File object: ${f.id}`);
  await rejects(strict.files.content(f.id), NotFoundError, { status: 404 });
  await rejects(strict.files.delete(f.id), NotFoundError, { status: 404 });
});

test('batch files expire after 30 days; bad purpose is a 400', async () => {
  const b = await client.files.create({ file: createReadStream(fileOf('in.jsonl', '{"custom_id":"a"}\n')), purpose: 'batch' });
  assert.equal(b.expires_at, b.created_at + 30 * 24 * 3600);
  const resp = await client.files.content(b.id);
  assert.equal(resp.headers.get('content-type'), 'application/jsonl');
  await rejects(
    strict.files.create({ file: createReadStream(fileOf('x.bin', 'x')), purpose: 'pictures' }),
    BadRequestError,
    { status: 400, code: 'invalid_value', param: 'purpose' },
  );
});
