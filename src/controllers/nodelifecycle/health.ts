/**
 * Node health as the node lifecycle controller judges it (pkg/controller/nodelifecycle tryUpdateNodeHealth), as pure
 * functions: when did the controller last see a sign of life from the kubelet (a new Ready heartbeat in the node's
 * status, or a renewed Lease in kube-node-lease), and which conditions must turn Unknown once that is older than the
 * grace period.
 *
 * Times of life signs are the controller's own clock readings when it noticed them ("probe timestamps"), not the
 * kubelet's timestamps, so clock skew between machines cannot make a node look dead or alive.
 */
import type { Lease, Node, NodeCondition } from '../../api/index.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** Kubernetes' --node-monitor-grace-period (40 s before 1.32). */
export const DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
/** Kubernetes' --node-startup-grace-period: a node that never reported Ready gets this long. */
export const DEFAULT_NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

/** Conditions set to Unknown when the kubelet goes silent (NetworkUnavailable is managed elsewhere). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export interface NodeHealth {
  /** The Ready condition last seen (heartbeat and transition as the kubelet wrote them), if any. */
  ready?: { lastHeartbeatTime: string; lastTransitionTime: string };
  /** Lease renewTime last seen (ms). */
  leaseRenewTime?: number;
  /** When the controller last saw a life sign (ms on the controller's clock). */
  probeTimestamp: number;
  /** When the controller last saw the Ready condition change (ms). */
  readyTransitionTimestamp: number;
}

export function readyCondition(node: Readonly<Node>): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

function parse(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * observeNodeHealth: the health record after looking at the node and its lease now. A first observation, a new
 * Ready heartbeat, or a lease renewed later than last seen moves probeTimestamp to `now`. A node that never had a
 * Ready condition starts from its creationTimestamp.
 */
export function observeNodeHealth(prev: NodeHealth | undefined, input: { node: Readonly<Node>; lease: Readonly<Lease> | undefined; now: number }): NodeHealth {
  const { node, lease, now } = input;
  const cur = readyCondition(node);
  const snapshot = cur ? { lastHeartbeatTime: cur.lastHeartbeatTime ?? '', lastTransitionTime: cur.lastTransitionTime ?? '' } : undefined;
  let health: NodeHealth;
  if (!cur) {
    const created = parse(node.metadata.creationTimestamp) ?? now;
    health = prev ? { ...prev, ready: undefined } : { probeTimestamp: created, readyTransitionTimestamp: created };
  } else if (!prev || !prev.ready) {
    health = { ready: snapshot, probeTimestamp: now, readyTransitionTimestamp: now, ...(prev?.leaseRenewTime !== undefined ? { leaseRenewTime: prev.leaseRenewTime } : {}) };
  } else if (prev.ready.lastHeartbeatTime !== snapshot!.lastHeartbeatTime) {
    const transitioned = prev.ready.lastTransitionTime !== snapshot!.lastTransitionTime;
    health = { ...prev, ready: snapshot, probeTimestamp: now, readyTransitionTimestamp: transitioned ? now : prev.readyTransitionTimestamp };
  } else {
    health = { ...prev, ready: snapshot };
  }
  const renew = parse(lease?.spec?.renewTime);
  if (renew !== undefined && (health.leaseRenewTime === undefined || renew > health.leaseRenewTime)) {
    health = { ...health, leaseRenewTime: renew, probeTimestamp: now };
  }
  return health;
}

export interface LeaseVerdict {
  /** The grace period that applies (startup grace for a node that never reported Ready). */
  gracePeriodMs: number;
  /** probeTimestamp + grace: after this the node is considered lost. */
  deadline: number;
  /** New status.conditions when they must change (the node is lost and not yet all Unknown), else undefined. */
  conditions: NodeCondition[] | undefined;
}

/**
 * nodeConditionFromLease: once `now` is past probeTimestamp + grace, Ready, MemoryPressure, DiskPressure and
 * PIDPressure become Unknown — reason NodeStatusUnknown, message "Kubelet stopped posting node status.", a new
 * lastTransitionTime, the heartbeat kept — and missing ones are added with reason NodeStatusNeverUpdated. Conditions
 * already Unknown are left as they are. Before the deadline nothing changes.
 */
export function nodeConditionFromLease(
  node: Readonly<Node>,
  health: NodeHealth,
  options: { now: number; gracePeriodMs?: number; startupGracePeriodMs?: number },
): LeaseVerdict {
  const grace = readyCondition(node)
    ? (options.gracePeriodMs ?? DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS)
    : (options.startupGracePeriodMs ?? DEFAULT_NODE_STARTUP_GRACE_PERIOD_MS);
  const deadline = health.probeTimestamp + grace;
  if (!(options.now > deadline)) return { gracePeriodMs: grace, deadline, conditions: undefined };
  const now = rfc3339(options.now);
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const type of MONITORED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        ...(node.metadata.creationTimestamp ? { lastHeartbeatTime: node.metadata.creationTimestamp } : {}),
        lastTransitionTime: now,
      });
      changed = true;
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = now;
      changed = true;
    }
  }
  return { gracePeriodMs: grace, deadline, conditions: changed ? conditions : undefined };
}
