/**
 * Pod facts the endpoints and endpointslice controllers share (k8s.io/endpointslice/util and pkg/api/v1/pod):
 * readiness, whether a pod belongs in a Service's endpoints at all, its IPs, and how a Service port resolves
 * against the pod's container ports. Pure functions of their arguments.
 */
import type { Pod, Service, ServicePort } from '../../api/index.js';

/** The pod's Ready condition is True. */
export function isPodReady(pod: Readonly<Pod>): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Succeeded or Failed: all containers stopped for good. */
export function isPodTerminal(pod: Readonly<Pod>): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The pod's IPs: `status.podIPs`, or `status.podIP` alone when the list is absent. */
export function podIPs(pod: Readonly<Pod>): string[] {
  const list = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip) => !!ip);
  if (list.length) return list;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/**
 * ShouldPodBeInEndpoints: terminal pods and pods without an IP never are; pods being deleted only when
 * `includeTerminating` (the endpoints controller passes `publishNotReadyAddresses`, the slice controller true).
 */
export function shouldPodBeInEndpoints(pod: Readonly<Pod>, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** A pod's hostname is published when it sets one and its subdomain names the Service (same namespace). */
export function shouldSetHostname(pod: Readonly<Pod>, service: Readonly<Service>): boolean {
  const spec = pod.spec;
  return !!spec?.hostname && spec.subdomain === service.metadata.name && service.metadata.namespace === pod.metadata.namespace;
}

/**
 * FindPort: the container port a Service port targets on this pod. A numeric targetPort is used as is (absent means
 * the Service port itself); a named one is looked up among the containers' ports (then sidecar init containers')
 * with the same protocol. Undefined when the pod has no such named port: the pod is skipped for that port.
 */
export function findPort(pod: Readonly<Pod>, servicePort: Readonly<ServicePort>): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The service has a cluster IP (it is not headless). */
export function isServiceIPSet(service: Readonly<Service>): boolean {
  const ip = service.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The selector of a Service that gets controller-managed endpoints, or undefined (no or empty selector). */
export function serviceSelector(service: Readonly<Service>): Readonly<Record<string, string>> | undefined {
  const sel = service.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

/** Every key/value of `selector` is present in `labels` (a Service's set-based selector). */
export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}
