/**
 * TaintToleration: Filter rejects nodes with an untolerated NoSchedule/NoExecute taint; Score counts untolerated
 * PreferNoSchedule taints, normalized in reverse (fewer is better).
 */
import type { Toleration } from '../../../api/index.js';
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import { defaultNormalizeScore } from '../../framework/helpers/normalize-score.js';
import { doNotScheduleTaint, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../framework/helpers/taints.js';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type Handle, type NodeScoreList, type Plugin, type PreScorePlugin, type ScorePlugin, type StateData } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

const PRE_SCORE_KEY = 'PreScore' + Names.TaintToleration;

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.TaintToleration;

  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel, label: 'NodeAdd|Update' }];
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const taints = node.taints;
    if (taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(taints, { tolerations: state.pod.pod.spec?.tolerations, filter: doNotScheduleTaint });
    if (!taint) return null;
    return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(state: CycleState): Status | null {
    const tolerations = (state.pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PRE_SCORE_KEY, new PreScoreState(tolerations));
    return null;
  }

  score(state: CycleState, node: NodeInfo): number | Status {
    const taints = node.taints;
    if (taints.length === 0) return 0;
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    const tolerations = s ? s.tolerationsPreferNoSchedule : (state.pod.pod.spec?.tolerations ?? []);
    let n = 0;
    for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) n++;
    return n;
  }

  normalizeScore(_state: CycleState, list: NodeScoreList): Status | null {
    defaultNormalizeScore(list, { maxPriority: MAX_NODE_SCORE, reverse: true });
    return null;
  }
}

export function newTaintToleration(_args: unknown, _h: Handle): Plugin {
  return new TaintToleration();
}
