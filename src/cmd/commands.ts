/** Registers every subcommand. Each lives in its own file and imports its component lazily, so `--help` is fast. */
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
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
    .description('run a benchmark and print its numbers (store, api)')
    .argument('<suite>', 'which benchmark: store, api')
    .option('--backends <list>', 'comma-separated store backends to measure', 'memory,sqlite,etcd,etcd-raw')
    .option('--quick', 'smaller sizes, for a smoke run')
    .option('--store <kind>', 'store behind the API server for `bench api`: memory or sqlite', 'sqlite')
    .action(async (suite: string, opts: { backends: string; quick?: boolean; store?: string }) => {
      const { runBench } = await import('./bench.js');
      process.exitCode = await runBench(suite, opts);
    });
}

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
