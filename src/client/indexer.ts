/**
 * Indexer<T>: the informer's local cache, client-go's ThreadSafeStore + Indexers. Objects are keyed by
 * `namespace/name` (`name` for cluster-scoped objects, as MetaNamespaceKeyFunc makes it) and can be looked up through
 * named secondary indexes (an index function maps an object to the index values it files under).
 *
 * Guarantees:
 * - Every method runs to completion synchronously, so a reader never sees an index that disagrees with the items
 *   (the single-threaded equivalent of client-go's locked store).
 * - Stored objects are shared with every reader and must never be mutated: readers get `Readonly<T>`. Copy
 *   (structuredClone) before changing anything.
 * - Index functions must be pure and depend only on the object.
 */
import type { KubeObject } from '../api/index.js';
import { keyString, type ObjectKey } from '../machinery/index.js';
import { ClientError } from './errors.js';

export type IndexFunc<T> = (obj: Readonly<T>) => readonly string[];
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

/** `namespace/name` or `name`: the store key of an object. */
export function storeKeyOf(obj: Readonly<KubeObject>): string {
  const name = obj.metadata?.name;
  if (!name) throw new ClientError('InvalidArgument', 'object has no metadata.name');
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${name}` : name;
}

export const NAMESPACE_INDEX = 'namespace';
export const NODE_NAME_INDEX = 'spec.nodeName';
export const OWNER_UID_INDEX = 'ownerUid';

/** client-go's MetaNamespaceIndexFunc: files every object under its namespace ('' for cluster-scoped). */
export const namespaceIndexFunc: IndexFunc<KubeObject> = (obj) => [obj.metadata.namespace ?? ''];

/** Files a pod under `spec.nodeName`; unscheduled pods under '' (so `byIndex(NODE_NAME_INDEX, '')` finds them). */
export const nodeNameIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const spec = obj.spec as { nodeName?: unknown } | undefined;
  return [typeof spec?.nodeName === 'string' ? spec.nodeName : ''];
};

/** Files an object under the uid of each of its owners. */
export const ownerUidIndexFunc: IndexFunc<KubeObject> = (obj) => (obj.metadata.ownerReferences ?? []).map((r) => r.uid);

export class Indexer<T extends KubeObject> {
  readonly #items = new Map<string, Readonly<T>>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Indexers<T> = {}) {
    this.addIndexers(indexers);
  }

  get size(): number {
    return this.#items.size;
  }

  /** Adds indexes (and builds them over current items). A name that already exists is an error. */
  addIndexers(indexers: Indexers<T>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.#indexers.has(name)) throw new ClientError('InvalidArgument', `indexer ${JSON.stringify(name)} already exists`);
      this.#indexers.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.#indices.set(name, index);
      for (const [key, obj] of this.#items) for (const v of fn(obj)) addTo(index, v, key);
    }
  }

  hasIndexer(name: string): boolean {
    return this.#indexers.has(name);
  }

  /** Inserts or replaces the object under its key; returns the object it replaced. */
  upsert(obj: Readonly<T>): Readonly<T> | undefined {
    const key = storeKeyOf(obj);
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    this.#reindex(key, old, obj);
    return old;
  }

  /** Removes the object with this key; returns it. */
  deleteKey(key: string): Readonly<T> | undefined {
    const old = this.#items.get(key);
    if (old === undefined) return undefined;
    this.#items.delete(key);
    this.#reindex(key, old, undefined);
    return old;
  }

  get(key: ObjectKey | string): Readonly<T> | undefined {
    return this.#items.get(typeof key === 'string' ? key : keyString(key));
  }

  list(): Readonly<T>[] {
    return [...this.#items.values()];
  }

  listKeys(): string[] {
    return [...this.#items.keys()];
  }

  /** Replaces the whole content (and rebuilds every index). */
  replace(items: readonly Readonly<T>[]): void {
    this.#items.clear();
    for (const index of this.#indices.values()) index.clear();
    for (const obj of items) this.upsert(obj);
  }

  /** Objects filed under `value` in index `indexName`. Throws for an unknown index. */
  byIndex(indexName: string, value: string): Readonly<T>[] {
    return this.indexKeys(indexName, value).map((k) => this.#items.get(k)!);
  }

  /** Keys filed under `value` in index `indexName`. */
  indexKeys(indexName: string, value: string): string[] {
    const index = this.#indices.get(indexName);
    if (!index) throw new ClientError('InvalidArgument', `index ${JSON.stringify(indexName)} does not exist`);
    return [...(index.get(value) ?? [])];
  }

  /** Objects sharing at least one value of index `indexName` with `obj` (client-go's Index). */
  index(indexName: string, obj: Readonly<T>): Readonly<T>[] {
    const fn = this.#indexers.get(indexName);
    if (!fn) throw new ClientError('InvalidArgument', `index ${JSON.stringify(indexName)} does not exist`);
    const keys = new Set<string>();
    for (const v of fn(obj)) for (const k of this.indexKeys(indexName, v)) keys.add(k);
    return [...keys].map((k) => this.#items.get(k)!);
  }

  /** The values that currently have objects in index `indexName`. */
  listIndexFuncValues(indexName: string): string[] {
    const index = this.#indices.get(indexName);
    if (!index) throw new ClientError('InvalidArgument', `index ${JSON.stringify(indexName)} does not exist`);
    return [...index.keys()];
  }

  #reindex(key: string, old: Readonly<T> | undefined, next: Readonly<T> | undefined): void {
    for (const [name, fn] of this.#indexers) {
      const index = this.#indices.get(name)!;
      const before = old ? new Set(fn(old)) : new Set<string>();
      const after = next ? new Set(fn(next)) : new Set<string>();
      for (const v of before) if (!after.has(v)) removeFrom(index, v, key);
      for (const v of after) if (!before.has(v)) addTo(index, v, key);
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let set = index.get(value);
  if (!set) index.set(value, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, value: string, key: string): void {
  const set = index.get(value);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(value);
}
