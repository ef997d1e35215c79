/**
 * The `garbage-collector-controller`: one informer per deletable resource feeding the DependencyGraph, and the
 * GarbageCollector's attemptToDelete / attemptToOrphan workers.
 *
 * Which resources: every served resource that supports list, watch and delete (Kubernetes' GetDeletableResources),
 * taken from the API's resource registry — pods, replicasets, deployments, configmaps, secrets, services, endpoints,
 * endpointslices, statefulsets, daemonsets, leases, serviceaccounts, roles, ... (not events, as in Kubernetes) — or
 * `resources` when given.
 * The graph is built from the informers' initial lists before any worker runs (the manager starts workers only after
 * the caches have synced), so no dependent is judged against a half-built graph.
 */
import type { KubeObject } from '../../api/index.js';
import { apiVersionOfRef, deletedObject, type ResourceRef } from '../../client/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { GarbageCollector } from './collector.js';
import { GcOperations, RestMapper } from './operations.js';

export interface GarbageCollectorOptions {
  workers: number;
  /** The resources to monitor (default: every deletable resource of the built-in registry). */
  resources?: readonly ResourceRef[];
  /** Owner-reference coordinates → resources (default: the built-in registry). */
  mapper?: RestMapper;
}

/** Fills apiVersion/kind from the informer's resource when an object lacks them. */
function typed(ref: ResourceRef, obj: Readonly<KubeObject>): Readonly<KubeObject> {
  if (obj.apiVersion && obj.kind) return obj;
  return { ...obj, apiVersion: obj.apiVersion ?? apiVersionOfRef(ref), kind: obj.kind ?? ref.kind ?? '' };
}

export function garbageCollectorController(options: GarbageCollectorOptions): Controller {
  return {
    name: 'garbage-collector-controller',
    start(ctx: ControllerContext) {
      const mapper = options.mapper ?? new RestMapper();
      const gc = new GarbageCollector({ ops: new GcOperations(ctx.client, mapper), clock: ctx.clock });
      for (const ref of options.resources ?? mapper.deletableResources()) {
        ctx.informers.informerFor<KubeObject>(ref).addEventHandler({
          onAdd: (obj) => gc.graph.process({ type: 'add', obj: typed(ref, obj) }),
          onUpdate: (old, obj) => gc.graph.process({ type: 'update', obj: typed(ref, obj), old: typed(ref, old) }),
          onDelete: (obj) => gc.graph.process({ type: 'delete', obj: typed(ref, deletedObject(obj)) }),
        });
      }
      return async () => {
        const onAbort = () => gc.shutDown();
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener('abort', onAbort, { once: true });
        try {
          await gc.run(options.workers, (err, uid) => console.warn(`garbage collector: sync of uid ${uid} failed: ${err instanceof Error ? err.message : String(err)}`));
        } finally {
          ctx.signal.removeEventListener('abort', onAbort);
        }
      };
    },
  };
}
