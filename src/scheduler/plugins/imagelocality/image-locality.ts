/**
 * ImageLocality: favors nodes that already have the pod's container images. Each present image counts its size scaled
 * by the fraction of nodes that have it (to avoid piling pods onto one node); the sum is mapped linearly from
 * [23 MiB, 1000 MiB × containers] onto [0, 100].
 */
import type { Container } from '../../../api/index.js';
import { MAX_NODE_SCORE, type CycleState, type Handle, type Plugin, type ScorePlugin } from '../../framework/interface.js';
import { normalizedImageName, type NodeInfo } from '../../framework/node-info.js';
import type { Status } from '../../framework/status.js';
import { Names } from '../names.js';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export class ImageLocality implements ScorePlugin {
  readonly name = Names.ImageLocality;

  constructor(private readonly handle: Handle) {}

  score(state: CycleState, node: NodeInfo): number | Status {
    const spec = state.pod.pod.spec;
    const containers = (spec?.initContainers?.length ?? 0) + (spec?.containers?.length ?? 0);
    if (node.imageSizes.size === 0) return calculatePriority(0, containers);
    const lister = this.handle.snapshot();
    const total = lister.numNodes();
    let sum = 0;
    const add = (cs: readonly Container[] | undefined) => {
      for (const c of cs ?? []) {
        if (!c.image) continue;
        const name = normalizedImageName(c.image);
        const size = node.imageSizes.get(name);
        if (size === undefined) continue;
        sum += Math.trunc(size * (lister.imageNumNodes(name) / total));
      }
    };
    add(spec?.initContainers);
    add(spec?.containers);
    return calculatePriority(sum, containers);
  }
}

/** calculatePriority: clamps the summed image score and maps it onto [0, MAX_NODE_SCORE]. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * Math.max(numContainers, 1);
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export function newImageLocality(_args: unknown, h: Handle): Plugin {
  return new ImageLocality(h);
}
