import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../machinery/index.js';
import { EtcdNotFoundError, EtcdStartError, etcdSkipReason, findEtcdBinary, startEtcd } from './etcd-process.js';

const skipReason = etcdSkipReason();
if (skipReason) console.warn(`[etcd-process.test] ${skipReason}`);

/** True while `pid` is a live (not zombie) process. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Waits (bounded) until `pid` is gone; the result is asserted by the caller. */
async function waitGone(pid: number, ms = 5_000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 20) {
    if (!alive(pid)) return true;
    await realClock.sleep(20);
  }
  return !alive(pid);
}

describe('etcd test harness: discovery', () => {
  it('finds no etcd on a PATH without it', () => {
    expect(findEtcdBinary('/nonexistent-dir')).toBeNull();
  });

  it('skips only outside CI when etcd is missing', () => {
    expect(etcdSkipReason({ PATH: '/nonexistent-dir' })).toMatch(/etcd is not on PATH/);
    expect(etcdSkipReason({ PATH: '/nonexistent-dir', CI: 'true' })).toBeNull();
    expect(etcdSkipReason({ PATH: '/nonexistent-dir', CI: 'false' })).toMatch(/etcd is not on PATH/);
  });

  it('throws EtcdNotFoundError when etcd is not on PATH', async () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent-dir';
    try {
      await expect(startEtcd()).rejects.toBeInstanceOf(EtcdNotFoundError);
    } finally {
      process.env['PATH'] = saved;
    }
  });
});

describe.skipIf(skipReason !== null)('etcd test harness: process', () => {
  it('starts a healthy member, and stop() kills its PID and removes its temp dir', async () => {
    const etcd = await startEtcd();
    expect(alive(etcd.pid)).toBe(true);
    expect(existsSync(etcd.dataDir)).toBe(true);
    expect(etcd.endpoints[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${etcd.endpoints[0]}/health`).then((r) => r.json());
    expect(health).toMatchObject({ health: 'true' });
    await etcd.stop();
    expect(etcd.exited).toBe(true);
    expect(alive(etcd.pid)).toBe(false);
    expect(existsSync(etcd.dataDir)).toBe(false);
    await etcd.stop();
  });

  it('keeps a caller-provided data dir, so a member can restart on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-etcd-test-'));
    try {
      const first = await startEtcd({ dataDir: dir });
      await first.stop();
      expect(existsSync(join(dir, 'member'))).toBe(true);
      const second = await startEtcd({ dataDir: dir });
      expect(second.pid).not.toBe(first.pid);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a member that exits while starting, with its log', async () => {
    await expect(startEtcd({ extraArgs: ['--no-such-flag'] })).rejects.toBeInstanceOf(EtcdStartError);
  });

  it('kills the member when the test process exits without stopping it', async () => {
    const harness = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `const { startEtcd } = await import(${JSON.stringify(harness)});
      const e = await startEtcd();
      console.log(JSON.stringify({ pid: e.pid, dataDir: e.dataDir }));
      process.exit(0);`;
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(out.status, out.stderr).toBe(0);
    const { pid, dataDir } = JSON.parse(out.stdout.trim().split('\n').pop()!) as { pid: number; dataDir: string };
    expect(await waitGone(pid)).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  });
});
