/**
 * framework.Resource and the pod-request arithmetic the scheduler uses (component-helpers' PodRequests):
 * quantities are parsed once, into plain numbers — cpu in millicores, everything else in base units — so filters and
 * scorers compare numbers, never strings or Quantity objects.
 */
import { Quantity, QuantityError } from '../../machinery/index.js';
import type { Container, Pod, QuantityValue, ResourceList } from '../../api/index.js';

export const ResourceCPU = 'cpu';
export const ResourceMemory = 'memory';
export const ResourceEphemeralStorage = 'ephemeral-storage';
export const ResourcePods = 'pods';

/** DefaultMilliCPURequest: the cpu the scorers assume for a container that requests none (0.1 core). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** DefaultMemoryRequest: the memory the scorers assume for a container that requests none (200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** True for extended resources (`example.com/gpu`), hugepages and attachable volumes (IsScalarResourceName). */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

const memo = new Map<string, number>();
const MEMO_LIMIT = 4096;

/**
 * The numeric value of a quantity: millis for cpu, base units otherwise. Parsed strings are memoized. A malformed
 * quantity (which API validation rejects) reads as 0 and is reported through `onError`.
 */
export function quantityToNumber(name: string, v: QuantityValue, opts: { onError?: (err: QuantityError) => void } = {}): number {
  const milli = name === ResourceCPU;
  const key = (milli ? 'm:' : 'v:') + String(v);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let n: number;
  try {
    const q = Quantity.parse(v);
    n = milli ? q.milliValue() : q.value();
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    opts.onError?.(err);
    return 0;
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, n);
  return n;
}

/** A resource vector. Scalar resources live in `scalar` (absent when none). */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  /** Allocatable pod count (only meaningful for a node's allocatable). */
  allowedPodNumber = 0;
  scalar: Map<string, number> | undefined = undefined;

  /** Adds a named amount (cpu in millis). */
  addNamed(name: string, value: number): void {
    switch (name) {
      case ResourceCPU:
        this.milliCPU += value;
        return;
      case ResourceMemory:
        this.memory += value;
        return;
      case ResourceEphemeralStorage:
        this.ephemeralStorage += value;
        return;
      case ResourcePods:
        this.allowedPodNumber += value;
        return;
      default:
        if (isScalarResourceName(name)) {
          this.scalar ??= new Map();
          this.scalar.set(name, (this.scalar.get(name) ?? 0) + value);
        }
    }
  }

  /** Adds (sign=1) or subtracts (sign=-1) another vector, ignoring allowedPodNumber. */
  addResource(r: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * r.milliCPU;
    this.memory += sign * r.memory;
    this.ephemeralStorage += sign * r.ephemeralStorage;
    if (r.scalar) {
      this.scalar ??= new Map();
      for (const [k, v] of r.scalar) this.scalar.set(k, (this.scalar.get(k) ?? 0) + sign * v);
    }
  }

  /** The amount of a named resource (cpu in millis). */
  get(name: string): number {
    switch (name) {
      case ResourceCPU:
        return this.milliCPU;
      case ResourceMemory:
        return this.memory;
      case ResourceEphemeralStorage:
        return this.ephemeralStorage;
      case ResourcePods:
        return this.allowedPodNumber;
      default:
        return this.scalar?.get(name) ?? 0;
    }
  }

  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    if (this.scalar) for (const v of this.scalar.values()) if (v !== 0) return false;
    return true;
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    if (this.scalar) r.scalar = new Map(this.scalar);
    return r;
  }

  static fromList(list: ResourceList | undefined, onError?: (err: QuantityError) => void): Resource {
    const r = new Resource();
    if (!list) return r;
    for (const name of Object.keys(list)) r.addNamed(name, quantityToNumber(name, list[name]!, { onError }));
    return r;
  }

  static fromMap(m: ReadonlyMap<string, number>): Resource {
    const r = new Resource();
    for (const [k, v] of m) r.addNamed(k, v);
    return r;
  }
}

type Amounts = Map<string, number>;

function containerAmounts(c: Container, nonMissing: boolean, onError?: (err: QuantityError) => void): Amounts {
  const m: Amounts = new Map();
  const reqs = c.resources?.requests;
  if (reqs) for (const name of Object.keys(reqs)) m.set(name, quantityToNumber(name, reqs[name]!, { onError }));
  if (nonMissing) {
    if (!m.has(ResourceCPU)) m.set(ResourceCPU, DEFAULT_MILLI_CPU_REQUEST);
    if (!m.has(ResourceMemory)) m.set(ResourceMemory, DEFAULT_MEMORY_REQUEST);
  }
  return m;
}

function addInto(dst: Amounts, src: Amounts): void {
  for (const [k, v] of src) dst.set(k, (dst.get(k) ?? 0) + v);
}

function maxInto(dst: Amounts, src: Amounts): void {
  for (const [k, v] of src) {
    const cur = dst.get(k);
    if (cur === undefined || v > cur) dst.set(k, v);
  }
}

/**
 * PodRequests: the resources a pod needs on a node. Regular containers and restartable init containers (sidecars) are
 * summed; each non-restartable init container needs its own requests plus the sidecars started before it; the pod
 * needs the max of the two (the "init containers max" rule). Pod-level `spec.resources.requests` override the
 * aggregate for the resources they name; `spec.overhead` is added last. With `nonMissing`, a container that requests
 * no cpu/memory counts as 100m/200Mi (the scorers' non-zero requests).
 */
export function podRequests(pod: Pod, opts: { nonMissing?: boolean; onError?: (err: QuantityError) => void } = {}): Amounts {
  const nonMissing = opts.nonMissing ?? false;
  const spec = pod.spec;
  const reqs: Amounts = new Map();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addInto(reqs, containerAmounts(c, nonMissing, opts.onError));
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = containerAmounts(c, nonMissing, opts.onError);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const withSidecars = new Map(own);
      addInto(withSidecars, sidecars);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(reqs, initMax);
  const podLevel = spec.resources?.requests;
  if (podLevel) {
    for (const name of Object.keys(podLevel)) {
      if (name === ResourceCPU || name === ResourceMemory || name.startsWith('hugepages-')) {
        reqs.set(name, quantityToNumber(name, podLevel[name]!, opts));
      }
    }
  }
  if (spec.overhead) {
    for (const name of Object.keys(spec.overhead)) {
      reqs.set(name, (reqs.get(name) ?? 0) + quantityToNumber(name, spec.overhead[name]!, opts));
    }
  }
  return reqs;
}
