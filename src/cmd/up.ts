/**
 * `skiff up`: the whole cluster in one process — API server, controller manager, scheduler and N simulated kubelets —
 * each component a separate API client with its own identity. With `componentTransport: 'local'` (the default) the
 * components reach the API server in-process as their user, like kube-apiserver's loopback client: authorization,
 * admission, storage and watch caches as for any request, without TLS and sockets. With `'https'` each gets a
 * certificate from the cluster CA and talks HTTPS on loopback exactly as separate processes would. `/readyz` answers
 * ok only once every component has synced. Restarting with the same data dir resumes the cluster.
 */
import { join } from 'node:path';
import { RestClient, restClientFromKubeconfig } from '../client/index.js';
import { runControllerManager, type ControllerManagerHandle } from '../controllers/index.js';
import { type Clock, realClock } from '../machinery/index.js';
import { type ApiServerOptions, type RunningApiServer, startApiServer } from './apiserver.js';
import { mergeKubeconfigFile } from './kubeconfig-merge.js';
import { LocalTransport } from './local-transport.js';
import { fleetNodeNames, perNodeClients, startSimKubelets, type NodeStatusSettings, type RunningKubelets } from './kubelet.js';
import { startScheduler, type RunningScheduler } from './scheduler.js';

export interface UpOptions extends Omit<ApiServerOptions, 'kubeconfig'> {
  /** Number of simulated nodes. */
  nodes: number;
  /** Where to put the admin kubeconfig: a path, or undefined to merge context `skiff` into ~/.kube/config. */
  kubeconfig?: string;
  /** Client QPS for the components (Infinity: no client-side limit). */
  qps?: number;
  burst?: number;
  /** The controller manager's --node-monitor-grace-period (ms); default 40 s. */
  nodeMonitorGracePeriodMs?: number;
  /** The simulated kubelets' --node-lease-duration-seconds and --node-status-update-frequency. */
  kubelet?: NodeStatusSettings;
  /** --cluster-cidr for node IPAM (default: `clusterCidrFor(nodes)`). */
  clusterCIDRs?: readonly string[];
  /** How components reach the API server: in-process (`local`, default) or HTTPS with client certificates. */
  componentTransport?: ComponentTransport;
}

export type ComponentTransport = 'local' | 'https';

export interface RunningCluster {
  api: RunningApiServer;
  controllerManager: ControllerManagerHandle;
  scheduler: RunningScheduler;
  kubelets: RunningKubelets;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** A kubelet's default kubeAPIQPS / kubeAPIBurst. */
const KUBELET_QPS = 50;
const KUBELET_BURST = 100;

/** The user the simulated kubelets act as (bound to ClusterRole system:node by `up`). */
export const SIM_KUBELET_USER = 'skiff:sim-kubelets';

/** A component's client: its identity is the certificate's CN and O (https), or the same user vouched for in-process. */
async function clientFor(
  api: RunningApiServer,
  user: { cn: string; o?: string[] },
  o: { clock: Clock; qps?: number; burst?: number; transport?: ComponentTransport },
): Promise<RestClient> {
  const rate = { clock: o.clock, ...(o.qps !== undefined ? { qps: o.qps } : {}), ...(o.burst !== undefined ? { burst: o.burst } : {}) };
  if (o.transport === 'https') return restClientFromKubeconfig(await api.kubeconfigFor(user), rate);
  const info = { username: user.cn, groups: [...(user.o ?? []), 'system:authenticated'] };
  return new RestClient({ transport: new LocalTransport(api.api, info), ...rate });
}

/**
 * The default pod CIDR for `nodes` simulated nodes: kind's 10.244.0.0/16 (256 nodes of /24) when they fit, else the
 * smallest aligned block around it with a /24 for every node (e.g. 1,000 nodes → 10.244.0.0/14), so that every node
 * gets a podCIDR and becomes Ready.
 */
export function clusterCidrFor(nodes: number): string {
  let prefix = 16;
  while (prefix > 8 && 2 ** (24 - prefix) < nodes) prefix--;
  const second = 244 & (0xff << (16 - prefix)) & 0xff;
  return `10.${second}.0.0/${prefix}`;
}

/** The simulated kubelets share one identity; grant it what Kubernetes grants kubelets (ClusterRole system:node). */
async function bindSimKubelets(admin: RestClient): Promise<void> {
  const crb = admin.resource({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', namespaced: false });
  await crb.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'skiff:sim-kubelets' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: SIM_KUBELET_USER }],
    },
    { fieldManager: 'skiff-up', force: true },
  );
}

export async function up(o: UpOptions, clock: Clock = realClock): Promise<RunningCluster> {
  const kubeconfigPath = o.kubeconfig ?? join(process.env.HOME ?? '.', '.kube', 'config');
  const api = await startApiServer({ ...o, kubeconfig: join(o.dataDir, 'kubeconfig') }, clock);
  const transport = o.componentTransport ?? 'local';
  const rate = { clock, transport, ...(o.qps !== undefined ? { qps: o.qps } : {}), ...(o.burst !== undefined ? { burst: o.burst } : {}) };
  const admin = await clientFor(api, { cn: 'skiff-admin', o: ['system:masters'] }, { clock, transport, qps: Infinity });
  await bindSimKubelets(admin);

  const controllerManager = runControllerManager({
    client: await clientFor(api, { cn: 'system:kube-controller-manager' }, rate),
    controllers: 'all',
    rootCaPem: api.pki.caPem,
    ...(o.nodeMonitorGracePeriodMs !== undefined ? { nodeMonitorGracePeriodMs: o.nodeMonitorGracePeriodMs } : {}),
    clusterCIDRs: o.clusterCIDRs?.length ? o.clusterCIDRs : [clusterCidrFor(o.nodes)],
    clock,
    onError: (err, where) => console.error(`controller-manager ${where}:`, err instanceof Error ? err.message : err),
  });
  const scheduler = await startScheduler({ client: await clientFor(api, { cn: 'system:kube-scheduler' }, rate), clock });
  const simKubeletUser = { username: SIM_KUBELET_USER, groups: ['system:nodes', 'system:authenticated'] };
  const kubeletClient = await clientFor(api, { cn: SIM_KUBELET_USER, o: ['system:nodes'] }, { clock, transport, qps: Infinity });
  const limits = { qps: o.qps ?? KUBELET_QPS, burst: o.burst ?? KUBELET_BURST };
  const kubelets = await startSimKubelets({
    // The fleet's watches share one client; each simulated kubelet writes through its own, with its own limits (and
    // in-process, its own in-flight slots), like separate kubelets.
    client: kubeletClient,
    nodeClient:
      transport === 'local'
        ? () => new RestClient({ transport: new LocalTransport(api.api, simKubeletUser), clock, ...limits })
        : perNodeClients(kubeletClient.transport, { clock, ...limits }),
    nodeNames: fleetNodeNames('node', o.nodes),
    ...(o.kubelet ? { nodeStatus: o.kubelet } : {}),
    clock,
  });
  api.api.deps.readyChecks = {
    ...api.api.deps.readyChecks,
    'controller-manager': () => controllerManager.manager.hasSynced(),
    scheduler: () => scheduler.synced(),
    kubelets: () => kubelets.synced(),
  };

  const adminConfig = await api.kubeconfigFor({ cn: 'skiff-admin', o: ['system:masters'] });
  mergeKubeconfigFile(kubeconfigPath, adminConfig);
  return {
    api,
    controllerManager,
    scheduler,
    kubelets,
    kubeconfigPath,
    async stop() {
      await kubelets.stop();
      await scheduler.stop();
      await controllerManager.stop();
      admin.transport.close?.();
      await api.close();
    },
  };
}
