/**
 * ResourceClient<T>: the typed REST verbs of one resource (client-go's typed clientsets, generically). Objects are
 * addressed by ObjectKey (namespace '' for cluster-scoped resources); writes take the namespace from the object.
 * Every call goes through RestClient's pipeline, so errors are ApiErrors (`isNotFound`, `isConflict`, ...).
 */
import type { KubeList, KubeObject, Scale } from '../api/index.js';
import type { ObjectKey, Status } from '../machinery/index.js';
import { ClientError, isStatusObject } from './errors.js';
import {
  PATCH_CONTENT_TYPES,
  deleteBody,
  getQuery,
  listQuery,
  patchQuery,
  watchQuery,
  writeQuery,
  type DeleteCallOptions,
  type DeleteCollectionOptions,
  type GetOptions,
  type ListOptions,
  type PatchOptions,
  type WatchOptions,
  type WriteOptions,
} from './options.js';
import type { RestClient } from './rest-client.js';
import { apiVersionOfRef, resourcePath, type ResourceRef } from './resource-ref.js';
import { Watch } from './watch.js';

const sig = (o: { signal?: AbortSignal }) => (o.signal ? { signal: o.signal } : {});

export class ResourceClient<T extends KubeObject> {
  constructor(
    readonly rest: RestClient,
    readonly ref: ResourceRef,
  ) {}

  /** The path of an object (or subresource) named by `key`. */
  #objectPath(key: ObjectKey, subresource?: string): string {
    if (this.ref.namespaced && !key.namespace) {
      throw new ClientError('InvalidArgument', `${this.ref.resource} is namespaced: ${JSON.stringify(key.name)} needs a namespace`);
    }
    return resourcePath(this.ref, {
      ...(this.ref.namespaced ? { namespace: key.namespace } : {}),
      name: key.name,
      ...(subresource !== undefined ? { subresource } : {}),
    });
  }

  #keyOf(obj: KubeObject): ObjectKey {
    const name = obj.metadata?.name;
    if (!name) throw new ClientError('InvalidArgument', `${this.ref.resource}: object has no metadata.name`);
    return { namespace: obj.metadata.namespace ?? '', name };
  }

  #collectionPath(namespace: string | undefined): string {
    return resourcePath(this.ref, this.ref.namespaced && namespace ? { namespace } : {});
  }

  async get(key: ObjectKey, options: GetOptions = {}): Promise<T> {
    return this.rest.requestJson<T>({ method: 'GET', path: this.#objectPath(key), query: getQuery(options), ...sig(options) });
  }

  /** One page (or all, without `limit`) of the collection, across namespaces unless `namespace` is given. */
  async list(options: ListOptions = {}): Promise<KubeList<T>> {
    return this.rest.requestJson<KubeList<T>>({
      method: 'GET',
      path: this.#collectionPath(options.namespace),
      query: listQuery(options),
      ...sig(options),
    });
  }

  /** POST to the collection of the object's namespace. `generateName` is honoured by the server. */
  async create(obj: T, options: WriteOptions = {}): Promise<T> {
    const ns = obj.metadata?.namespace;
    if (this.ref.namespaced && !ns) throw new ClientError('InvalidArgument', `${this.ref.resource} is namespaced: the object needs metadata.namespace`);
    return this.rest.requestJson<T>({
      method: 'POST',
      path: this.#collectionPath(ns),
      query: writeQuery(options),
      body: this.#withTypeMeta(obj),
      ...sig(options),
    });
  }

  /** PUT the whole object. With `metadata.resourceVersion` set, a concurrent change makes it fail with Conflict. */
  async update(obj: T, options: WriteOptions = {}): Promise<T> {
    return this.rest.requestJson<T>({
      method: 'PUT',
      path: this.#objectPath(this.#keyOf(obj)),
      query: writeQuery(options),
      body: this.#withTypeMeta(obj),
      ...sig(options),
    });
  }

  /** PUT the status subresource: the server keeps the spec and takes only the status. */
  async updateStatus(obj: T, options: WriteOptions = {}): Promise<T> {
    return this.rest.requestJson<T>({
      method: 'PUT',
      path: this.#objectPath(this.#keyOf(obj), 'status'),
      query: writeQuery(options),
      body: this.#withTypeMeta(obj),
      ...sig(options),
    });
  }

  /**
   * PATCH with the given patch type. A string patch is sent verbatim (e.g. YAML for `apply`); anything else as JSON.
   * `apply` needs a `fieldManager`.
   */
  async patch(key: ObjectKey, patch: unknown, options: PatchOptions): Promise<T> {
    if (options.type === 'apply' && !options.fieldManager) {
      throw new ClientError('InvalidArgument', 'server-side apply needs a fieldManager');
    }
    return this.rest.requestJson<T>({
      method: 'PATCH',
      path: this.#objectPath(key, options.subresource),
      query: patchQuery(options),
      body: typeof patch === 'string' ? patch : JSON.stringify(patch),
      contentType: PATCH_CONTENT_TYPES[options.type],
      ...sig(options),
    });
  }

  /** Server-side apply of a whole (partial) object: PATCH application/apply-patch+yaml. */
  async apply(obj: T, options: { fieldManager: string; force?: boolean; dryRun?: boolean; signal?: AbortSignal }): Promise<T> {
    return this.patch(this.#keyOf(obj), this.#withTypeMeta(obj), { ...options, type: 'apply' });
  }

  /**
   * DELETE. Resolves to the object when the server still returns it (graceful deletion or pending finalizers), or
   * null when it answers with a Status (the object is gone).
   */
  async delete(key: ObjectKey, options: DeleteCallOptions = {}): Promise<T | null> {
    const out = await this.rest.requestJson<T | Status>({
      method: 'DELETE',
      path: this.#objectPath(key),
      body: deleteBody(options),
      ...sig(options),
    });
    return out === undefined || isStatusObject(out) ? null : (out as T);
  }

  /** DELETE on the collection, restricted by the selectors. Resolves to the deleted objects when the server lists them. */
  async deleteCollection(options: DeleteCollectionOptions = {}): Promise<KubeList<T> | null> {
    const out = await this.rest.requestJson<KubeList<T> | Status>({
      method: 'DELETE',
      path: this.#collectionPath(options.namespace),
      query: listQuery({
        ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
        ...(options.fieldSelector !== undefined ? { fieldSelector: options.fieldSelector } : {}),
      }),
      body: deleteBody(options),
      ...sig(options),
    });
    return out === undefined || isStatusObject(out) ? null : (out as KubeList<T>);
  }

  /** GET a subresource (`scale`, `status`, ...). */
  async getSubresource<S>(key: ObjectKey, subresource: string, options: GetOptions = {}): Promise<S> {
    return this.rest.requestJson<S>({ method: 'GET', path: this.#objectPath(key, subresource), query: getQuery(options), ...sig(options) });
  }

  /** PUT a subresource. */
  async updateSubresource<S>(key: ObjectKey, subresource: string, body: S, options: WriteOptions = {}): Promise<S> {
    return this.rest.requestJson<S>({ method: 'PUT', path: this.#objectPath(key, subresource), query: writeQuery(options), body, ...sig(options) });
  }

  /** POST to a subresource (`binding`, `eviction`, ...); resolves to whatever the server answers. */
  async createSubresource<B, R = unknown>(key: ObjectKey, subresource: string, body: B, options: WriteOptions = {}): Promise<R> {
    return this.rest.requestJson<R>({ method: 'POST', path: this.#objectPath(key, subresource), query: writeQuery(options), body, ...sig(options) });
  }

  /** The autoscaling/v1 Scale of a scalable resource. */
  async getScale(key: ObjectKey, options: GetOptions = {}): Promise<Scale> {
    return this.getSubresource<Scale>(key, 'scale', options);
  }

  /** PUT an autoscaling/v1 Scale; `metadata.resourceVersion`, when set, makes it conditional. */
  async updateScale(key: ObjectKey, scale: Scale, options: WriteOptions = {}): Promise<Scale> {
    const body: Scale = { ...scale, apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { ...scale.metadata, name: key.name, ...(key.namespace ? { namespace: key.namespace } : {}) } };
    return this.updateSubresource<Scale>(key, 'scale', body, options);
  }

  /** A watch of the collection (or of one object with `fieldSelector: metadata.name=...`). See Watch for semantics. */
  watch(options: WatchOptions = {}): Watch<T> {
    const path = this.#collectionPath(options.namespace);
    const query = watchQuery(options);
    return new Watch<T>((signal) => this.rest.open({ method: 'GET', path, query, signal }), options.signal);
  }

  /** Fills apiVersion and kind (when the ref knows it) if the caller left them out, as typed clientsets do. */
  #withTypeMeta(obj: T): T {
    if (obj.apiVersion && (obj.kind || !this.ref.kind)) return obj;
    return {
      ...obj,
      apiVersion: obj.apiVersion ?? apiVersionOfRef(this.ref),
      ...(obj.kind || !this.ref.kind ? {} : { kind: this.ref.kind }),
    };
  }
}
