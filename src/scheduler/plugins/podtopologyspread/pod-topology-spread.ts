/**
 * PodTopologySpread: DoNotSchedule constraints filter nodes whose domain would exceed maxSkew; ScheduleAnyway
 * constraints score emptier domains higher. A pod without constraints of its own gets the profile's default
 * constraints, but only when `defaultSelector` (the selector of the Service/ReplicaSet/StatefulSet owning the pod)
 * yields a non-empty selector — as in Kubernetes, where defaults apply to pods backing such objects.
 */
import type { Selector } from '../../../machinery/index.js';
import type { Pod, TopologySpreadConstraint } from '../../../api/index.js';
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
import { parseConstraints, SYSTEM_DEFAULT_CONSTRAINTS, type SpreadConstraint } from './common.js';
import type { PreFilterState } from './filtering.js';
import { computePreFilterState, ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, filterNode } from './filtering.js';
import type { PreScoreState} from './scoring.js';
import { computePreScoreState, normalize, scoreNode } from './scoring.js';

export interface PodTopologySpreadArgs {
  /** Constraints for pods that have none; used with defaultingType `List`. */
  defaultConstraints?: readonly TopologySpreadConstraint[];
  /** `System` (default) uses Kubernetes' built-in hostname/zone constraints; `List` uses `defaultConstraints`. */
  defaultingType?: 'System' | 'List';
  /** The selector default constraints count pods with; without it, default constraints never apply. */
  defaultSelector?: (pod: Pod) => Selector | undefined;
}

const PRE_FILTER_KEY = 'PreFilter' + Names.PodTopologySpread;
const PRE_SCORE_KEY = 'PreScore' + Names.PodTopologySpread;

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.PodTopologySpread;
  private readonly defaults: readonly TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;
  private readonly defaultSelector?: (pod: Pod) => Selector | undefined;

  constructor(
    private readonly handle: Handle,
    args: PodTopologySpreadArgs = {},
  ) {
    this.systemDefaulted = (args.defaultingType ?? 'System') === 'System';
    this.defaults = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []);
    this.defaultSelector = args.defaultSelector;
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Pod', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdatePodLabel, label: 'AssignedPodChange' },
      {
        resource: 'Node',
        actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
        label: 'NodeChange',
      },
    ];
  }

  private constraintsFor(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
    const labels = pod.metadata.labels ?? {};
    const own = pod.spec?.topologySpreadConstraints ?? [];
    if (own.length > 0) return parseConstraints(own, { podLabels: labels, action });
    const parsed = parseConstraints(this.defaults, { podLabels: labels, action });
    if (parsed.length === 0 || !this.defaultSelector) return [];
    const selector = this.defaultSelector(pod);
    if (!selector || selector.empty()) return [];
    return parsed.map((c) => ({ ...c, selector }));
  }

  preFilter(state: CycleState): Status | null {
    const constraints = this.constraintsFor(state.pod.pod, 'DoNotSchedule');
    if (constraints.length === 0) return Status.skip();
    state.write(PRE_FILTER_KEY, computePreFilterState(state.pod, { constraints, allNodes: this.handle.snapshot().list() }));
    return null;
  }

  addPod(state: CycleState, change: PodChange): Status | null {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(change.pod, { preemptor: state.pod, node: change.node.node, delta: 1 });
    return null;
  }

  removePod(state: CycleState, change: PodChange): Status | null {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(change.pod, { preemptor: state.pod, node: change.node.node, delta: -1 });
    return null;
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return Status.error(new Error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`));
    switch (filterNode(s, { pod: state.pod, node })) {
      case 'ok':
        return null;
      case 'missing-label':
        return Status.unresolvable(ErrReasonNodeLabelNotMatch);
      case 'skew':
        return Status.unschedulable(ErrReasonConstraintsNotMatch);
    }
  }

  preScore(state: CycleState, nodes: readonly NodeInfo[]): Status | null {
    const all = this.handle.snapshot().list();
    if (all.length === 0) return Status.skip();
    const constraints = this.constraintsFor(state.pod.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return Status.skip();
    const requireAllTopologies = (state.pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    state.write(PRE_SCORE_KEY, computePreScoreState(state.pod, constraints, { filtered: nodes, all, requireAllTopologies }));
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return Status.error(new Error(`reading "${PRE_SCORE_KEY}" from cycleState: not found`));
    return scoreNode(s, { pod: state.pod, node });
  }

  normalizeScore(state: CycleState, list: NodeScoreList): Status | null {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (s) normalize(s, list);
    return null;
  }
}

export function newPodTopologySpread(args: unknown, h: Handle): Plugin {
  return new PodTopologySpread(h, (args ?? {}) as PodTopologySpreadArgs);
}
