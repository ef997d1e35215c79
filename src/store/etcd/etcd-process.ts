/**
 * Test harness: a real single-member etcd on loopback, started and stopped by PID.
 *
 * Guarantees:
 * - `startEtcd` resolves only once the member answers `/health` with `{"health":"true"}` on its client port, or rejects
 *   (with etcd's last log lines) after `startTimeoutMs`; a member that fails to start is killed and its temp dir removed.
 * - Ports are picked free on 127.0.0.1; a start that loses a port race is retried with new ports (at most 3 tries).
 * - `stop()` sends SIGTERM to exactly that PID, then SIGKILL after `stopTimeoutMs`, waits for the exit, and removes the
 *   data dir when the harness created it. It is idempotent.
 * - If the test process exits without calling `stop()`, an 'exit' hook SIGKILLs the child and removes its temp dir.
 * - A missing `etcd` binary throws EtcdNotFoundError; `etcdSkipReason()` tells tests whether they may skip instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { realClock, type Clock } from '../../machinery/index.js';

export interface StartEtcdOptions {
  /** Data directory to use (kept on stop). Absent: a fresh temp dir, removed on stop. */
  dataDir?: string;
  /** Path of the etcd binary. Absent: `etcd` on PATH. */
  binary?: string;
  /** Extra command-line flags, e.g. `['--max-txn-ops', '256']`. */
  extraArgs?: readonly string[];
  /** Bound on waiting for health (default 15,000 ms). */
  startTimeoutMs?: number;
  /** How long SIGTERM gets before SIGKILL (default 5,000 ms). */
  stopTimeoutMs?: number;
  clock?: Clock;
}

export interface EtcdProcess {
  /** Client URLs, e.g. `['http://127.0.0.1:40123']`. */
  readonly endpoints: string[];
  readonly pid: number;
  readonly dataDir: string;
  /** True once the child has exited (for whatever reason). */
  readonly exited: boolean;
  /** Kills the member (SIGTERM, then SIGKILL) and removes the temp data dir. Idempotent. */
  stop(): Promise<void>;
}

/** `etcd` is not installed (or not executable) where the harness looked. */
export class EtcdNotFoundError extends Error {
  override readonly name = 'EtcdNotFoundError';
}

/** etcd did not become healthy, or exited while starting. */
export class EtcdStartError extends Error {
  override readonly name = 'EtcdStartError';
}

const MAX_START_ATTEMPTS = 3;
const HEALTH_POLL_MS = 50;
const LOG_TAIL_LINES = 30;

/** The absolute path of an executable `etcd` on PATH, or null. */
export function findEtcdBinary(path = process.env['PATH'] ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'etcd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch (err) {
      if (!isFsMissError(err)) throw err;
    }
  }
  return null;
}

function isFsMissError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR';
}

/** True when the environment says this is a CI run (CI set to anything but "", "0" or "false"). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * Why etcd-backed tests may skip, or null when they must run. They skip only when etcd is missing AND this is not CI;
 * in CI a missing etcd makes `startEtcd` throw, so the suite fails loudly instead of passing vacuously.
 */
export function etcdSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (findEtcdBinary(env['PATH'] ?? '')) return null;
  if (isCi(env)) return null;
  return 'etcd is not on PATH: skipping etcd-backed tests (install etcd-server; in CI (CI=true) they fail instead)';
}

/** Starts a single-member etcd on free loopback ports and waits until it is healthy. */
export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdProcess> {
  const binary = opts.binary ?? findEtcdBinary();
  if (!binary) throw new EtcdNotFoundError('etcd is not on PATH; install it (Debian: apt-get install etcd-server etcd-client)');
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary, opts);
    } catch (err) {
      if (!(err instanceof PortTakenError)) throw err;
      lastError = err;
    }
  }
  throw new EtcdStartError(`etcd could not bind free ports after ${MAX_START_ATTEMPTS} attempts`, { cause: lastError });
}

class PortTakenError extends EtcdStartError {}

async function startOnce(binary: string, opts: StartEtcdOptions): Promise<EtcdProcess> {
  const clock = opts.clock ?? realClock;
  const [clientPort, peerPort] = await freePorts(2);
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'skiff-etcd-'));
  const args = [
    '--name', 'n1',
    '--data-dir', dataDir,
    '--listen-client-urls', clientUrl,
    '--advertise-client-urls', clientUrl,
    '--listen-peer-urls', peerUrl,
    '--initial-advertise-peer-urls', peerUrl,
    '--initial-cluster', `n1=${peerUrl}`,
    '--initial-cluster-state', 'new',
    // Loopback, one member: fast raft ticks make start and restart take tens of ms instead of ~1 s.
    '--heartbeat-interval', '10',
    '--election-timeout', '100',
    '--logger', 'zap',
    '--log-outputs', 'stderr',
    '--log-level', 'warn',
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const proc = new RunningEtcd(child, { endpoints: [clientUrl], dataDir, ownsDir, clock, stopTimeoutMs: opts.stopTimeoutMs ?? 5_000 });
  try {
    await proc.waitHealthy(opts.startTimeoutMs ?? 15_000);
    return proc;
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

class RunningEtcd implements EtcdProcess {
  readonly endpoints: string[];
  readonly pid: number;
  readonly dataDir: string;
  private readonly logTail: string[] = [];
  private readonly exitPromise: Promise<void>;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;
  private stopping: Promise<void> | null = null;
  private readonly onProcessExit = () => this.killNow();

  constructor(
    private readonly child: ChildProcess,
    private readonly cfg: { endpoints: string[]; dataDir: string; ownsDir: boolean; clock: Clock; stopTimeoutMs: number },
  ) {
    if (child.pid === undefined) throw new EtcdStartError(`could not spawn etcd (${cfg.endpoints[0]})`);
    this.pid = child.pid;
    this.endpoints = cfg.endpoints;
    this.dataDir = cfg.dataDir;
    let partial = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      this.logTail.push(...lines);
      if (this.logTail.length > LOG_TAIL_LINES) this.logTail.splice(0, this.logTail.length - LOG_TAIL_LINES);
    });
    this.exitPromise = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.hasExited = true;
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      });
    });
    child.once('error', (err) => {
      this.logTail.push(`spawn error: ${err.message}`);
    });
    process.on('exit', this.onProcessExit);
  }

  get exited(): boolean {
    return this.hasExited;
  }

  /** Polls `/health` until it reports healthy; rejects when the child exits or `timeoutMs` passes. */
  async waitHealthy(timeoutMs: number): Promise<void> {
    const { clock } = this.cfg;
    const deadline = clock.now() + timeoutMs;
    const url = `${this.endpoints[0]}/health`;
    for (;;) {
      if (this.hasExited) {
        const log = this.logTail.join('\n');
        const why = `etcd exited while starting (code ${this.exitCode}, signal ${this.exitSignal}):\n${log}`;
        throw log.includes('address already in use') ? new PortTakenError(why) : new EtcdStartError(why);
      }
      if (await isHealthy(url)) return;
      if (clock.now() >= deadline) {
        throw new EtcdStartError(`etcd at ${this.endpoints[0]} not healthy after ${timeoutMs}ms:\n${this.logTail.join('\n')}`);
      }
      await clock.sleep(HEALTH_POLL_MS);
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    const { clock, stopTimeoutMs } = this.cfg;
    if (!this.hasExited) {
      signalPid(this.pid, 'SIGTERM');
      if (!(await this.waitExit(clock, stopTimeoutMs))) {
        signalPid(this.pid, 'SIGKILL');
        if (!(await this.waitExit(clock, stopTimeoutMs))) {
          throw new EtcdStartError(`etcd pid ${this.pid} did not exit after SIGKILL`);
        }
      }
    }
    process.removeListener('exit', this.onProcessExit);
    if (this.cfg.ownsDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitExit(clock: Clock, ms: number): Promise<boolean> {
    const ac = new AbortController();
    const timedOut = clock.sleep(ms, ac.signal).then(
      () => false,
      () => true,
    );
    const exited = this.exitPromise.then(() => true);
    const result = await Promise.race([exited, timedOut]);
    ac.abort();
    return result && this.hasExited;
  }

  /** Synchronous last resort from the process 'exit' hook. */
  private killNow(): void {
    if (!this.hasExited) signalPid(this.pid, 'SIGKILL');
    if (this.cfg.ownsDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Sends `signal` to `pid`; a process that is already gone is fine. */
function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

function isHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet(url, { timeout: 1_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && /"health"\s*:\s*"true"/.test(body)));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('health check timed out')));
    req.on('error', () => resolve(false));
  });
}

/** `n` distinct ports that were free on 127.0.0.1 a moment ago (held together so they differ). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const srv = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve(srv));
      });
    }),
  );
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === 'string') throw new EtcdStartError('could not read a bound port');
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}
