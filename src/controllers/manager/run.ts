/**
 * runControllerManager: what `skiff controller-manager` runs. Connects (a given RestClient, or one built from a
 * kubeconfig with the given QPS/burst — kube-controller-manager's defaults are 20/30), builds the selected
 * controllers, and starts a ControllerManager. The caller owns the returned handle: `stop()` on shutdown, `done` to
 * learn that the manager ended by itself (leadership lost).
 */
import { restClientFromKubeconfig, type RestClient } from '../../client/index.js';
import type { Clock } from '../../machinery/index.js';
import { ControllerError } from '../shared/errors.js';
import { ControllerManager, type ControllerManagerExit, type LeaderElectionConfig } from './manager.js';
import { DEFAULT_WORKERS, controllerFactories, selectControllers, type ControllerName } from './registry.js';

/** kube-controller-manager's --kube-api-qps / --kube-api-burst defaults. */
export const CONTROLLER_MANAGER_QPS = 20;
export const CONTROLLER_MANAGER_BURST = 30;

export interface RunControllerManagerOptions {
  /** A kubeconfig path or text; ignored when `client` is given. */
  kubeconfig?: string;
  /** kubeconfig context (default: current-context). */
  context?: string;
  client?: RestClient;
  /** 'all', or names (`*`, `-name` allowed), as `--controllers`. */
  controllers: readonly string[] | 'all';
  /** `--leader-elect`: false, true (Lease kube-system/kube-controller-manager), or a configuration. */
  leaderElect?: boolean | LeaderElectionConfig;
  /** Workers per controller; default: Kubernetes' --concurrent-*-syncs for each. */
  workers?: number;
  /** The cluster CA (PEM) published into every namespace as kube-root-ca.crt (serviceaccount controller). */
  rootCaPem?: string;
  /**
   * `--node-monitor-grace-period` in ms: how long a node may go without a Lease renewal or Ready heartbeat before
   * the nodelifecycle controller marks it Unknown (default 40 s). Must be positive; keep it well above the kubelets'
   * renewal interval (10 s) or healthy nodes flap.
   */
  nodeMonitorGracePeriodMs?: number;
  /** `--cluster-cidr`: the pod CIDRs node IPAM cuts into per-node /24s (default 10.244.0.0/16). */
  clusterCIDRs?: readonly string[];
  clock?: Clock;
  /** Client-side rate limit when building the client from a kubeconfig (default 20 / 30; Infinity = unlimited). */
  qps?: number;
  burst?: number;
  onError?: (err: unknown, context: string) => void;
}

export interface ControllerManagerHandle {
  manager: ControllerManager;
  /** The controllers that run, in start order. */
  controllers: ControllerName[];
  client: RestClient;
  /** Resolves when the manager ends: 'stopped' after stop(), 'leadership-lost' when the Lease was lost. */
  done: Promise<ControllerManagerExit>;
  stop(): Promise<void>;
}

/** Builds and starts the controller manager; see the module comment. */
export function runControllerManager(options: RunControllerManagerOptions): ControllerManagerHandle {
  const grace = options.nodeMonitorGracePeriodMs;
  if (grace !== undefined && !(grace > 0 && Number.isFinite(grace))) {
    throw new ControllerError('InvalidConfig', `node monitor grace period must be a positive duration, got ${grace} ms`);
  }
  const ownsClient = !options.client;
  let client = options.client;
  if (!client) {
    if (!options.kubeconfig) throw new ControllerError('InvalidConfig', 'runControllerManager needs a client or a kubeconfig');
    client = restClientFromKubeconfig(options.kubeconfig, {
      qps: options.qps ?? CONTROLLER_MANAGER_QPS,
      burst: options.burst ?? CONTROLLER_MANAGER_BURST,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.context ? { context: options.context } : {}),
    });
  }
  const names = selectControllers(options.controllers);
  const factories = controllerFactories();
  const controllers = names.map((n) =>
    factories.get(n)!({
      workers: options.workers ?? DEFAULT_WORKERS[n],
      ...(options.rootCaPem !== undefined ? { rootCaPem: options.rootCaPem } : {}),
      ...(options.nodeMonitorGracePeriodMs !== undefined ? { nodeMonitorGracePeriodMs: options.nodeMonitorGracePeriodMs } : {}),
      ...(options.clusterCIDRs?.length ? { clusterCIDRs: options.clusterCIDRs } : {}),
    }),
  );
  const le = options.leaderElect;
  const manager = new ControllerManager({
    client,
    controllers,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(le ? { leaderElection: le === true ? {} : le } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  manager.start();
  const finalClient = client;
  const done = manager.done.finally(() => {
    if (ownsClient) finalClient.transport.close?.();
  });
  return { manager, controllers: names, client, done, stop: () => manager.stop() };
}
