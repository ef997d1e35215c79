/**
 * The generic registry: one per resource, storing objects through the Store and serving reads from the watch cache
 * (Kubernetes' genericregistry.Store). Resource-specific policy lives in the Strategy; this file holds reads, and
 * create.ts / update.ts / delete.ts hold the writes.
 */
import type { KubeList, KubeObject } from '../../api/index.js';
import { type Clock, ApiError, badRequest, deepCopy, deepFreeze, jsonCopy, notFound, resourceExpired } from '../../machinery/index.js';
import { type KeyValue, type Store, isCompacted, isFutureRevision } from '../../store/index.js';
import { Cacher } from '../watchcache/cacher.js';
import type { CacheWatcher } from '../watchcache/cache-watcher.js';
import { type CachedObject, type ListItem, type Predicate, predicateMatches } from '../watchcache/types.js';
import { decodeFromStorage, encodeForStorage } from './codec.js';
import type { Admission } from './context.js';
import type { FieldManagerHooks } from './field-manager.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { type KeySpace, listPrefix, objectStorageKey, parseStorageKey, resourcePrefix } from './keys.js';
import { type Strategy, metadataFields } from './strategy.js';

export interface RegistryDeps {
  store: Store;
  strategy: Strategy;
  clock: Clock;
  /** Storage segment (`pods`, `deployments`). */
  storageResource: string;
  newUid(): string;
  /** Random 5-character suffix for generateName. */
  nameSuffix(): string;
  admission?: Admission;
  /** Field-manager bookkeeping for writes (managedFields). */
  fieldManager?: FieldManagerHooks;
  /** Watch-cache sizing; defaults suit most resources. */
  cache?: { capacity?: number; maxQueuedPerWatcher?: number; freshnessTimeoutMs?: number; bookmarkIntervalMs?: number };
  onCacheError?(err: unknown): void;
}

export interface ListOptions {
  pred: Predicate;
  limit?: number;
  continue?: string;
  /** Raw resourceVersion parameter: '' (consistent), '0' (any), or a number. */
  resourceVersion?: string;
  resourceVersionMatch?: '' | 'NotOlderThan' | 'Exact';
}

export interface WatchOptions {
  pred: Predicate;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
}

export class GenericRegistry {
  readonly strategy: Strategy;
  readonly keySpace: KeySpace;
  readonly cacher: Cacher;

  constructor(readonly deps: RegistryDeps) {
    this.strategy = deps.strategy;
    this.keySpace = { storageResource: deps.storageResource, namespaced: deps.strategy.namespaced };
    this.cacher = new Cacher({
      store: deps.store,
      prefix: resourcePrefix(this.keySpace),
      clock: deps.clock,
      parseKey: (k) => parseStorageKey(this.keySpace, k),
      decode: (kv) => this.decode(kv),
      fields: (o) => this.fieldsOf(o),
      ...(deps.cache ?? {}),
      ...(deps.onCacheError ? { onError: deps.onCacheError } : {}),
    });
  }

  fieldsOf(obj: KubeObject): Record<string, string> {
    return { ...metadataFields(obj, this.strategy.namespaced), ...this.strategy.selectableFields(obj) };
  }

  key(namespace: string, name: string): string {
    return objectStorageKey(this.keySpace, this.strategy.namespaced ? namespace : '', name);
  }

  /** Stored bytes as this API serves the object (converted when the resource is stored in another shape). */
  decode(kv: Pick<KeyValue, 'key' | 'value' | 'modRevision'>): KubeObject {
    const obj = decodeFromStorage(kv);
    return this.strategy.storageShape ? this.strategy.storageShape.fromStorage(obj) : obj;
  }

  /** The bytes to store for an object as this API serves it. Leaves `obj` as it was. */
  encode(obj: KubeObject): string {
    return encodeForStorage(this.strategy.storageShape ? this.strategy.storageShape.toStorage(obj) : obj);
  }

  /**
   * The object a write just stored — `source` (what was encoded) copied as its JSON would decode, else the stored
   * bytes decoded — shared with the watch cache, which would otherwise decode the same bytes again. The result is
   * frozen: callers render it, never change it.
   */
  written(kv: KeyValue, source?: KubeObject): KubeObject {
    let obj: KubeObject;
    if (source) {
      obj = jsonCopy(source);
      // Where decoding puts it: the stored JSON has no resourceVersion, the codec appends it.
      delete obj.metadata.resourceVersion;
      obj.metadata.resourceVersion = String(kv.modRevision);
    } else {
      obj = this.decode(kv);
    }
    // Frozen whether or not the cache takes it, so a caller that changes it fails every time, not by timing.
    deepFreeze(obj);
    this.cacher.offer(kv.key, kv.modRevision, obj);
    return obj;
  }

  /**
   * The object a store read returned, taken from the watch cache when the cache holds exactly that revision (frozen,
   * no decoding), else decoded. For read-only use on the write path.
   */
  stored(kv: KeyValue): Readonly<KubeObject> {
    const c = this.cacher.get(kv.key);
    return c && c.rv === kv.modRevision ? c.obj : this.decode(kv);
  }

  /** Reads one object from the store (fresh, never from the cache). */
  async get(namespace: string, name: string, opts: { resourceVersion?: string } = {}): Promise<KubeObject> {
    const rv = parseRv(opts.resourceVersion);
    if (rv === 0 && opts.resourceVersion === '0') {
      await this.cacher.ready();
      const c = this.cacher.get(this.key(namespace, name));
      if (!c) throw notFound(this.strategy.gr, name);
      return deepCopy(c.obj) as KubeObject;
    }
    const res = await this.readStore(() => this.deps.store.get(this.key(namespace, name), rv ? { revision: rv } : {}));
    if (!res.kv) throw notFound(this.strategy.gr, name);
    return this.decode(res.kv);
  }

  /** Reads one object, returning null when absent. */
  async tryGet(namespace: string, name: string): Promise<KubeObject | null> {
    const res = await this.deps.store.get(this.key(namespace, name));
    return res.kv ? this.decode(res.kv) : null;
  }

  /**
   * Lists objects. resourceVersion '' is a consistent read; '0' is served from the cache as it is; 'N' (NotOlderThan)
   * waits for the cache to reach N; Exact and continue pages read the store at the list's revision.
   * Returns cached objects: serialize them, never mutate them.
   */
  async list(namespace: string, opts: ListOptions): Promise<{ items: readonly ListItem[]; rv: number; continue?: string; remaining?: number }> {
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const rvParam = opts.resourceVersion ?? '';
    const rv = parseRv(rvParam);
    if (opts.continue) {
      if (rvParam && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
      const tok = decodeContinue(opts.continue, resourcePrefix(this.keySpace));
      return this.listFromStore(namespace, opts.pred, limit, tok.rv, tok.startAfter);
    }
    if (opts.resourceVersionMatch === 'Exact') {
      if (!rv) throw badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "" and "0"');
      return this.listFromStore(namespace, opts.pred, limit, rv, undefined);
    }
    await this.cacher.ready();
    if (rvParam === '0') {
      const r = this.cacher.list(opts.pred);
      return { items: r.items, rv: r.rv };
    }
    if (limit && !rvParam) {
      // Paged consistent list: pages come from the store at one revision, like etcd-backed Kubernetes.
      return this.listFromStore(namespace, opts.pred, limit, 0, undefined);
    }
    const want = rv || (await this.deps.store.currentRevision());
    await this.cacher.waitFresh(want);
    const r = this.cacher.list(opts.pred);
    if (!limit || r.items.length <= limit) return { items: r.items, rv: r.rv };
    // NotOlderThan with a limit: serve a first page from the cache snapshot; later pages read the store at r.rv.
    const page = r.items.slice(0, limit);
    const last = page[page.length - 1]!;
    return { items: page, rv: r.rv, continue: encodeContinue({ rv: r.rv, startAfter: last.key }, resourcePrefix(this.keySpace)), remaining: r.items.length - limit };
  }

  private async listFromStore(namespace: string, pred: Predicate, limit: number, atRv: number, startAfter: string | undefined) {
    const prefix = listPrefix(this.keySpace, this.strategy.namespaced ? namespace : '');
    const items: KubeObject[] = [];
    let after = startAfter;
    let revision = atRv || undefined;
    let more = false;
    let lastKey: string | undefined;
    for (;;) {
      const chunk = limit ? Math.max(limit - items.length, 1) : 10_000;
      const page = await this.readStore(() =>
        this.deps.store.range(prefix, { limit: chunk, ...(after ? { after } : {}), ...(revision ? { revision } : {}) }),
      );
      revision = page.revision;
      let i = 0;
      while (i < page.kvs.length) {
        const kv = page.kvs[i++]!;
        lastKey = kv.key;
        const obj = this.decode(kv);
        const { namespace: ns } = parseStorageKey(this.keySpace, kv.key);
        if (predicateMatches(pred, { namespace: ns, labels: obj.metadata.labels ?? {}, fields: this.fieldsOf(obj) })) items.push(obj);
        if (limit && items.length >= limit) break;
      }
      if (limit && items.length >= limit) {
        more = i < page.kvs.length || page.more;
        break;
      }
      if (!page.more || page.kvs.length === 0) break;
      after = page.kvs[page.kvs.length - 1]!.key;
    }
    const out: { items: KubeObject[]; rv: number; continue?: string } = { items, rv: revision! };
    if (more && lastKey) out.continue = encodeContinue({ rv: revision!, startAfter: lastKey }, resourcePrefix(this.keySpace));
    return out;
  }

  private async readStore<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isCompacted(err)) {
        throw resourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      if (isFutureRevision(err)) {
        throw new ApiError(504, 'Timeout', `Too large resource version: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  /** Starts a watch served from the cache. */
  async watch(opts: WatchOptions): Promise<CacheWatcher> {
    const rvParam = opts.resourceVersion ?? '';
    let from = parseRv(rvParam);
    if (!rvParam) {
      // Unset: start at the most recent state (sent as ADDED), consistent with the store.
      await this.cacher.waitFresh(await this.deps.store.currentRevision());
      from = 0;
    }
    return this.cacher.watch(opts.pred, from, { bookmarks: !!opts.allowWatchBookmarks });
  }

  /** Wraps a list result as the API's List object. */
  toList(items: readonly (CachedObject | KubeObject)[], rv: number, cont?: string, remaining?: number): KubeList {
    const gvk = this.strategy.gvk;
    return {
      kind: `${gvk.kind}List`,
      apiVersion: gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version,
      metadata: { resourceVersion: String(rv), ...(cont ? { continue: cont } : {}), ...(remaining ? { remainingItemCount: remaining } : {}) },
      items: items.map((i) => ('json' in i && 'key' in i ? (i as CachedObject).obj : i) as KubeObject),
    };
  }

  stop(): void {
    this.cacher.stop();
  }
}

/** Parses a resourceVersion parameter: '' and '0' → 0; otherwise a positive integer or 400. */
export function parseRv(rv: string | undefined): number {
  if (!rv || rv === '0') return 0;
  if (!/^[0-9]+$/.test(rv)) throw badRequest(`invalid resource version: ${JSON.stringify(rv)}`);
  return Number(rv);
}
