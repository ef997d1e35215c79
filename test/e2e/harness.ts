/**
 * End-to-end harness: starts a real `skiff` process (from source, via tsx) in a temporary data dir and runs the real
 * kubectl binaries against it, each with its own fresh HOME so discovery caches never leak between tests.
 * Every process started here is stopped by its PID; temporary directories are removed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export const KUBECTL: Record<string, string> = {
  '1.32': '/usr/lib/google-cloud-sdk/bin/kubectl.1.32',
  '1.27': '/usr/lib/google-cloud-sdk/bin/kubectl.1.27',
  dispatcher: '/usr/bin/kubectl',
};

export function kubectlAvailable(version: string): boolean {
  return existsSync(KUBECTL[version] ?? '');
}

export interface Skiff {
  url: string;
  /** The plain-HTTP `--insecure-port` URL, when started with one. */
  insecureUrl: string | undefined;
  kubeconfig: string;
  dataDir: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `skiff <args>` and waits until it prints its URL. */
export async function startSkiff(
  command: string,
  args: string[] = [],
  opts: { dataDir?: string; timeoutMs?: number; /** pass --kubeconfig <dataDir>/admin.kubeconfig (for `up`) */ kubeconfigFlag?: boolean } = {},
): Promise<Skiff> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
  const extra = opts.kubeconfigFlag ? ['--kubeconfig', join(dataDir, 'admin.kubeconfig')] : [];
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cmd/run.ts'), command, '--data-dir', dataDir, '--port', '0', ...extra, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      // Never leave a process behind that the caller cannot reach.
      if (proc.pid && proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid, 'SIGKILL');
      reject(new Error(`skiff did not start within ${opts.timeoutMs ?? 30_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 30_000);
    const check = () => {
      // The kubeconfig line is printed last, once everything is listening.
      const m = /listening on (https?:\/\/[^\s]+)/.exec(out);
      if (m && /kubeconfig: \S+\n/.test(out)) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`skiff exited with ${code} before it was ready:\n${out}`));
    });
  });
  const kubeconfig = /kubeconfig: (\S+)/.exec(out)?.[1] ?? join(dataDir, 'kubeconfig');
  const insecureUrl = /insecure \(no authentication\) listening on (http:\/\/\S+)/.exec(out)?.[1];
  return {
    url,
    insecureUrl,
    kubeconfig,
    dataDir,
    proc,
    output: () => out,
    async stop() {
      // skiff must shut down cleanly on SIGTERM; one that has to be killed fails the test file.
      let killed = false;
      if (proc.exitCode === null && proc.signalCode === null && proc.pid) {
        process.kill(proc.pid, 'SIGTERM');
        const t = setTimeout(() => {
          if (proc.pid && proc.exitCode === null && proc.signalCode === null) {
            killed = true;
            process.kill(proc.pid, 'SIGKILL');
          }
        }, 10_000);
        await exited;
        clearTimeout(t);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      // In-process components share the watch cache's frozen objects: one changing them is a bug that would
      // otherwise only show as a log line.
      const frozenWrites = out.split('\n').filter((l) => FROZEN_WRITE.test(l));
      if (frozenWrites.length) throw new Error(`a component changed a shared (frozen) object:\n${frozenWrites.slice(0, 10).join('\n')}`);
      if (killed) throw new Error(`skiff ${command} did not exit within 10 s of SIGTERM:\n${out.slice(-2000)}`);
    },
  };
}

/** V8's messages for writes to frozen objects in strict mode. */
const FROZEN_WRITE = /Cannot (assign to read only property|add property|delete property|define property)|object is not extensible/;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  (args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /** Starts kubectl in the background (for `get -w`); returns the process and its growing output. */
  background(args: string[]): { proc: ChildProcess; output(): string; stop(): Promise<void> };
  home: string;
  cleanup(): void;
}

/** A kubectl of one version with its own HOME, talking to `skiff`. */
export function kubectlFor(version: string, skiff: Pick<Skiff, 'kubeconfig'>): Kubectl {
  const home = mkdtempSync(join(tmpdir(), `kubectl-${version}-home-`));
  const bin = KUBECTL[version]!;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: skiff.kubeconfig };
  const run = ((args: string[], opts: { input?: string; timeoutMs?: number } = {}) =>
    new Promise<KubectlResult>((resolveRun) => {
      const p = spawn(bin, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => p.pid && p.exitCode === null && process.kill(p.pid, 'SIGKILL'), opts.timeoutMs ?? 30_000);
      p.on('close', (code) => {
        clearTimeout(timer);
        resolveRun({ code: code ?? -1, stdout, stderr });
      });
      p.stdin.end(opts.input ?? '');
    })) as Kubectl;
  run.home = home;
  run.background = (args: string[]) => {
    const p = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const closed = new Promise<void>((r) => p.once('close', () => r()));
    return {
      proc: p,
      output: () => out,
      async stop() {
        if (p.exitCode === null && p.pid) process.kill(p.pid, 'SIGTERM');
        await closed;
      },
    };
  };
  run.cleanup = () => rmSync(home, { recursive: true, force: true });
  return run;
}

/**
 * Starts `skiff up <args>` (kubeconfig in its data dir) and waits until `/readyz` answers ok through kubectl 1.32:
 * every component has synced. The caller stops both (`k.cleanup()`, `skiff.stop()`).
 */
export async function startUp(args: string[], opts: { dataDir?: string } = {}): Promise<{ skiff: Skiff; k: Kubectl }> {
  const skiff = await startSkiff('up', args, { ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), kubeconfigFlag: true, timeoutMs: 60_000 });
  const k = kubectlFor('1.32', skiff);
  await eventually(async () => (await k(['get', '--raw', '/readyz'])).stdout === 'ok', { what: 'readyz', timeoutMs: 30_000 });
  return { skiff, k };
}

/** Polls `fn` until it returns a truthy value or the time runs out (then throws with the last value). */
export async function eventually<T>(fn: () => Promise<T>, opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}

/** The seed's Deployment (shared/seed/pod-creation-flow.md, step 2) as YAML for `kubectl apply -f -`. */
export function seedDeployment(o: { namespace?: string; image?: string; replicas?: number; containerPort?: number } = {}): string {
  const port = o.containerPort !== undefined ? `\n        ports:\n        - containerPort: ${o.containerPort}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: ${o.namespace ?? 'default'}
spec:
  replicas: ${o.replicas ?? 3}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${o.image ?? 'nginx:latest'}${port}
`;
}

export interface Component {
  proc: ChildProcess;
  output(): string;
  /** SIGKILL (a crash), then wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<void>;
}

/** Starts `skiff <command> <args>` (from source) and waits until its output matches `ready`. */
export async function startComponent(command: string, args: string[], ready: RegExp, timeoutMs = 30_000): Promise<Component> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cmd/run.ts'), command, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(out)) {
    if (proc.exitCode !== null) throw new Error(`skiff ${command} exited early:\n${out}`);
    if (Date.now() > deadline) {
      // Never leave a process behind that the caller cannot reach.
      if (proc.pid) process.kill(proc.pid, 'SIGKILL');
      throw new Error(`skiff ${command} not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const signal = async (sig: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null && proc.pid) process.kill(proc.pid, sig);
    await exited;
  };
  return { proc, output: () => out, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
