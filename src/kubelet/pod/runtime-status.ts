/**
 * What the runtime knows about one pod (kubecontainer.PodStatus): its sandboxes and every container instance, newest
 * first, read through the CRI interface with the pod-UID label. Everything the kubelet decides is derived from this
 * snapshot plus the pod spec, so a sync is level-triggered.
 */
import type { Container as ApiContainer, Pod } from '../../api/index.js';
import {
  CONTAINER_HASH_ANNOTATION,
  CONTAINER_NAME_LABEL,
  CONTAINER_RESTART_COUNT_ANNOTATION,
  POD_UID_LABEL,
} from '../runtime/labels.js';
import { isRuntimeError, type ContainerRuntime } from '../runtime/service.js';
import type { ContainerState, PodSandboxStatus } from '../runtime/types.js';

/** One container instance as the kubelet sees it (kubecontainer.Status). */
export interface RuntimeContainerStatus {
  id: string;
  name: string;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  /** The image the runtime reports (normalised reference). */
  image: string;
  /** The resolved image (repo digest): what the API calls imageID. */
  imageRef: string;
  restartCount: number;
  hash: string;
}

export interface RuntimePodStatus {
  uid: string;
  /** Newest first. */
  sandboxes: PodSandboxStatus[];
  /** Every container instance of the pod, newest first. */
  containers: RuntimeContainerStatus[];
  /** The pod's IPs (from the newest ready sandbox). */
  ips: string[];
}

export async function getRuntimePodStatus(runtime: ContainerRuntime, uid: string): Promise<RuntimePodStatus> {
  const selector = { [POD_UID_LABEL]: uid };
  const [sandboxList, containerList] = await Promise.all([
    runtime.listPodSandbox({ labelSelector: selector }),
    runtime.listContainers({ labelSelector: selector }),
  ]);
  const sandboxes = (await Promise.all(sandboxList.map((s) => ignoreNotFound(runtime.podSandboxStatus(s.id))))).filter(
    (s): s is PodSandboxStatus => s !== undefined,
  );
  sandboxes.sort((a, b) => b.metadata.attempt - a.metadata.attempt || b.createdAt - a.createdAt);
  const statuses = await Promise.all(containerList.map((c) => ignoreNotFound(runtime.containerStatus(c.id))));
  const containers: RuntimeContainerStatus[] = [];
  for (const s of statuses) {
    if (!s) continue;
    containers.push({
      id: s.id,
      name: s.labels[CONTAINER_NAME_LABEL] ?? s.metadata.name,
      state: s.state,
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      exitCode: s.exitCode,
      reason: s.reason,
      message: s.message,
      image: s.image.image,
      imageRef: s.imageRef,
      restartCount: Number(s.annotations[CONTAINER_RESTART_COUNT_ANNOTATION] ?? s.metadata.attempt) || 0,
      hash: s.annotations[CONTAINER_HASH_ANNOTATION] ?? '',
    });
  }
  containers.sort((a, b) => b.createdAt - a.createdAt || b.restartCount - a.restartCount);
  const latest = sandboxes[0];
  const ips = latest?.state === 'SANDBOX_READY' && latest.network?.ip ? [latest.network.ip] : [];
  return { uid, sandboxes, containers, ips };
}

async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    // Removed between List and Status: as if the list had not returned it.
    if (isRuntimeError(err, 'NotFound')) return undefined;
    throw err;
  }
}

/** The newest instance of the named container. */
export function findContainerStatus(rs: RuntimePodStatus, name: string): RuntimeContainerStatus | undefined {
  return rs.containers.find((c) => c.name === name);
}

/** The container's hash: only the fields that may change in place (its image), as HashContainer does since 1.31. */
export function hashContainer(container: Pick<ApiContainer, 'name' | 'image'>): string {
  let h = 0x811c9dc5;
  const text = `${container.name}\u0000${container.image ?? ''}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

export function isHostNetwork(pod: Pod): boolean {
  return pod.spec?.hostNetwork === true;
}

/**
 * PodSandboxChanged: whether a (new) sandbox must be created, the attempt number to use, and the current sandbox id.
 * A new one is needed when there is none, more than one is ready, the newest is not ready, or it lost its IP.
 */
export function podSandboxChanged(pod: Pod, rs: RuntimePodStatus): { create: boolean; attempt: number; sandboxId?: string } {
  const latest = rs.sandboxes[0];
  if (!latest) return { create: true, attempt: 0 };
  const ready = rs.sandboxes.filter((s) => s.state === 'SANDBOX_READY').length;
  const next = { create: true, attempt: latest.metadata.attempt + 1, sandboxId: latest.id };
  if (ready > 1 || latest.state !== 'SANDBOX_READY') return next;
  if (!isHostNetwork(pod) && !latest.network?.ip) return next;
  return { create: false, attempt: latest.metadata.attempt, sandboxId: latest.id };
}
