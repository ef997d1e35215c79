/**
 * Cluster events (framework/events.go): what changed in the cluster, coarse enough to decide which unschedulable
 * pods may now fit. A plugin registers the events that could resolve its own rejections; the queue moves a pod back
 * only for events some plugin that rejected it registered.
 */
import type { Node } from '../../api/index.js';

export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdatePodLabel: 1 << 6,
  UpdatePodOther: 1 << 7,
} as const;

/** Every kind of update. */
export const ActionUpdate =
  ActionType.UpdateNodeAllocatable |
  ActionType.UpdateNodeLabel |
  ActionType.UpdateNodeTaint |
  ActionType.UpdateNodeCondition |
  ActionType.UpdatePodLabel |
  ActionType.UpdatePodOther;

export const ActionAll = ActionType.Add | ActionType.Delete | ActionUpdate;

/** `Pod` means pods already assigned to a node; `*` matches anything (used for timeouts and forced moves). */
export type EventResource = 'Node' | 'Pod' | '*';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** A name for logs and traces, e.g. `NodeAdd`. */
  readonly label: string;
}

export const NodeAdd: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };
export const NodeDelete: ClusterEvent = { resource: 'Node', actionType: ActionType.Delete, label: 'NodeDelete' };
export const AssignedPodAdd: ClusterEvent = { resource: 'Pod', actionType: ActionType.Add, label: 'AssignedPodAdd' };
export const AssignedPodUpdate: ClusterEvent = {
  resource: 'Pod',
  actionType: ActionType.UpdatePodLabel | ActionType.UpdatePodOther,
  label: 'AssignedPodUpdate',
};
export const AssignedPodDelete: ClusterEvent = { resource: 'Pod', actionType: ActionType.Delete, label: 'AssignedPodDelete' };
export const UnschedulableTimeout: ClusterEvent = { resource: '*', actionType: ActionAll, label: 'UnschedulableTimeout' };
export const ForceActivate: ClusterEvent = { resource: '*', actionType: ActionAll, label: 'ForceActivate' };

/** True when `registered` (a plugin's interest) covers `event`. */
export function eventMatches(registered: ClusterEvent, event: ClusterEvent): boolean {
  if (event.resource === '*' || registered.resource === '*') return true;
  return registered.resource === event.resource && (registered.actionType & event.actionType) !== 0;
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The node update event: which aspects changed between `oldNode` and `newNode` (NodeSchedulingPropertiesChange). */
export function nodeUpdateEvent(oldNode: Node, newNode: Node): ClusterEvent | undefined {
  let action = 0;
  if (!sameJSON(oldNode.status?.allocatable, newNode.status?.allocatable)) action |= ActionType.UpdateNodeAllocatable;
  if (!sameJSON(oldNode.metadata.labels, newNode.metadata.labels)) action |= ActionType.UpdateNodeLabel;
  if (!sameJSON(oldNode.spec?.taints, newNode.spec?.taints) || !!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) {
    action |= ActionType.UpdateNodeTaint;
  }
  const ready = (n: Node) => n.status?.conditions?.map((c) => `${c.type}=${c.status}`).join(',') ?? '';
  if (ready(oldNode) !== ready(newNode)) action |= ActionType.UpdateNodeCondition;
  if (action === 0) return undefined;
  return { resource: 'Node', actionType: action, label: 'NodeUpdate' };
}
