/**
 * The pieces an EndpointSlice is built from (k8s.io/endpointslice utils.go): a pod's Endpoint, the ports a pod offers
 * for a Service, the identity hash that matches endpoints across syncs, the port-set key slices are grouped by, and
 * the labels and owner reference every managed slice carries. Pure functions.
 */
import type { Endpoint, EndpointSlice, EndpointSlicePort, Node, Pod, Service } from '../../api/index.js';
import { deepEqual } from '../../machinery/index.js';
import { HEADLESS_SERVICE_LABEL, findPort, hashOf, isIPv6, isPodReady, isServiceIPSet, podIPs, shouldSetHostname } from '../endpoints/index.js';

export type AddressType = EndpointSlice['addressType'];

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** The pod's addresses of one family. */
export function endpointAddresses(pod: Readonly<Pod>, addressType: AddressType): string[] {
  return podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6'));
}

/**
 * podToEndpoint: serving = the pod is Ready; terminating = it has a deletionTimestamp; ready = serving and not
 * terminating (always true with publishNotReadyAddresses). nodeName, the node's zone and the hostname when known.
 */
export function podToEndpoint(pod: Readonly<Pod>, options: { service: Readonly<Service>; node?: Readonly<Node> | undefined; addressType: AddressType }): Endpoint {
  const { service, node, addressType } = options;
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = (service.spec?.publishNotReadyAddresses ?? false) || (serving && !terminating);
  const ep: Endpoint = {
    addresses: endpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}) },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec!.hostname!;
  return ep;
}

/** getEndpointPorts: every Service port the pod offers (named target ports resolved per pod; missing ones skipped). */
export function getEndpointPorts(service: Readonly<Service>, pod: Readonly<Pod>): EndpointSlicePort[] {
  const ports = service.spec?.ports ?? [];
  const out: EndpointSlicePort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** The identity of an endpoint across syncs: its sorted addresses, hostname and target pod (namespace/name). */
export function endpointHash(ep: Readonly<Endpoint>): string {
  return hashOf({ addresses: [...ep.addresses].sort(), hostname: ep.hostname ?? '', namespace: ep.targetRef?.namespace ?? '', name: ep.targetRef?.name ?? '' });
}

/**
 * The key slices are grouped by: the set of ports, order-independent, with defaults normalized (an empty name and
 * an absent one, an absent protocol and TCP, are the same) so a server that omits defaults cannot cause churn.
 */
export function portMapKey(ports: readonly EndpointSlicePort[] | undefined): string {
  const norm = (p: EndpointSlicePort) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP', appProtocol: p.appProtocol ?? '' });
  return hashOf([...(ports ?? [])].map((p) => hashOf(norm(p))).sort());
}

/** EndpointsEqualBeyondHash: equal nodeName, zone, conditions and targetRef (ignoring its resourceVersion). */
export function endpointsEqualBeyondHash(a: Readonly<Endpoint>, b: Readonly<Endpoint>): boolean {
  if ((a.nodeName ?? '') !== (b.nodeName ?? '') || (a.zone ?? '') !== (b.zone ?? '')) return false;
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  if (ca.ready !== cb.ready || ca.serving !== cb.serving || ca.terminating !== cb.terminating) return false;
  const ra = a.targetRef ? { ...a.targetRef, resourceVersion: undefined } : undefined;
  const rb = b.targetRef ? { ...b.targetRef, resourceVersion: undefined } : undefined;
  return deepEqual(ra, rb);
}

/**
 * The address types a Service needs slices for: its ipFamilies; else the family of its cluster IP; else (headless
 * without families) both.
 */
export function addressTypesForService(service: Readonly<Service>): Set<AddressType> {
  const out = new Set<AddressType>();
  for (const f of service.spec?.ipFamilies ?? []) out.add(f === 'IPv6' ? 'IPv6' : 'IPv4');
  if (out.size) return out;
  const ip = service.spec?.clusterIP ?? '';
  if (ip && ip !== 'None') return new Set([isIPv6(ip) ? 'IPv6' : 'IPv4']);
  return new Set<AddressType>(['IPv4', 'IPv6']);
}

const RESERVED = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, HEADLESS_SERVICE_LABEL]);

/**
 * setEndpointSliceLabels: the Service's labels (reserved keys skipped), the headless label for headless Services,
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`. `changed` reports whether the slice's
 * non-reserved labels differ from the Service's.
 */
export function endpointSliceLabels(slice: Readonly<EndpointSlice> | undefined, service: Readonly<Service>): { labels: Record<string, string>; changed: boolean } {
  const sliceLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata.labels ?? {})) if (!RESERVED.has(k)) sliceLabels[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!RESERVED.has(k)) labels[k] = v;
  const changed = !deepEqual(sliceLabels, labels);
  if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, changed };
}

/** A new (unnamed: generateName `<service>-`) slice owned by the Service, holding no endpoints yet. */
export function newEndpointSlice(service: Readonly<Service>, meta: { ports: EndpointSlicePort[]; addressType: AddressType }): EndpointSlice {
  const name = service.metadata.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace: service.metadata.namespace ?? '',
      labels: endpointSliceLabels(undefined, service).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: meta.addressType,
    endpoints: [],
    ports: structuredClone(meta.ports),
  };
}

/** The slice has an owner reference to exactly this Service (by uid). */
export function ownedBy(slice: Readonly<EndpointSlice>, service: Readonly<Service>): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === service.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** The slice is managed by this controller. */
export function managedByController(slice: Readonly<EndpointSlice>): boolean {
  return slice.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME;
}
