/**
 * InterPodAffinity: required pod affinity (UnschedulableAndUnresolvable when unmet), required anti-affinity of the
 * incoming pod and of existing pods (Unschedulable: preemption may remove the offending pods), and preferred terms
 * (both directions) as a score. Existing pods' required affinity terms also attract the incoming pod, with
 * `hardPodAffinityWeight`.
 */
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import type {
  CycleState,
  FilterPlugin,
  Handle,
  NodeScoreList,
  Plugin,
  PodChange,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import type {
  PreFilterState} from './filtering.js';
import {
  computePreFilterState,
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from './filtering.js';
import type { PreScoreState} from './scoring.js';
import { computePreScoreState, normalize, scoreNode } from './scoring.js';

export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term when scoring the incoming pod (default 1; 0 disables). */
  hardPodAffinityWeight?: number;
}

const PRE_FILTER_KEY = 'PreFilter' + Names.InterPodAffinity;
const PRE_SCORE_KEY = 'PreScore' + Names.InterPodAffinity;

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.InterPodAffinity;
  private readonly hardPodAffinityWeight: number;

  constructor(
    private readonly handle: Handle,
    args: InterPodAffinityArgs = {},
  ) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    if (this.hardPodAffinityWeight < 0 || this.hardPodAffinityWeight > 100) throw new Error('hardPodAffinityWeight: must be in the range [0, 100]');
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Pod', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdatePodLabel, label: 'AssignedPodChange' },
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, label: 'NodeAdd|Update' },
    ];
  }

  preFilter(state: CycleState): Status | null {
    const snap = this.handle.snapshot();
    const pod = state.pod;
    const withAnti = snap.havePodsWithRequiredAntiAffinityList();
    if (pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0 && withAnti.length === 0) return Status.skip();
    state.write(PRE_FILTER_KEY, computePreFilterState(pod, { all: snap.list(), withRequiredAntiAffinity: withAnti, nsLabels: this.handle.namespaceLabels }));
    return null;
  }

  addPod(state: CycleState, change: PodChange): Status | null {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(change.pod, { node: change.node, delta: 1 });
    return null;
  }

  removePod(state: CycleState, change: PodChange): Status | null {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(change.pod, { node: change.node, delta: -1 });
    return null;
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return Status.error(new Error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`));
    if (!satisfyPodAffinity(s, node)) return Status.unresolvable(ErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(s, node)) return Status.unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(s, node)) return Status.unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
    return null;
  }

  preScore(state: CycleState): Status | null {
    const snap = this.handle.snapshot();
    const pod = state.pod;
    const withAffinity = snap.havePodsWithAffinityList();
    if (pod.preferredAffinityTerms.length === 0 && pod.preferredAntiAffinityTerms.length === 0 && withAffinity.length === 0) return Status.skip();
    const s = computePreScoreState(pod, {
      all: snap.list(),
      withAffinity,
      hardPodAffinityWeight: this.hardPodAffinityWeight,
      nsLabels: this.handle.namespaceLabels,
    });
    if (!s) return Status.skip();
    state.write(PRE_SCORE_KEY, s);
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? scoreNode(s, node) : 0;
  }

  normalizeScore(state: CycleState, list: NodeScoreList): Status | null {
    if (state.read<PreScoreState>(PRE_SCORE_KEY)) normalize(list);
    return null;
  }
}

export function newInterPodAffinity(args: unknown, h: Handle): Plugin {
  return new InterPodAffinity(h, (args ?? {}) as InterPodAffinityArgs);
}
