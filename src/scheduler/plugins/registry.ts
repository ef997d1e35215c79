/**
 * The in-tree plugin registry (plugins/registry.go) and the default profile (apis/config/v1 default_plugins.go).
 * The default profile lists plugins in Kubernetes' order with Kubernetes' score weights; volume plugins, scheduling
 * gates and queue sort are not plugins here (the queue sorts by priority, then arrival).
 */
import type { PluginFactory, Registry } from '../framework/interface.js';
import type { PluginEntry, ProfileConfig } from '../framework/runtime.js';
import { newDefaultBinder } from './defaultbinder/default-binder.js';
import { newDefaultPreemption } from './defaultpreemption/default-preemption.js';
import { newImageLocality } from './imagelocality/image-locality.js';
import { newInterPodAffinity } from './interpodaffinity/inter-pod-affinity.js';
import { Names } from './names.js';
import { newNodeAffinity } from './nodeaffinity/node-affinity.js';
import { newNodeName } from './nodename/node-name.js';
import { newNodePorts } from './nodeports/node-ports.js';
import { newBalancedAllocation } from './noderesources/balanced-allocation.js';
import { newFit } from './noderesources/fit.js';
import { newNodeUnschedulable } from './nodeunschedulable/node-unschedulable.js';
import { newPodTopologySpread } from './podtopologyspread/pod-topology-spread.js';
import { newTaintToleration } from './tainttoleration/taint-toleration.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** NewInTreeRegistry: every in-tree plugin by name. */
export function inTreeRegistry(): Registry {
  return new Map<string, PluginFactory>([
    [Names.NodeUnschedulable, newNodeUnschedulable],
    [Names.NodeName, newNodeName],
    [Names.TaintToleration, newTaintToleration],
    [Names.NodeAffinity, newNodeAffinity],
    [Names.NodePorts, newNodePorts],
    [Names.NodeResourcesFit, newFit],
    [Names.PodTopologySpread, newPodTopologySpread],
    [Names.InterPodAffinity, newInterPodAffinity],
    [Names.DefaultPreemption, newDefaultPreemption],
    [Names.NodeResourcesBalancedAllocation, newBalancedAllocation],
    [Names.ImageLocality, newImageLocality],
    [Names.DefaultBinder, newDefaultBinder],
  ]);
}

/** The default multi-point plugin list with Kubernetes' weights. */
export const DEFAULT_PLUGINS: readonly PluginEntry[] = [
  { name: Names.NodeUnschedulable },
  { name: Names.NodeName },
  { name: Names.TaintToleration, weight: 3 },
  { name: Names.NodeAffinity, weight: 2 },
  { name: Names.NodePorts },
  { name: Names.NodeResourcesFit, weight: 1 },
  { name: Names.PodTopologySpread, weight: 2 },
  { name: Names.InterPodAffinity, weight: 2 },
  { name: Names.DefaultPreemption },
  { name: Names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: Names.ImageLocality, weight: 1 },
  { name: Names.DefaultBinder },
];

/**
 * The `default-scheduler` profile. `weights` overrides score weights by plugin name; `pluginConfig` supplies plugin
 * arguments (e.g. `{NodeResourcesFit: {scoringStrategy: {type: 'MostAllocated'}}}`).
 */
export function defaultProfile(
  opts: { schedulerName?: string; weights?: Readonly<Record<string, number>>; pluginConfig?: Readonly<Record<string, unknown>>; percentageOfNodesToScore?: number } = {},
): ProfileConfig {
  return {
    schedulerName: opts.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: DEFAULT_PLUGINS.map((p) => (opts.weights?.[p.name] !== undefined ? { ...p, weight: opts.weights[p.name] } : { ...p })),
    pluginConfig: opts.pluginConfig,
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
  };
}
