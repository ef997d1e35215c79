/**
 * A Strategy is the per-resource policy the generic registry applies (Kubernetes' RESTCreateStrategy,
 * RESTUpdateStrategy, RESTDeleteStrategy rolled into one): which parts of an object a write may change, how it is
 * validated, which fields field selectors see, and how it is deleted.
 */
import type { GroupVersionKind, KubeObject } from '../../api/index.js';
import type { FieldError, GroupResource } from '../../machinery/index.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  dryRun?: string[];
}

/**
 * Which write is being prepared: the main resource, its status subresource, or an internal write by the API server
 * itself (pods/binding), to which the strategy's update rules do not apply.
 */
export type WriteTarget = 'main' | 'status' | 'internal';

/** Conversion between the shape a resource is served in and the shape it is stored in. Both return new objects. */
export interface StorageShape {
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

export interface Strategy {
  readonly gr: GroupResource;
  /** The kind stored (and served) for this resource. */
  readonly gvk: GroupVersionKind;
  readonly namespaced: boolean;
  /** metadata.generation starts at 1 and is bumped when anything but metadata and status changes. */
  readonly tracksGeneration: boolean;
  /** The resource has a status subresource: main writes keep status, status writes keep everything else. */
  readonly hasStatus: boolean;
  /** PUT to a missing object creates it (leases, endpoints, events do this in Kubernetes). */
  readonly allowCreateOnUpdate: boolean;
  /** A PUT without metadata.resourceVersion overwrites whatever is stored. */
  readonly allowUnconditionalUpdate: boolean;
  /**
   * The resource is stored in another API's shape (events.k8s.io/v1 Events are stored as core/v1 Events): how an
   * object is converted on its way to storage and back. Absent: stored as served.
   */
  readonly storageShape?: StorageShape;
  /** What DELETE does to dependents when the client does not say. */
  readonly defaultPropagation: PropagationPolicy;

  /** Sets defaults in place (the caller owns `obj`). */
  applyDefaults(obj: KubeObject): void;
  /** Clears what a create may not set (e.g. status) and initialises system fields. */
  prepareForCreate(obj: KubeObject): void;
  /** Restores what this write target may not change from `old`. */
  prepareForUpdate(obj: KubeObject, old: KubeObject, target: WriteTarget): void;
  validateCreate(obj: KubeObject): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject, target: WriteTarget): FieldError[];
  /** Field-selector attributes beyond metadata.name/metadata.namespace. */
  selectableFields(obj: KubeObject): Record<string, string>;
  /** Field names field selectors may use (besides metadata.name/namespace). */
  readonly fieldSelectorFields: readonly string[];
  /**
   * Graceful deletion: the grace period (seconds) this delete should wait for, or 0 to delete at once. Only pods are
   * graceful in Kubernetes.
   */
  gracePeriod(obj: KubeObject, opts: DeleteOptions): number;
  /**
   * True when a deletion must wait even without metadata.finalizers or a grace period (namespaces wait for their
   * spec.finalizers). `markDeleting` is then applied to the object being marked.
   */
  holdsDeletion?(obj: KubeObject): boolean;
  markDeleting?(obj: KubeObject): void;
  /** Gives back what prepareForCreate took (allocated IPs, ports) when the create fails afterwards. */
  releaseOnFailure?(obj: KubeObject): void;
  /** Called after the object left the store (release allocations). */
  onDeleted?(obj: KubeObject): void;
}

/** The fields every object exposes to field selectors. */
export function metadataFields(obj: KubeObject, namespaced: boolean): Record<string, string> {
  const f: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (namespaced) f['metadata.namespace'] = obj.metadata.namespace ?? '';
  return f;
}
