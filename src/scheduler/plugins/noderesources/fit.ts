/**
 * NodeResourcesFit: Filter checks the pod's requests (init-container max rule, pod overhead) against the node's
 * allocatable minus what its pods — bound and assumed — already request, plus the pod-count limit; Score applies the
 * configured strategy (LeastAllocated by default, or MostAllocated).
 */
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import type { CycleState, FilterPlugin, Handle, Plugin, PreScorePlugin, ScorePlugin, StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { DEFAULT_RESOURCES, leastAllocatedScorer, mostAllocatedScorer, podRequestList, ResourceAllocationScorer, type ResourceSpec } from './resource-allocation.js';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated';

export interface NodeResourcesFitArgs {
  /** Extended resources the filter ignores. */
  ignoredResources?: readonly string[];
  /** Extended resource groups (the part before '/') the filter ignores. */
  ignoredResourceGroups?: readonly string[];
  scoringStrategy?: { type?: ScoringStrategyType; resources?: readonly ResourceSpec[] };
}

const PRE_SCORE_KEY = 'PreScore' + Names.NodeResourcesFit;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

export class Fit implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesFit;
  private readonly ignored: ReadonlySet<string>;
  private readonly ignoredGroups: ReadonlySet<string>;
  private readonly resources: readonly ResourceSpec[];
  private readonly scorer: ResourceAllocationScorer;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    this.resources = args.scoringStrategy?.resources ?? DEFAULT_RESOURCES;
    const type = args.scoringStrategy?.type ?? 'LeastAllocated';
    if (type !== 'LeastAllocated' && type !== 'MostAllocated') throw new Error(`scoring strategy ${String(type)} is not supported`);
    const scorer = type === 'MostAllocated' ? mostAllocatedScorer(this.resources) : leastAllocatedScorer(this.resources);
    this.scorer = new ResourceAllocationScorer(this.resources, { useRequested: false, scorer });
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Pod', actionType: ActionType.Delete, label: 'AssignedPodDelete' },
      {
        resource: 'Node',
        actionType: ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel,
        label: 'NodeAdd|Update',
      },
    ];
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const req = state.pod.requests;
    const alloc = node.allocatable;
    const used = node.requested;
    let reasons: string[] | null = null;
    if (node.pods.length + 1 > alloc.allowedPodNumber) (reasons ??= []).push('Too many pods');
    if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) (reasons ??= []).push('Insufficient cpu');
    if (req.memory > 0 && req.memory > alloc.memory - used.memory) (reasons ??= []).push('Insufficient memory');
    if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
      (reasons ??= []).push('Insufficient ephemeral-storage');
    }
    if (req.scalar) {
      for (const [name, want] of req.scalar) {
        if (want === 0 || this.isIgnored(name)) continue;
        if (want > (alloc.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) (reasons ??= []).push(`Insufficient ${name}`);
      }
    }
    return reasons ? new Status(Code.Unschedulable, reasons) : null;
  }

  /** Fits: every resource the pod lacks on `node`, with amounts (used by callers outside a cycle). */
  insufficientResources(state: CycleState, node: NodeInfo): InsufficientResource[] {
    const s = this.filter(state, node);
    if (!s) return [];
    return s.reasons.map((reason) => {
      const name = reason === 'Too many pods' ? 'pods' : reason.slice('Insufficient '.length);
      return {
        resourceName: name,
        reason,
        requested: name === 'pods' ? 1 : state.pod.requests.get(name),
        used: name === 'pods' ? node.pods.length : node.requested.get(name),
        capacity: node.allocatable.get(name),
      };
    });
  }

  private isIgnored(name: string): boolean {
    if (!name.includes('/') || name.startsWith('kubernetes.io/')) return false;
    return this.ignored.has(name) || this.ignoredGroups.has(name.split('/')[0]!);
  }

  preScore(state: CycleState): Status | null {
    state.write(PRE_SCORE_KEY, new PreScoreState(podRequestList(state.pod, { resources: this.resources, useRequested: false })));
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    const podRequests = s ? s.podRequests : podRequestList(state.pod, { resources: this.resources, useRequested: false });
    return this.scorer.score(node, podRequests);
  }
}

export function newFit(args: unknown, _h: Handle): Plugin {
  return new Fit((args ?? {}) as NodeResourcesFitArgs);
}
