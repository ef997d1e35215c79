/**
 * GarbageCollector: the workers of pkg/controller/garbagecollector (attemptToDeleteItem, processDeletingDependentsItem,
 * attemptToOrphanWorker) over the DependencyGraph, with two work queues keyed by object uid.
 *
 * Guarantees:
 * - Nothing is deleted on the graph's word alone: the object is re-read (uid checked) and every owner is looked up
 *   live (uid checked, absent owners remembered) before a dependent is deleted, as Kubernetes does.
 * - Deletes carry a uid precondition, so a re-created object of the same name is never deleted by mistake.
 * - Background: a dependent all of whose owners are gone is deleted. Foreground: an owner with the foregroundDeletion
 *   finalizer gets its dependents deleted and loses the finalizer once no dependent with blockOwnerDeletion remains.
 *   Orphan: an owner with the orphan finalizer has its reference removed from every dependent, then loses the
 *   finalizer. An owner without dependents loses either finalizer in its first sync.
 */
import type { KubeObject, OwnerReference } from '../../api/index.js';
import { WorkQueue, type ReconcileResult } from '../../client/index.js';
import type { Clock } from '../../machinery/index.js';
import { ReferenceCache } from './absent-owner-cache.js';
import { decideDependentAction, type ClassifiedReferences } from './decide.js';
import { DependencyGraph, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, hasFinalizer, identityKey, type GraphNode, type ObjectIdentity } from './graph.js';
import { GcError, type GcOperations } from './operations.js';

/** How often a virtual owner that exists but has not been observed by an informer is looked at again. */
export const VIRTUAL_RECHECK_MS = 10_000;

export class GarbageCollector {
  readonly graph: DependencyGraph;
  readonly deleteQueue: WorkQueue<string>;
  readonly orphanQueue: WorkQueue<string>;
  readonly #ops: GcOperations;
  readonly #absent = new ReferenceCache();

  constructor(deps: { ops: GcOperations; clock: Clock }) {
    this.#ops = deps.ops;
    this.deleteQueue = new WorkQueue<string>({ clock: deps.clock, name: 'garbage_collector_attempt_to_delete' });
    this.orphanQueue = new WorkQueue<string>({ clock: deps.clock, name: 'garbage_collector_attempt_to_orphan' });
    this.graph = new DependencyGraph({
      enqueueDelete: (uid) => this.deleteQueue.add(uid),
      enqueueOrphan: (uid) => this.orphanQueue.add(uid),
      ownerAbsent: (id) => this.#absent.add(identityKey(id)),
    });
  }

  /** attemptToDeleteItem for the node with this uid. */
  async attemptToDelete(uid: string): Promise<ReconcileResult> {
    const node = this.graph.get(uid);
    if (!node) return;
    // Being deleted is a one-way trip: wait for the deletion, then its dependents are processed.
    if (node.beingDeleted && !node.deletingDependents) return;
    const latest = await this.#ops.get(node.identity);
    if (!latest || latest.metadata.uid !== node.uid) {
      this.graph.absent(node.identity);
      return;
    }
    if (node.deletingDependents) {
      await this.#processDeletingDependents(node);
      return;
    }
    const ownerRefs = latest.metadata.ownerReferences ?? [];
    if (ownerRefs.length) {
      const classified = await this.#classify(node, ownerRefs);
      if (classified) await this.#act(node, latest, classified);
    }
    if (node.virtual && this.graph.get(uid) === node) {
      // It exists but no informer has reported it yet: look again later, unless nothing depends on it any more.
      if (!this.graph.forgetIfUnneeded(node)) return { requeueAfter: VIRTUAL_RECHECK_MS };
    }
  }

  /** attemptToOrphanWorker: strip the owner's reference from every dependent, then remove its orphan finalizer. */
  async attemptToOrphan(uid: string): Promise<ReconcileResult> {
    const node = this.graph.get(uid);
    if (!node) return;
    const failures: string[] = [];
    await Promise.all(
      [...node.dependents].map(async (dep) => {
        try {
          await this.#ops.removeOwnerReferences(dep.identity, [node.uid]);
        } catch (err) {
          failures.push(`orphaning ${dep.identity.kind} ${dep.identity.namespace}/${dep.identity.name} failed: ${(err as Error).message}`);
        }
      }),
    );
    if (failures.length) throw new GcError('OrphanFailed', `failed to orphan dependents of ${node.identity.kind} ${node.identity.name}: ${failures.join('; ')}`);
    await this.#ops.removeFinalizer(node.identity, FINALIZER_ORPHAN);
  }

  async #processDeletingDependents(node: GraphNode): Promise<void> {
    const blocking = node.blockingDependents();
    if (!blocking.length) {
      await this.#ops.removeFinalizer(node.identity, FINALIZER_FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.deleteQueue.add(dep.uid);
  }

  async #act(node: GraphNode, latest: KubeObject, refs: ClassifiedReferences): Promise<void> {
    const dependentDeletingDependents = [...node.dependents].some((d) => d.deletingDependents);
    const decision = decideDependentAction(latest, refs, { dependents: node.dependents.size, dependentDeletingDependents });
    switch (decision.action) {
      case 'keep':
        return;
      case 'removeReferences':
        await this.#ops.removeOwnerReferences(node.identity, decision.uids);
        return;
      case 'delete':
        if (decision.unblockFirst) await this.#ops.unblockOwnerReferences(node.identity);
        await this.#ops.delete(node.identity, decision.policy);
        return;
    }
  }

  /** classifyReferences; undefined when the object references owners it can never have (left alone for good). */
  async #classify(node: GraphNode, refs: readonly OwnerReference[]): Promise<ClassifiedReferences | undefined> {
    const out: ClassifiedReferences = { solid: [], dangling: [], waiting: [] };
    for (const ref of refs) {
      const r = await this.#isDangling(ref, node.identity);
      if (r === 'invalid') return undefined;
      if (r === 'dangling') out.dangling.push(ref);
      else if (r.metadata.deletionTimestamp && hasFinalizer(r, FINALIZER_FOREGROUND)) out.waiting.push(ref);
      else out.solid.push(ref);
    }
    return out;
  }

  async #isDangling(ref: OwnerReference, item: ObjectIdentity): Promise<'dangling' | 'invalid' | KubeObject> {
    const coords = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid };
    if (this.#absent.has(identityKey({ ...coords, namespace: '' }))) return 'dangling';
    if (this.#absent.has(identityKey({ ...coords, namespace: item.namespace }))) return 'dangling';
    const namespaced = this.#ops.isNamespaced(ref);
    // A cluster-scoped object cannot be owned by a namespaced one: retrying would never help.
    if (namespaced && !item.namespace) return 'invalid';
    const { obj } = await this.#ops.getOwner(ref, item.namespace);
    if (!obj || obj.metadata.uid !== ref.uid) {
      this.#absent.add(identityKey({ ...coords, namespace: namespaced ? item.namespace : '' }));
      return 'dangling';
    }
    return obj;
  }

  /** Runs both worker pools until the queues shut down. */
  async run(workers: number, onError: (err: unknown, key: string) => void): Promise<void> {
    await Promise.all([
      this.deleteQueue.runWorkers(workers, (uid) => this.attemptToDelete(uid), { onError }),
      this.orphanQueue.runWorkers(workers, (uid) => this.attemptToOrphan(uid), { onError }),
    ]);
  }

  shutDown(): void {
    this.deleteQueue.shutDown();
    this.orphanQueue.shutDown();
  }
}
