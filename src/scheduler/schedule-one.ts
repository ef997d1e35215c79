/**
 * The scheduling cycle (schedule_one.go), one named function per step of seed flow step 10:
 *   snapshotCluster → findNodesThatFitPod (runPreFilter → findNodesThatPassFilters) → prioritizeNodes → selectHost
 *   → [runPostFilter on failure] → assume → runReserve → runPermit
 * Every step is synchronous except PostFilter (preemption writes to the API server).
 */
import { FitError, addPluginStatus, newDiagnosis, type Diagnosis } from './framework/diagnosis.js';
import type { CycleState } from './framework/interface.js';
import type { NodeInfo } from './framework/node-info.js';
import type { PodInfo } from './framework/pod-info.js';
import type { SchedulingFramework } from './framework/runtime.js';
import { Code, SchedulingError, Status } from './framework/status.js';
import type { SchedulerCore, StepContext } from './core.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';

export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
/** minFeasibleNodesToFind */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** Why a scheduling (or binding) cycle failed. */
export interface CycleFailure {
  status: Status;
  fitError?: FitError;
  /** undefined: keep the pod's nomination; '' clears it; a name nominates that node. */
  nominatedNodeName?: string;
}

/** A successful scheduling cycle: the pod is assumed on `host` and reserved. */
export interface CycleSuccess {
  host: string;
  assumed: PodInfo;
  /** The cycle state re-bound to the assumed pod. */
  state: CycleState;
}

/** numFeasibleNodesToFind: all nodes below 100; else the percentage (adaptive: 50% − 1% per 125 nodes, ≥ 5%), ≥ 100. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** Step: refresh the snapshot from the cache (only changed nodes are copied). */
export function snapshotCluster(core: SchedulerCore): void {
  core.cache.updateSnapshot(core.snapshot);
}

/** Step: PreFilter. Returns the nodes to evaluate, or undefined when PreFilter rejected the pod (recorded in `d`). */
export function runPreFilter(ctx: StepContext, opts: { state: CycleState; diagnosis: Diagnosis }): readonly NodeInfo[] | undefined {
  const { core, fwk } = ctx;
  const { state, diagnosis: d } = opts;
  const all = core.snapshot.list();
  const pre = fwk.runPreFilterPlugins(state, all);
  if (pre.status) {
    if (!pre.status.isRejected()) throw new SchedulingError(pre.status.message(), pre.status);
    d.nodeToStatus.setAbsentNodesStatus(pre.status);
    d.preFilterMsg = pre.status.message();
    addPluginStatus(d, pre.status);
    for (const p of pre.pluginsWithNodes) d.unschedulablePlugins.add(p);
    return undefined;
  }
  if (!pre.nodeNames) return all;
  const nodes: NodeInfo[] = [];
  for (const name of pre.nodeNames) {
    const ni = core.snapshot.get(name);
    if (ni) nodes.push(ni);
  }
  d.nodeToStatus.setAbsentNodesStatus(new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${pre.pluginsWithNodes.join(' ')}]`]));
  for (const p of pre.pluginsWithNodes) d.unschedulablePlugins.add(p);
  return nodes;
}

/**
 * Step: Filter. Evaluates nodes round-robin from nextStartNodeIndex until enough feasible nodes are found
 * (numFeasibleNodesToFind); rejected nodes are recorded in `d`. An Error status from any filter aborts the cycle.
 */
export function findNodesThatPassFilters(ctx: StepContext, opts: { state: CycleState; diagnosis: Diagnosis; nodes: readonly NodeInfo[] }): NodeInfo[] {
  const { core, fwk } = ctx;
  const { state, diagnosis, nodes } = opts;
  const numAll = nodes.length;
  if (numAll === 0) return [];
  let numToFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore || core.percentageOfNodesToScore, numAll);
  if (!fwk.hasScorePlugins()) numToFind = 1;
  const start = core.nextStartNodeIndex % numAll;
  const feasible: NodeInfo[] = [];
  if (!fwk.hasFilterPlugins()) {
    for (let i = 0; i < numToFind; i++) feasible.push(nodes[(start + i) % numAll]!);
    return feasible;
  }
  for (let i = 0; i < numAll; i++) {
    const node = nodes[(start + i) % numAll]!;
    const s = fwk.runFilterPluginsWithNominatedPods(state, node);
    if (s === null || s.code === Code.Success) {
      feasible.push(node);
      if (feasible.length >= numToFind) break;
      continue;
    }
    if (s.code === Code.Error) throw new SchedulingError(s.message(), s);
    diagnosis.nodeToStatus.set(node.name, s);
    addPluginStatus(diagnosis, s);
  }
  return feasible;
}

/** Step: PreFilter + Filter, trying the pod's nominated node first. */
export function findNodesThatFitPod(ctx: StepContext, state: CycleState): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
  const core = ctx.core;
  const diagnosis = newDiagnosis();
  const nodes = runPreFilter(ctx, { state, diagnosis });
  if (!nodes) return { feasible: [], diagnosis };
  const nominated = state.pod.pod.status?.nominatedNodeName;
  if (nominated) {
    const ni = core.snapshot.get(nominated);
    if (ni) {
      const feasible = findNodesThatPassFilters(ctx, { state, diagnosis, nodes: [ni] });
      if (feasible.length > 0) return { feasible, diagnosis };
    }
  }
  const feasible = findNodesThatPassFilters(ctx, { state, diagnosis, nodes });
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  const numAll = core.snapshot.numNodes();
  if (numAll > 0) core.nextStartNodeIndex = (core.nextStartNodeIndex + processed) % numAll;
  return { feasible, diagnosis };
}

/** Step: PreScore + Score + NormalizeScore + weights. Without score plugins every node scores 1. */
export function prioritizeNodes(fwk: SchedulingFramework, opts: { state: CycleState; nodes: readonly NodeInfo[] }): number[] {
  const { state, nodes } = opts;
  if (!fwk.hasScorePlugins()) return nodes.map(() => 1);
  const pre = fwk.runPreScorePlugins(state, nodes);
  if (pre) throw new SchedulingError(pre.message(), pre);
  const totals = fwk.runScorePlugins(state, nodes);
  if (totals instanceof Status) throw new SchedulingError(totals.message(), totals);
  return totals;
}

/** Step: the highest total score wins; ties are broken uniformly at random (reservoir sampling). */
export function selectHost(nodes: readonly NodeInfo[], opts: { scores: readonly number[]; random: () => number }): string {
  const { scores, random } = opts;
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let i = 0; i < nodes.length; i++) {
    const s = scores[i]!;
    if (s > bestScore) {
      bestScore = s;
      best = i;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  if (best < 0) throw new SchedulingError('empty priorityList');
  return nodes[best]!.name;
}

/** SchedulePod: snapshot, filter, score and pick a host. Throws FitError when no node fits. */
export function schedulePod(ctx: StepContext, state: CycleState): ScheduleResult {
  const { core, fwk } = ctx;
  snapshotCluster(core);
  const numNodes = core.snapshot.numNodes();
  if (numNodes === 0) throw new SchedulingError(ErrNoNodesAvailable, new Status(Code.UnschedulableAndUnresolvable, [ErrNoNodesAvailable]));
  const { feasible, diagnosis } = findNodesThatFitPod(ctx, state);
  core.tracer?.step(state.pod.pod, 'filter', { feasibleNodes: feasible.length, rejectedNodes: diagnosis.nodeToStatus.size });
  if (feasible.length === 0) throw new FitError(numNodes, diagnosis);
  if (feasible.length === 1) return { suggestedHost: feasible[0]!.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 };
  const scores = prioritizeNodes(fwk, { state, nodes: feasible });
  core.tracer?.step(state.pod.pod, 'score', { scoredNodes: feasible.length });
  const host = selectHost(feasible, { scores, random: core.random });
  return { suggestedHost: host, evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size, feasibleNodes: feasible.length };
}

/** Step: PostFilter (preemption) after a FitError; records its message in the diagnosis. */
export async function runPostFilter(fwk: SchedulingFramework, opts: { state: CycleState; fitError: FitError }): Promise<CycleFailure> {
  const { state, fitError } = opts;
  if (!fwk.hasPostFilterPlugins()) return { status: new Status(Code.Unschedulable, [fitError.message]), fitError, nominatedNodeName: '' };
  const { result, status } = await fwk.runPostFilterPlugins(state, fitError.diagnosis.nodeToStatus);
  fitError.diagnosis.postFilterMsg = status.message();
  return { status: new Status(Code.Unschedulable, [fitError.message], { plugin: status.plugin }), fitError, nominatedNodeName: result?.nominatedNodeName };
}

/** Step: assume — the pod counts on `host` in the cache before the binding is confirmed. */
export function assume(core: SchedulerCore, opts: { qp: QueuedPodInfo; host: string }): PodInfo {
  const { qp, host } = opts;
  const assumed = qp.podInfo.withNodeName(host);
  core.cache.assumePod(assumed);
  core.queue.nominator.delete(assumed.key);
  return assumed;
}

function rejectedOnHost(host: string, s: Status): CycleFailure {
  const d = newDiagnosis();
  d.nodeToStatus.set(host, s);
  addPluginStatus(d, s);
  const fitError = new FitError(1, d);
  return { status: new Status(s.code, [fitError.message], { plugin: s.plugin }), fitError, nominatedNodeName: '' };
}

/** Undoes assume + reserve after a failure later in the cycle. */
export function unreserveAndForget(ctx: StepContext, c: CycleSuccess): void {
  const { core, fwk } = ctx;
  for (const err of fwk.binding.unreserve(c.state, c.host)) core.onError(err, 'unreserve');
  try {
    core.cache.forgetPod(c.assumed);
  } catch (err) {
    core.onError(err, 'scheduler cache ForgetPod failed');
  }
}

/** Step: Reserve, then Permit. Either failure undoes the assumption. */
export function reserveAndPermit(ctx: StepContext, c: CycleSuccess): CycleFailure | undefined {
  const fwk = ctx.fwk;
  const reserved = fwk.binding.reserve(c.state, c.host);
  if (reserved) {
    unreserveAndForget(ctx, c);
    return reserved.isRejected() ? rejectedOnHost(c.host, reserved) : { status: reserved, nominatedNodeName: '' };
  }
  const permit = fwk.binding.permit(c.state, c.host);
  if (permit && !permit.isWait()) {
    unreserveAndForget(ctx, c);
    return permit.isRejected() ? rejectedOnHost(c.host, permit) : { status: permit, nominatedNodeName: '' };
  }
  return undefined;
}

/**
 * schedulingCycle: finds a host for the pod and assumes it there. On failure the pod is not assumed; the result
 * says why and what to do with its nomination.
 */
export async function schedulingCycle(ctx: StepContext, opts: { state: CycleState; qp: QueuedPodInfo }): Promise<CycleSuccess | CycleFailure> {
  const { core, fwk } = ctx;
  const { state, qp } = opts;
  let result: ScheduleResult;
  try {
    result = schedulePod(ctx, state);
  } catch (err) {
    if (err instanceof FitError) return runPostFilter(fwk, { state, fitError: err });
    if (err instanceof SchedulingError && err.status) return { status: err.status, nominatedNodeName: '' };
    return { status: Status.error(err), nominatedNodeName: '' };
  }
  core.tracer?.step(state.pod.pod, 'select', { node: result.suggestedHost, evaluatedNodes: result.evaluatedNodes, feasibleNodes: result.feasibleNodes });
  let assumed: PodInfo;
  try {
    assumed = assume(core, { qp, host: result.suggestedHost });
  } catch (err) {
    return { status: Status.error(err), nominatedNodeName: '' };
  }
  const success: CycleSuccess = { host: result.suggestedHost, assumed, state: state.withPod(assumed) };
  core.tracer?.step(state.pod.pod, 'assume', { node: result.suggestedHost });
  const failed = reserveAndPermit(ctx, success);
  return failed ?? success;
}
