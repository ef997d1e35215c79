/**
 * NodeResourcesBalancedAllocation: favors nodes whose cpu and memory utilization fractions (including the pod) are
 * close to each other: score = (1 - std of the fractions) * 100. Best-effort pods (no requests) skip this score so
 * they don't all pile onto one node.
 */
import type { CycleState, Handle, Plugin, PreScorePlugin, ScorePlugin, StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { balancedResourceScorer, DEFAULT_RESOURCES, podRequestList, ResourceAllocationScorer, type ResourceSpec } from './resource-allocation.js';

export interface BalancedAllocationArgs {
  resources?: readonly ResourceSpec[];
}

const PRE_SCORE_KEY = 'PreScore' + Names.NodeResourcesBalancedAllocation;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesBalancedAllocation;
  private readonly resources: readonly ResourceSpec[];
  private readonly scorer: ResourceAllocationScorer;

  constructor(args: BalancedAllocationArgs = {}) {
    this.resources = args.resources ?? DEFAULT_RESOURCES;
    this.scorer = new ResourceAllocationScorer(this.resources, { useRequested: true, scorer: balancedResourceScorer });
  }

  preScore(state: CycleState): Status | null {
    const reqs = podRequestList(state.pod, { resources: this.resources, useRequested: true });
    if (reqs.every((r) => r === 0)) return Status.skip();
    state.write(PRE_SCORE_KEY, new PreScoreState(reqs));
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    const podRequests = s ? s.podRequests : podRequestList(state.pod, { resources: this.resources, useRequested: true });
    return this.scorer.score(node, podRequests);
  }
}

export function newBalancedAllocation(args: unknown, _h: Handle): Plugin {
  return new BalancedAllocation((args ?? {}) as BalancedAllocationArgs);
}
