/**
 * The controllers `skiff controller-manager` knows, by the names kube-controller-manager's `--controllers` flag
 * uses. One explicit table — no registration at import time.
 */
import type { Controller } from '../context.js';
import { newDeploymentController } from '../deployment/index.js';
import { endpointsController } from '../endpoints/index.js';
import { endpointSliceController } from '../endpointslice/index.js';
import { garbageCollectorController } from '../garbagecollector/index.js';
import { namespaceController } from '../namespace/index.js';
import { nodeIpamController } from '../nodeipam/index.js';
import { nodeLifecycleController } from '../nodelifecycle/index.js';
import { podGcController } from '../podgc/index.js';
import { newReplicaSetController } from '../replicaset/index.js';
import { newServiceAccountController } from '../serviceaccount/index.js';
import { ControllerError } from '../shared/errors.js';

/** Every controller name, in the order they are started. */
export const CONTROLLER_NAMES = ['deployment', 'replicaset', 'garbagecollector', 'namespace', 'endpoints', 'endpointslice', 'nodelifecycle', 'nodeipam', 'serviceaccount', 'podgc'] as const;
export type ControllerName = (typeof CONTROLLER_NAMES)[number];

/** kube-controller-manager's default --concurrent-*-syncs per controller (used when no workers count is given). */
export const DEFAULT_WORKERS: Readonly<Record<ControllerName, number>> = {
  deployment: 5,
  replicaset: 5,
  garbagecollector: 20,
  namespace: 10,
  endpoints: 5,
  endpointslice: 5,
  nodelifecycle: 1,
  nodeipam: 1,
  serviceaccount: 1,
  // The pod GC has no workers: one pass every 20 s.
  podgc: 1,
};

/**
 * What the manager hands each factory: the ControllerFactory options plus the flags that belong to one controller.
 * A factory reads only the options it knows; every ControllerFactory is a ManagedControllerFactory.
 */
export interface ManagedControllerOptions {
  workers: number;
  /** The cluster CA (PEM) for kube-root-ca.crt (serviceaccount). */
  rootCaPem?: string;
  /** --node-monitor-grace-period in ms (nodelifecycle); default Kubernetes' 40 s. */
  nodeMonitorGracePeriodMs?: number;
  /** --cluster-cidr, one per IP family (nodeipam); default 10.244.0.0/16. */
  clusterCIDRs?: readonly string[];
}

export type ManagedControllerFactory = (options: ManagedControllerOptions) => Controller;

const FACTORIES: Partial<Record<ControllerName, ManagedControllerFactory>> = {
  deployment: newDeploymentController,
  replicaset: newReplicaSetController,
  // Controllers from the other folders, with their defaults; options beyond `workers` and the flags in
  // ManagedControllerOptions (CIDRs, batch periods) are the composition root's to pass by building them directly.
  garbagecollector: (o) => garbageCollectorController({ workers: o.workers }),
  namespace: (o) => namespaceController({ workers: o.workers }),
  endpoints: (o) => endpointsController({ workers: o.workers }),
  endpointslice: (o) => endpointSliceController({ workers: o.workers }),
  nodelifecycle: (o) =>
    nodeLifecycleController({ workers: o.workers, ...(o.nodeMonitorGracePeriodMs !== undefined ? { gracePeriodMs: o.nodeMonitorGracePeriodMs } : {}) }),
  nodeipam: (o) => nodeIpamController({ workers: o.workers, ...(o.clusterCIDRs?.length ? { clusterCIDRs: o.clusterCIDRs } : {}) }),
  serviceaccount: newServiceAccountController,
  podgc: () => podGcController(),
};

/** The factory table: name → factory, for the names that have one. */
export function controllerFactories(): ReadonlyMap<ControllerName, ManagedControllerFactory> {
  return new Map(CONTROLLER_NAMES.flatMap((n) => (FACTORIES[n] ? [[n, FACTORIES[n]] as const] : [])));
}

/**
 * Resolves a `--controllers` selection: 'all' (every available controller), or a list where `*` means all, `-name`
 * removes one, and any other entry names a controller. Unknown or unavailable names are a ControllerError.
 */
export function selectControllers(selection: readonly string[] | 'all'): ControllerName[] {
  const available = controllerFactories();
  const list = selection === 'all' ? ['*'] : selection;
  const chosen = new Set<ControllerName>();
  const removed = new Set<string>();
  for (const raw of list) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '*') for (const n of available.keys()) chosen.add(n);
    else if (entry.startsWith('-')) removed.add(entry.slice(1));
    else if ((CONTROLLER_NAMES as readonly string[]).includes(entry)) {
      if (!available.has(entry as ControllerName)) throw new ControllerError('InvalidConfig', `controller ${JSON.stringify(entry)} is not available in this build`);
      chosen.add(entry as ControllerName);
    } else throw new ControllerError('InvalidConfig', `unknown controller ${JSON.stringify(entry)}; known: ${CONTROLLER_NAMES.join(', ')}`);
  }
  for (const r of removed) {
    if (!(CONTROLLER_NAMES as readonly string[]).includes(r)) throw new ControllerError('InvalidConfig', `unknown controller ${JSON.stringify(r)}`);
    chosen.delete(r as ControllerName);
  }
  return CONTROLLER_NAMES.filter((n) => chosen.has(n));
}
