/**
 * DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority pods would make room,
 * pick one by Kubernetes' criteria, evict the victims through the PodWriter and nominate the node for the pod.
 *
 * Outcome messages follow the Evaluator: the pod's FailedScheduling message ends with
 * `preemption: 0/N nodes are available: <histogram>.` when no candidate exists, where nodes that failed with
 * UnschedulableAndUnresolvable are counted as "Preemption is not helpful for scheduling".
 */
import { formatFitError, newDiagnosis, NodeToStatus } from '../../framework/diagnosis.js';
import type { CycleState, Handle, Plugin, PostFilterPlugin, PostFilterResult } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podName, type PodInfo } from '../../framework/pod-info.js';
import { Code, Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { pickOneNodeForPreemption, selectVictimsOnNode, type Candidate } from './victims.js';

export interface DefaultPreemptionArgs {
  /** Minimum share of potential nodes to dry-run, in percent (default 10). */
  minCandidateNodesPercentage?: number;
  /** Minimum number of nodes to dry-run (default 100). */
  minCandidateNodesAbsolute?: number;
}

export const ErrPreemptionNotHelpful = 'Preemption is not helpful for scheduling';

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Names.DefaultPreemption;
  private readonly minPercentage: number;
  private readonly minAbsolute: number;

  constructor(
    private readonly handle: Handle,
    args: DefaultPreemptionArgs = {},
  ) {
    this.minPercentage = args.minCandidateNodesPercentage ?? 10;
    this.minAbsolute = args.minCandidateNodesAbsolute ?? 100;
  }

  async postFilter(state: CycleState, statuses: NodeToStatus): Promise<{ result?: PostFilterResult; status: Status }> {
    const { result, status } = await this.preempt(state, statuses);
    const msg = status.message();
    return { result, status: msg ? new Status(status.code, [`preemption: ${msg}`]) : status };
  }

  /** Evaluator.Preempt. */
  async preempt(state: CycleState, statuses: NodeToStatus): Promise<{ result?: PostFilterResult; status: Status }> {
    const pod = state.pod;
    const eligible = this.podEligibleToPreemptOthers(pod, statuses);
    if (eligible !== true) return { status: Status.unschedulable(eligible) };
    const all = this.handle.snapshot().list();
    if (all.length === 0) return { status: Status.error(new Error('no nodes available')) };
    const { candidates, nodeStatuses } = this.findCandidates(state, { all, statuses });
    if (candidates.length === 0) {
      const d = newDiagnosis();
      d.nodeToStatus = nodeStatuses;
      nodeStatuses.setAbsentNodesStatus(new Status(Code.UnschedulableAndUnresolvable, [ErrPreemptionNotHelpful]));
      return { result: { nominatedNodeName: '' }, status: Status.unschedulable(formatFitError(all.length, d)) };
    }
    const best = pickOneNodeForPreemption(candidates, this.handle.clock.now());
    if (!best) return { status: Status.unschedulable('no candidate node for preemption') };
    const prepared = await this.prepareCandidate(best, pod);
    if (prepared) return { status: prepared };
    return { result: { nominatedNodeName: best.nodeName }, status: Status.success() };
  }

  /** PodEligibleToPreemptOthers: true, or the reason the pod may not preempt. */
  podEligibleToPreemptOthers(pod: PodInfo, statuses: NodeToStatus): true | string {
    if (pod.pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      if (statuses.get(nominated).code === Code.UnschedulableAndUnresolvable) return true;
      const ni = this.handle.snapshot().get(nominated);
      for (const p of ni?.pods ?? []) {
        if (p.priority < pod.priority && p.pod.metadata.deletionTimestamp) return 'not eligible due to a terminating pod on the nominated node.';
      }
    }
    return true;
  }

  /** calculateNumCandidates: max(10% of nodes, 100), at most all of them. */
  numCandidates(numNodes: number): number {
    const n = Math.max(Math.trunc((numNodes * this.minPercentage) / 100), this.minAbsolute);
    return Math.min(n, numNodes);
  }

  /** findCandidates + DryRunPreemption over the nodes whose failure was (resolvably) Unschedulable. */
  findCandidates(state: CycleState, nodes: { all: readonly NodeInfo[]; statuses: NodeToStatus }): { candidates: Candidate[]; nodeStatuses: NodeToStatus } {
    const nodeStatuses = new NodeToStatus();
    const potential = nodes.statuses.nodesForStatusCode(nodes.all, Code.Unschedulable);
    if (potential.length === 0) return { candidates: [], nodeStatuses };
    const offset = Math.floor(this.handle.random() * potential.length);
    const want = this.numCandidates(potential.length);
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length]!.clone();
      const { victims, numPDBViolations, status } = selectVictimsOnNode(this.handle, { state: state.clone(), node });
      if (status === null && victims.length > 0) {
        const c: Candidate = { nodeName: node.name, victims, numPDBViolations };
        (numPDBViolations === 0 ? nonViolating : violating).push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
        continue;
      }
      nodeStatuses.set(node.name, status ?? Status.error(new Error(`expected at least one victim pod on node "${node.name}"`)));
    }
    return { candidates: [...nonViolating, ...violating], nodeStatuses };
  }

  /** prepareCandidate: evicts the victims and clears lower-priority nominations on the chosen node. */
  private async prepareCandidate(c: Candidate, preemptor: PodInfo): Promise<Status | null> {
    const writer = this.handle.podWriter;
    if (!writer) return Status.error(new Error('preemption needs a PodWriter to delete victims'));
    const schedulerName = preemptor.pod.spec?.schedulerName ?? 'default-scheduler';
    try {
      await Promise.all(
        c.victims
          .filter((v) => !v.pod.metadata.deletionTimestamp)
          .map(async (v) => {
            await writer.patchPodStatus(v.pod, {
              condition: {
                type: 'DisruptionTarget',
                status: 'True',
                reason: 'PreemptionByScheduler',
                message: `${schedulerName}: preempting to accommodate a higher priority pod`,
              },
            });
            await writer.deletePod(v.pod);
            this.handle.events?.event(v.pod, {
              type: 'Normal',
              reason: 'Preempted',
              action: 'Preempting',
              message: `Preempted by pod ${preemptor.pod.metadata.uid ?? podName(preemptor.pod)} on node ${c.nodeName}`,
            });
          }),
      );
    } catch (err) {
      return Status.error(err);
    }
    const lower = this.handle.nominator.nominatedPodsForNode(c.nodeName).filter((p) => p.priority < preemptor.priority);
    await Promise.allSettled(lower.map((p) => writer.patchPodStatus(p.pod, { nominatedNodeName: '' })));
    return null;
  }
}

export function newDefaultPreemption(args: unknown, h: Handle): Plugin {
  return new DefaultPreemption(h, (args ?? {}) as DefaultPreemptionArgs);
}
