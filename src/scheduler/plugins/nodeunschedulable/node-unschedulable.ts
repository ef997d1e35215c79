/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) admits only pods tolerating the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Taint } from '../../../api/index.js';
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import { tolerationsTolerateTaint } from '../../framework/helpers/taints.js';
import type { CycleState, FilterPlugin, Handle, Plugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: TaintNodeUnschedulable, effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin {
  readonly name = Names.NodeUnschedulable;

  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel, label: 'NodeAdd|Update' }];
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    if (!node.node?.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(state.pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return Status.unresolvable(ErrReasonUnschedulable);
  }
}

export function newNodeUnschedulable(_args: unknown, _h: Handle): Plugin {
  return new NodeUnschedulable();
}
