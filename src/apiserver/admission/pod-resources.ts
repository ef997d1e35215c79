/**
 * Resource arithmetic the LimitRanger and ResourceQuota plugins share: ResourceLists as exact Quantities, and a pod's
 * effective requests and limits as Kubernetes' resourcehelper.PodRequests / PodLimits compute them — regular
 * containers and sidecars (restartable init containers) add up, each classic init container runs alone next to the
 * sidecars started before it, the pod needs the larger of the two, and the pod overhead comes on top.
 */
import type { Container, Pod, ResourceList } from '../../api/index.js';
import { Quantity, QuantityParseError } from '../../machinery/index.js';

export type Quantities = Map<string, Quantity>;

/**
 * The parsed entries of a ResourceList. Entries that are not quantities are left out: the plugins that run before
 * validation must not throw on them, and validation rejects them anyway.
 */
export function quantities(list: ResourceList | undefined | null): Quantities {
  const out: Quantities = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      out.set(k, Quantity.parse(v));
    } catch (err) {
      if (!(err instanceof QuantityParseError)) throw err;
    }
  }
  return out;
}

/** a += b, per resource. */
export function addInto(a: Quantities, b: Quantities): void {
  for (const [k, v] of b) a.set(k, a.get(k)?.add(v) ?? v);
}

/** a = max(a, b), per resource. */
function maxInto(a: Quantities, b: Quantities): void {
  for (const [k, v] of b) {
    const cur = a.get(k);
    if (!cur || v.cmp(cur) > 0) a.set(k, v);
  }
}

function aggregate(pod: Readonly<Pod>, pick: (c: Container) => ResourceList | undefined): Quantities {
  const spec = pod.spec;
  const total: Quantities = new Map();
  for (const c of spec?.containers ?? []) addInto(total, quantities(pick(c)));
  const sidecars: Quantities = new Map();
  const initPeak: Quantities = new Map();
  for (const c of spec?.initContainers ?? []) {
    const own = quantities(pick(c));
    if (c.restartPolicy === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, new Map(sidecars));
    } else {
      const running = new Map(own);
      addInto(running, sidecars);
      maxInto(initPeak, running);
    }
  }
  maxInto(total, initPeak);
  return total;
}

/** resourcehelper.PodRequests (pod overhead included). */
export function podRequests(pod: Readonly<Pod>): Quantities {
  const reqs = aggregate(pod, (c) => c.resources?.requests);
  addInto(reqs, quantities(pod.spec?.overhead));
  return reqs;
}

/** resourcehelper.PodLimits (overhead added only to resources that have a limit). */
export function podLimits(pod: Readonly<Pod>): Quantities {
  const limits = aggregate(pod, (c) => c.resources?.limits);
  for (const [k, v] of quantities(pod.spec?.overhead)) {
    const cur = limits.get(k);
    if (cur) limits.set(k, cur.add(v));
  }
  return limits;
}

/** All containers a LimitRange applies to (init containers included, ephemeral ones not). */
export function podContainers(pod: Pod): Container[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
}
