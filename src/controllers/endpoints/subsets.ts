/**
 * The seed's step 16 as pure functions: from a Service and the pods its selector matches to the Endpoints subsets
 * (pkg/controller/endpoint's syncService body plus pkg/api/v1/endpoints.RepackSubsets).
 *
 * Guarantees: the result is canonical — the same service and pod set give the same subsets in the same order,
 * whatever order the pods come in — so comparing it with the stored subsets detects real changes only.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from '../../api/index.js';
import { hashOf } from './hash.js';
import { findPort, isIPv6, isPodReady, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from './pod-util.js';

/** At most this many addresses (ready + not ready) are stored in one Endpoints object. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

/**
 * The address a pod contributes to a Service: the pod IP of the Service's IP family (its first `ipFamilies` entry,
 * else the family of its cluster IP, else — headless — of the pod's IP), with nodeName and a targetRef to the pod.
 * Undefined when the pod has no IP of that family.
 */
export function podToEndpointAddress(service: Readonly<Service>, pod: Readonly<Pod>): EndpointAddress | undefined {
  const ips = podIPs(pod);
  let v6: boolean;
  const families = service.spec?.ipFamilies ?? [];
  const clusterIP = service.spec?.clusterIP ?? '';
  if (families.length) v6 = families[0] === 'IPv6';
  else if (clusterIP && clusterIP !== 'None') v6 = isIPv6(clusterIP);
  else v6 = isIPv6(pod.status?.podIP ?? ips[0] ?? '');
  const ip = ips.find((x) => isIPv6(x) === v6);
  if (!ip) return undefined;
  const addr: EndpointAddress = {
    ip,
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
    },
  };
  if (shouldSetHostname(pod, service)) addr.hostname = pod.spec!.hostname!;
  return addr;
}

/**
 * computeSubsets (seed step 16): one address per eligible pod — ready pods (or all, with publishNotReadyAddresses)
 * in `addresses`, the others in `notReadyAddresses` — with each Service port resolved per pod (findPort); a pod
 * lacking a named port is skipped for that port. Pods being deleted (unless publishNotReadyAddresses), terminal pods
 * and pods without an IP are left out. A headless Service without ports lists addresses without ports. The result is
 * repacked (repackSubsets).
 */
export function computeSubsets(service: Readonly<Service>, pods: readonly Readonly<Pod>[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses ?? false;
  const ports = service.spec?.ports ?? [];
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr = podToEndpointAddress(service, pod);
    if (!addr) continue;
    const ready = publishNotReady || isPodReady(pod);
    const add = (port: EndpointPort | undefined) =>
      subsets.push({ ...(ready ? { addresses: [addr] } : { notReadyAddresses: [addr] }), ...(port ? { ports: [port] } : {}) });
    if (ports.length === 0) {
      if (service.spec?.clusterIP === 'None') add(undefined);
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      add({
        ...(sp.name !== undefined ? { name: sp.name } : {}),
        port: num,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
      });
    }
  }
  return repackSubsets(subsets);
}

const NO_PORT = '\0no-port';

function addressIdentity(a: EndpointAddress): string {
  return `${a.ip}\0${a.targetRef?.uid ?? ''}`;
}

/**
 * RepackSubsets: expands subsets to (address, port, ready) triples, deduplicates addresses by IP + targetRef uid
 * (not-ready wins over ready for the same port), groups ports by the exact set of addresses offering them, and sorts
 * everything (sortSubsets). Addresses listed without ports stay in a port-less subset.
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  /** port key → (address identity → ready) */
  const byPort = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, boolean> }>();
  const record = (addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const id = addressIdentity(addr);
    if (!allAddrs.has(id)) allAddrs.set(id, structuredClone(addr));
    const pk = port ? hashOf(port) : NO_PORT;
    let entry = byPort.get(pk);
    if (!entry) byPort.set(pk, (entry = { port: port ? structuredClone(port) : undefined, addrs: new Map() }));
    const was = entry.addrs.get(id);
    if (was === undefined || was) entry.addrs.set(id, ready);
  };
  for (const s of subsets) {
    const ports = s.ports?.length ? s.ports : [undefined];
    for (const port of ports) {
      for (const a of s.addresses ?? []) record(a, port, true);
      for (const a of s.notReadyAddresses ?? []) record(a, port, false);
    }
  }
  // Group ports by the identical (address, ready) set they are offered on.
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[]; portless: boolean }>();
  for (const { port, addrs } of byPort.values()) {
    const key = hashOf([...addrs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs, ports: [], portless: false }));
    if (port) g.ports.push(port);
    else g.portless = true;
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [id, isReady] of g.addrs) (isReady ? ready : notReady).push(allAddrs.get(id)!);
    const base = { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}) };
    if (g.ports.length) out.push({ ...base, ports: g.ports });
    if (g.portless) out.push(base);
  }
  return sortSubsets(out);
}

/** LessEndpointAddress: by IP, then targetRef uid (an address without a targetRef first). */
export function compareEndpointAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const au = a.targetRef ? (a.targetRef.uid ?? '') : undefined;
  const bu = b.targetRef ? (b.targetRef.uid ?? '') : undefined;
  if (au === bu) return 0;
  if (au === undefined) return -1;
  if (bu === undefined) return 1;
  return au < bu ? -1 : 1;
}

const byHash = <T>(a: T, b: T): number => {
  const ha = hashOf(a);
  const hb = hashOf(b);
  return ha < hb ? -1 : ha > hb ? 1 : 0;
};

/** SortSubsets: addresses by IP and uid, ports and subsets by content hash. Sorts in place and returns the input. */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const s of subsets) {
    s.addresses?.sort(compareEndpointAddress);
    s.notReadyAddresses?.sort(compareEndpointAddress);
    s.ports?.sort(byHash);
  }
  return subsets.sort(byHash);
}

/**
 * truncateEndpoints: keeps at most MAX_ENDPOINTS_CAPACITY addresses, ready ones first, each subset keeping its share
 * (rounded up) of the kept addresses. Returns true when it truncated. Mutates `subsets`.
 */
export function truncateSubsets(subsets: EndpointSubset[], max = MAX_ENDPOINTS_CAPACITY): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= max) return false;
  const truncateReady = totalReady > max;
  const limit = truncateReady ? max : max - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = limit;
  for (const s of subsets) {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * limit), canBeAdded);
    if (truncateReady) {
      if (s.addresses) s.addresses = s.addresses.slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      if (s.notReadyAddresses) s.notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}
