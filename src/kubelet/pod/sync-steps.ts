/**
 * The sub-steps of step 14 of the pod creation flow, one function each, as kuberuntime SyncPod runs them:
 * createSandbox (sandbox + network: the pod IP), pullImage (per imagePullPolicy), createContainer (with its volume
 * mounts), startContainer (and its postStart hook), startInitContainers (in order, one regular init at a time) — plus
 * the CrashLoopBackOff gate (doBackOff) in front of every restart. Failures become the container's waiting reason
 * and a `Failed` event; they never throw for expected outcomes.
 */
import type { Clock } from '../../machinery/index.js';
import type { Container, Pod } from '../../api/index.js';
import type { Backoff } from '../backoff.js';
import { EventReason, formatPod, type PodEvents } from '../events.js';
import type { ProbeExecutor } from '../prober/types.js';
import type { ContainerKind } from '../runtime/labels.js';
import { isRuntimeError, type ContainerRuntime } from '../runtime/service.js';
import type { PodSandboxConfig } from '../runtime/types.js';
import type { ReasonCache } from '../status/reason-cache.js';
import { goDuration } from '../time.js';
import { isRestartableInit } from './compute-actions.js';
import { generateContainerConfig, generatePodSandboxConfig, VolumeMountError } from './config.js';
import type { ImageManager } from './image-manager.js';
import { killContainer, runHook } from './kill.js';
import { findContainerStatus, hashContainer, type RuntimePodStatus } from './runtime-status.js';

export interface StepDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  events: PodEvents;
  executor: ProbeExecutor;
  images: ImageManager;
  reasons: ReasonCache;
  /** CrashLoopBackOff: 10 s doubling to 300 s. */
  crashBackoff: Backoff;
  nodeName: string;
  hostIP: string;
}

/** The state one sync carries from step to step. */
export interface SyncContext {
  deps: StepDeps;
  pod: Pod;
  rs: RuntimePodStatus;
  sandboxId?: string;
  sandboxConfig?: PodSandboxConfig;
  podIP?: string;
  volumes?: Map<string, string>;
  /** The earliest time a back-off ends (ms since epoch): when the pod should be synced again. */
  requeueAt?: number;
}

export interface StepFailure {
  ok: false;
  reason: string;
}

export type StepResult = { ok: true } | StepFailure;

function requeueAt(ctx: SyncContext, at: number | undefined): void {
  if (at !== undefined && (ctx.requeueAt === undefined || at < ctx.requeueAt)) ctx.requeueAt = at;
}

function fail(ctx: SyncContext, container: Container, reason: string, message: string): StepFailure {
  ctx.deps.reasons.set(ctx.pod.metadata.uid ?? '', container.name, { reason, message });
  return { ok: false, reason };
}

/** Step 14.1 + 14.5: a sandbox with its network; the pod IP comes from the node's podCIDR. */
export async function createSandbox(ctx: SyncContext, attempt: number): Promise<StepResult> {
  const { deps, pod } = ctx;
  const config = generatePodSandboxConfig(pod, attempt);
  try {
    const id = await deps.runtime.runPodSandbox(config);
    const status = await deps.runtime.podSandboxStatus(id);
    ctx.sandboxId = id;
    ctx.sandboxConfig = config;
    if (status.network?.ip) ctx.podIP = status.network.ip;
    return { ok: true };
  } catch (err) {
    if (!isRuntimeError(err)) throw err;
    deps.events.pod(pod, 'Warning', EventReason.FailedCreatePodSandBox, `Failed to create pod sandbox: ${err.message}`);
    requeueAt(ctx, deps.clock.now() + 10_000);
    return { ok: false, reason: 'CreatePodSandboxError' };
  }
}

/**
 * Hands the pod's current annotations to each ready sandbox of the pod, when the runtime has the sim-only
 * `updatePodSandboxAnnotations` capability (a CRI runtime has not: sandbox annotations are fixed at creation). Run on
 * every SyncPod, so an annotation-only pod update (`kubectl annotate pod P sim.skiff.io/readiness=fail --overwrite`)
 * changes the simulated behaviour without re-creating anything. A sandbox removed meanwhile is skipped.
 */
export async function updateSandboxAnnotations(ctx: SyncContext): Promise<void> {
  const update = ctx.deps.runtime.updatePodSandboxAnnotations?.bind(ctx.deps.runtime);
  if (!update) return;
  const annotations = ctx.pod.metadata.annotations ?? {};
  for (const s of ctx.rs.sandboxes) {
    if (s.state !== 'SANDBOX_READY') continue;
    try {
      await update(s.id, annotations);
    } catch (err) {
      if (!isRuntimeError(err, 'NotFound')) throw err;
    }
  }
}

/** Step 14.2: makes the container's image present; returns the image ref to create the container from. */
export async function pullImage(ctx: SyncContext, container: Container): Promise<{ ok: true; imageRef: string } | StepFailure> {
  const { deps, pod } = ctx;
  const out = await deps.images.ensureImageExists(pod, container, ctx.sandboxConfig!);
  if (out.ok) return out;
  deps.events.container(pod, container, 'Warning', EventReason.FailedToCreateContainer, `Error: ${out.reason}`);
  requeueAt(ctx, out.retryAt);
  return fail(ctx, container, out.reason, out.message);
}

/** Step 14.3 + 14.4: creates the container (volumes mounted at their node paths); returns its id. */
export async function createContainer(
  ctx: SyncContext,
  container: Container,
  options: { kind: ContainerKind; imageRef: string },
): Promise<{ ok: true; id: string } | StepFailure> {
  const { deps, pod } = ctx;
  const previous = findContainerStatus(ctx.rs, container.name);
  const restartCount = previous ? previous.restartCount + 1 : 0;
  let id: string;
  try {
    const config = generateContainerConfig(pod, container, {
      kind: options.kind,
      restartCount,
      imageRef: options.imageRef,
      hostIP: deps.hostIP,
      nodeName: deps.nodeName,
      volumes: ctx.volumes ?? new Map(),
      ...(ctx.podIP !== undefined ? { podIP: ctx.podIP } : {}),
    });
    id = await deps.runtime.createContainer({ podSandboxId: ctx.sandboxId!, config, sandboxConfig: ctx.sandboxConfig! });
  } catch (err) {
    const config = err instanceof VolumeMountError;
    if (!config && !isRuntimeError(err)) throw err;
    const message = (err as Error).message;
    deps.events.container(pod, container, 'Warning', EventReason.FailedToCreateContainer, `Error: ${message}`);
    return fail(ctx, container, config ? 'CreateContainerConfigError' : 'CreateContainerError', message);
  }
  deps.events.container(pod, container, 'Normal', EventReason.CreatedContainer, `Created container: ${container.name}`);
  return { ok: true, id };
}

/** Step 14.6: starts a created container and runs its postStart hook. */
export async function startContainer(ctx: SyncContext, container: Container, id: string): Promise<StepResult> {
  const { deps, pod } = ctx;
  try {
    await deps.runtime.startContainer(id);
  } catch (err) {
    if (!isRuntimeError(err)) throw err;
    deps.events.container(pod, container, 'Warning', EventReason.FailedToStartContainer, `Error: ${err.message}`);
    return fail(ctx, container, 'RunContainerError', err.message);
  }
  deps.events.container(pod, container, 'Normal', EventReason.StartedContainer, `Started container ${container.name}`);
  const postStart = container.lifecycle?.postStart;
  if (postStart) {
    const target = { pod, container, containerId: id, ...(ctx.podIP !== undefined ? { podIP: ctx.podIP } : {}) };
    const r = await runHook(deps, 'postStart', target, postStart);
    if (!r.ok) {
      deps.events.container(pod, container, 'Warning', EventReason.FailedPostStartHook, 'PostStartHook failed');
      await killContainer(deps, pod, { id, name: container.name }, { message: 'FailedPostStartHook' });
      return fail(ctx, container, 'PostStartHookError', r.message);
    }
  }
  return { ok: true };
}

/**
 * doBackOff: whether the container's last instance exited too recently to restart it (CrashLoopBackOff); records the
 * `BackOff` event and waiting reason when it did.
 */
export function inCrashLoopBackOff(ctx: SyncContext, container: Container): boolean {
  const { deps, pod } = ctx;
  const last = ctx.rs.containers.find((c) => c.name === container.name && c.state === 'CONTAINER_EXITED');
  if (!last) return false;
  const key = `${pod.metadata.uid ?? ''}_${container.name}_${hashContainer(container)}`;
  if (deps.crashBackoff.isInBackOffSince(key, last.finishedAt)) {
    deps.events.container(
      pod,
      container,
      'Warning',
      EventReason.BackOffStartContainer,
      `Back-off restarting failed container ${container.name} in pod ${formatPod(pod)}`,
    );
    const delay = goDuration(deps.crashBackoff.get(key));
    fail(ctx, container, 'CrashLoopBackOff', `back-off ${delay} restarting failed container=${container.name} pod=${formatPod(pod)}`);
    requeueAt(ctx, deps.crashBackoff.until(key, last.finishedAt));
    return true;
  }
  deps.crashBackoff.next(key, last.finishedAt);
  return false;
}

/** Removes dead instances of the container beyond the newest one (container GC with MaxPerPodContainer = 1). */
async function pruneDeadInstances(ctx: SyncContext, name: string, keepId: string): Promise<void> {
  const dead = ctx.rs.containers.filter((c) => c.name === name && c.id !== keepId && c.state === 'CONTAINER_EXITED');
  for (const c of dead.slice(1)) await ctx.deps.runtime.removeContainer(c.id);
}

/** Back-off gate, image, create, start: the whole start of one container. */
export async function startSpec(ctx: SyncContext, container: Container, kind: ContainerKind): Promise<StepResult> {
  if (inCrashLoopBackOff(ctx, container)) return { ok: false, reason: 'CrashLoopBackOff' };
  const image = await pullImage(ctx, container);
  if (!image.ok) return image;
  const created = await createContainer(ctx, container, { kind, imageRef: image.imageRef });
  if (!created.ok) return created;
  const started = await startContainer(ctx, container, created.id);
  if (!started.ok) return started;
  ctx.deps.reasons.delete(ctx.pod.metadata.uid ?? '', container.name);
  await pruneDeadInstances(ctx, container.name, created.id);
  return { ok: true };
}

/**
 * Starts the init containers computePodActions picked, in order: sidecars are started and the next one follows; a
 * regular init container is started and the sync ends (the next sync, after it exits 0, moves on).
 */
export async function startInitContainers(ctx: SyncContext, indexes: readonly number[], signal: AbortSignal): Promise<void> {
  const inits = ctx.pod.spec?.initContainers ?? [];
  for (const i of indexes) {
    if (signal.aborted) return;
    const c = inits[i];
    if (!c) continue;
    const r = await startSpec(ctx, c, 'init');
    if (!r.ok || !isRestartableInit(c)) return;
  }
}
