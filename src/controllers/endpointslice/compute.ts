/**
 * computeSlices: the EndpointSlice reconciler of k8s.io/endpointslice (Reconcile, reconcileByAddressType,
 * reconcileByPortMapping, finalize) as a pure function from (Service, pods, existing slices) to the slices to create,
 * update and delete.
 *
 * Guarantees:
 * - Every eligible pod (shouldPodBeInEndpoints, terminating included) with an address of the slice's type appears in
 *   exactly one slice whose ports are the ports that pod offers; no slice holds more than `maxEndpointsPerSlice`.
 * - Existing slices are kept where possible: unchanged endpoints stay in place, freed room is filled first, and a
 *   slice that would be deleted while another is created is reused (updated) instead.
 * - A Service with no endpoints keeps exactly one empty placeholder slice per address type.
 * - Deterministic: the same inputs give the same plan.
 */
import type { Endpoint, EndpointSlice, EndpointSlicePort, Node, Pod, Service } from '../../api/index.js';
import { deepEqual } from '../../machinery/index.js';
import { shouldPodBeInEndpoints } from '../endpoints/index.js';
import {
  addressTypesForService,
  endpointHash,
  endpointSliceLabels,
  endpointsEqualBeyondHash,
  getEndpointPorts,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
  type AddressType,
} from './slice-util.js';

export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlan {
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  toDelete: EndpointSlice[];
  /** Pods left out because their node is unknown (the sync should be retried). */
  skippedPods: string[];
}

export interface ComputeSlicesOptions {
  maxEndpointsPerSlice?: number;
  /** Node lookup for zones; a pod whose node is not found is skipped unless publishNotReadyAddresses. */
  node?: (name: string) => Readonly<Node> | undefined;
}

interface Desired {
  ports: EndpointSlicePort[];
  endpoints: Map<string, Endpoint>;
}

export function computeSlices(
  service: Readonly<Service>,
  input: { pods: readonly Readonly<Pod>[]; existing: readonly Readonly<EndpointSlice>[] },
  options: ComputeSlicesOptions = {},
): SlicePlan {
  const max = options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const types = addressTypesForService(service);
  const plan: SlicePlan = { toCreate: [], toUpdate: [], toDelete: [], skippedPods: [] };
  const byType = new Map<AddressType, Readonly<EndpointSlice>[]>();
  for (const s of input.existing) {
    if (!types.has(s.addressType)) plan.toDelete.push(s as EndpointSlice);
    else byType.set(s.addressType, [...(byType.get(s.addressType) ?? []), s]);
  }
  const skipped = new Set<string>();
  for (const t of [...types].sort()) {
    const part = reconcileByAddressType(service, { pods: input.pods, existing: byType.get(t) ?? [], addressType: t }, { max, node: options.node, skipped });
    plan.toCreate.push(...part.toCreate);
    plan.toUpdate.push(...part.toUpdate);
    plan.toDelete.push(...part.toDelete);
  }
  plan.skippedPods = [...skipped].sort();
  return plan;
}

function reconcileByAddressType(
  service: Readonly<Service>,
  input: { pods: readonly Readonly<Pod>[]; existing: readonly Readonly<EndpointSlice>[]; addressType: AddressType },
  o: { max: number; node: ComputeSlicesOptions['node']; skipped: Set<string> },
): Omit<SlicePlan, 'skippedPods'> {
  let toCreate: EndpointSlice[] = [];
  const toUpdate: EndpointSlice[] = [];
  const toDelete: EndpointSlice[] = [];
  const existingByPorts = new Map<string, Readonly<EndpointSlice>[]>();
  for (const s of input.existing) {
    if (!ownedBy(s, service)) {
      toDelete.push(s as EndpointSlice);
      continue;
    }
    const k = portMapKey(s.ports);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
  }
  const desired = new Map<string, Desired>();
  const publishNotReady = service.spec?.publishNotReadyAddresses ?? false;
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(service, pod);
    const k = portMapKey(ports);
    let d = desired.get(k);
    if (!d) desired.set(k, (d = { ports, endpoints: new Map() }));
    const nodeName = pod.spec?.nodeName ?? '';
    const node = nodeName && o.node ? o.node(nodeName) : undefined;
    if (o.node && nodeName && !node && !publishNotReady) {
      o.skipped.add(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
      continue;
    }
    const ep = podToEndpoint(pod, { service, node, addressType: input.addressType });
    if (ep.addresses.length) d.endpoints.set(endpointHash(ep), ep);
  }
  for (const [k, d] of [...desired.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const r = reconcileByPortMapping(service, { existing: existingByPorts.get(k) ?? [], desired: d, addressType: input.addressType }, o.max);
    toCreate.push(...r.toCreate);
    toUpdate.push(...r.toUpdate);
    toDelete.push(...r.toDelete);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) toDelete.push(...(slices as EndpointSlice[]));

  // A Service with no endpoints keeps one placeholder slice.
  if (input.existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = newEndpointSlice(service, { ports: [], addressType: input.addressType });
    if (toDelete.length === 1 && isPlaceholderFor(toDelete[0]!, placeholder)) toDelete.length = 0;
    else toCreate.push(placeholder);
  }
  // finalize: turn creates into updates of slices that would be deleted (same type, owned by this Service).
  const remainingDeletes: EndpointSlice[] = [];
  for (const del of toDelete) {
    const create = toCreate.at(-1);
    if (create && del.addressType === create.addressType && ownedBy(del, service)) {
      toCreate = toCreate.slice(0, -1);
      toUpdate.push({ ...create, metadata: { ...structuredClone(del.metadata), labels: create.metadata.labels, ownerReferences: create.metadata.ownerReferences } });
    } else remainingDeletes.push(del);
  }
  return { toCreate, toUpdate, toDelete: remainingDeletes };
}

/** placeholderSliceCompare: same namespace, labels, owners, ports, endpoints and address type. */
function isPlaceholderFor(slice: Readonly<EndpointSlice>, placeholder: EndpointSlice): boolean {
  return (
    slice.metadata.namespace === placeholder.metadata.namespace &&
    deepEqual(slice.metadata.labels ?? {}, placeholder.metadata.labels ?? {}) &&
    deepEqual(slice.metadata.ownerReferences ?? [], placeholder.metadata.ownerReferences ?? []) &&
    deepEqual(slice.ports ?? [], placeholder.ports ?? []) &&
    (slice.endpoints ?? []).length === 0 &&
    slice.addressType === placeholder.addressType
  );
}

function reconcileByPortMapping(
  service: Readonly<Service>,
  input: { existing: readonly Readonly<EndpointSlice>[]; desired: Desired; addressType: AddressType },
  max: number,
): { toCreate: EndpointSlice[]; toUpdate: EndpointSlice[]; toDelete: EndpointSlice[] } {
  const remaining = new Map(input.desired.endpoints);
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdateNames = new Set<string>();
  const toDeleteNames: string[] = [];
  // 1. Drop endpoints no longer desired, refresh changed ones, mirror Service labels.
  for (const existing of [...input.existing].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))) {
    const name = existing.metadata.name ?? '';
    byName.set(name, existing as EndpointSlice);
    const kept: Endpoint[] = [];
    let updated = false;
    for (const ep of existing.endpoints ?? []) {
      const h = endpointHash(ep);
      const want = remaining.get(h);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondHash(want, ep)) updated = true;
      remaining.delete(h);
    }
    const { labels, changed } = endpointSliceLabels(existing, service);
    if (updated || kept.length !== (existing.endpoints ?? []).length) {
      if (kept.length === 0) toDeleteNames.push(name);
      else {
        byName.set(name, { ...structuredClone(existing as EndpointSlice), endpoints: kept, metadata: { ...structuredClone(existing.metadata), labels } });
        toUpdateNames.add(name);
      }
    } else if (changed) {
      byName.set(name, { ...structuredClone(existing as EndpointSlice), metadata: { ...structuredClone(existing.metadata), labels } });
      toUpdateNames.add(name);
    } else unchanged.push(name);
  }
  const queue = [...remaining.values()].sort(compareEndpoints);
  // 2. Fill slices already being updated, fullest first.
  if (queue.length && toUpdateNames.size) {
    const slices = [...toUpdateNames].map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) while (queue.length && s.endpoints.length < max) s.endpoints.push(queue.shift()!);
  }
  // 3. Fit the rest into the unchanged slice that ends up closest to full, or new slices.
  const toCreate: EndpointSlice[] = [];
  while (queue.length) {
    let fill: EndpointSlice | undefined;
    if (queue.length < max && unchanged.length) {
      const candidate = sliceToFill(unchanged.map((n) => byName.get(n)!), queue.length, max);
      if (candidate) {
        fill = structuredClone(candidate);
        byName.set(fill.metadata.name ?? '', fill);
      }
    }
    fill ??= newEndpointSlice(service, { ports: input.desired.ports, addressType: input.addressType });
    while (queue.length && fill.endpoints.length < max) fill.endpoints.push(queue.shift()!);
    if (fill.metadata.name) {
      toUpdateNames.add(fill.metadata.name);
      unchanged.splice(unchanged.indexOf(fill.metadata.name), 1);
    } else toCreate.push(fill);
  }
  return {
    toCreate,
    toUpdate: [...toUpdateNames].map((n) => byName.get(n)!),
    toDelete: toDeleteNames.map((n) => byName.get(n)!),
  };
}

/** getSliceToFill: the slice that would be closest to full (but not over) after adding `n` endpoints. */
function sliceToFill(slices: readonly EndpointSlice[], n: number, max: number): EndpointSlice | undefined {
  let best: EndpointSlice | undefined;
  let closest = max;
  for (const s of slices) {
    const diff = max - (n + s.endpoints.length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      best = s;
      if (diff === 0) break;
    }
  }
  return best;
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  const ka = `${a.addresses[0] ?? ''}\0${a.targetRef?.name ?? ''}`;
  const kb = `${b.addresses[0] ?? ''}\0${b.targetRef?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
