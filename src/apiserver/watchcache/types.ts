/** Types shared by the watch cache and its consumers. */
import type { KubeObject } from '../../api/index.js';
import { type Status, deepFreeze } from '../../machinery/index.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One object as the cache holds it. Never mutate `obj`: it is shared by every reader (and frozen). */
export interface CachedObject {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  readonly obj: Readonly<KubeObject>;
  /** `obj` serialized, resourceVersion included: written to every watcher as is. */
  readonly json: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The cache's CachedObject, built lazily: the stored bytes are decoded (and frozen) the first time anyone looks at
 * `obj`, `labels` or `fields` — a watcher with a selector, a watch or list sending it, a read — and `json` is made
 * on first use. Changes to a resource nobody watches or lists (most Events, for example) are never decoded here.
 */
export class CacheEntry implements CachedObject {
  #obj: Readonly<KubeObject> | undefined;
  #load: (() => KubeObject) | undefined;
  #fields: Readonly<Record<string, string>> | undefined;
  #json: string | undefined;

  constructor(
    readonly key: string,
    readonly namespace: string,
    readonly name: string,
    readonly rv: number,
    obj: KubeObject | (() => KubeObject),
    private readonly fieldsOf: (obj: KubeObject) => Record<string, string>,
  ) {
    if (typeof obj === 'function') this.#load = obj;
    else this.#obj = deepFreeze(obj);
  }

  get obj(): Readonly<KubeObject> {
    if (this.#obj === undefined) {
      this.#obj = deepFreeze(this.#load!());
      this.#load = undefined;
    }
    return this.#obj;
  }

  get labels(): Readonly<Record<string, string>> {
    return this.obj.metadata.labels ?? {};
  }

  get fields(): Readonly<Record<string, string>> {
    return (this.#fields ??= this.fieldsOf(this.obj as KubeObject));
  }

  get json(): string {
    return (this.#json ??= JSON.stringify(this.obj));
  }
}

export interface CacheEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly rv: number;
  /** The object after the event (for DELETED: the last state, with the delete's resourceVersion). */
  readonly cur: CachedObject;
  readonly prev: CachedObject | null;
}

/** What a watcher receives: object events as they pass its filter, bookmarks, or a terminal error. */
export type WatcherEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: CachedObject }
  | { type: 'BOOKMARK'; rv: number }
  | { type: 'ERROR'; status: Status };

export interface Predicate {
  /** Namespace to restrict to ('' = all). */
  namespace: string;
  label?: { matches(labels: Readonly<Record<string, string>>): boolean; empty(): boolean };
  field?: { matches(fields: Readonly<Record<string, string>>): boolean; empty(): boolean };
}

export function predicateMatches(p: Predicate, o: Pick<CachedObject, 'namespace' | 'labels' | 'fields'>): boolean {
  if (p.namespace && o.namespace !== p.namespace) return false;
  if (p.label && !p.label.empty() && !p.label.matches(o.labels)) return false;
  if (p.field && !p.field.empty() && !p.field.matches(o.fields)) return false;
  return true;
}

/** A list result item: a cached object (with its JSON) or an object read from the store. */
export type ListItem = CachedObject | KubeObject;

export function isCached(x: ListItem): x is CachedObject {
  return x instanceof CacheEntry;
}

export function objectOf(x: ListItem): Readonly<KubeObject> {
  return isCached(x) ? x.obj : x;
}
