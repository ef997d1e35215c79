import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './index.js';
import { tempDb } from './testing/temp-db.js';
import type { TempDb } from './testing/temp-db.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const writerScript = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));

/** Runs the crash writer until it has acknowledged `count` writes, SIGKILLs it, returns revision per acknowledged key. */
function runAndKill(path: string, count: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, path], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<string, number>();
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // an incomplete last line was not fully acknowledged to us; ignore it
      for (const line of lines) {
        if (line === 'ready') continue;
        const [rev, key] = line.split(' ');
        acked.set(key!, Number(rev));
      }
      if (!killed && acked.size >= count) {
        killed = true;
        process.kill(child.pid!, 'SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(acked);
      else reject(new Error(`crash writer exited early (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

describe('sqlite store crash safety', () => {
  let tmp: TempDb | null = null;
  afterEach(() => tmp?.cleanup());

  it('keeps every acknowledged write after kill -9, and new writes get higher revisions', async () => {
    tmp = tempDb();
    const acked = await runAndKill(tmp.path, 400);
    expect(acked.size).toBeGreaterThanOrEqual(400);

    const store = new SqliteStore({ path: tmp.path });
    try {
      for (const [key, rev] of acked) {
        const { kv } = await store.get(key);
        expect(kv, `acknowledged ${key}@${rev} is missing`).not.toBeNull();
        // A key acknowledged at `rev` may have been updated later (also before the kill), never rolled back below it.
        expect(kv!.modRevision, key).toBeGreaterThanOrEqual(rev);
        expect((await store.get(key, { revision: rev })).kv?.modRevision, key).toBe(rev);
      }
      const maxAcked = Math.max(...acked.values());
      expect(await store.currentRevision()).toBeGreaterThanOrEqual(maxAcked);
      const next = await store.create('/after-crash', 'x');
      expect(next.revision).toBeGreaterThan(maxAcked);
      expect(next.revision).toBe((await store.stats()).revision);
    } finally {
      await store.close();
    }
  });
});
