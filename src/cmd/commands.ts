/** Registers every subcommand. Each lives in its own file and imports its component lazily, so `--help` is fast. */
import type { Command } from 'commander';
import { clusterCidrFlag, positiveDurationFlag } from './flags.js';

export function registerCommands(program: Command): void {
  program
    .command('up')
    .description('run the whole cluster in one process: API server, controller manager, scheduler and simulated nodes')
    .option('--data-dir <dir>', 'where state, certificates and logs live', defaultDataDir())
    .option('--port <port>', 'API server port (0 picks a free one)', '6443')
    .option('--bind-address <addr>', 'address to listen on', '127.0.0.1')
    .option('--nodes <n>', 'number of simulated nodes', '1')
    .option('--runtime <kind>', 'container runtime of the nodes: sim', 'sim')
    .option('--store <kind>', 'sqlite (embedded, default), memory, or etcd', 'sqlite')
    .option('--etcd-endpoints <urls>', 'comma-separated etcd client URLs (with --store etcd)')
    .option('--kubeconfig <path>', 'write the admin kubeconfig here (default: merge context "skiff" into ~/.kube/config)')
    .option('--insecure-port <port>', 'also serve plain HTTP on 127.0.0.1:<port> without authentication')
    .option('--kube-api-qps <n>', "each component's client QPS, each simulated kubelet's own ('Infinity' to disable client-side limits)", '50')
    .option('--kube-api-burst <n>', "components' client burst", '100')
    .option('--node-monitor-grace-period <duration>', NODE_MONITOR_GRACE_PERIOD_HELP, '40s')
    .option('--node-lease-duration-seconds <n>', NODE_LEASE_DURATION_HELP, '40')
    .option('--node-status-update-frequency <duration>', NODE_STATUS_UPDATE_FREQUENCY_HELP, '10s')
    .option('--cluster-cidr <cidrs>', `${CLUSTER_CIDR_HELP} (default: 10.244.0.0/16, widened to fit --nodes beyond 256)`)
    .option('--component-transport <kind>', "how the components reach the API server: 'local' (in-process, as their own users) or 'https' (client certificates over loopback, as separate processes would)", 'local')
    .action(async (o: { dataDir: string; port: string; bindAddress: string; nodes: string; runtime: string; store: string; etcdEndpoints?: string; kubeconfig?: string; insecurePort?: string; kubeApiQps: string; kubeApiBurst: string; nodeMonitorGracePeriod: string; componentTransport: string; clusterCidr?: string } & NodeStatusFlags) => {
      if (o.componentTransport !== 'local' && o.componentTransport !== 'https') {
        throw new Error(`invalid argument ${JSON.stringify(o.componentTransport)} for "--component-transport" flag: must be local or https`);
      }
      if (o.runtime !== 'sim') throw new Error(`unknown runtime ${JSON.stringify(o.runtime)}: only "sim" is available`);
      const nodes = Number(o.nodes);
      if (!Number.isInteger(nodes) || nodes < 0) throw new Error(`--nodes must be a non-negative integer, got ${o.nodes}`);
      const nodeMonitorGracePeriodMs = await positiveDurationFlag('--node-monitor-grace-period', o.nodeMonitorGracePeriod);
      const kubelet = await nodeStatusSettings(o);
      const { up } = await import('./up.js');
      const c = await up({
        dataDir: o.dataDir,
        port: Number(o.port),
        bindAddress: o.bindAddress,
        store: o.store,
        nodes,
        qps: Number(o.kubeApiQps),
        burst: Number(o.kubeApiBurst),
        nodeMonitorGracePeriodMs,
        kubelet,
        componentTransport: o.componentTransport,
        ...(o.clusterCidr ? { clusterCIDRs: await clusterCidrFlag(o.clusterCidr) } : {}),
        ...(o.etcdEndpoints ? { etcdEndpoints: o.etcdEndpoints } : {}),
        ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
        ...(o.insecurePort !== undefined ? { insecurePort: Number(o.insecurePort) } : {}),
      });
      console.log(`skiff up: API server listening on ${c.api.url} (store: ${o.store}, ${nodes} simulated node${nodes === 1 ? '' : 's'})`);
      if (c.api.insecureUrl) console.log(`insecure (no authentication) listening on ${c.api.insecureUrl}`);
      console.log(`kubeconfig: ${c.kubeconfigPath}${o.kubeconfig ? '' : ' (context "skiff")'}`);
      console.log(`try: kubectl${o.kubeconfig ? ` --kubeconfig ${c.kubeconfigPath}` : ''} create deployment nginx --image=nginx --replicas=3`);
      await waitForSignal();
      await c.stop();
    });

  program
    .command('controller-manager')
    .description('run the controllers (deployment, replicaset, garbagecollector, namespace, endpoints, ...) against an API server')
    .requiredOption('--kubeconfig <path>', 'kubeconfig of the API server to use')
    .option('--controllers <list>', "controllers to run: '*' or names, '-name' to leave one out", '*')
    .option('--leader-elect', 'elect a leader through the kube-system/kube-controller-manager Lease')
    .option('--kube-api-qps <n>', 'client QPS', '20')
    .option('--kube-api-burst <n>', 'client burst', '30')
    .option('--node-monitor-grace-period <duration>', NODE_MONITOR_GRACE_PERIOD_HELP, '40s')
    .option('--cluster-cidr <cidrs>', CLUSTER_CIDR_HELP, '10.244.0.0/16')
    .action(async (o: { kubeconfig: string; controllers: string; leaderElect?: boolean; kubeApiQps: string; kubeApiBurst: string; nodeMonitorGracePeriod: string; clusterCidr: string }) => {
      const nodeMonitorGracePeriodMs = await positiveDurationFlag('--node-monitor-grace-period', o.nodeMonitorGracePeriod);
      const { runControllerManager } = await import('../controllers/index.js');
      const h = runControllerManager({
        kubeconfig: o.kubeconfig,
        controllers: o.controllers.split(','),
        leaderElect: !!o.leaderElect,
        qps: Number(o.kubeApiQps),
        burst: Number(o.kubeApiBurst),
        nodeMonitorGracePeriodMs,
        clusterCIDRs: await clusterCidrFlag(o.clusterCidr),
      });
      console.log(`skiff controller-manager running: ${h.controllers.join(', ')}`);
      await Promise.race([waitForSignal(), h.done]);
      await h.stop();
    });

  program
    .command('scheduler')
    .description('run the scheduler against an API server')
    .requiredOption('--kubeconfig <path>', 'kubeconfig of the API server to use')
    .option('--leader-elect', 'elect a leader through the kube-system/kube-scheduler Lease')
    .option('--kube-api-qps <n>', 'client QPS', '50')
    .option('--kube-api-burst <n>', 'client burst', '100')
    .action(async (o: { kubeconfig: string; leaderElect?: boolean; kubeApiQps: string; kubeApiBurst: string }) => {
      const { restClientFromKubeconfig } = await import('../client/index.js');
      const { startScheduler } = await import('./scheduler.js');
      const s = await startScheduler({
        client: restClientFromKubeconfig(o.kubeconfig, { qps: Number(o.kubeApiQps), burst: Number(o.kubeApiBurst) }),
        leaderElect: !!o.leaderElect,
      });
      console.log('skiff scheduler running');
      await waitForSignal();
      await s.stop();
    });

  program
    .command('kubelet')
    .description('run simulated kubelets (one node, or a fleet with --sim-nodes) against an API server')
    .requiredOption('--kubeconfig <path>', 'kubeconfig of the API server to use')
    .option('--node-name <name>', 'the node to run (one kubelet)')
    .option('--sim-nodes <n>', 'run a fleet of N simulated nodes named <prefix>-0 ... <prefix>-(N-1)')
    .option('--node-prefix <prefix>', 'name prefix for --sim-nodes', 'sim')
    .option('--kube-api-qps <n>', "each simulated kubelet's client QPS", '50')
    .option('--kube-api-burst <n>', "each simulated kubelet's client burst", '100')
    .option('--node-lease-duration-seconds <n>', NODE_LEASE_DURATION_HELP, '40')
    .option('--node-status-update-frequency <duration>', NODE_STATUS_UPDATE_FREQUENCY_HELP, '10s')
    .action(async (o: { kubeconfig: string; nodeName?: string; simNodes?: string; nodePrefix: string; kubeApiQps: string; kubeApiBurst: string } & NodeStatusFlags) => {
      const nodeStatus = await nodeStatusSettings(o);
      const { restClientFromKubeconfig } = await import('../client/index.js');
      const { startSimKubelets, fleetNodeNames, perNodeClients } = await import('./kubelet.js');
      const names = o.simNodes ? fleetNodeNames(o.nodePrefix, Number(o.simNodes)) : o.nodeName ? [o.nodeName] : [];
      if (!names.length) throw new Error('give --node-name or --sim-nodes');
      const shared = restClientFromKubeconfig(o.kubeconfig, { qps: Infinity });
      const k = await startSimKubelets({
        client: shared,
        nodeClient: perNodeClients(shared.transport, { qps: Number(o.kubeApiQps), burst: Number(o.kubeApiBurst) }),
        nodeNames: names,
        nodeStatus,
      });
      console.log(`skiff kubelet running ${names.length} simulated node${names.length === 1 ? '' : 's'}`);
      await waitForSignal();
      await k.stop();
    });

  program
    .command('apiserver')
    .description('run the Kubernetes API server alone (writes a kubeconfig for kubectl)')
    .option('--data-dir <dir>', 'where state, certificates and the kubeconfig live', defaultDataDir())
    .option('--port <port>', 'port to listen on (0 picks a free one)', '6443')
    .option('--bind-address <addr>', 'address to listen on', '127.0.0.1')
    .option('--store <kind>', 'sqlite (embedded, default), memory, or etcd', 'sqlite')
    .option('--etcd-endpoints <urls>', 'comma-separated etcd client URLs (with --store etcd)')
    .option('--kubeconfig <path>', 'where to write the kubeconfig (default: <data-dir>/kubeconfig)')
    .option('--service-cluster-ip-range <cidr>', 'ClusterIP range for Services', '10.96.0.0/12')
    .option('--watch-cache-size <n>', 'events kept per resource for watches from a past resourceVersion', '50000')
    .option('--insecure-port <port>', 'also serve plain HTTP on 127.0.0.1:<port> without authentication (local experiments only)')
    .option('--token-auth-file <path>', "static bearer tokens, Kubernetes' CSV format: token,user,uid,\"group1,group2\"")
    .option('--audit-log-path <path>', "audit log file, one JSON line per request ('' disables; default <data-dir>/audit.log)")
    .option('--audit-level <level>', 'audit level: None, Metadata, Request, RequestResponse', 'Metadata')
    .action(async (o: { dataDir: string; port: string; bindAddress: string; store: string; etcdEndpoints?: string; kubeconfig?: string; serviceClusterIpRange: string; watchCacheSize: string; insecurePort?: string; tokenAuthFile?: string; auditLogPath?: string; auditLevel: string }) => {
      const { startApiServer } = await import('./apiserver.js');
      const s = await startApiServer({
        dataDir: o.dataDir,
        port: Number(o.port),
        bindAddress: o.bindAddress,
        store: o.store,
        ...(o.etcdEndpoints ? { etcdEndpoints: o.etcdEndpoints } : {}),
        ...(o.kubeconfig !== undefined ? { kubeconfig: o.kubeconfig } : {}),
        serviceCidr: o.serviceClusterIpRange,
        watchCacheSize: Number(o.watchCacheSize),
        ...(o.insecurePort !== undefined ? { insecurePort: Number(o.insecurePort) } : {}),
        ...(o.tokenAuthFile ? { tokenAuthFile: o.tokenAuthFile } : {}),
        ...(o.auditLogPath !== undefined ? { auditLogPath: o.auditLogPath } : {}),
        auditLevel: o.auditLevel as 'None' | 'Metadata' | 'Request' | 'RequestResponse',
      });
      console.log(`skiff apiserver listening on ${s.url} (store: ${o.store})`);
      if (s.insecureUrl) console.log(`insecure (no authentication) listening on ${s.insecureUrl}`);
      if (s.kubeconfigPath) console.log(`kubeconfig: ${s.kubeconfigPath}\ntry: kubectl --kubeconfig ${s.kubeconfigPath} get namespaces`);
      await waitForSignal();
      await s.close();
    });

  program
    .command('bench')
    .description('run a benchmark and print its numbers (store, api, security, scheduler, replicaset, kubelet, density)')
    .argument('<suite>', 'which benchmark: store, api, security, scheduler, replicaset, kubelet, density')
    .option('--backends <list>', 'comma-separated store backends to measure', 'memory,sqlite,etcd,etcd-raw')
    .option('--quick', 'smaller sizes, for a smoke run')
    .option('--store <kind>', 'store behind the API server for `bench api`: memory or sqlite', 'sqlite')
    .option('--nodes <n>', 'simulated nodes for `bench density`')
    .option('--replicas <n>', 'Deployment replicas for `bench density`')
    .option('--qps <n>', "components' client QPS for `bench density` (default Infinity; Kubernetes' default is 20)")
    .option('--component-transport <kind>', 'how components reach the API server in `bench density`: local or https', 'local')
    .action(async (suite: string, opts: { backends: string; quick?: boolean; store?: string; nodes?: string; replicas?: string; qps?: string; componentTransport: string }) => {
      const { runBench } = await import('./bench.js');
      process.exitCode = await runBench(suite, {
        backends: opts.backends,
        ...(opts.quick ? { quick: true } : {}),
        ...(opts.store ? { store: opts.store } : {}),
        ...(opts.nodes ? { nodes: Number(opts.nodes) } : {}),
        ...(opts.replicas ? { replicas: Number(opts.replicas) } : {}),
        ...(opts.qps ? { qps: Number(opts.qps) } : {}),
        componentTransport: opts.componentTransport === 'https' ? 'https' : 'local',
      });
    });
}

const CLUSTER_CIDR_HELP = 'comma-separated pod CIDRs (one per IP family) that node IPAM cuts into a /24 per node';
const NODE_MONITOR_GRACE_PERIOD_HELP =
  'how long a node may go without renewing its Lease (or posting Ready) before it is marked Unknown and tainted unreachable; a Go duration such as 40s (keep it well above the kubelets\' Lease renewal interval, 25% of --node-lease-duration-seconds: 10s by default)';
const NODE_LEASE_DURATION_HELP =
  "duration in seconds of the kubelets' node Leases (nodeLeaseDurationSeconds); each kubelet renews its Lease every 25% of it";
const NODE_STATUS_UPDATE_FREQUENCY_HELP =
  "how often the kubelets compute node status and patch it when it differs from the API server's (nodeStatusUpdateFrequency), a Go duration such as 10s; an unchanged status is still patched every 5m";

interface NodeStatusFlags {
  nodeLeaseDurationSeconds: string;
  nodeStatusUpdateFrequency: string;
}

/** The kubelet flags --node-lease-duration-seconds and --node-status-update-frequency, checked as the kubelet does. */
async function nodeStatusSettings(o: NodeStatusFlags): Promise<{ nodeLeaseDurationSeconds: number; nodeStatusUpdateFrequencyMs: number }> {
  return {
    nodeLeaseDurationSeconds: positiveIntegerFlag('--node-lease-duration-seconds', o.nodeLeaseDurationSeconds),
    nodeStatusUpdateFrequencyMs: await positiveDurationFlag('--node-status-update-frequency', o.nodeStatusUpdateFrequency),
  };
}

/** An int32 flag that must be positive; rejects what Go's flag parsing rejects. */
function positiveIntegerFlag(flag: string, value: string): number {
  const n = /^[+-]?[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n > 2 ** 31 - 1 || n < -(2 ** 31)) {
    throw new Error(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: ${Number.isNaN(n) ? 'invalid syntax' : 'value out of range'}`);
  }
  if (n <= 0) throw new Error(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: must be greater than 0`);
  return n;
}

/** A Go-duration flag (`40s`, `1m30s`) in ms; rejects what Go's flag parsing rejects, and non-positive values. */
function defaultDataDir(): string {
  return `${process.env.HOME ?? '.'}/.skiff`;
}

/** Resolves on the first SIGINT or SIGTERM. */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
