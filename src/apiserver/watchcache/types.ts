/** Types shared by the watch cache and its consumers. */
import type { KubeObject } from '../../api/index.js';
import type { Status } from '../../machinery/index.js';

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
 * The cache's CachedObject: `json` is made on first use and kept — in-process watchers take `obj` itself, so most
 * changes are never serialized unless a remote client watches or lists them.
 */
export class CacheEntry implements CachedObject {
  #json: string | undefined;

  constructor(
    readonly key: string,
    readonly namespace: string,
    readonly name: string,
    readonly rv: number,
    readonly obj: Readonly<KubeObject>,
    readonly labels: Readonly<Record<string, string>>,
    readonly fields: Readonly<Record<string, string>>,
  ) {}

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
