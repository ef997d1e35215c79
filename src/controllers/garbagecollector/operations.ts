/**
 * The garbage collector's API calls (pkg/controller/garbagecollector operations.go + patch.go): live GET, DELETE with
 * a uid precondition and a propagation policy, and JSON merge patches of ownerReferences and finalizers pinned to the
 * resourceVersion they were computed from (retried on Conflict with a fresh GET).
 */
import { builtinRegistry, parseApiVersion, type DeletionPropagation, type KubeObject, type OwnerReference, type ResourceRegistry } from '../../api/index.js';
import { refFromInfo, type ResourceRef, type RestClient } from '../../client/index.js';
import { isConflict, isNotFound } from '../../machinery/index.js';
import type { ObjectIdentity } from './graph.js';

export type GcErrorReason =
  /** An owner reference names a kind no served resource has. */
  | 'UnknownResource'
  /** A write kept conflicting after every retry. */
  | 'RetriesExhausted'
  /** Some dependents could not be orphaned. */
  | 'OrphanFailed';

export class GcError extends Error {
  override readonly name = 'GcError';
  constructor(
    readonly reason: GcErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isGcError(err: unknown, reason?: GcErrorReason): err is GcError {
  return err instanceof GcError && (reason === undefined || err.reason === reason);
}

/** Maps owner-reference coordinates (apiVersion + kind) to the resource serving them (a RESTMapper). */
export class RestMapper {
  readonly #registry: ResourceRegistry;

  constructor(registry: ResourceRegistry = builtinRegistry()) {
    this.#registry = registry;
  }

  /** The resource of `kind` in `apiVersion`, or in its group's preferred version. Throws GcError('UnknownResource'). */
  refFor(apiVersion: string, kind: string): ResourceRef {
    const { group, version } = parseApiVersion(apiVersion);
    const info = this.#registry.byGVK({ group, version, kind }) ?? this.#registry.byGroupKind(group, kind);
    if (!info) throw new GcError('UnknownResource', `unable to map ${apiVersion}, Kind=${kind} to a resource`);
    return refFromInfo(info);
  }

  /**
   * Every resource the collector can watch and delete (verbs list, watch, delete) in its group's preferred version,
   * as discovery would list them, minus Kubernetes' DefaultIgnoredResources: core/v1 and events.k8s.io Events (the
   * busiest resource of a cluster, and nothing owns them).
   */
  deletableResources(): ResourceRef[] {
    return this.#registry
      .all()
      .filter((r) => this.#registry.group(r.group)?.preferredVersion === r.version)
      .filter((r) => !(r.resource === 'events' && (r.group === '' || r.group === 'events.k8s.io')))
      .filter((r) => ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v as never)))
      .map(refFromInfo);
  }
}

const MAX_CONFLICT_RETRIES = 5;

export class GcOperations {
  readonly #client: RestClient;
  readonly #mapper: RestMapper;

  constructor(client: RestClient, mapper: RestMapper) {
    this.#client = client;
    this.#mapper = mapper;
  }

  get mapper(): RestMapper {
    return this.#mapper;
  }

  #key(ref: ResourceRef, id: Pick<ObjectIdentity, 'name' | 'namespace'>) {
    return { namespace: ref.namespaced ? id.namespace : '', name: id.name };
  }

  /** The object as the server has it now, or undefined when it does not exist. */
  async get(id: ObjectIdentity): Promise<KubeObject | undefined> {
    const ref = this.#mapper.refFor(id.apiVersion, id.kind);
    try {
      return await this.#client.resource(ref).get(this.#key(ref, id));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** An owner by reference, looked up in the dependent's namespace when the owner kind is namespaced. */
  async getOwner(owner: OwnerReference, dependentNamespace: string): Promise<{ namespaced: boolean; obj: KubeObject | undefined }> {
    const ref = this.#mapper.refFor(owner.apiVersion, owner.kind);
    const obj = await this.get({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, namespace: ref.namespaced ? dependentNamespace : '' });
    return { namespaced: ref.namespaced, obj };
  }

  /** Whether an owner kind is namespaced. */
  isNamespaced(owner: Pick<OwnerReference, 'apiVersion' | 'kind'>): boolean {
    return this.#mapper.refFor(owner.apiVersion, owner.kind).namespaced;
  }

  /** DELETE with preconditions.uid, so a new object of the same name is never hit. Gone or replaced counts as done. */
  async delete(id: ObjectIdentity, policy: DeletionPropagation): Promise<void> {
    const ref = this.#mapper.refFor(id.apiVersion, id.kind);
    try {
      await this.#client.resource(ref).delete(this.#key(ref, id), { preconditions: { uid: id.uid }, propagationPolicy: policy });
    } catch (err) {
      if (isNotFound(err) || isConflict(err)) return;
      throw err;
    }
  }

  /**
   * Applies `edit` to the live object's metadata as a JSON merge patch pinned to its resourceVersion; re-reads and
   * retries on Conflict. `edit` returns undefined when nothing needs changing. Resolves false when the object (with
   * this uid) is gone.
   */
  async patchMetadata(id: ObjectIdentity, edit: (obj: KubeObject) => Record<string, unknown> | undefined): Promise<boolean> {
    const ref = this.#mapper.refFor(id.apiVersion, id.kind);
    const api = this.#client.resource(ref);
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const obj = await this.get(id);
      if (!obj || obj.metadata.uid !== id.uid) return false;
      const meta = edit(obj);
      if (!meta) return true;
      try {
        await api.patch(this.#key(ref, id), { metadata: { ...meta, resourceVersion: obj.metadata.resourceVersion } }, { type: 'merge' });
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        if (!isConflict(err)) throw err;
      }
    }
    throw new GcError('RetriesExhausted', `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}: still conflicting after ${MAX_CONFLICT_RETRIES} attempts; the garbage collector will retry later`);
  }

  /** Removes the owner references with these uids (deleteOwnerRefJSONMergePatch). */
  async removeOwnerReferences(id: ObjectIdentity, ownerUids: readonly string[]): Promise<void> {
    const drop = new Set(ownerUids);
    await this.patchMetadata(id, (obj) => {
      const refs = obj.metadata.ownerReferences ?? [];
      const kept = refs.filter((r) => !drop.has(r.uid));
      if (kept.length === refs.length) return undefined;
      return { ownerReferences: kept.length ? kept : null };
    });
  }

  /** Sets blockOwnerDeletion false on every owner reference that blocks (unblockOwnerReferencesJSONMergePatch). */
  async unblockOwnerReferences(id: ObjectIdentity): Promise<void> {
    await this.patchMetadata(id, (obj) => {
      const refs = obj.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.blockOwnerDeletion)) return undefined;
      return { ownerReferences: refs.map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)) };
    });
  }

  /** Removes one finalizer (orphan / foregroundDeletion) from the live object, if it still has it. */
  async removeFinalizer(id: ObjectIdentity, finalizer: string): Promise<void> {
    await this.patchMetadata(id, (obj) => {
      const fs = obj.metadata.finalizers ?? [];
      if (!fs.includes(finalizer)) return undefined;
      const kept = fs.filter((f) => f !== finalizer);
      return { finalizers: kept.length ? kept : null };
    });
  }
}
