/**
 * The ReplicaSet controller (kubernetes pkg/controller/replicaset): keeps the number of active pods of every
 * ReplicaSet equal to spec.replicas.
 *
 * Event handlers only enqueue ReplicaSet keys (and account expectations):
 * - ReplicaSet add/update/delete → that ReplicaSet (a delete also forgets its expectations).
 * - Pod with a controller reference to a ReplicaSet → that ReplicaSet; an add counts as an observed creation, a
 *   delete (or an update that sets deletionTimestamp) as an observed deletion.
 * - Orphan pod (added, or relabelled / released) → every ReplicaSet of its namespace whose selector matches it.
 * - A pod that became ready under a ReplicaSet with minReadySeconds → that ReplicaSet again after minReadySeconds+1s.
 * Wake-ups that can only refresh status (the echo of our own status write, readiness changes, observations while
 * more are expected) are throttled to one sync per ReplicaSet per STATUS_BATCH_MS (SyncThrottle); ownership and
 * label changes, spec changes and fulfilled expectations sync at once.
 * Workers call `syncReplicaSet` (sync.ts); no two workers ever sync the same ReplicaSet at once (WorkQueue).
 */
import type { Pod, ReplicaSet } from '../../api/index.js';
import { WorkQueue, deletedObject, refs } from '../../client/index.js';
import { deepEqual, isConflict, keyOf, type ObjectKey } from '../../machinery/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../context.js';
import { errorMessage } from '../shared/errors.js';
import { ControllerExpectations } from '../shared/expectations.js';
import { workloadIndexers } from '../shared/indexers.js';
import { SyncThrottle } from '../shared/throttle.js';
import { BURST_REPLICAS } from './manage.js';
import { PodHandlers, rsKeyOf } from './pod-handlers.js';
import { syncReplicaSet } from './sync.js';

export interface ReplicaSetControllerOptions {
  /** Concurrent syncs (Kubernetes' --concurrent-replicaset-syncs, default 5). */
  workers?: number;
  /** Most creates/deletes per sync (default 500). */
  burstReplicas?: number;
  /** Sync failures and unusable ReplicaSets (default: console.warn). */
  onError?: (err: unknown, key?: ObjectKey) => void;
}

/** The throttle window of status-like wake-ups (see SyncThrottle): at most one such sync per ReplicaSet per 100 ms. */
export const STATUS_BATCH_MS = 100;

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';
  readonly #o: Required<Omit<ReplicaSetControllerOptions, 'onError'>> & Pick<ReplicaSetControllerOptions, 'onError'>;
  /** Set by start(); exposed for tests and benchmarks. */
  expectations: ControllerExpectations | undefined;
  queue: WorkQueue<ObjectKey> | undefined;

  constructor(options: ReplicaSetControllerOptions = {}) {
    this.#o = { workers: options.workers ?? 5, burstReplicas: options.burstReplicas ?? BURST_REPLICAS, onError: options.onError };
  }

  start(ctx: ControllerContext): () => Promise<void> {
    // Conflicts (a write raced another writer) are expected and retried: the default reporter stays quiet on them.
    const report =
      this.#o.onError ??
      ((err: unknown, key?: ObjectKey) => {
        if (!isConflict(err)) console.warn(`replicaset-controller${key ? ` ${key.namespace}/${key.name}` : ''}: ${errorMessage(err)}`);
      });
    const rsInformer = ctx.informers.informerFor<ReplicaSet>(refs.replicaSets, { indexers: workloadIndexers });
    const podInformer = ctx.informers.informerFor<Pod>(refs.pods, { indexers: workloadIndexers });
    const rsLister = rsInformer.lister();
    const podLister = podInformer.lister();
    const expectations = new ControllerExpectations({ clock: ctx.clock });
    const queue = new WorkQueue<ObjectKey>({ clock: ctx.clock, name: 'replicaset' });
    this.expectations = expectations;
    this.queue = queue;
    const recorder = ctx.recorder('replicaset-controller');
    const throttle = new SyncThrottle(queue, ctx.clock, STATUS_BATCH_MS);
    const enqueue = (rs: Readonly<ReplicaSet>) => queue.add(keyOf(rs));
    const handlers = new PodHandlers({
      rsLister,
      expectations,
      enqueue,
      wake: (rs) => throttle.wake(keyOf(rs)),
      enqueueAfter: (rs, ms) => queue.addAfter(keyOf(rs), ms),
    });

    rsInformer.addEventHandler({
      onAdd: (rs) => enqueue(rs),
      onUpdate: (oldRs, cur) => {
        if (oldRs.metadata.uid !== cur.metadata.uid) expectations.deleteExpectations(rsKeyOf(oldRs));
        // Kubernetes syncs on every update. The echo of our own status write changes nothing a sync reads but the
        // status, so it is batched like other status-only wake-ups (breaking a write → event → sync → write loop).
        if (isStatusOnlyChange(oldRs, cur)) throttle.wake(keyOf(cur));
        else enqueue(cur);
      },
      onDelete: (obj) => {
        const rs = deletedObject(obj);
        expectations.deleteExpectations(rsKeyOf(rs));
        throttle.forget(keyOf(rs));
        enqueue(rs);
      },
    });
    podInformer.addEventHandler({
      onAdd: (pod) => handlers.add(pod),
      onUpdate: (oldPod, cur) => handlers.update(oldPod, cur),
      onDelete: (obj) => handlers.delete(obj),
    });

    const deps = {
      rsLister,
      podLister,
      rsClient: ctx.client.resource<ReplicaSet>(refs.replicaSets),
      podClient: ctx.client.resource<Pod>(refs.pods),
      expectations,
      recorder,
      clock: ctx.clock,
      burstReplicas: this.#o.burstReplicas,
      onInvalid: (rs: Readonly<ReplicaSet>, err: unknown) => report(err, keyOf(rs)),
    };
    return async () => {
      if (ctx.signal.aborted) return;
      ctx.signal.addEventListener('abort', () => queue.shutDown(), { once: true });
      const reconcile = (key: ObjectKey) => {
        throttle.started(key);
        return syncReplicaSet(deps, key);
      };
      await queue.runWorkers(this.#o.workers, reconcile, { onError: report });
    };
  }
}

/** True when `cur` differs from `old` only in status and write bookkeeping (resourceVersion, managedFields). */
export function isStatusOnlyChange(old: Readonly<ReplicaSet>, cur: Readonly<ReplicaSet>): boolean {
  if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return false; // a resync: sync as usual
  const strip = (rs: Readonly<ReplicaSet>) => ({ ...rs, status: undefined, metadata: { ...rs.metadata, resourceVersion: undefined, managedFields: undefined } });
  return deepEqual(strip(old), strip(cur));
}

/** The controller-manager factory for `replicaset`. */
export const newReplicaSetController: ControllerFactory = (options) => new ReplicaSetController({ workers: options.workers });
