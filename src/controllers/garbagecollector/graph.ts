/**
 * The garbage collector's dependency graph (pkg/controller/garbagecollector graph.go + graph_builder.go): one node per
 * object uid seen by any monitored informer, with edges owner → dependents from metadata.ownerReferences. An owner
 * referenced before (or without) being observed is a "virtual" node until an informer reports it or a live lookup
 * proves it absent.
 *
 * Guarantees:
 * - `process` applies one informer event synchronously, in the order the events arrive (it is called from the
 *   handlers, which JavaScript runs one at a time — the equivalent of Kubernetes' single graphChanges goroutine).
 * - It only mutates the graph and asks for work through `enqueueDelete` / `enqueueOrphan` (uids); all API calls
 *   happen in the collector's workers.
 * - `beingDeleted` and `deletingDependents` are one-way: once observed they stay set until the node is removed.
 */
import type { KubeObject, OwnerReference } from '../../api/index.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** Who an object is: its owner-reference coordinates plus its namespace ('' for cluster-scoped). */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

export function identityKey(id: ObjectIdentity): string {
  return `${id.apiVersion}/${id.kind}/${id.namespace}/${id.name}/${id.uid}`;
}

export class GraphNode {
  readonly dependents = new Set<GraphNode>();
  owners: OwnerReference[] = [];
  beingDeleted = false;
  deletingDependents = false;

  constructor(
    public identity: ObjectIdentity,
    /** True until an informer has reported the object. */
    public virtual: boolean,
  ) {}

  get uid(): string {
    return this.identity.uid;
  }

  /** Dependents whose reference to this node has blockOwnerDeletion: true. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((d) => d.owners.some((o) => o.uid === this.uid && o.blockOwnerDeletion === true));
  }
}

export function hasFinalizer(obj: Readonly<KubeObject>, finalizer: string): boolean {
  return obj.metadata.finalizers?.includes(finalizer) ?? false;
}

/** The object has a deletionTimestamp and `finalizer`, and did not have both before (or there was no before). */
export function deletionStartsWithFinalizer(old: Readonly<KubeObject> | undefined, obj: Readonly<KubeObject>, finalizer: string): boolean {
  if (!obj.metadata.deletionTimestamp || !hasFinalizer(obj, finalizer)) return false;
  if (!old) return true;
  return !(old.metadata.deletionTimestamp && hasFinalizer(old, finalizer));
}

export interface GraphHooks {
  enqueueDelete(uid: string): void;
  enqueueOrphan(uid: string): void;
  /** An owner observed deleted while it had dependents: they may consider it absent without asking the server. */
  ownerAbsent(identity: ObjectIdentity): void;
}

export type GraphEvent =
  | { type: 'add'; obj: Readonly<KubeObject> }
  | { type: 'update'; obj: Readonly<KubeObject>; old: Readonly<KubeObject> }
  | { type: 'delete'; obj: Readonly<KubeObject> };

export class DependencyGraph {
  readonly #nodes = new Map<string, GraphNode>();
  readonly #hooks: GraphHooks;

  constructor(hooks: GraphHooks) {
    this.#hooks = hooks;
  }

  get(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  get size(): number {
    return this.#nodes.size;
  }

  /** Applies one informer event. Objects without a uid, apiVersion or kind are ignored. */
  process(ev: GraphEvent): void {
    const obj = ev.obj;
    const uid = obj.metadata.uid;
    if (!uid || !obj.apiVersion || !obj.kind) return;
    const identity: ObjectIdentity = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', uid, namespace: obj.metadata.namespace ?? '' };
    const existing = this.#nodes.get(uid);
    if (existing) {
      existing.virtual = false;
      existing.identity = identity;
    }
    if (ev.type === 'delete') {
      if (existing) this.#removeObserved(existing);
      return;
    }
    const old = ev.type === 'update' ? ev.old : undefined;
    const owners = obj.metadata.ownerReferences ?? [];
    const deleting = !!obj.metadata.deletionTimestamp;
    let node = existing;
    if (!node) {
      node = new GraphNode(identity, false);
      node.owners = [...owners];
      node.beingDeleted = deleting;
      node.deletingDependents = deleting && hasFinalizer(obj, FINALIZER_FOREGROUND);
      this.#nodes.set(uid, node);
      this.#addDependentToOwners(node, node.owners);
    } else {
      const { added, removed, changed } = referencesDiffs(node.owners, owners);
      if (added.length || removed.length || changed.length) {
        this.#enqueueUnblockedOwners(removed, changed);
        node.owners = [...owners];
        this.#addDependentToOwners(node, added);
        this.#removeDependentFromOwners(node, removed);
      }
      if (deleting) node.beingDeleted = true;
    }
    this.#processTransitions(old, obj, node);
  }

  /**
   * A worker found the object of a (virtual or stale) node absent from the server: removes it, as an observed deletion
   * would, when the graph still holds exactly that identity unobserved — or observed but no longer existing.
   */
  absent(identity: ObjectIdentity): void {
    const node = this.#nodes.get(identity.uid);
    if (!node) return;
    if (!node.virtual && identityKey(node.identity) !== identityKey(identity)) return;
    this.#removeObserved(node);
  }

  /** Drops a virtual node nobody depends on any more (nothing left to decide for it). */
  forgetIfUnneeded(node: GraphNode): boolean {
    if (!node.virtual || node.dependents.size > 0) return false;
    this.#nodes.delete(node.uid);
    return true;
  }

  #removeObserved(node: GraphNode): void {
    this.#nodes.delete(node.uid);
    this.#removeDependentFromOwners(node, node.owners);
    if (node.dependents.size > 0) this.#hooks.ownerAbsent(node.identity);
    for (const dep of node.dependents) this.#hooks.enqueueDelete(dep.uid);
    for (const ref of node.owners) {
      const owner = this.#nodes.get(ref.uid);
      // Let a foreground-deleting owner re-check whether its blocking dependents are all gone.
      if (owner?.deletingDependents) this.#hooks.enqueueDelete(owner.uid);
    }
  }

  #addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) {
      let owner = this.#nodes.get(ref.uid);
      if (!owner) {
        owner = new GraphNode({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: node.identity.namespace }, true);
        this.#nodes.set(ref.uid, owner);
        // Verify the owner exists; if not, its dependents are garbage.
        this.#hooks.enqueueDelete(ref.uid);
      }
      owner.dependents.add(node);
    }
  }

  #removeDependentFromOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) this.#nodes.get(ref.uid)?.dependents.delete(node);
  }

  /** Owners waiting in foreground deletion whose blocking dependent stopped blocking them. */
  #enqueueUnblockedOwners(removed: readonly OwnerReference[], changed: readonly { old: OwnerReference; now: OwnerReference }[]): void {
    const check = (uid: string) => {
      if (this.#nodes.get(uid)?.deletingDependents) this.#hooks.enqueueDelete(uid);
    };
    for (const r of removed) if (r.blockOwnerDeletion === true) check(r.uid);
    for (const c of changed) if (c.old.blockOwnerDeletion === true && c.now.blockOwnerDeletion !== true) check(c.now.uid);
  }

  #processTransitions(old: Readonly<KubeObject> | undefined, obj: Readonly<KubeObject>, node: GraphNode): void {
    if (deletionStartsWithFinalizer(old, obj, FINALIZER_ORPHAN)) {
      this.#hooks.enqueueOrphan(node.uid);
      return;
    }
    if (deletionStartsWithFinalizer(old, obj, FINALIZER_FOREGROUND)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.#hooks.enqueueDelete(dep.uid);
      this.#hooks.enqueueDelete(node.uid);
    }
  }
}

/** referencesDiffs: owner references added, removed, and changed (same uid, other fields differ). */
export function referencesDiffs(
  old: readonly OwnerReference[],
  now: readonly OwnerReference[],
): { added: OwnerReference[]; removed: OwnerReference[]; changed: { old: OwnerReference; now: OwnerReference }[] } {
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const nowByUid = new Map(now.map((r) => [r.uid, r]));
  const added = now.filter((r) => !oldByUid.has(r.uid));
  const removed = old.filter((r) => !nowByUid.has(r.uid));
  const changed: { old: OwnerReference; now: OwnerReference }[] = [];
  for (const r of now) {
    const o = oldByUid.get(r.uid);
    if (o && !sameReference(o, r)) changed.push({ old: o, now: r });
  }
  return { added, removed, changed };
}

function sameReference(a: OwnerReference, b: OwnerReference): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.name === b.name &&
    (a.controller ?? false) === (b.controller ?? false) &&
    (a.blockOwnerDeletion ?? false) === (b.blockOwnerDeletion ?? false)
  );
}
