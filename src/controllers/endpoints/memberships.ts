/**
 * Which Services a pod change concerns (k8s.io/endpointslice util: GetPodServiceMemberships,
 * GetServicesToUpdateOnPodChange). Used by event handlers to decide which Service keys to enqueue.
 */
import type { Pod, Service } from '../../api/index.js';
import type { ObjectKey } from '../../machinery/index.js';
import { isPodReady, podIPs, selectorMatches, serviceSelector } from './pod-util.js';

/** The Services of the pod's namespace whose (non-empty) selector matches the pod's labels. */
export function servicesForPod(services: readonly Readonly<Service>[], pod: Readonly<Pod>): ObjectKey[] {
  const out: ObjectKey[] = [];
  for (const svc of services) {
    if ((svc.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) continue;
    const sel = serviceSelector(svc);
    if (sel && selectorMatches(sel, pod.metadata.labels)) out.push({ namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '' });
  }
  return out;
}

/**
 * podEndpointsChanged: [the pod changed in a way that changes its endpoint, its labels/hostname changed (so its
 * Service memberships may have)].
 */
export function podEndpointsChanged(oldPod: Readonly<Pod>, newPod: Readonly<Pod>): [boolean, boolean] {
  const labelsChanged =
    JSON.stringify(sortedEntries(oldPod.metadata.labels)) !== JSON.stringify(sortedEntries(newPod.metadata.labels)) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  if (oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const a = podIPs(oldPod);
  const b = podIPs(newPod);
  if (a.length !== b.length || a.some((ip, i) => ip !== b[i])) return [true, labelsChanged];
  // Phase matters too: a pod turning terminal leaves the endpoints.
  if (oldPod.status?.phase !== newPod.status?.phase) return [true, labelsChanged];
  return [false, labelsChanged];
}

function sortedEntries(m: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const keyId = (k: ObjectKey) => `${k.namespace}/${k.name}`;

/**
 * The Services to resync after a pod update: none for a resync (same resourceVersion) or an irrelevant change; the
 * new memberships for an endpoint change; when labels changed, also the old memberships (all of them if the endpoint
 * changed too, otherwise only the Services the pod joined or left).
 */
export function servicesToUpdateOnPodChange(services: readonly Readonly<Service>[], oldPod: Readonly<Pod>, newPod: Readonly<Pod>): ObjectKey[] {
  if (oldPod.metadata.resourceVersion !== undefined && oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return [];
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return [];
  const now = servicesForPod(services, newPod);
  if (!labelsChanged) return now;
  const before = servicesForPod(services, oldPod);
  const nowIds = new Set(now.map(keyId));
  const beforeIds = new Set(before.map(keyId));
  if (podChanged) return [...now, ...before.filter((k) => !nowIds.has(keyId(k)))];
  return [...now.filter((k) => !beforeIds.has(keyId(k))), ...before.filter((k) => !nowIds.has(keyId(k)))];
}
