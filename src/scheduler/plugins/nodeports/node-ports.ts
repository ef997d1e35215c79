/** NodePorts: a pod's host ports must be free on the node (0.0.0.0 conflicts with every address). */
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import type { CycleState, FilterPlugin, Handle, Plugin, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = Names.NodePorts;

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Pod', actionType: ActionType.Delete, label: 'AssignedPodDelete' },
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, label: 'NodeAdd|Update' },
    ];
  }

  /** Skips the filter for pods without host ports. */
  preFilter(state: CycleState): Status | null {
    return state.pod.hostPorts.length === 0 ? Status.skip() : null;
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const ports = state.pod.hostPorts;
    if (ports.length === 0 || node.usedPorts.size === 0) return null;
    for (const p of ports) if (node.usedPorts.conflicts(p)) return Status.unschedulable(ErrReasonNodePorts);
    return null;
  }
}

export function newNodePorts(_args: unknown, _h: Handle): Plugin {
  return new NodePorts();
}
