/**
 * resourceAllocationScorer (noderesources/resource_allocation.go) and the LeastAllocated / MostAllocated strategies.
 * cpu and memory are scored with non-zero requests (a container requesting nothing counts as 100m / 200Mi) unless
 * `useRequested`; an extended resource the pod doesn't request is left out of the score.
 */
import { MAX_NODE_SCORE } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { isScalarResourceName, ResourceCPU, ResourceEphemeralStorage, ResourceMemory } from '../../framework/resource.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: ResourceCPU, weight: 1 },
  { name: ResourceMemory, weight: 1 },
];

/** The pod's request for each resource, in `resources` order. */
export function podRequestList(pod: PodInfo, opts: { resources: readonly ResourceSpec[]; useRequested: boolean }): number[] {
  const { resources, useRequested } = opts;
  return resources.map((r) => {
    if (!useRequested && r.name === ResourceCPU) return pod.nonZeroMilliCPU;
    if (!useRequested && r.name === ResourceMemory) return pod.nonZeroMemory;
    return pod.requests.get(r.name);
  });
}

export type Scorer = (requested: readonly number[], allocatable: readonly number[]) => number;

/**
 * resourceAllocationScorer: builds the per-resource (requested-including-pod, allocatable) vectors for a node and
 * applies a strategy. Reuses its scratch vectors, so a score call allocates nothing; not reentrant.
 */
const KIND_CPU = 0;
const KIND_MEMORY = 1;
const KIND_EPHEMERAL = 2;
const KIND_SCALAR = 3;

function kindOf(name: string): number {
  if (name === ResourceCPU) return KIND_CPU;
  if (name === ResourceMemory) return KIND_MEMORY;
  if (name === ResourceEphemeralStorage) return KIND_EPHEMERAL;
  return KIND_SCALAR;
}

export class ResourceAllocationScorer {
  private readonly requested: number[];
  private readonly allocatable: number[];
  private readonly kinds: number[];
  private readonly scalarNames: boolean[];

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly opts: { useRequested: boolean; scorer: Scorer },
  ) {
    this.requested = new Array<number>(resources.length).fill(0);
    this.allocatable = new Array<number>(resources.length).fill(0);
    this.kinds = resources.map((r) => kindOf(r.name));
    this.scalarNames = resources.map((r) => isScalarResourceName(r.name));
  }

  score(node: NodeInfo, podRequests: readonly number[]): number {
    const requested = this.opts.useRequested ? node.requested : node.nonZeroRequested;
    const nodeAlloc = node.allocatable;
    for (let i = 0; i < this.kinds.length; i++) {
      const podRequest = podRequests[i]!;
      let alloc = 0;
      let req = 0;
      if (!(podRequest === 0 && this.scalarNames[i])) {
        switch (this.kinds[i]) {
          case KIND_CPU:
            alloc = nodeAlloc.milliCPU;
            req = requested.milliCPU + podRequest;
            break;
          case KIND_MEMORY:
            alloc = nodeAlloc.memory;
            req = requested.memory + podRequest;
            break;
          case KIND_EPHEMERAL:
            alloc = nodeAlloc.ephemeralStorage;
            req = node.requested.ephemeralStorage + podRequest;
            break;
          default: {
            const name = this.resources[i]!.name;
            const a = nodeAlloc.scalar?.get(name);
            if (a !== undefined) {
              alloc = a;
              req = (node.requested.scalar?.get(name) ?? 0) + podRequest;
            }
          }
        }
      }
      // An absent resource (allocatable 0) is left out of the score.
      this.allocatable[i] = alloc;
      this.requested[i] = alloc === 0 ? 0 : req;
    }
    return this.opts.scorer(this.requested, this.allocatable);
  }
}

function weighted(resources: readonly ResourceSpec[], per: (requested: number, capacity: number) => number): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const w = resources[i]!.weight;
      nodeScore += per(requested[i]!, allocatable[i]!) * w;
      weightSum += w;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

/** leastRequestedScore: (capacity - requested) * 100 / capacity; 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore: requested * 100 / capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const r = Math.min(requested, capacity);
  return Math.trunc((r * MAX_NODE_SCORE) / capacity);
}

export const leastAllocatedScorer = (resources: readonly ResourceSpec[]): Scorer => weighted(resources, leastRequestedScore);
export const mostAllocatedScorer = (resources: readonly ResourceSpec[]): Scorer => weighted(resources, mostRequestedScore);

/** balancedResourceScorer: (1 - standard deviation of the requested fractions, each capped at 1) * 100. */
export const balancedResourceScorer: Scorer = (requested, allocatable) => {
  let count = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i]! / allocatable[i]!, 1);
    if (count === 0) f0 = f;
    else if (count === 1) f1 = f;
    total += f;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((f0 - f1) / 2);
  } else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const f = Math.min(requested[i]! / allocatable[i]!, 1);
      sum += (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};
