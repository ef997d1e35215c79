/**
 * Lister<T>: read-only queries over an informer's Indexer (client-go's generated listers).
 *
 * Every object returned is the cached instance, typed `Readonly<T>`: NEVER mutate it (not even nested fields — the
 * type is shallow, the rule is deep). Other handlers and the next reconcile see the same object. Copy it with
 * structuredClone() before building an update.
 */
import type { KubeObject } from '../api/index.js';
import { everything, type ObjectKey, type Selector } from '../machinery/index.js';
import { NAMESPACE_INDEX, type Indexer } from './indexer.js';

export class Lister<T extends KubeObject> {
  constructor(readonly indexer: Indexer<T>) {}

  /** Every cached object whose labels match `selector` (all of them by default). */
  list(selector: Selector = everything()): Readonly<T>[] {
    const all = this.indexer.list();
    return selector.empty() ? all : all.filter((o) => selector.matches(o.metadata.labels ?? {}));
  }

  get(key: ObjectKey): Readonly<T> | undefined {
    return this.indexer.get(key);
  }

  /** Objects filed under `value` in the named index. */
  byIndex(indexName: string, value: string): Readonly<T>[] {
    return this.indexer.byIndex(indexName, value);
  }

  /** Queries restricted to one namespace. */
  namespace(namespace: string): NamespaceLister<T> {
    return new NamespaceLister(this.indexer, namespace);
  }
}

export class NamespaceLister<T extends KubeObject> {
  constructor(
    readonly indexer: Indexer<T>,
    readonly namespace: string,
  ) {}

  /** Objects of this namespace matching `selector`; uses the namespace index when the indexer has one. */
  list(selector: Selector = everything()): Readonly<T>[] {
    const inNs = this.indexer.hasIndexer(NAMESPACE_INDEX)
      ? this.indexer.byIndex(NAMESPACE_INDEX, this.namespace)
      : this.indexer.list().filter((o) => (o.metadata.namespace ?? '') === this.namespace);
    return selector.empty() ? inNs : inNs.filter((o) => selector.matches(o.metadata.labels ?? {}));
  }

  get(name: string): Readonly<T> | undefined {
    return this.indexer.get({ namespace: this.namespace, name });
  }
}
