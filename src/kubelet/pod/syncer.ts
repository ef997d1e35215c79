/**
 * The kubelet's PodSyncer: SyncPod (status first, then the pod's current annotations to its sandboxes — a sim-only
 * runtime extension — then computePodActions and the sync steps, then status again),
 * SyncTerminatingPod (stop containers with the grace period, regular containers before sidecars, then the sandbox),
 * SyncTerminatedPod (terminal status written) and cleanup (runtime objects and per-pod caches dropped).
 */
import type { Pod, PodStatus } from '../../api/index.js';
import { EventReason } from '../events.js';
import type { ProbeManager } from '../prober/manager.js';
import { isRuntimeError } from '../runtime/service.js';
import { generatePodStatus } from '../status/generate.js';
import type { StatusManager } from '../status/status-manager.js';
import { computePodActions } from './compute-actions.js';
import { generatePodSandboxConfig, mountVolumes } from './config.js';
import { containerSpec, killContainer } from './kill.js';
import type { PodSyncer, SyncPodResult } from './pod-workers.js';
import { getRuntimePodStatus, type RuntimePodStatus } from './runtime-status.js';
import {
  createSandbox,
  startInitContainers,
  startSpec,
  updateSandboxAnnotations,
  type StepDeps,
  type SyncContext,
} from './sync-steps.js';

export interface KubeletSyncerDeps extends StepDeps {
  /** The CRI runtime's name (scheme of container IDs), known once the kubelet has asked the runtime. */
  runtimeName: () => string;
  probes: ProbeManager;
  status: StatusManager;
  /** Reports failures of background work (kills that outlive an interrupted terminating sync). */
  onError(err: unknown, pod: Pod): void;
}

function isTerminal(status: PodStatus): boolean {
  return status.phase === 'Succeeded' || status.phase === 'Failed';
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export class KubeletPodSyncer implements PodSyncer {
  constructor(private readonly deps: KubeletSyncerDeps) {}

  /** Generates the pod's status from a fresh runtime snapshot and hands it to the status manager. */
  private async updateStatus(pod: Pod, podIsTerminal: boolean): Promise<{ rs: RuntimePodStatus; status: PodStatus }> {
    const { deps } = this;
    const uid = pod.metadata.uid ?? '';
    const rs = await getRuntimePodStatus(deps.runtime, uid);
    const oldStatus = deps.status.getPodStatus(uid);
    const status = generatePodStatus(pod, rs, {
      runtimeName: deps.runtimeName(),
      hostIP: deps.hostIP,
      reasons: deps.reasons,
      probes: deps.probes,
      podIsTerminal,
      ...(oldStatus ? { oldStatus } : {}),
    });
    deps.status.setPodStatus(pod, status);
    return { rs, status };
  }

  async syncPod(pod: Pod, ctx: { signal: AbortSignal }): Promise<SyncPodResult> {
    const before = await this.updateStatus(pod, false);
    if (isTerminal(before.status)) return { terminal: true };
    this.deps.probes.addPod(pod);
    if (ctx.signal.aborted) return { terminal: false };
    const sync: SyncContext = { deps: this.deps, pod, rs: before.rs };
    await updateSandboxAnnotations(sync);
    await this.syncRuntime(sync, ctx.signal);
    const after = await this.updateStatus(pod, false);
    if (isTerminal(after.status)) return { terminal: true };
    const result: SyncPodResult = { terminal: false };
    if (sync.requeueAt !== undefined) result.requeueAfterMs = Math.max(0, sync.requeueAt - this.deps.clock.now());
    return result;
  }

  /** kuberuntime SyncPod: steps 1–7 of computePodActions' plan. */
  private async syncRuntime(ctx: SyncContext, signal: AbortSignal): Promise<void> {
    const { pod, rs } = ctx;
    const deps = this.deps;
    const actions = computePodActions(pod, rs, deps.probes);
    if (actions.createSandbox && actions.sandboxId !== undefined) {
      deps.events.pod(pod, 'Normal', EventReason.SandboxChanged, 'Pod sandbox changed, it will be killed and re-created.');
    }
    if (actions.killPod) {
      await this.killPod(pod, rs, undefined);
      if (!actions.createSandbox) return;
      for (const c of rs.containers) {
        if (pod.spec?.initContainers?.some((i) => i.name === c.name)) await deps.runtime.removeContainer(c.id);
      }
    } else {
      await Promise.all(
        actions.containersToKill.map((k) =>
          killContainer(deps, pod, k, { message: k.message, reason: k.reason, ...(rs.ips[0] ? { podIP: rs.ips[0] } : {}) }),
        ),
      );
      await this.pruneInitContainers(ctx);
    }
    if (signal.aborted) return;

    if (actions.createSandbox) {
      const created = await createSandbox(ctx, actions.attempt);
      if (!created.ok) return;
    } else {
      ctx.sandboxId = actions.sandboxId!;
      ctx.sandboxConfig = generatePodSandboxConfig(pod, actions.attempt);
      if (rs.ips[0] !== undefined) ctx.podIP = rs.ips[0];
    }
    ctx.volumes = mountVolumes(pod);

    if (actions.initContainersToStart.length > 0) {
      await startInitContainers(ctx, actions.initContainersToStart, signal);
      const stillInitializing = actions.initContainersToStart.some((i) => pod.spec?.initContainers?.[i]?.restartPolicy !== 'Always');
      if (stillInitializing) return;
    }
    for (const i of actions.containersToStart) {
      if (signal.aborted) return;
      const c = pod.spec?.containers[i];
      if (c) await startSpec(ctx, c, 'regular');
    }
  }

  /** pruneInitContainersBeforeStart: keeps only the newest exited instance of each init container. */
  private async pruneInitContainers(ctx: SyncContext): Promise<void> {
    const seen = new Set<string>();
    for (const c of ctx.rs.containers) {
      if (!ctx.pod.spec?.initContainers?.some((i) => i.name === c.name)) continue;
      if (c.state !== 'CONTAINER_EXITED' && c.state !== 'CONTAINER_UNKNOWN') continue;
      if (!seen.has(c.name)) {
        seen.add(c.name);
        continue;
      }
      await ctx.deps.runtime.removeContainer(c.id);
    }
  }

  /** Kills every running container (regular ones first, then sidecars, like terminationOrdering) and stops sandboxes. */
  private async killPod(pod: Pod, rs: RuntimePodStatus, gracePeriodOverride: number | undefined): Promise<void> {
    const { deps } = this;
    const live = rs.containers.filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED' || c.state === 'CONTAINER_UNKNOWN');
    const isSidecar = (name: string) => containerSpec(pod, name)?.restartPolicy === 'Always' && pod.spec?.initContainers?.some((c) => c.name === name);
    const opts = { ...(gracePeriodOverride !== undefined ? { gracePeriodOverride } : {}), ...(rs.ips[0] ? { podIP: rs.ips[0] } : {}) };
    await Promise.all(live.filter((c) => !isSidecar(c.name)).map((c) => killContainer(deps, pod, c, opts)));
    await Promise.all(live.filter((c) => isSidecar(c.name)).map((c) => killContainer(deps, pod, c, opts)));
    for (const s of rs.sandboxes) if (s.state === 'SANDBOX_READY') await deps.runtime.stopPodSandbox(s.id);
  }

  async syncTerminatingPod(pod: Pod, ctx: { gracePeriodSeconds: number; signal: AbortSignal }): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    this.deps.probes.stopLivenessAndStartup(uid);
    const { rs } = await this.updateStatus(pod, false);
    const kill = this.killPod(pod, rs, ctx.gracePeriodSeconds);
    kill.catch((err: unknown) => {
      if (ctx.signal.aborted) this.deps.onError(err, pod);
    });
    await abortable(kill, ctx.signal);
    this.deps.probes.removePod(uid);
    await this.updateStatus(pod, true);
  }

  async syncTerminatedPod(pod: Pod): Promise<void> {
    await this.updateStatus(pod, true);
    await this.deps.status.flush(pod.metadata.uid ?? '');
  }

  async cleanupPod(pod: Pod): Promise<void> {
    const { deps } = this;
    const uid = pod.metadata.uid ?? '';
    const rs = await getRuntimePodStatus(deps.runtime, uid);
    for (const c of rs.containers) await deps.runtime.removeContainer(c.id);
    for (const s of rs.sandboxes) {
      try {
        await deps.runtime.removePodSandbox(s.id);
      } catch (err) {
        if (!isRuntimeError(err, 'NotFound')) throw err;
      }
    }
    deps.probes.removePod(uid);
    deps.reasons.removePod(uid);
    deps.images.removePod(uid);
    deps.crashBackoff.resetPrefix(`${uid}_`);
  }
}
