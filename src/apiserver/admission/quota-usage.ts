/**
 * What objects cost against a ResourceQuota — Kubernetes' quota evaluators, pure:
 * - pods: `count/pods` always; while not terminal (Succeeded/Failed, or deleted and past their grace period) also
 *   `pods`, `cpu`/`requests.cpu`, `memory`/`requests.memory`, `ephemeral-storage`/`requests.ephemeral-storage`,
 *   `requests.<other>` and `limits.{cpu,memory,ephemeral-storage}` from the pod's effective requests and limits;
 * - services: `services`, `count/services`, `services.loadbalancers`, `services.nodeports`;
 * - persistentvolumeclaims: the count, `requests.storage`, and the per-storage-class forms;
 * - everything else: `count/<resource>[.<group>]`, plus the legacy bare names of configmaps, secrets,
 *   replicationcontrollers and resourcequotas.
 * Quota scopes (Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass, CrossNamespacePodAffinity)
 * select pods only; a quota with scopes never charges other kinds.
 */
import type { KubeObject, Pod, ResourceList, ResourceQuota, ScopedResourceSelectorRequirement } from '../../api/index.js';
import { Quantity } from '../../machinery/index.js';
import { type Quantities, addInto, podContainers, podLimits, podRequests, quantities } from './pod-resources.js';

export interface GroupResourceRef {
  group: string;
  resource: string;
}

/** One object and the resource it belongs to. */
export interface QuotaItem extends GroupResourceRef {
  object: Readonly<KubeObject>;
}

const POD_BARE = new Set(['cpu', 'memory', 'ephemeral-storage']);
const LEGACY_COUNTED = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const ONE = Quantity.fromValue(1);

/** The resource a quota key charges, or undefined for a key no evaluator knows. */
export function resourceForQuotaKey(key: string): GroupResourceRef | undefined {
  if (key.startsWith('count/')) {
    const rest = key.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot < 0 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
  }
  if (key === 'persistentvolumeclaims' || key === 'requests.storage' || key.includes(STORAGE_CLASS_SUFFIX)) {
    return { group: '', resource: 'persistentvolumeclaims' };
  }
  if (key === 'services' || key === 'services.loadbalancers' || key === 'services.nodeports') return { group: '', resource: 'services' };
  if (key === 'pods' || POD_BARE.has(key) || key.startsWith('requests.') || key.startsWith('limits.') || key.startsWith('hugepages-')) {
    return { group: '', resource: 'pods' };
  }
  if (LEGACY_COUNTED.has(key)) return { group: '', resource: key };
  return undefined;
}

export function sameResource(a: GroupResourceRef, b: GroupResourceRef): boolean {
  return a.group === b.group && a.resource === b.resource;
}

/** The distinct resources a quota's hard limits charge (what must be listed to compute its usage). */
export function quotaResources(quota: Readonly<ResourceQuota>): GroupResourceRef[] {
  const out: GroupResourceRef[] = [];
  for (const key of Object.keys(quota.spec?.hard ?? {})) {
    const gr = resourceForQuotaKey(key);
    if (gr && !out.some((o) => sameResource(o, gr))) out.push(gr);
  }
  return out;
}

/** QuotaV1Pod: false once the pod is terminal, or deleted and past its grace period. */
export function podCountsForCompute(pod: Readonly<Pod>, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deleted = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (deleted && typeof grace === 'number' && now > Date.parse(deleted) + grace * 1000) return false;
  return true;
}

function podUsage(pod: Readonly<Pod>, now: number): Quantities {
  const u: Quantities = new Map([['count/pods', ONE]]);
  if (!podCountsForCompute(pod, now)) return u;
  u.set('pods', ONE);
  for (const [k, v] of podRequests(pod)) {
    u.set(`requests.${k}`, v);
    if (POD_BARE.has(k)) u.set(k, v);
  }
  for (const [k, v] of podLimits(pod)) if (POD_BARE.has(k)) u.set(`limits.${k}`, v);
  return u;
}

function serviceUsage(svc: Readonly<KubeObject>): Quantities {
  const spec = (svc.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[]; allocateLoadBalancerNodePorts?: boolean };
  const u: Quantities = new Map([['count/services', ONE], ['services', ONE]]);
  const ports = spec.ports ?? [];
  if (spec.type === 'NodePort') u.set('services.nodeports', Quantity.fromValue(ports.length));
  if (spec.type === 'LoadBalancer') {
    const n = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
    u.set('services.nodeports', Quantity.fromValue(n));
    u.set('services.loadbalancers', ONE);
  }
  return u;
}

function claimUsage(pvc: Readonly<KubeObject>): Quantities {
  const spec = (pvc.spec ?? {}) as { storageClassName?: string; resources?: { requests?: ResourceList } };
  const u: Quantities = new Map([['count/persistentvolumeclaims', ONE], ['persistentvolumeclaims', ONE]]);
  const cls = spec.storageClassName;
  if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
  const storage = quantities(spec.resources?.requests).get('storage');
  if (storage) {
    u.set('requests.storage', storage);
    if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return u;
}

/** Evaluator.Usage: everything one object charges. */
export function objectUsage(item: QuotaItem, now: number): Quantities {
  if (item.group === '' && item.resource === 'pods') return podUsage(item.object as Pod, now);
  if (item.group === '' && item.resource === 'services') return serviceUsage(item.object);
  if (item.group === '' && item.resource === 'persistentvolumeclaims') return claimUsage(item.object);
  const u: Quantities = new Map([[`count/${item.resource}${item.group ? `.${item.group}` : ''}`, ONE]]);
  if (item.group === '' && LEGACY_COUNTED.has(item.resource)) u.set(item.resource, ONE);
  return u;
}

function isBestEffort(pod: Readonly<Pod>): boolean {
  return podContainers(pod as Pod).every((c) =>
    ['cpu', 'memory'].every((r) => !Object.hasOwn(c.resources?.requests ?? {}, r) && !Object.hasOwn(c.resources?.limits ?? {}, r)),
  );
}

function hasCrossNamespaceAffinity(pod: Readonly<Pod>): boolean {
  const a = pod.spec?.affinity;
  const terms = [a?.podAffinity, a?.podAntiAffinity].flatMap((x) => [
    ...(x?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(x?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ]);
  return terms.some((t) => (t.namespaces?.length ?? 0) > 0 || t.namespaceSelector !== undefined);
}

function podMatchesScope(pod: Readonly<Pod>, req: ScopedResourceSelectorRequirement): boolean {
  const terminating = typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;
  switch (req.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'CrossNamespacePodAffinity':
      return hasCrossNamespaceAffinity(pod);
    case 'PriorityClass': {
      const name = pod.spec?.priorityClassName ?? '';
      if (req.operator === 'Exists') return name !== '';
      if (req.operator === 'DoesNotExist') return name === '';
      const listed = (req.values ?? []).includes(name);
      return req.operator === 'In' ? listed : !listed;
    }
    default:
      return false;
  }
}

/** Whether `item` falls under the quota's scopes (spec.scopes and scopeSelector, all of them). */
export function quotaSelects(quota: Readonly<ResourceQuota>, item: QuotaItem): boolean {
  const reqs: ScopedResourceSelectorRequirement[] = [
    ...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' as const })),
    ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
  ];
  if (reqs.length === 0) return true;
  if (!(item.group === '' && item.resource === 'pods')) return false;
  return reqs.every((r) => podMatchesScope(item.object as Pod, r));
}

/** Sums into `used` the usage of `item` for the quota's hard keys, if the quota selects it. */
export function chargeItem(quota: Readonly<ResourceQuota>, used: Quantities, item: QuotaItem, usage: Quantities): void {
  if (!quotaSelects(quota, item)) return;
  const hard = quota.spec?.hard ?? {};
  const masked: Quantities = new Map();
  for (const [k, v] of usage) if (Object.hasOwn(hard, k)) masked.set(k, v);
  addInto(used, masked);
}

/**
 * The quota's status.used as the quota controller computes it: for every hard key, the sum over `items` in the quota's
 * namespace that the quota selects. Keys nothing charges are "0". Pure; `now` decides which deleted pods still count.
 */
export function computeQuotaUsage(quota: Readonly<ResourceQuota>, items: readonly QuotaItem[], options: { now: number }): ResourceList {
  const used: Quantities = new Map();
  const ns = quota.metadata.namespace ?? '';
  for (const item of items) {
    if ((item.object.metadata.namespace ?? '') !== ns) continue;
    chargeItem(quota, used, item, objectUsage(item, options.now));
  }
  const out: ResourceList = {};
  for (const key of Object.keys(quota.spec?.hard ?? {})) out[key] = (used.get(key) ?? Quantity.zero()).toString();
  return out;
}
