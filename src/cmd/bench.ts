/** `skiff bench <suite>`: dispatches to the benchmark suites. Benchmarks print numbers; they never assert on time. */
export async function runBench(suite: string, opts: { backends: string; quick?: boolean; store?: string; nodes?: number; replicas?: number; qps?: number; componentTransport?: 'local' | 'https' }): Promise<number> {
  const out = (line: string) => console.log(line);
  switch (suite) {
    case 'store': {
      const { benchStore } = await import('./bench/store.js');
      await benchStore({ backends: opts.backends.split(',').filter(Boolean), quick: !!opts.quick, out });
      return 0;
    }
    case 'api': {
      const { benchApi } = await import('./bench/api.js');
      await benchApi({ store: opts.store === 'sqlite' ? 'sqlite' : 'memory', quick: !!opts.quick, out });
      return 0;
    }
    case 'scheduler': {
      const { benchSchedulingBasic } = await import('../scheduler/index.js');
      const sizes = opts.quick ? { nodes: 500, initPods: 100, measuredPods: 1000 } : { nodes: 5000, initPods: 1000, measuredPods: 10000 };
      out(`SchedulingBasic: ${sizes.nodes} nodes, ${sizes.initPods} initial pods, ${sizes.measuredPods} measured pods ...`);
      const r = await benchSchedulingBasic(sizes);
      out(JSON.stringify(r, null, 2));
      return 0;
    }
    case 'replicaset': {
      const { benchReplicaSetCreation } = await import('../controllers/index.js');
      const replicas = opts.quick ? 1000 : 10000;
      out(`one ReplicaSet of ${replicas} replicas against an in-process fake API ...`);
      out(JSON.stringify(await benchReplicaSetCreation({ replicas }), null, 2));
      return 0;
    }
    case 'kubelet': {
      const { benchPodSync } = await import('../kubelet/index.js');
      const r = await benchPodSync(opts.quick ? { nodes: 10, podsPerNode: 10 } : { nodes: 1000, podsPerNode: 10 });
      out(JSON.stringify(r, null, 2));
      return 0;
    }
    case 'security': {
      const { benchSecurity } = await import('./bench/security.js');
      await benchSecurity({ quick: !!opts.quick, out });
      return 0;
    }
    case 'density': {
      const { benchDensity } = await import('./bench/density.js');
      const nodes = opts.nodes ?? (opts.quick ? 10 : 1000);
      const replicas = opts.replicas ?? (opts.quick ? 100 : 10000);
      await benchDensity({ nodes, replicas, qps: opts.qps ?? Infinity, componentTransport: opts.componentTransport ?? 'local', out });
      return 0;
    }
    default:
      console.error(`unknown benchmark suite ${JSON.stringify(suite)}; known: store, api, security, scheduler, replicaset, kubelet, density`);
      return 2;
  }
}
