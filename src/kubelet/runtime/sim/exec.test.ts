import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../machinery/index.js';
import { isRuntimeError } from '../service.js';
import { execWithDeadline, simExec, type ExecEnvironment } from './exec.js';

function env(clock = new FakeClock()): ExecEnvironment {
  return { env: new Map([['NAME', 'skiff']]), hostname: 'web-0', workingDir: '/srv', sleep: (ms) => clock.sleep(ms) };
}

describe('simExec', () => {
  it('echo prints its arguments; -n drops the newline', async () => {
    expect(await simExec(['/bin/echo', 'hello', 'world'], env())).toEqual({ stdout: 'hello world\n', stderr: '', exitCode: 0 });
    expect((await simExec(['echo', '-n', 'x'], env())).stdout).toBe('x');
  });

  it('exit N returns N; unknown commands are "command not found" with 127', async () => {
    expect((await simExec(['exit', '3'], env())).exitCode).toBe(3);
    expect(await simExec(['curl', 'localhost'], env())).toEqual({ stdout: '', stderr: 'curl: command not found\n', exitCode: 127 });
  });

  it('sh -c runs statements with ;, && and ||, quotes and $VAR expansion', async () => {
    const r = await simExec(['sh', '-c', `echo "hi $NAME"; false && echo no || echo 'fallback $NAME'; hostname; pwd; exit 7; echo never`], env());
    expect(r).toEqual({ stdout: 'hi skiff\nfallback $NAME\nweb-0\n/srv\n', stderr: '', exitCode: 7 });
  });

  it('printenv prints one variable or fails', async () => {
    expect(await simExec(['printenv', 'NAME'], env())).toEqual({ stdout: 'skiff\n', stderr: '', exitCode: 0 });
    expect((await simExec(['printenv', 'NOPE'], env())).exitCode).toBe(1);
  });

  it('sleep waits on the clock; a deadline cuts it short with DeadlineExceeded', async () => {
    const clock = new FakeClock();
    const slow = execWithDeadline(clock, ['sleep', '5'], { env: new Map(), hostname: 'h', workingDir: '/', timeoutSeconds: 2 });
    const settled = slow.then(
      () => 'resolved',
      (e: unknown) => (isRuntimeError(e, 'DeadlineExceeded') ? 'deadline' : 'other'),
    );
    await clock.advanceAsync(2000);
    expect(await settled).toBe('deadline');
    const quick = execWithDeadline(clock, ['sleep', '1'], { env: new Map(), hostname: 'h', workingDir: '/', timeoutSeconds: 2 });
    await clock.advanceAsync(1000);
    expect((await quick).exitCode).toBe(0);
  });
});
