/**
 * NodeAffinity: Filter enforces spec.nodeSelector and required node affinity (plus an optional scheduler-enforced
 * `addedAffinity`); PreFilter narrows evaluation to the nodes named by `matchFields metadata.name In` terms; Score sums
 * the weights of matching preferred terms, normalized by the maximum.
 */
import type { NodeAffinity as NodeAffinitySpec } from '../../../api/index.js';
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import { NodeSelectorMatcher, PreferredSchedulingTerms, RequiredNodeAffinity } from '../../framework/helpers/node-affinity.js';
import { defaultNormalizeScore } from '../../framework/helpers/normalize-score.js';
import {
  MAX_NODE_SCORE,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeScoreList,
  type Plugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
  type StateData,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
export const ErrReasonConflict = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilter' + Names.NodeAffinity;
const PRE_SCORE_KEY = 'PreScore' + Names.NodeAffinity;

export interface NodeAffinityArgs {
  /** Affinity every pod of this profile must satisfy in addition to its own. */
  addedAffinity?: NodeAffinitySpec;
}

class Frozen<T> implements StateData {
  constructor(readonly value: T) {}
  clone(): StateData {
    return this;
  }
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeAffinity;
  private readonly addedSelector?: NodeSelectorMatcher;
  private readonly addedPreferred?: PreferredSchedulingTerms;

  constructor(args: NodeAffinityArgs = {}) {
    const req = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) this.addedSelector = new NodeSelectorMatcher(req.nodeSelectorTerms ?? []);
    const pref = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (pref?.length) this.addedPreferred = new PreferredSchedulingTerms(pref);
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, label: 'NodeAdd|Update' }];
  }

  preFilter(state: CycleState): PreFilterResult | Status | null {
    const pod = state.pod.pod;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !this.addedSelector && !pod.spec?.nodeSelector) return Status.skip();
    state.write(PRE_FILTER_KEY, new Frozen(new RequiredNodeAffinity(pod)));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return null;
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      // A term without a metadata.name In requirement admits every node: the terms are ORed.
      if (!termNames) return null;
      nodeNames = nodeNames ? new Set([...nodeNames, ...termNames]) : termNames;
    }
    if (nodeNames && nodeNames.size === 0) return Status.unresolvable(ErrReasonConflict);
    return nodeNames ? { nodeNames } : null;
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const n = node.node;
    if (!n) return Status.error(new Error('node not found'));
    if (this.addedSelector && !this.addedSelector.match(n)) return Status.unresolvable(ErrReasonEnforced);
    const s = state.read<Frozen<RequiredNodeAffinity>>(PRE_FILTER_KEY);
    const required = s ? s.value : new RequiredNodeAffinity(state.pod.pod);
    return required.match(n) ? null : Status.unresolvable(ErrReasonPod);
  }

  preScore(state: CycleState): Status | null {
    const pref = state.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!pref && !this.addedPreferred) return Status.skip();
    state.write(PRE_SCORE_KEY, new Frozen(pref ? new PreferredSchedulingTerms(pref) : undefined));
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const n = node.node;
    if (!n) return Status.error(new Error('node not found'));
    let count = this.addedPreferred ? this.addedPreferred.score(n) : 0;
    const s = state.read<Frozen<PreferredSchedulingTerms | undefined>>(PRE_SCORE_KEY);
    // Without PreScore state (PreScore disabled), derive the preferences here.
    const pref = s ? s.value : preferredOf(state);
    if (pref) count += pref.score(n);
    return count;
  }

  normalizeScore(_state: CycleState, list: NodeScoreList): Status | null {
    defaultNormalizeScore(list, { maxPriority: MAX_NODE_SCORE, reverse: false });
    return null;
  }
}

function preferredOf(state: CycleState): PreferredSchedulingTerms | undefined {
  const pref = state.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return pref ? new PreferredSchedulingTerms(pref) : undefined;
}

export function newNodeAffinity(args: unknown, _h: Handle): Plugin {
  return new NodeAffinity((args ?? {}) as NodeAffinityArgs);
}
