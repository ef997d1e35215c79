/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector, keeps the
 * discovery.k8s.io/v1 EndpointSlices labelled `kubernetes.io/service-name=<service>` and managed by
 * `endpointslice-controller.k8s.io` equal to computeSlices' plan. Slices are owned by their Service (controller
 * reference), so the garbage collector removes them with it.
 *
 * Level-triggered: handlers only enqueue Service keys (and note what the cache has seen, see SliceTracker);
 * `reconcile(key)` reads the caches and writes only the slices that change.
 */
import type { EndpointSlice, Node, Pod, Service } from '../../api/index.js';
import {
  NAMESPACE_INDEX,
  WorkQueue,
  deletedObject,
  namespaceIndexFunc,
  refs,
  type IndexFunc,
  type Lister,
  type ReconcileResult,
  type RestClient,
} from '../../client/index.js';
import { keyOf, keyString, type ObjectKey } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import {
  LAST_CHANGE_TRIGGER_TIME,
  TriggerTimeTracker,
  formatTriggerTime,
  isNamespaceTerminating,
  quietConflicts,
  runUntilAborted,
  selectorMatches,
  serviceSelector,
  servicesForPod,
  servicesToUpdateOnPodChange,
} from '../endpoints/index.js';
import { computeSlices, type SlicePlan } from './compute.js';
import { LABEL_SERVICE_NAME, managedByController } from './slice-util.js';
import { SliceTracker } from './tracker.js';

export const SERVICE_INDEX = 'endpointslice-service';

/** Files a managed slice under `namespace/<service-name label>`. */
export const serviceIndexFunc: IndexFunc<EndpointSlice> = (s) => {
  const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
  return svc && managedByController(s) ? [`${s.metadata.namespace ?? ''}/${svc}`] : [];
};

/** A sync that left pods out because their node is not (yet) known; retried with backoff. */
export class EndpointSliceSyncError extends Error {
  override readonly name = 'EndpointSliceSyncError';
  constructor(
    readonly reason: 'NodeNotFound',
    message: string,
  ) {
    super(message);
  }
}

export interface EndpointSliceReconcilerDeps {
  client: RestClient;
  services: Lister<Service>;
  pods: Lister<Pod>;
  /** Must carry the SERVICE_INDEX index. */
  slices: Lister<EndpointSlice>;
  nodes: Lister<Node>;
  tracker: SliceTracker;
  maxEndpointsPerSlice?: number;
}

export class EndpointSliceReconciler {
  readonly #d: EndpointSliceReconcilerDeps;
  readonly #triggers = new TriggerTimeTracker();

  constructor(deps: EndpointSliceReconcilerDeps) {
    this.#d = deps;
  }

  async reconcile(key: ObjectKey): Promise<ReconcileResult> {
    const id = keyString(key);
    const service = this.#d.services.get(key);
    if (!service) {
      // The slices are owned by the Service: the garbage collector deletes them.
      this.#triggers.deleteService(key.namespace, key.name);
      this.#d.tracker.deleteService(id);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;
    const existing = this.#d.slices.byIndex(SERVICE_INDEX, `${key.namespace}/${key.name}`);
    if (this.#d.tracker.stale(id, existing)) return;
    const pods = this.#d.pods.namespace(key.namespace).list().filter((p) => selectorMatches(selector, p.metadata.labels));
    const triggerTime = this.#triggers.compute(service, pods);
    const plan = computeSlices(service, { pods, existing }, {
      ...(this.#d.maxEndpointsPerSlice ? { maxEndpointsPerSlice: this.#d.maxEndpointsPerSlice } : {}),
      node: (name) => this.#d.nodes.get({ namespace: '', name }),
    });
    await this.#apply(id, service, { plan, existing, triggerTime });
    if (plan.skippedPods.length) {
      throw new EndpointSliceSyncError('NodeNotFound', `skipped pods of Service ${id} whose node is not found: ${plan.skippedPods.join(', ')}`);
    }
  }

  async #apply(id: string, service: Readonly<Service>, o: { plan: SlicePlan; existing: readonly Readonly<EndpointSlice>[]; triggerTime: number | undefined }): Promise<void> {
    const api = this.#d.client.resource<EndpointSlice>(refs.endpointSlices);
    const stamp = (s: EndpointSlice) => {
      const annotations = { ...(s.metadata.annotations ?? {}) };
      if (o.triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(o.triggerTime);
      else delete annotations[LAST_CHANGE_TRIGGER_TIME];
      s.metadata.annotations = annotations;
      return s;
    };
    // No new slices for a Service being deleted: they would race with the garbage collector.
    if (!service.metadata.deletionTimestamp) {
      for (const s of o.plan.toCreate) {
        try {
          this.#d.tracker.created(id, await api.create(stamp(s)));
        } catch (err) {
          if (isNamespaceTerminating(err)) return;
          throw err;
        }
      }
    }
    const before = new Map(o.existing.map((s) => [s.metadata.name ?? '', s]));
    for (const s of o.plan.toUpdate) {
      await api.update(stamp(s));
      const old = before.get(s.metadata.name ?? '');
      if (old) this.#d.tracker.updated(id, old);
    }
    for (const s of o.plan.toDelete) {
      await api.delete({ namespace: s.metadata.namespace ?? '', name: s.metadata.name ?? '' });
      this.#d.tracker.deleted(id, s);
    }
  }
}

export interface EndpointSliceControllerOptions {
  workers: number;
  /** Kubernetes' --max-endpoints-per-slice (default 100). */
  maxEndpointsPerSlice?: number;
  /** Delay before a pod change is synced (--endpointslice-updates-batch-period; default 0). */
  batchPeriodMs?: number;
}

/** The `endpointslice-controller`. */
export function endpointSliceController(options: EndpointSliceControllerOptions): Controller {
  return {
    name: 'endpointslice-controller',
    start(ctx: ControllerContext) {
      const nsIndex = { [NAMESPACE_INDEX]: namespaceIndexFunc };
      const services = ctx.informers.informerFor<Service>(refs.services, { indexers: nsIndex });
      const pods = ctx.informers.informerFor<Pod>(refs.pods, { indexers: nsIndex });
      const slices = ctx.informers.informerFor<EndpointSlice>(refs.endpointSlices, { indexers: { [SERVICE_INDEX]: serviceIndexFunc } });
      const nodes = ctx.informers.informerFor<Node>(refs.nodes);
      const queue = new WorkQueue<ObjectKey>({ clock: ctx.clock, name: 'endpoint_slice' });
      const tracker = new SliceTracker();
      const batch = options.batchPeriodMs ?? 0;
      const svcLister = services.lister();
      const inNamespace = (pod: Readonly<Pod>) => svcLister.namespace(pod.metadata.namespace ?? '').list();
      services.addEventHandler({
        onAdd: (s) => queue.add(keyOf(s)),
        onUpdate: (_o, s) => queue.add(keyOf(s)),
        onDelete: (s) => queue.add(keyOf(deletedObject(s))),
      });
      pods.addEventHandler({
        onAdd: (p) => servicesForPod(inNamespace(p), p).forEach((k) => queue.addAfter(k, batch)),
        onUpdate: (o, p) => servicesToUpdateOnPodChange(inNamespace(p), o, p).forEach((k) => queue.addAfter(k, batch)),
        onDelete: (d) => {
          const p = deletedObject(d);
          servicesForPod(inNamespace(p), p).forEach((k) => queue.addAfter(k, batch));
        },
      });
      const onSlice = (s: Readonly<EndpointSlice>, gone: boolean) => {
        const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
        if (!svc || !managedByController(s)) return;
        const key = { namespace: s.metadata.namespace ?? '', name: svc };
        tracker.observe(keyString(key), s, gone);
        queue.add(key);
      };
      slices.addEventHandler({
        onAdd: (s) => onSlice(s, false),
        onUpdate: (o, s) => {
          // A slice that stopped being ours (managed-by changed) must be replaced: sync its old Service too.
          if (managedByController(o) && !managedByController(s)) onSlice(o, true);
          onSlice(s, false);
        },
        onDelete: (s) => onSlice(deletedObject(s), true),
      });
      const reconciler = new EndpointSliceReconciler({
        client: ctx.client,
        services: svcLister,
        pods: pods.lister(),
        slices: slices.lister(),
        nodes: nodes.lister(),
        tracker,
        ...(options.maxEndpointsPerSlice ? { maxEndpointsPerSlice: options.maxEndpointsPerSlice } : {}),
      });
      return () => runUntilAborted(ctx.signal, queue, () => queue.runWorkers(options.workers, (k) => reconciler.reconcile(k), { onError: quietConflicts('endpointslice') }));
    },
  };
}
