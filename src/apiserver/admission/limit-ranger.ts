/**
 * LimitRanger (Kubernetes' admission plugin of that name).
 *
 * mutate — pods on create: every container and init container gets the namespace's LimitRange `default` limits and
 * `defaultRequest` requests for resources it does not set (LimitRanges in list order, the first to set a value wins),
 * and the pod is annotated `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container x`.
 * A LimitRange item is defaulted as the API server defaults it (default ← max, defaultRequest ← default ← min).
 *
 * validate — pods on create, PersistentVolumeClaims on create and update: min, max and maxLimitRequestRatio of every
 * item must hold, per container (`Container`), for the whole pod (`Pod`), and for a claim's storage request
 * (`PersistentVolumeClaim`). The first LimitRange with violations refuses the request with 403 and Kubernetes'
 * wording, e.g. `pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2`.
 */
import { type Container, type KubeObject, type LimitRange, type LimitRangeItem, type Pod, type ResourceList, applyDefaults } from '../../api/index.js';
import type { Quantity } from '../../machinery/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import { type AsyncMutatorValidator, admissionForbidden } from './attributes.js';
import type { NamespacedLister } from './listers.js';
import { type Quantities, podContainers, podLimits, podRequests, quantities } from './pod-resources.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

export interface LimitRangerDeps {
  limitRanges: NamespacedLister<LimitRange>;
}

/** A defaulted, private copy of a (cached, read-only) LimitRange's items. */
function itemsOf(lr: Readonly<LimitRange>): LimitRangeItem[] {
  const copy = applyDefaults({ group: '', version: 'v1', kind: 'LimitRange' }, structuredClone(lr) as LimitRange);
  return copy.spec?.limits ?? [];
}

/** defaultContainerResourceRequirements + mergePodResourceRequirements for one LimitRange. */
export function applyLimitRangeDefaults(pod: Pod, lr: Readonly<LimitRange>): void {
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of itemsOf(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  const notes: string[] = [];
  const merge = (kind: string, containers: readonly Container[]) => {
    for (const c of containers) {
      const res = (c.resources ??= {});
      const setLimits = Object.keys(limits).filter((k) => !Object.hasOwn(res.limits ?? {}, k));
      const setRequests = Object.keys(requests).filter((k) => !Object.hasOwn(res.requests ?? {}, k));
      if (setLimits.length) res.limits = { ...res.limits, ...Object.fromEntries(setLimits.map((k) => [k, limits[k]!])) };
      if (setRequests.length) res.requests = { ...res.requests, ...Object.fromEntries(setRequests.map((k) => [k, requests[k]!])) };
      if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${kind} ${c.name}`);
      if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${kind} ${c.name}`);
    }
  };
  merge('container', pod.spec?.containers ?? []);
  merge('init container', pod.spec?.initContainers ?? []);
  if (notes.length) {
    pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** Milli-values, as requestLimitEnforcedValues compares them (exact here: no int64 overflow to fall back from). */
const milli = (q: Quantity | undefined): bigint => q?.scaledValue(-3) ?? 0n;

function minConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (milli(r) < milli(enforced)) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${r}`;
  if (l && milli(l) < milli(enforced)) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${l}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!l) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (milli(l) > milli(enforced)) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${l}`;
  if (r && milli(r) > milli(enforced)) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${r}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, req: Quantities): string | undefined {
  const r = req.get(name);
  if (!r) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (milli(r) > milli(enforced)) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${r}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = milli(req.get(name));
  const l = milli(lim.get(name));
  if (r === 0n) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (l === 0n) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = Number(l) / Number(r);
  if (ratio * 1000 > Number(milli(enforced))) {
    return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  }
  return undefined;
}

function checkItem(item: LimitRangeItem, req: Quantities, lim: Quantities, errs: string[]): void {
  const push = (e: string | undefined) => e && errs.push(e);
  for (const [k, v] of quantities(item.min)) push(minConstraint(item.type, k, v, req, lim));
  for (const [k, v] of quantities(item.max)) push(maxConstraint(item.type, k, v, req, lim));
  for (const [k, v] of quantities(item.maxLimitRequestRatio)) push(ratioConstraint(item.type, k, v, req, lim));
}

/** PodValidateLimitFunc: every violation of one LimitRange, in item, container and resource order. */
export function podLimitViolations(pod: Pod, lr: Readonly<LimitRange>): string[] {
  const errs: string[] = [];
  for (const item of itemsOf(lr)) {
    if (item.type === 'Container') {
      for (const c of podContainers(pod)) checkItem(item, quantities(c.resources?.requests), quantities(c.resources?.limits), errs);
    } else if (item.type === 'Pod') {
      checkItem(item, podRequests(pod), podLimits(pod), errs);
    }
  }
  return errs;
}

/** PersistentVolumeClaimValidateLimitFunc. */
export function claimLimitViolations(claim: Readonly<KubeObject>, lr: Readonly<LimitRange>): string[] {
  const errs: string[] = [];
  const spec = claim.spec as { resources?: { requests?: ResourceList } } | undefined;
  const req = quantities(spec?.resources?.requests);
  for (const item of itemsOf(lr)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of quantities(item.min)) {
      const e = minConstraint(item.type, k, v, req, new Map());
      if (e) errs.push(e);
    }
    for (const [k, v] of quantities(item.max)) {
      const e = maxRequestConstraint(item.type, k, v, req);
      if (e) errs.push(e);
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated inside brackets. */
function aggregate(errs: string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

const isPodCreate = (a: AdmissionAttributes) => a.group === '' && a.resource === 'pods' && a.subresource === '' && a.operation === 'CREATE';
const isClaimWrite = (a: AdmissionAttributes) =>
  a.group === '' && a.resource === 'persistentvolumeclaims' && a.subresource === '' && (a.operation === 'CREATE' || a.operation === 'UPDATE');

export function limitRanger(deps: LimitRangerDeps): AsyncMutatorValidator {
  return {
    name: 'LimitRanger',
    async mutate(a) {
      if (!isPodCreate(a) || !a.object || !a.namespace) return;
      for (const lr of await deps.limitRanges.list(a.namespace)) applyLimitRangeDefaults(a.object as Pod, lr);
    },
    async validate(a) {
      if (!a.object || !a.namespace) return;
      const pod = isPodCreate(a);
      if (!pod && !isClaimWrite(a)) return;
      for (const lr of await deps.limitRanges.list(a.namespace)) {
        const errs = pod ? podLimitViolations(a.object as Pod, lr) : claimLimitViolations(a.object, lr);
        if (errs.length) throw admissionForbidden(a, aggregate(errs));
      }
    },
  };
}
