/**
 * Plugin test harness: a Handle over a fixed Snapshot, and helpers that run one plugin's extension points the way
 * the framework does (PreFilter Skip suppresses Filter; PreScore Skip suppresses Score; NormalizeScore after Score).
 */
import { FakeClock } from '../../machinery/index.js';
import type { Node, Pod } from '../../api/index.js';
import { Snapshot } from '../cache/snapshot.js';
import * as I from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import { PodInfo, type NamespaceLabels } from '../framework/pod-info.js';
import { SchedulingFramework, type PluginEntry } from '../framework/runtime.js';
import { Code, Status } from '../framework/status.js';
import type { PodWriter } from '../interfaces.js';
import { inTreeRegistry } from '../plugins/registry.js';
import { Nominator } from '../queue/nominator.js';
import { FakeBinder } from './fakes.js';

export interface TestFrameworkOptions {
  nodes?: readonly Node[];
  pods?: readonly Pod[];
  plugins: readonly (string | PluginEntry)[];
  pluginConfig?: Readonly<Record<string, unknown>>;
  podWriter?: PodWriter;
  namespaceLabels?: NamespaceLabels;
  random?: () => number;
  clock?: FakeClock;
}

/** A framework over a fixed snapshot of `nodes` with `pods` placed by spec.nodeName. */
export function newTestFramework(opts: TestFrameworkOptions): { fwk: SchedulingFramework; snapshot: Snapshot; nominator: Nominator } {
  const snapshot = Snapshot.of(opts.nodes ?? [], opts.pods ?? []);
  const nominator = new Nominator();
  const fwk = new SchedulingFramework(
    inTreeRegistry(),
    { schedulerName: 'default-scheduler', plugins: opts.plugins.map((p) => (typeof p === 'string' ? { name: p } : p)), pluginConfig: opts.pluginConfig },
    {
      clock: opts.clock ?? new FakeClock(),
      snapshot: () => snapshot,
      nominator,
      binder: new FakeBinder(),
      podWriter: opts.podWriter,
      namespaceLabels: opts.namespaceLabels,
      random: opts.random ?? (() => 0),
    },
  );
  return { fwk, snapshot, nominator };
}

/** Runs PreFilter then Filter for every node; returns one status per node (null = fits), or the PreFilter rejection. */
export function filterAll(fwk: SchedulingFramework, opts: { snapshot: Snapshot; pod: Pod }): { preFilter: Status | null; statuses: (Status | null)[] } {
  const { snapshot, pod } = opts;
  const state = new I.CycleState(PodInfo.of(pod));
  const pre = fwk.runPreFilterPlugins(state, snapshot.list());
  if (pre.status) return { preFilter: pre.status, statuses: [] };
  const statuses = snapshot.list().map((n) => {
    if (pre.nodeNames && !pre.nodeNames.has(n.name)) return new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${pre.pluginsWithNodes.join(' ')}]`]);
    return fwk.runFilterPluginsWithNominatedPods(state, n);
  });
  return { preFilter: null, statuses };
}

/** Runs PreScore and Score (with normalization and weights) over `nodes` (default: all); returns totals by node name. */
export function scoreAll(fwk: SchedulingFramework, opts: { snapshot: Snapshot; pod: Pod; nodes?: readonly NodeInfo[] }): Record<string, number> {
  const snapshot = opts.snapshot;
  const state = new I.CycleState(PodInfo.of(opts.pod));
  const nodes = opts.nodes ?? snapshot.list();
  fwk.runPreFilterPlugins(state, snapshot.list());
  const pre = fwk.runPreScorePlugins(state, nodes);
  if (pre) throw new Error(pre.message());
  const totals = fwk.runScorePlugins(state, nodes);
  if (totals instanceof Status) throw new Error(totals.message());
  return Object.fromEntries(nodes.map((n, i) => [n.name, totals[i]!]));
}

/** The reasons of a status, or [] for success. */
export function reasonsOf(s: Status | null): string[] {
  return s ? [...s.reasons] : [];
}
