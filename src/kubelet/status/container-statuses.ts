/**
 * convertToAPIContainerStatuses (kubernetes pkg/kubelet/kubelet_pods.go): API container statuses from the runtime's
 * container instances, the previous API statuses and the reason cache. `ready` and `started` are left false here; the
 * probe state fills them in afterwards (prober manager UpdatePodStatus).
 */
import type { Container, ContainerState, ContainerStatus, Pod } from '../../api/index.js';
import { shouldContainerBeRestarted } from '../pod/compute-actions.js';
import { findContainerStatus, type RuntimeContainerStatus, type RuntimePodStatus } from '../pod/runtime-status.js';
import { rfc3339 } from '../time.js';
import type { ReasonCache } from './reason-cache.js';

export interface ConvertOptions {
  /** The CRI runtime name, the scheme of container IDs (`sim://…`). */
  runtimeName: string;
  hasInitContainers: boolean;
  isInit: boolean;
  reasons: ReasonCache;
}

function convertOne(cs: RuntimeContainerStatus, runtimeName: string, old: ContainerStatus | undefined): ContainerStatus {
  const cid = `${runtimeName}://${cs.id}`;
  const status: ContainerStatus = {
    name: cs.name,
    state: {},
    ready: false,
    restartCount: cs.restartCount,
    image: cs.image,
    imageID: cs.imageRef,
    containerID: cid,
  };
  switch (cs.state) {
    case 'CONTAINER_RUNNING':
      status.state = { running: { startedAt: rfc3339(cs.startedAt) } };
      break;
    case 'CONTAINER_EXITED': {
      const t: NonNullable<ContainerState['terminated']> = { exitCode: cs.exitCode };
      if (cs.reason) t.reason = cs.reason;
      if (cs.message) t.message = cs.message;
      t.startedAt = rfc3339(cs.startedAt);
      t.finishedAt = rfc3339(cs.finishedAt);
      t.containerID = cid;
      status.state = { terminated: t };
      break;
    }
    case 'CONTAINER_UNKNOWN':
      if (old?.state?.running) {
        status.state = {
          terminated: {
            exitCode: 137,
            reason: 'ContainerStatusUnknown',
            message: 'The container could not be located when the pod was terminated',
          },
        };
        status.restartCount = old.restartCount + 1;
        break;
      }
      status.state = { waiting: {} };
      break;
    default:
      status.state = { waiting: {} };
  }
  return status;
}

/** Statuses for `containers` (init ones in spec order, regular ones sorted by name, as Kubernetes orders them). */
export function convertContainerStatuses(
  pod: Pod,
  rs: RuntimePodStatus,
  previous: readonly ContainerStatus[] | undefined,
  containers: readonly Container[],
  options: ConvertOptions,
): ContainerStatus[] {
  const uid = pod.metadata.uid ?? '';
  const oldByName = new Map((previous ?? []).map((s) => [s.name, s] as const));
  const defaultReason = options.hasInitContainers ? 'PodInitializing' : 'ContainerCreating';
  const statuses = new Map<string, ContainerStatus>();
  for (const c of containers) {
    const old = oldByName.get(c.name);
    if (old?.state?.terminated) {
      // A copy: the previous status may be cached (status manager) or come from an informer; never mutate it.
      statuses.set(c.name, { ...old });
      continue;
    }
    const s: ContainerStatus = {
      name: c.name,
      state: { waiting: { reason: defaultReason } },
      ready: false,
      restartCount: old?.restartCount ?? 0,
      image: c.image ?? '',
      imageID: '',
    };
    if (old?.lastState && Object.keys(old.lastState).length > 0) s.lastState = old.lastState;
    statuses.set(c.name, s);
  }

  // A container that was running but vanished from the runtime: show it as stopped rather than brand new.
  for (const c of containers) {
    if (rs.containers.some((x) => x.name === c.name)) continue;
    const old = oldByName.get(c.name);
    const s = statuses.get(c.name)!;
    if (!old?.state?.running || old.state.terminated || !s.state?.waiting || s.state.waiting.reason !== defaultReason) continue;
    if (s.lastState?.terminated) continue;
    s.lastState = {
      terminated: {
        exitCode: 137,
        reason: 'ContainerStatusUnknown',
        message: 'The container could not be located when the pod was deleted.  The container used to be Running',
      },
    };
    if (!pod.metadata.deletionTimestamp) s.restartCount += 1;
  }

  // Newest instance → state; the one before → lastState.
  const seen = new Map<string, number>();
  for (const cs of rs.containers) {
    if (!statuses.has(cs.name)) continue;
    const n = seen.get(cs.name) ?? 0;
    if (n >= 2) continue;
    const converted = convertOne(cs, options.runtimeName, oldByName.get(cs.name));
    if (n === 0) statuses.set(cs.name, converted);
    else statuses.get(cs.name)!.lastState = converted.state!;
    seen.set(cs.name, n + 1);
  }

  // Containers that will be (re)started next show why they are waiting.
  for (const c of containers) {
    if (options.isInit) {
      const cs = findContainerStatus(rs, c.name);
      if (cs && cs.state === 'CONTAINER_EXITED' && cs.exitCode === 0) continue;
    }
    if (!shouldContainerBeRestarted(c, pod, rs)) continue;
    const reason = options.reasons.get(uid, c.name);
    if (!reason) continue;
    const s = statuses.get(c.name)!;
    if (s.state?.terminated) s.lastState = s.state;
    s.state = { waiting: reason.message ? { reason: reason.reason, message: reason.message } : { reason: reason.reason } };
  }

  // lastState is a struct in the Go API: it is always present, `{}` when empty.
  const out = containers.map((c) => {
    const s = statuses.get(c.name)!;
    if (!s.lastState) s.lastState = {};
    return s;
  });
  if (!options.isInit) out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}
