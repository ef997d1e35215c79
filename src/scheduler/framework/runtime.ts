/**
 * frameworkImpl (framework/runtime/framework.go): one profile's plugins, run in profile order at each extension
 * point. Guarantees:
 * - A rejecting status is attributed to the plugin that returned it; a non-rejecting failure becomes an Error status
 *   naming the plugin and extension point.
 * - Filter stops at the first plugin that rejects a node; plugins whose PreFilter returned Skip are not run.
 * - Score results are normalized per plugin, checked to be within [0, 100], multiplied by the plugin's weight and
 *   summed per node.
 */
import type { Clock } from '../../machinery/index.js';
import type { Binder, EventSink, PodWriter } from '../interfaces.js';
import type { NodeToStatus } from './diagnosis.js';
import { eventMatches, type ClusterEvent } from './events.js';
import * as I from './interface.js';
import type { NodeInfo } from './node-info.js';
import type { NamespaceLabels } from './pod-info.js';
import { Code, Status, isSuccess } from './status.js';
import { BindingPhases } from './runtime-binding.js';

export interface PluginEntry {
  name: string;
  /** Score weight (default 1). */
  weight?: number;
}

/** A scheduling profile (KubeSchedulerProfile): plugins are enabled at every extension point they implement. */
export interface ProfileConfig {
  schedulerName: string;
  plugins: readonly PluginEntry[];
  /** Plugin arguments by plugin name. */
  pluginConfig?: Readonly<Record<string, unknown>>;
  /** 0 (or unset) = adaptive: 50% of nodes minus 1% per 125 nodes, at least 5%, at least 100 nodes. */
  percentageOfNodesToScore?: number;
}

export interface FrameworkDeps {
  clock: Clock;
  snapshot: () => I.SharedLister;
  nominator: I.PodNominator;
  binder: Binder;
  podWriter?: PodWriter;
  events?: EventSink;
  namespaceLabels?: NamespaceLabels;
  random: () => number;
}

export interface PreFilterOutcome {
  /** Node names to restrict evaluation to, when any plugin narrowed them. */
  nodeNames?: ReadonlySet<string>;
  /** Plugins that returned a node subset (named in the message for the nodes they excluded). */
  pluginsWithNodes: string[];
  status: Status | null;
}

export class SchedulingFramework implements I.Handle {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number;
  readonly clock: Clock;
  readonly nominator: I.PodNominator;
  readonly binder: Binder;
  readonly podWriter?: PodWriter;
  readonly events?: EventSink;
  readonly namespaceLabels?: NamespaceLabels;
  readonly plugins: readonly I.Plugin[];
  readonly preFilterPlugins: I.PreFilterPlugin[] = [];
  readonly filterPlugins: I.FilterPlugin[] = [];
  readonly postFilterPlugins: I.PostFilterPlugin[] = [];
  readonly preScorePlugins: I.PreScorePlugin[] = [];
  readonly scorePlugins: I.ScorePlugin[] = [];
  readonly scoreWeights = new Map<string, number>();
  readonly binding: BindingPhases;
  private readonly snapshotFn: () => I.SharedLister;
  private readonly randomFn: () => number;
  private readonly eventsByPlugin = new Map<string, readonly ClusterEvent[]>();

  constructor(registry: I.Registry, profile: ProfileConfig, deps: FrameworkDeps) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore ?? 0;
    this.clock = deps.clock;
    this.nominator = deps.nominator;
    this.binder = deps.binder;
    this.podWriter = deps.podWriter;
    this.events = deps.events;
    this.namespaceLabels = deps.namespaceLabels;
    this.snapshotFn = deps.snapshot;
    this.randomFn = deps.random;
    const plugins: I.Plugin[] = [];
    const seen = new Set<string>();
    for (const entry of profile.plugins) {
      if (seen.has(entry.name)) throw new Error(`plugin "${entry.name}" already registered in profile ${profile.schedulerName}`);
      seen.add(entry.name);
      const factory = registry.get(entry.name);
      if (!factory) throw new Error(`plugin "${entry.name}" does not exist in the registry`);
      const p = factory(profile.pluginConfig?.[entry.name], this);
      plugins.push(p);
      if (I.isPreFilter(p)) this.preFilterPlugins.push(p);
      if (I.isFilter(p)) this.filterPlugins.push(p);
      if (I.isPostFilter(p)) this.postFilterPlugins.push(p);
      if (I.isPreScore(p)) this.preScorePlugins.push(p);
      if (I.isScore(p)) {
        const w = entry.weight ?? 1;
        if (!Number.isInteger(w) || w <= 0) throw new Error(`score plugin "${entry.name}" weight must be a positive integer, got ${w}`);
        this.scorePlugins.push(p);
        this.scoreWeights.set(p.name, w);
      }
      this.eventsByPlugin.set(p.name, p.eventsToRegister?.() ?? []);
    }
    this.plugins = plugins;
    this.binding = new BindingPhases(plugins, deps.clock);
  }

  snapshot(): I.SharedLister {
    return this.snapshotFn();
  }

  random(): number {
    return this.randomFn();
  }

  getWaitingPod(key: string): I.WaitingPod | undefined {
    return this.binding.waitingPods.get(key);
  }

  /** True when some plugin that rejected a pod registered interest in `event`. */
  pluginsInterestedIn(plugins: ReadonlySet<string>, event: ClusterEvent): boolean {
    for (const name of plugins) {
      for (const registered of this.eventsByPlugin.get(name) ?? []) if (eventMatches(registered, event)) return true;
    }
    return false;
  }

  /** RunPreFilterPlugins. Records Skip-ped plugins in `state.skipFilterPlugins`. */
  runPreFilterPlugins(state: I.CycleState, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    for (const pl of this.preFilterPlugins) {
      let r: I.PreFilterResult | Status | null;
      try {
        r = pl.preFilter(state, nodes);
      } catch (err) {
        return { pluginsWithNodes, status: preFilterError(pl.name, Status.error(err)) };
      }
      if (r instanceof Status) {
        if (r.isSkip()) {
          state.skipFilterPlugins.add(pl.name);
          continue;
        }
        if (r.isSuccess()) continue;
        if (r.isRejected()) return { pluginsWithNodes, status: r.withPlugin(pl.name) };
        return { pluginsWithNodes, status: preFilterError(pl.name, r) };
      }
      if (r?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        if (nodeNames.size === 0) {
          const msg =
            pluginsWithNodes.length === 1
              ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
              : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          return { nodeNames, pluginsWithNodes, status: new Status(Code.UnschedulableAndUnresolvable, [msg]) };
        }
      }
    }
    state.filterPluginsToRun = this.filterPlugins.filter((p) => !state.skipFilterPlugins.has(p.name));
    return { nodeNames, pluginsWithNodes, status: null };
  }

  /** RunFilterPlugins: the first rejecting plugin's status (attributed), or null when the node passes. */
  runFilterPlugins(state: I.CycleState, node: NodeInfo): Status | null {
    const skip = state.skipFilterPlugins;
    const precomputed = state.filterPluginsToRun;
    const filters = precomputed ?? this.filterPlugins;
    for (let i = 0; i < filters.length; i++) {
      const pl = filters[i]!;
      if (!precomputed && skip.size > 0 && skip.has(pl.name)) continue;
      let s: Status | null;
      try {
        s = pl.filter(state, node);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.code !== Code.Success) {
        if (!s.isRejected()) return new Status(Code.Error, [`running "${pl.name}" filter plugin: ${s.message()}`], { plugin: pl.name, cause: s.cause });
        return s.withPlugin(pl.name);
      }
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: when pods of equal or higher priority are nominated to this node, filters run
   * once with them added (they will take the space) and, if that passes, once without them (affinity might need them
   * absent). Without nominated pods this is runFilterPlugins.
   */
  runFilterPluginsWithNominatedPods(state: I.CycleState, node: NodeInfo): Status | null {
    const nominated = this.nominator.nominatedPodsForNode(node.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, node);
    let stateWith: I.CycleState | undefined;
    let nodeWith: NodeInfo | undefined;
    for (const p of nominated) {
      if (p.key === state.pod.key || p.priority < state.pod.priority) continue;
      stateWith ??= state.clone();
      nodeWith ??= node.clone();
      nodeWith.addPod(p);
      const s = this.runPreFilterExtensionAddPod(stateWith, { pod: p, node: nodeWith });
      if (!isSuccess(s)) return s;
    }
    if (!stateWith || !nodeWith) return this.runFilterPlugins(state, node);
    const first = this.runFilterPlugins(stateWith, nodeWith);
    if (!isSuccess(first)) return first;
    return this.runFilterPlugins(state, node);
  }

  runPreFilterExtensionAddPod(state: I.CycleState, change: I.PodChange): Status | null {
    return this.runExtension(state, change, 'addPod');
  }

  runPreFilterExtensionRemovePod(state: I.CycleState, change: I.PodChange): Status | null {
    return this.runExtension(state, change, 'removePod');
  }

  private runExtension(state: I.CycleState, change: I.PodChange, which: 'addPod' | 'removePod'): Status | null {
    for (const pl of this.preFilterPlugins) {
      const fn = pl[which];
      if (!fn || state.skipFilterPlugins.has(pl.name)) continue;
      const s = fn.call(pl, state, change);
      if (!isSuccess(s)) return new Status(Code.Error, [`running ${which === 'addPod' ? 'AddPod' : 'RemovePod'} on PreFilter plugin "${pl.name}": ${s!.message()}`], { plugin: pl.name });
    }
    return null;
  }

  /**
   * RunPostFilterPlugins: the first plugin that succeeds (or returns UnschedulableAndUnresolvable) decides; otherwise
   * the rejections' reasons are merged into one Unschedulable status attributed to the first rejecting plugin.
   */
  async runPostFilterPlugins(state: I.CycleState, statuses: NodeToStatus): Promise<{ result?: I.PostFilterResult; status: Status }> {
    let result: I.PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.postFilterPlugins) {
      let out: { result?: I.PostFilterResult; status: Status };
      try {
        out = await pl.postFilter(state, statuses);
      } catch (err) {
        return { status: Status.error(err).withPlugin(pl.name) };
      }
      const s = out.status;
      if (s.isSuccess()) return { result: out.result, status: s.withPlugin(pl.name) };
      if (s.code === Code.UnschedulableAndUnresolvable) return { result: out.result, status: s.withPlugin(pl.name) };
      if (!s.isRejected()) return { status: new Status(Code.Error, s.reasons, { plugin: pl.name, cause: s.cause }) };
      if (out.result) result = out.result;
      reasons.push(...s.reasons);
      rejector ||= pl.name;
    }
    return { result, status: new Status(Code.Unschedulable, reasons, { plugin: rejector }) };
  }

  /** RunPreScorePlugins; Skip-ped plugins are recorded in `state.skipScorePlugins`. */
  runPreScorePlugins(state: I.CycleState, nodes: readonly NodeInfo[]): Status | null {
    for (const pl of this.preScorePlugins) {
      let s: Status | null;
      try {
        s = pl.preScore(state, nodes);
      } catch (err) {
        s = Status.error(err);
      }
      if (s === null || s.isSuccess()) continue;
      if (s.isSkip()) {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      return new Status(Code.Error, [`running PreScore plugin "${pl.name}": ${s.message()}`], { plugin: pl.name, cause: s.cause });
    }
    return null;
  }

  /** RunScorePlugins: the weighted total per node (index-aligned with `nodes`), or an Error status. */
  runScorePlugins(state: I.CycleState, nodes: readonly NodeInfo[]): number[] | Status {
    const totals = new Array<number>(nodes.length).fill(0);
    for (const pl of this.scorePlugins) {
      if (state.skipScorePlugins.has(pl.name)) continue;
      const scores = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        let s: number | Status;
        try {
          s = pl.score(state, nodes[i]!);
        } catch (err) {
          s = Status.error(err);
        }
        if (typeof s !== 'number') return new Status(Code.Error, [`plugin "${pl.name}" failed with: ${s.message()}`], { plugin: pl.name, cause: s.cause });
        scores[i] = s;
      }
      if (pl.normalizeScore) {
        const s = pl.normalizeScore(state, { nodes, scores });
        if (!isSuccess(s)) return new Status(Code.Error, [`plugin "${pl.name}" failed with: ${s!.message()}`], { plugin: pl.name });
      }
      const w = this.scoreWeights.get(pl.name) ?? 1;
      for (let i = 0; i < nodes.length; i++) {
        const v = scores[i]!;
        if (v > I.MAX_NODE_SCORE || v < I.MIN_NODE_SCORE) {
          return new Status(Code.Error, [
            `plugin "${pl.name}" returns an invalid score ${v}, it should in the range of [${I.MIN_NODE_SCORE}, ${I.MAX_NODE_SCORE}] after normalizing`,
          ]);
        }
        totals[i]! += v * w;
      }
    }
    return totals;
  }

  hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }

  hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }
}

function preFilterError(plugin: string, s: Status): Status {
  return new Status(Code.Error, [`running PreFilter plugin "${plugin}": ${s.message()}`], { plugin, cause: s.cause });
}
