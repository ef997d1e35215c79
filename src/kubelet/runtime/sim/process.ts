/**
 * The simulated process inside one container: when it exits on its own, how it reacts to SIGTERM and SIGKILL, and the
 * log lines it writes about all that. All timing goes through the injected Clock; a zero delay runs in a microtask so
 * that a FakeClock never has to be advanced for instantaneous steps.
 */
import type { Clock, Timer } from '../../../machinery/index.js';
import type { ContainerKind } from '../labels.js';
import type { Container, ContainerState, ImageSpec, KeyValue, Mount } from '../types.js';
import type { SimAnnotations } from './behaviour.js';
import { plannedExit, sigtermExitCode, terminationMs } from './behaviour.js';
import type { LogBuffer } from './logs.js';

/** Everything the runtime remembers about one container. */
export interface SimContainer {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  kind: ContainerKind;
  image: ImageSpec;
  imageRef: string;
  imageId: string;
  command: string[];
  envs: KeyValue[];
  workingDir: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  mounts: Mount[];
  logPath: string;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  log: LogBuffer;
  /** Pending self-exit, SIGTERM-exit or SIGKILL timers. */
  exitTimer?: Timer;
  killTimer?: Timer;
  killAt?: number;
  exitWaiters?: (() => void)[];
}

export interface ProcessHost {
  clock: Clock;
  /** Called once the container has moved to CONTAINER_EXITED. */
  onExit(c: SimContainer): void;
}

function later(clock: Clock, ms: number, fn: () => void): Timer {
  if (ms > 0) return clock.setTimeout(fn, ms);
  let cancelled = false;
  queueMicrotask(() => {
    if (!cancelled) fn();
  });
  return { cancel: () => void (cancelled = true) };
}

function quoteArg(a: string): string {
  return a === '' || /[\s"'$\\;&|]/.test(a) ? JSON.stringify(a) : a;
}

/** The command line the container runs, for its log. */
export function commandLine(c: Pick<SimContainer, 'command'>): string {
  return c.command.length > 0 ? c.command.map(quoteArg).join(' ') : '(image default entrypoint)';
}

/** Moves a running container to CONTAINER_EXITED; does nothing if it is not running. */
export function exitProcess(host: ProcessHost, c: SimContainer, code: number, reason?: string): void {
  if (c.state !== 'CONTAINER_RUNNING') return;
  c.exitTimer?.cancel();
  c.killTimer?.cancel();
  c.exitTimer = undefined;
  c.killTimer = undefined;
  c.killAt = undefined;
  c.state = 'CONTAINER_EXITED';
  c.finishedAt = host.clock.now();
  c.exitCode = code;
  c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
  c.log.append(c.finishedAt, `sim: exited with code ${code}`);
  c.log.close();
  const waiters = c.exitWaiters ?? [];
  c.exitWaiters = undefined;
  for (const w of waiters) w();
  host.onExit(c);
}

/** CONTAINER_CREATED → CONTAINER_RUNNING, arming the scripted self-exit if the annotations plan one. */
export function startProcess(host: ProcessHost, c: SimContainer, sim: SimAnnotations): void {
  c.state = 'CONTAINER_RUNNING';
  c.startedAt = host.clock.now();
  c.log.append(c.startedAt, `sim: started ${c.name}: ${commandLine(c)}`);
  const planned = plannedExit(sim, c.name, c.kind);
  if (planned) c.exitTimer = later(host.clock, planned.afterMs, () => exitProcess(host, c, planned.code));
}

/**
 * Delivers SIGTERM (first call) and arms SIGKILL `timeoutSeconds` later; a later call can only bring SIGKILL forward.
 * Resolves when the container has exited.
 */
export function stopProcess(host: ProcessHost, c: SimContainer, timeoutSeconds: number, sim: SimAnnotations): Promise<void> {
  if (c.state !== 'CONTAINER_RUNNING') return Promise.resolve();
  const now = host.clock.now();
  const killAt = now + Math.max(0, timeoutSeconds) * 1000;
  const exited = new Promise<void>((resolve) => (c.exitWaiters ??= []).push(resolve));
  if (c.killAt === undefined) {
    if (timeoutSeconds > 0) {
      c.log.append(now, 'sim: received SIGTERM');
      const termMs = terminationMs(sim, c.name, c.kind);
      if (now + termMs <= killAt) {
        c.exitTimer?.cancel();
        c.exitTimer = later(host.clock, termMs, () => exitProcess(host, c, sigtermExitCode(sim, c.name, c.kind)));
      }
    }
  }
  if (c.killAt === undefined || killAt < c.killAt) {
    c.killAt = killAt;
    c.killTimer?.cancel();
    c.killTimer = later(host.clock, killAt - now, () => {
      c.log.append(host.clock.now(), 'sim: received SIGKILL');
      exitProcess(host, c, 137);
    });
  }
  return exited;
}

/** SIGKILL now (sandbox stop, container removal). */
export function killProcess(host: ProcessHost, c: SimContainer): void {
  if (c.state !== 'CONTAINER_RUNNING') return;
  c.log.append(host.clock.now(), 'sim: received SIGKILL');
  exitProcess(host, c, 137);
}

/** The CRI view of a container (shares the label and annotation maps; callers must not mutate them). */
export function toCriContainer(c: SimContainer): Container {
  return {
    id: c.id,
    podSandboxId: c.sandboxId,
    metadata: { name: c.name, attempt: c.attempt },
    image: c.image,
    imageRef: c.imageRef,
    imageId: c.imageId,
    state: c.state,
    createdAt: c.createdAt,
    labels: c.labels,
    annotations: c.annotations,
  };
}
