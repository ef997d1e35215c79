/**
 * The kubelet's node condition setters (kubernetes pkg/kubelet/nodestatus/setters.go MemoryPressureCondition,
 * DiskPressureCondition, PIDPressureCondition, ReadyCondition). Each one updates its condition inside a list that
 * starts as a copy of the conditions the API server holds, so whatever another writer set there (the node lifecycle
 * controller's `Unknown`, conditions the kubelet does not own) is the starting point:
 * - every setter stamps `lastHeartbeatTime`;
 * - a pressure condition changes status, reason, message and `lastTransitionTime` only when its status differs from
 *   the one found (so the controller's `Unknown` is overwritten, recording `NodeHas…` again);
 * - Ready is rebuilt whole and keeps `lastTransitionTime` when its status is unchanged; a change records NodeReady or
 *   NodeNotReady, a Ready condition added for the first time records nothing;
 * - a condition that is missing is appended, in setter order (MemoryPressure, DiskPressure, PIDPressure, Ready).
 */
import type { NodeCondition } from '../../api/index.js';
import { EventReason } from '../events.js';
import type { NodeHealth } from './node-status.js';

interface PressureTexts {
  type: 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';
  underReason: string;
  underMessage: string;
  underEvent: string;
  okReason: string;
  okMessage: string;
  okEvent: string;
}

const MEMORY: PressureTexts = {
  type: 'MemoryPressure',
  underReason: 'KubeletHasInsufficientMemory',
  underMessage: 'kubelet has insufficient memory available',
  underEvent: EventReason.NodeHasInsufficientMemory,
  okReason: 'KubeletHasSufficientMemory',
  okMessage: 'kubelet has sufficient memory available',
  okEvent: EventReason.NodeHasSufficientMemory,
};

const DISK: PressureTexts = {
  type: 'DiskPressure',
  underReason: 'KubeletHasDiskPressure',
  underMessage: 'kubelet has disk pressure',
  underEvent: EventReason.NodeHasDiskPressure,
  okReason: 'KubeletHasNoDiskPressure',
  okMessage: 'kubelet has no disk pressure',
  okEvent: EventReason.NodeHasNoDiskPressure,
};

const PID: PressureTexts = {
  type: 'PIDPressure',
  underReason: 'KubeletHasInsufficientPID',
  underMessage: 'kubelet has insufficient PID available',
  underEvent: EventReason.NodeHasInsufficientPID,
  okReason: 'KubeletHasSufficientPID',
  okMessage: 'kubelet has sufficient PID available',
  okEvent: EventReason.NodeHasSufficientPID,
};

/** Updates (or appends) one pressure condition in `conditions`, recording an event when its status changes. */
function setPressure(conditions: NodeCondition[], texts: PressureTexts, under: boolean, now: string, record: (reason: string) => void): void {
  const found = conditions.findLast((c) => c.type === texts.type);
  const condition: NodeCondition = found ?? { type: texts.type, status: 'Unknown' };
  condition.lastHeartbeatTime = now;
  const want = under ? 'True' : 'False';
  if (condition.status !== want) {
    condition.status = want;
    condition.reason = under ? texts.underReason : texts.okReason;
    condition.message = under ? texts.underMessage : texts.okMessage;
    condition.lastTransitionTime = now;
    record(under ? texts.underEvent : texts.okEvent);
  }
  if (!found) conditions.push(condition);
}

/** Replaces (or appends) the Ready condition; records NodeReady / NodeNotReady when an existing one changes status. */
function setReady(conditions: NodeCondition[], health: NodeHealth, now: string, record: (reason: string) => void): void {
  const status = health.ready ? 'True' : 'False';
  const i = conditions.findIndex((c) => c.type === 'Ready');
  const current = i < 0 ? undefined : conditions[i];
  let lastTransitionTime: string | undefined = now;
  if (current?.status === status) lastTransitionTime = current.lastTransitionTime;
  else if (current) record(health.ready ? EventReason.NodeReady : EventReason.NodeNotReady);
  const next: NodeCondition = {
    type: 'Ready',
    status,
    lastHeartbeatTime: now,
    ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}),
    reason: health.ready ? 'KubeletReady' : 'KubeletNotReady',
    message: health.ready ? 'kubelet is posting ready status' : (health.notReadyMessage ?? 'container runtime is down'),
  };
  if (i < 0) conditions.push(next);
  else conditions[i] = next;
}

/**
 * Runs the four condition setters over a copy of `current` (the API server's conditions) and returns the new list
 * with the event reasons its transitions record, in setter order. `current` is not modified.
 */
export function setNodeConditions(
  current: readonly Readonly<NodeCondition>[] | undefined,
  options: { health: NodeHealth; now: string },
): { conditions: NodeCondition[]; events: string[] } {
  const conditions = (current ?? []).map((c) => ({ ...c }));
  const events: string[] = [];
  const record = (reason: string) => events.push(reason);
  const { health, now } = options;
  setPressure(conditions, MEMORY, health.memoryPressure === true, now, record);
  setPressure(conditions, DISK, health.diskPressure === true, now, record);
  setPressure(conditions, PID, health.pidPressure === true, now, record);
  setReady(conditions, health, now, record);
  return { conditions, events };
}
