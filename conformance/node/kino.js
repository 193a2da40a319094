// Starts the real kino binary on a free port with a temp --data-dir and waits for /healthz.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export async function startKino() {
  let bin = process.env.KINO_BIN || 'target/debug/kino';
  if (!isAbsolute(bin)) bin = join(REPO, bin);
  if (!existsSync(bin)) throw new Error(`kino binary not found at ${bin} (set KINO_BIN)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kino-data-'));
  const logPath = join(mkdtempSync(join(tmpdir(), 'kino-log-')), 'kino.log');
  const log = openSync(logPath, 'w');
  const args = ['serve', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir];
  const proc = spawn(bin, args, { stdio: ['ignore', log, log], env: { ...process.env, NO_COLOR: '1' } });
  let exited = false;
  proc.on('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
    } catch {}
    if (exited || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`kino did not come up (${bin} ${args.join(' ')}); log:\n${readFileSync(logPath, 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise((ok) => {
      if (exited) return ok();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.on('exit', () => {
        clearTimeout(kill);
        rmSync(dataDir, { recursive: true, force: true });
        ok();
      });
      proc.kill('SIGTERM');
    });
  return { baseURL: `http://127.0.0.1:${port}/v1`, stop, logPath };
}

export function outDir() {
  const base = process.env.KINO_CONFORMANCE_OUT || mkdtempSync(join(tmpdir(), 'kino-conf-'));
  const dir = join(resolve(base), 'node');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Magic bytes of the three content variants.
export const isMp4 = (b) => b.subarray(4, 8).toString('latin1') === 'ftyp';
export const isWebp = (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
export const isJpeg = (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
