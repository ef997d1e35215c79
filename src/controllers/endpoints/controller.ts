/**
 * The endpoints controller (pkg/controller/endpoint): keeps, for every Service with a selector, the Endpoints object
 * of the same name equal to what computeSubsets derives from the pods the selector matches.
 *
 * Level-triggered: informer handlers only enqueue Service keys; `reconcile(key)` reads the caches and writes through
 * the API only when the desired object differs from the cached one. Services without a selector (and ExternalName
 * Services) are left alone; the Endpoints of a Service that no longer exists are deleted.
 */
import type { Endpoints, Pod, Service } from '../../api/index.js';
import {
  NAMESPACE_INDEX,
  WorkQueue,
  deletedObject,
  namespaceIndexFunc,
  refs,
  type EventRecorder,
  type Lister,
  type ReconcileResult,
  type RestClient,
} from '../../client/index.js';
import { isAlreadyExists, isConflict, isForbidden, isNotFound, keyOf, keyString, type ObjectKey } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { desiredEndpoints } from './desired.js';
import { servicesForPod, servicesToUpdateOnPodChange } from './memberships.js';
import { selectorMatches, serviceSelector } from './pod-util.js';
import { computeSubsets } from './subsets.js';
import { quietConflicts, runUntilAborted } from './run.js';
import { TriggerTimeTracker } from './trigger-time.js';

/** Endpoints created by leader election (no Service of their own) carry this annotation and are never cleaned up. */
export const LEADER_ELECTION_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export interface EndpointsReconcilerDeps {
  client: RestClient;
  services: Lister<Service>;
  pods: Lister<Pod>;
  endpoints: Lister<Endpoints>;
  recorder: EventRecorder;
}

/** True when a write failed because the namespace is being deleted (creates there keep failing: drop the key). */
export function isNamespaceTerminating(err: unknown): boolean {
  return isForbidden(err) && ((err as { details?: { causes?: { reason?: string }[] } }).details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

export class EndpointsReconciler {
  readonly #d: EndpointsReconcilerDeps;
  readonly #triggers = new TriggerTimeTracker();

  constructor(deps: EndpointsReconcilerDeps) {
    this.#d = deps;
  }

  /** Brings the Endpoints named by `key` (= its Service's key) to the desired state. Throws on API failures. */
  async reconcile(key: ObjectKey): Promise<ReconcileResult> {
    const client = this.#d.client.resource<Endpoints>(refs.endpoints);
    const service = this.#d.services.get(key);
    if (!service) {
      try {
        await client.delete(key);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      this.#triggers.deleteService(key.namespace, key.name);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;
    const pods = this.#d.pods.namespace(key.namespace).list().filter((p) => selectorMatches(selector, p.metadata.labels));
    const triggerTime = this.#triggers.compute(service, pods);
    const subsets = computeSubsets(service, pods);
    const desired = desiredEndpoints(service, this.#d.endpoints.get(key), { subsets, triggerTime });
    if (!desired) return;
    try {
      if (desired.create) await client.create(desired.endpoints);
      else await client.update(desired.endpoints);
    } catch (err) {
      if (desired.create && isNamespaceTerminating(err)) return;
      // Conflict / AlreadyExists mean the cache is behind our own writes: retried (rate-limited) without an event.
      if (!isConflict(err) && !isAlreadyExists(err)) {
        const what = desired.create ? 'FailedToCreateEndpoint' : 'FailedToUpdateEndpoint';
        const msg = desired.create
          ? `Failed to create endpoint for service ${keyString(key)}: ${(err as Error).message}`
          : `Failed to update endpoint ${keyString(key)}: ${(err as Error).message}`;
        this.#d.recorder.event(desired.endpoints, 'Warning', what, msg);
      }
      throw err;
    }
  }
}

export interface EndpointsControllerOptions {
  workers: number;
  /** Delay before a pod change is synced, batching bursts (Kubernetes' --endpoint-updates-batch-period; default 0). */
  batchPeriodMs?: number;
}

/** The `endpoints-controller`: one worker pool over Service keys. */
export function endpointsController(options: EndpointsControllerOptions): Controller {
  return {
    name: 'endpoints-controller',
    start(ctx: ControllerContext) {
      const nsIndex = { [NAMESPACE_INDEX]: namespaceIndexFunc };
      const services = ctx.informers.informerFor<Service>(refs.services, { indexers: nsIndex });
      const pods = ctx.informers.informerFor<Pod>(refs.pods, { indexers: nsIndex });
      const endpoints = ctx.informers.informerFor<Endpoints>(refs.endpoints);
      const queue = new WorkQueue<ObjectKey>({ clock: ctx.clock, name: 'endpoint' });
      const batch = options.batchPeriodMs ?? 0;
      const svcLister = services.lister();
      const inNamespace = (pod: Readonly<Pod>) => svcLister.namespace(pod.metadata.namespace ?? '').list();
      const enqueuePodServices = (pod: Readonly<Pod>) => {
        for (const k of servicesForPod(inNamespace(pod), pod)) queue.addAfter(k, batch);
      };
      services.addEventHandler({
        onAdd: (s) => queue.add(keyOf(s)),
        onUpdate: (_o, s) => queue.add(keyOf(s)),
        onDelete: (s) => queue.add(keyOf(deletedObject(s))),
      });
      pods.addEventHandler({
        onAdd: enqueuePodServices,
        onUpdate: (o, p) => {
          for (const k of servicesToUpdateOnPodChange(inNamespace(p), o, p)) queue.addAfter(k, batch);
        },
        onDelete: (p) => enqueuePodServices(deletedObject(p)),
      });
      endpoints.addEventHandler({ onDelete: (e) => queue.add(keyOf(deletedObject(e))) });
      const reconciler = new EndpointsReconciler({
        client: ctx.client,
        services: svcLister,
        pods: pods.lister(),
        endpoints: endpoints.lister(),
        recorder: ctx.recorder('endpoint-controller'),
      });
      return async () => {
        // checkLeftoverEndpoints: Endpoints whose Service vanished while we were down get a sync (and are deleted).
        for (const ep of endpoints.lister().list()) {
          if (!(LEADER_ELECTION_ANNOTATION in (ep.metadata.annotations ?? {}))) queue.add(keyOf(ep));
        }
        await runUntilAborted(ctx.signal, queue, () => queue.runWorkers(options.workers, (k) => reconciler.reconcile(k), { onError: quietConflicts('endpoint') }));
      };
    },
  };
}
