/**
 * The scheduling framework's extension points (framework/interface.go). A plugin implements any subset of the
 * methods below; the framework calls them in profile order. Expected outcomes are Status values (null = Success);
 * a thrown error is a bug and fails the cycle with an Error status.
 *
 * Scheduling cycle (synchronous per node, one pod at a time):
 *   PreFilter → Filter (per node) → [PostFilter when no node fits] → PreScore → Score (per node) → NormalizeScore
 *   → Reserve → Permit
 * Binding cycle (asynchronous, off the main loop):
 *   WaitOnPermit → PreBind → Bind → PostBind            (any failure: Unreserve, forget, requeue)
 */
import type { Clock } from '../../machinery/index.js';
import type { Binder, EventSink, PodWriter } from '../interfaces.js';
import type { ClusterEvent } from './events.js';
import type { NodeToStatus } from './diagnosis.js';
import type { NodeInfo } from './node-info.js';
import type { NamespaceLabels, PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** The highest score a Score plugin may give after normalization. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** Per-cycle data a plugin keeps between its extension points. `clone()` is used by preemption's dry runs. */
export interface StateData {
  clone(): StateData;
}

/**
 * CycleState: the pod being scheduled plus plugin data for one scheduling cycle. Not shared between cycles; a
 * preemption dry run works on a clone.
 */
export class CycleState {
  private readonly data: Map<string, StateData>;
  /** Plugins whose PreFilter returned Skip: their Filter is not run this cycle. */
  readonly skipFilterPlugins: Set<string>;
  /** Plugins whose PreScore returned Skip: their Score is not run this cycle. */
  readonly skipScorePlugins: Set<string>;
  /**
   * The Filter plugins to run this cycle (all minus the skipped ones), fixed by the framework after PreFilter so the
   * per-node loop does no set lookups. Undefined before PreFilter ran.
   */
  filterPluginsToRun: readonly FilterPlugin[] | undefined = undefined;

  constructor(
    /** The pod being scheduled (after assume: the copy with spec.nodeName set). */
    readonly pod: PodInfo,
    shared?: { data: Map<string, StateData>; skipFilterPlugins: Set<string>; skipScorePlugins: Set<string> },
  ) {
    this.data = shared?.data ?? new Map();
    this.skipFilterPlugins = shared?.skipFilterPlugins ?? new Set();
    this.skipScorePlugins = shared?.skipScorePlugins ?? new Set();
  }

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  /** A deep copy: every StateData is cloned. */
  clone(): CycleState {
    const data = new Map<string, StateData>();
    for (const [k, v] of this.data) data.set(k, v.clone());
    const c = new CycleState(this.pod, { data, skipFilterPlugins: new Set(this.skipFilterPlugins), skipScorePlugins: new Set(this.skipScorePlugins) });
    c.filterPluginsToRun = this.filterPluginsToRun;
    return c;
  }

  /** The same state (shared, not copied) seen with another version of the pod: the assumed pod after assume. */
  withPod(pod: PodInfo): CycleState {
    const c = new CycleState(pod, { data: this.data, skipFilterPlugins: this.skipFilterPlugins, skipScorePlugins: this.skipScorePlugins });
    c.filterPluginsToRun = this.filterPluginsToRun;
    return c;
  }
}

/** Read access to the cycle's snapshot of the cluster (SharedLister). */
export interface SharedLister {
  /** All nodes, in a stable order. */
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes hosting at least one pod with pod affinity or anti-affinity. */
  havePodsWithAffinityList(): readonly NodeInfo[];
  /** Nodes hosting at least one pod with required pod anti-affinity. */
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  /** How many nodes have the (normalized) image. */
  imageNumNodes(image: string): number;
  numNodes(): number;
}

/** Tracks pods nominated to nodes by preemption (PodNominator). */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** A pod held at Permit. Any plugin may allow or reject it through the handle. */
export interface WaitingPod {
  readonly pod: PodInfo;
  /** Plugins still to allow the pod. */
  pendingPlugins(): string[];
  allow(plugin: string): void;
  reject(plugin: string, message: string): void;
}

/** framework.Handle: what plugins may use beyond their arguments. */
export interface Handle {
  readonly clock: Clock;
  /** The snapshot of the current cycle. */
  snapshot(): SharedLister;
  readonly nominator: PodNominator;
  readonly binder: Binder;
  readonly podWriter?: PodWriter;
  readonly events?: EventSink;
  readonly namespaceLabels?: NamespaceLabels;
  /** A number in [0, 1) from the scheduler's injected random source. */
  random(): number;
  /** RunFilterPluginsWithNominatedPods (preemption's dry run uses it). */
  runFilterPluginsWithNominatedPods(state: CycleState, node: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, change: PodChange): Status | null;
  runPreFilterExtensionRemovePod(state: CycleState, change: PodChange): Status | null;
  getWaitingPod(key: string): WaitingPod | undefined;
}

/** A pod added to or removed from a node during a what-if evaluation. */
export interface PodChange {
  readonly pod: PodInfo;
  readonly node: NodeInfo;
}

/** PreFilter may narrow the nodes to evaluate. `undefined` node names means all nodes. */
export interface PreFilterResult {
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PostFilterResult {
  /** The node the pod should be nominated to; '' clears a previous nomination; undefined leaves it unchanged. */
  readonly nominatedNodeName?: string;
}

/** Scores of the feasible nodes for one plugin, index-aligned with `nodes`. NormalizeScore rewrites `scores`. */
export interface NodeScoreList {
  readonly nodes: readonly NodeInfo[];
  readonly scores: number[];
}

export interface Plugin {
  readonly name: string;
  /** Cluster events that may make a pod this plugin rejected schedulable again. */
  eventsToRegister?(): readonly ClusterEvent[];
}

export interface PreFilterPlugin extends Plugin {
  /** May return Skip (its Filter then isn't run), a rejection (fails the cycle for all nodes), or a node subset. */
  preFilter(state: CycleState, nodes: readonly NodeInfo[]): PreFilterResult | Status | null;
  /** Updates the plugin's PreFilter state as if `change.pod` were added to / removed from `change.node`. */
  addPod?(state: CycleState, change: PodChange): Status | null;
  removePod?(state: CycleState, change: PodChange): Status | null;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, node: NodeInfo): Status | null;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, statuses: NodeToStatus): Promise<{ result?: PostFilterResult; status: Status }>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, nodes: readonly NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  /** A raw score (any integer before normalization), or an Error status. */
  score(state: CycleState, node: NodeInfo): number | Status;
  /** Rescales the raw scores into [0, MAX_NODE_SCORE] in place. */
  normalizeScore?(state: CycleState, list: NodeScoreList): Status | null;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, nodeName: string): Status | null;
  /** Must be idempotent and must not fail. */
  unreserve(state: CycleState, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Success, a rejection, or `Status.wait(timeoutMs)`. */
  permit(state: CycleState, nodeName: string): Status | null;
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, nodeName: string): Promise<Status | null>;
}

export interface BindPlugin extends Plugin {
  /** Skip lets the next bind plugin handle the pod. */
  bind(state: CycleState, nodeName: string): Promise<Status | null>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, nodeName: string): void;
}

export const isPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as PreFilterPlugin).preFilter === 'function';
export const isFilter = (p: Plugin): p is FilterPlugin => typeof (p as FilterPlugin).filter === 'function';
export const isPostFilter = (p: Plugin): p is PostFilterPlugin => typeof (p as PostFilterPlugin).postFilter === 'function';
export const isPreScore = (p: Plugin): p is PreScorePlugin => typeof (p as PreScorePlugin).preScore === 'function';
export const isScore = (p: Plugin): p is ScorePlugin => typeof (p as ScorePlugin).score === 'function';
export const isReserve = (p: Plugin): p is ReservePlugin => typeof (p as ReservePlugin).reserve === 'function';
export const isPermit = (p: Plugin): p is PermitPlugin => typeof (p as PermitPlugin).permit === 'function';
export const isPreBind = (p: Plugin): p is PreBindPlugin => typeof (p as PreBindPlugin).preBind === 'function';
export const isBind = (p: Plugin): p is BindPlugin => typeof (p as BindPlugin).bind === 'function';
export const isPostBind = (p: Plugin): p is PostBindPlugin => typeof (p as PostBindPlugin).postBind === 'function';

/** Builds a plugin from its (already defaulted) arguments. */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

/** Plugin name → factory. One explicit registry, no registration at import time. */
export type Registry = ReadonlyMap<string, PluginFactory>;
