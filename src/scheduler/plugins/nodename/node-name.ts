/** NodeName: a pod that names a node (spec.nodeName) fits only that node. */
import { ActionType, type ClusterEvent } from '../../framework/events.js';
import type { CycleState, FilterPlugin, Handle, Plugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = Names.NodeName;

  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, label: 'NodeAdd|Update' }];
  }

  filter(state: CycleState, node: NodeInfo): Status | null {
    const want = state.pod.pod.spec?.nodeName;
    if (!want || want === node.name) return null;
    return Status.unresolvable(ErrReasonNodeName);
  }
}

export function newNodeName(_args: unknown, _h: Handle): Plugin {
  return new NodeName();
}
