/**
 * NodeToStatus, Diagnosis and FitError (framework/types.go): why a pod fits no node, and the aggregated message
 * Kubernetes puts in the FailedScheduling event:
 *
 *   0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *   2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
 */
import { Code, Status } from './status.js';
import type { NodeInfo } from './node-info.js';

/** Statuses of the nodes a cycle rejected, plus one status standing for every node not listed. */
export class NodeToStatus {
  private readonly map = new Map<string, Status>();
  private absent: Status;

  constructor(absent: Status = new Status(Code.UnschedulableAndUnresolvable)) {
    this.absent = absent;
  }

  set(node: string, s: Status): void {
    this.map.set(node, s);
  }

  /** The node's status; for an unlisted node, the absent-nodes status. */
  get(node: string): Status {
    return this.map.get(node) ?? this.absent;
  }

  /** The explicitly recorded status, if any. */
  getExplicit(node: string): Status | undefined {
    return this.map.get(node);
  }

  setAbsentNodesStatus(s: Status): void {
    this.absent = s;
  }

  absentNodesStatus(): Status {
    return this.absent;
  }

  /** Number of nodes with an explicit status. */
  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.map.entries();
  }

  /** NodesForStatusCode: the nodes (from `all`) whose status — explicit or absent — has `code`. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    const out: NodeInfo[] = [];
    for (const n of all) if (this.get(n.name).code === code) out.push(n);
    return out;
  }
}

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that returned Unschedulable or UnschedulableAndUnresolvable; they decide which events requeue the pod. */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** Records the plugin of a rejecting status (Diagnosis.AddPluginStatus). */
export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (s.plugin && s.isRejected()) d.unschedulablePlugins.add(s.plugin);
}

/** framework.FitError: the pod fits none of the `numAllNodes` nodes. */
export class FitError extends Error {
  override readonly name = 'FitError';

  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {
    // No message argument: `message` stays the getter below, reflecting later changes to the diagnosis.
    super();
  }

  /** Kubernetes' FitError.Error(): `0/N nodes are available: <prefilter>. <histogram>. <postfilter>`. */
  override get message(): string {
    return formatFitError(this.numAllNodes, this.diagnosis);
  }
}

/** The reason histogram: "<count> <reason>" for every reason, sorted as strings (Go's sort.Strings). */
function reasonHistogram(numAllNodes: number, m: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  for (const [, s] of m.entries()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - m.size;
  if (absent > 0) for (const r of m.absentNodesStatus().reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  const out: string[] = [];
  for (const [r, n] of counts) out.push(`${n} ${r}`);
  return out.sort(byteOrder);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatFitError(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const hist = reasonHistogram(numAllNodes, d.nodeToStatus);
    if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
