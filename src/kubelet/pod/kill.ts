/**
 * Stopping containers the way the kubelet does (kuberuntime_container.go killContainer, executePreStopHook,
 * killContainersWithSyncResult; lifecycle/handlers.go): the grace period comes from the deletion, else the pod spec
 * (or the failing probe's override); a preStop hook runs first and eats into it; the runtime then gets SIGTERM with the
 * remaining time, never less than 2 seconds, before SIGKILL.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Container, LifecycleHandler, Pod } from '../../api/index.js';
import { EventReason, type PodEvents } from '../events.js';
import type { ProbeExecutor } from '../prober/types.js';
import { isRuntimeError, type ContainerRuntime } from '../runtime/service.js';
import type { KillReason } from './compute-actions.js';

export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

export interface KillDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  events: PodEvents;
  executor: ProbeExecutor;
}

/** All of the pod's containers, init ones first. */
export function containerSpec(pod: Pod, name: string): Container | undefined {
  return pod.spec?.initContainers?.find((c) => c.name === name) ?? pod.spec?.containers.find((c) => c.name === name);
}

/** setTerminationGracePeriod: the seconds a container gets between SIGTERM and SIGKILL, before the 2 s minimum. */
export function terminationGracePeriod(pod: Pod, container: Container | undefined, reason: KillReason): number {
  let grace = MINIMUM_GRACE_PERIOD_SECONDS;
  if (pod.metadata.deletionGracePeriodSeconds !== undefined && pod.metadata.deletionGracePeriodSeconds !== null) {
    grace = pod.metadata.deletionGracePeriodSeconds;
  } else if (pod.spec?.terminationGracePeriodSeconds !== undefined) {
    grace = pod.spec.terminationGracePeriodSeconds;
  }
  const probe = reason === 'LivenessProbe' ? container?.livenessProbe : reason === 'StartupProbe' ? container?.startupProbe : undefined;
  if (probe?.terminationGracePeriodSeconds !== undefined) grace = probe.terminationGracePeriodSeconds;
  return grace;
}

export interface HookResult {
  ok: boolean;
  message: string;
}

/** Runs a lifecycle handler: exec through ExecSync, httpGet/tcpSocket through the ProbeExecutor, sleep on the clock. */
export async function runHook(
  deps: KillDeps,
  type: 'preStop' | 'postStart',
  target: { pod: Pod; container: Container; containerId: string; podIP?: string },
  handler: LifecycleHandler,
): Promise<HookResult> {
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    try {
      const r = await deps.runtime.execSync(target.containerId, cmd);
      if (r.exitCode === 0) return { ok: true, message: '' };
      return {
        ok: false,
        message: `Exec lifecycle hook (${JSON.stringify(cmd)}) for Container "${target.container.name}" in Pod ` +
          `"${target.pod.metadata.name ?? ''}_${target.pod.metadata.namespace ?? ''}(${target.pod.metadata.uid ?? ''})" ` +
          `failed - error: command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.stderr}, message: "${r.stdout}${r.stderr}"`,
      };
    } catch (err) {
      if (!isRuntimeError(err)) throw err;
      return { ok: false, message: err.message };
    }
  }
  if (handler.sleep) {
    await deps.clock.sleep(Math.max(0, handler.sleep.seconds) * 1000);
    return { ok: true, message: '' };
  }
  const request = { type, containerId: target.containerId, containerName: target.container.name, handler, timeoutSeconds: 0 };
  const out = await deps.executor.probe(target.podIP === undefined ? request : { ...request, podIP: target.podIP });
  return out.result === 'success' ? { ok: true, message: '' } : { ok: false, message: out.output };
}

export interface KillOptions {
  /** The Killing event's message; default `Stopping container <name>`. */
  message?: string;
  reason?: KillReason;
  gracePeriodOverride?: number;
  podIP?: string;
}

/** Stops one container; resolves once the runtime reports it exited (a container already gone counts as stopped). */
export async function killContainer(deps: KillDeps, pod: Pod, target: { id: string; name: string }, options: KillOptions = {}): Promise<void> {
  const container = containerSpec(pod, target.name);
  let grace = terminationGracePeriod(pod, container, options.reason ?? '');
  const ref = container ?? { name: target.name };
  deps.events.container(pod, ref, 'Normal', EventReason.KillingContainer, options.message ?? `Stopping container ${target.name}`);
  if (options.gracePeriodOverride !== undefined) grace = options.gracePeriodOverride;

  const preStop = container?.lifecycle?.preStop;
  if (container && preStop && grace > 0) {
    const start = deps.clock.now();
    let timer: Timer | undefined;
    const hookTarget = { pod, container, containerId: target.id, ...(options.podIP ? { podIP: options.podIP } : {}) };
    // The hook's error text is not put in the event (it may hold secrets), as in Kubernetes.
    const failed = () => deps.events.container(pod, container, 'Warning', EventReason.FailedPreStopHook, 'PreStopHook failed');
    const hook = runHook(deps, 'preStop', hookTarget, preStop).then((r) => void (r.ok || failed()), failed);
    const limit = new Promise<void>((resolve) => {
      timer = deps.clock.setTimeout(resolve, grace * 1000);
    });
    await Promise.race([hook, limit]);
    timer?.cancel();
    grace -= Math.floor((deps.clock.now() - start) / 1000);
  }
  if (grace < MINIMUM_GRACE_PERIOD_SECONDS) grace = MINIMUM_GRACE_PERIOD_SECONDS;
  try {
    await deps.runtime.stopContainer(target.id, grace);
  } catch (err) {
    if (!isRuntimeError(err, 'NotFound')) throw err;
  }
}
