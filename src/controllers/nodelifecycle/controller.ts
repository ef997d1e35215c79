/**
 * The `node-lifecycle-controller`: node health (NodeHealthReconciler, keyed by node name) and taint-based eviction
 * (TaintEvictionReconciler, keyed by pod), each on its own work queue.
 *
 * Level-triggered: node and Lease (kube-node-lease) events enqueue the node; a node whose NoExecute taints change
 * enqueues its pods; pod events enqueue the pod when its node or tolerations change. Deadlines (grace periods,
 * tolerationSeconds) are met by the reconcilers asking to be run again, on the injected clock.
 */
import type { Lease, Node, Pod, Taint } from '../../api/index.js';
import { NODE_NAME_INDEX, WorkQueue, deletedObject, nodeNameIndexFunc, refs } from '../../client/index.js';
import { deepEqual, keyOf, type ObjectKey } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { quietConflicts } from '../endpoints/index.js';
import { NODE_LEASE_NAMESPACE } from './health.js';
import { NodeHealthReconciler } from './node-health.js';
import { TaintEvictionReconciler } from './taint-eviction.js';

export interface NodeLifecycleControllerOptions {
  workers: number;
  /** --node-monitor-grace-period (default 40 s). */
  gracePeriodMs?: number;
  /** --node-startup-grace-period (default 60 s). */
  startupGracePeriodMs?: number;
}

const noExecute = (n: Readonly<Node> | undefined): Taint[] => (n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');

export function nodeLifecycleController(options: NodeLifecycleControllerOptions): Controller {
  return {
    name: 'node-lifecycle-controller',
    start(ctx: ControllerContext) {
      const nodes = ctx.informers.informerFor<Node>(refs.nodes);
      const leases = ctx.informers.informerFor<Lease>(refs.leases, { namespace: NODE_LEASE_NAMESPACE });
      const pods = ctx.informers.informerFor<Pod>(refs.pods, { indexers: { [NODE_NAME_INDEX]: nodeNameIndexFunc } });
      const nodeQueue = new WorkQueue<string>({ clock: ctx.clock, name: 'node_lifecycle_controller' });
      const podQueue = new WorkQueue<ObjectKey>({ clock: ctx.clock, name: 'taint_eviction_pods' });
      const enqueuePodsOf = (name: string) => {
        for (const p of pods.lister().byIndex(NODE_NAME_INDEX, name)) podQueue.add(keyOf(p));
      };
      nodes.addEventHandler({
        onAdd: (n) => {
          nodeQueue.add(n.metadata.name ?? '');
          if (noExecute(n).length) enqueuePodsOf(n.metadata.name ?? '');
        },
        onUpdate: (old, n) => {
          nodeQueue.add(n.metadata.name ?? '');
          if (!deepEqual(noExecute(old), noExecute(n))) enqueuePodsOf(n.metadata.name ?? '');
        },
        onDelete: (d) => nodeQueue.add(deletedObject(d).metadata.name ?? ''),
      });
      leases.addEventHandler({
        onAdd: (l) => nodeQueue.add(l.metadata.name ?? ''),
        onUpdate: (_o, l) => nodeQueue.add(l.metadata.name ?? ''),
      });
      pods.addEventHandler({
        onAdd: (p) => {
          if (p.spec?.nodeName) podQueue.add(keyOf(p));
        },
        onUpdate: (old, p) => {
          if (!p.spec?.nodeName) return;
          if (old.spec?.nodeName !== p.spec.nodeName || !deepEqual(old.spec?.tolerations ?? [], p.spec.tolerations ?? [])) podQueue.add(keyOf(p));
        },
        onDelete: (p) => podQueue.add(keyOf(deletedObject(p))),
      });
      const health = new NodeHealthReconciler({
        client: ctx.client,
        nodes: nodes.lister(),
        leases: leases.lister(),
        pods: pods.lister(),
        recorder: ctx.recorder('node-controller'),
        clock: ctx.clock,
        ...(options.gracePeriodMs !== undefined ? { gracePeriodMs: options.gracePeriodMs } : {}),
        ...(options.startupGracePeriodMs !== undefined ? { startupGracePeriodMs: options.startupGracePeriodMs } : {}),
      });
      const eviction = new TaintEvictionReconciler({
        client: ctx.client,
        pods: pods.lister(),
        nodes: nodes.lister(),
        recorder: ctx.recorder('taint-eviction-controller'),
        clock: ctx.clock,
      });
      return async () => {
        const stop = () => {
          nodeQueue.shutDown();
          podQueue.shutDown();
        };
        if (ctx.signal.aborted) stop();
        else ctx.signal.addEventListener('abort', stop, { once: true });
        try {
          await Promise.all([
            nodeQueue.runWorkers(options.workers, (name) => health.reconcile(name), { onError: quietConflicts('node-lifecycle') }),
            podQueue.runWorkers(options.workers, (key) => eviction.reconcile(key), { onError: quietConflicts('taint-eviction') }),
          ]);
        } finally {
          ctx.signal.removeEventListener('abort', stop);
        }
      };
    },
  };
}
