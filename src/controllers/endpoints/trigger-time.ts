/**
 * TriggerTimeTracker: computes the `endpoints.kubernetes.io/last-change-trigger-time` annotation (k8s.io/endpointslice
 * util.TriggerTimeTracker). Per Service it remembers the trigger times seen at the previous sync — each pod's Ready
 * condition lastTransitionTime and the Service's creationTimestamp — and reports the earliest one that changed since.
 *
 * Guarantees: the first sync of a Service reports its creationTimestamp; a sync in which nothing relevant changed
 * reports undefined (the annotation is then removed). Like Kubernetes, several changes of one object between two syncs
 * are seen as one. Calls for one Service must not overlap (the work queue guarantees it).
 */
import type { Pod, Service } from '../../api/index.js';

interface ServiceState {
  serviceTriggerTime: number | undefined;
  podTriggerTimes: Map<string, number>;
}

function parseTime(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

function podTriggerTime(pod: Readonly<Pod>): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return parseTime(ready?.lastTransitionTime);
}

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** RFC 3339 with fractional seconds only when non-zero, as Go's RFC3339Nano prints it. */
export function formatTriggerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}

export class TriggerTimeTracker {
  readonly #states = new Map<string, ServiceState>();

  /** The trigger time to publish for this sync (ms since epoch), or undefined for none. Updates the stored state. */
  compute(service: Readonly<Service>, pods: readonly Readonly<Pod>[]): number | undefined {
    const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
    const prev = this.#states.get(key);
    let minChanged: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      const name = pod.metadata.name ?? '';
      podTimes.set(name, t);
      const before = prev?.podTriggerTimes.get(name);
      if (before === undefined || t > before) minChanged = minChanged === undefined ? t : Math.min(minChanged, t);
    }
    const svcTime = parseTime(service.metadata.creationTimestamp);
    if (svcTime !== undefined && (prev?.serviceTriggerTime === undefined || svcTime > prev.serviceTriggerTime)) {
      minChanged = minChanged === undefined ? svcTime : Math.min(minChanged, svcTime);
    }
    this.#states.set(key, { serviceTriggerTime: svcTime, podTriggerTimes: podTimes });
    if (!prev) return svcTime;
    return minChanged;
  }

  /** Forgets a deleted Service. */
  deleteService(namespace: string, name: string): void {
    this.#states.delete(`${namespace}/${name}`);
  }
}
