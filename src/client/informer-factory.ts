/**
 * SharedInformerFactory: one SharedInformer per (resource, namespace, selectors), shared by every consumer in the
 * process, so N controllers watching pods cost one LIST+WATCH, not N (client-go's SharedInformerFactory).
 *
 * Lifecycle: consumers call `informerFor(...)` and add handlers; the composition root calls `start()` (which starts
 * every informer not yet started — call it again after creating more), awaits `waitForCacheSync()`, and finally
 * `stop()`.
 */
import { setMaxListeners } from 'node:events';
import type { KubeObject } from '../api/index.js';
import type { Clock } from '../machinery/index.js';
import type { BackoffOptions } from './backoff.js';
import type { Indexers } from './indexer.js';
import { SharedInformer } from './informer.js';
import type { ListerWatcher, ReflectorPhase } from './reflector.js';
import type { ResourceClient } from './resource-client.js';
import { apiVersionOfRef, type ResourceRef } from './resource-ref.js';
import type { RestClient } from './rest-client.js';

export interface InformerScope {
  /** Only this namespace (default: the factory's namespace, else all). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * A ListerWatcher over a ResourceClient. Objects it yields always carry apiVersion and kind (filled from the ref when
 * the server left them out, as list items usually do).
 */
export function listerWatcherFor<T extends KubeObject>(client: ResourceClient<T>, scope: InformerScope = {}): ListerWatcher<T> {
  const apiVersion = apiVersionOfRef(client.ref);
  const kind = client.ref.kind;
  const typed = (o: T): T => {
    if (!o.apiVersion) o.apiVersion = apiVersion;
    if (!o.kind && kind) o.kind = kind;
    return o;
  };
  const base = {
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    ...(scope.labelSelector ? { labelSelector: scope.labelSelector } : {}),
    ...(scope.fieldSelector ? { fieldSelector: scope.fieldSelector } : {}),
  };
  return {
    async list(options) {
      const out = await client.list({ ...base, ...options });
      out.items.forEach(typed);
      return out;
    },
    async *watch(options) {
      for await (const ev of client.watch({ ...base, ...options })) {
        if (ev.type !== 'BOOKMARK') typed(ev.object);
        yield ev;
      }
    },
  };
}

export interface SharedInformerFactoryOptions {
  client: RestClient;
  clock?: Clock;
  /** Restrict every informer to one namespace. */
  namespace?: string;
  /** Default handler resync period (0 = never, the default). */
  defaultResyncMs?: number;
  backoff?: BackoffOptions;
  onError?: (err: unknown, context: ReflectorPhase | 'handler', informer: string) => void;
}

export interface InformerRequest<T extends KubeObject> extends InformerScope {
  /** Indexes this consumer needs; names already present on the shared informer are kept as they are. */
  indexers?: Indexers<T>;
  resyncMs?: number;
}

export class SharedInformerFactory {
  readonly #o: SharedInformerFactoryOptions;
  readonly #informers = new Map<string, SharedInformer<KubeObject>>();

  constructor(options: SharedInformerFactoryOptions) {
    this.#o = options;
  }

  /** The shared informer for `ref` in this scope, created on first request. */
  informerFor<T extends KubeObject>(ref: ResourceRef, request: InformerRequest<T> = {}): SharedInformer<T> {
    const namespace = ref.namespaced ? (request.namespace ?? this.#o.namespace ?? '') : '';
    const scope: InformerScope = { namespace, labelSelector: request.labelSelector ?? '', fieldSelector: request.fieldSelector ?? '' };
    const id = `${ref.group}/${ref.version}/${ref.resource}?ns=${namespace}&l=${scope.labelSelector}&f=${scope.fieldSelector}`;
    let inf = this.#informers.get(id) as SharedInformer<T> | undefined;
    if (!inf) {
      const name = `informer ${id}`;
      inf = new SharedInformer<T>({
        lw: listerWatcherFor(this.#o.client.resource<T>(ref), scope),
        clock: this.#o.clock ?? this.#o.client.clock,
        name,
        ...(request.indexers ? { indexers: request.indexers } : {}),
        resyncMs: request.resyncMs ?? this.#o.defaultResyncMs ?? 0,
        ...(this.#o.backoff ? { backoff: this.#o.backoff } : {}),
        ...(this.#o.onError ? { onError: (err, ctx) => this.#o.onError!(err, ctx, name) } : {}),
      });
      this.#informers.set(id, inf as unknown as SharedInformer<KubeObject>);
      return inf;
    }
    const missing = Object.entries(request.indexers ?? {}).filter(([n]) => !inf!.indexer.hasIndexer(n));
    if (missing.length) inf.addIndexers(Object.fromEntries(missing));
    return inf;
  }

  /** Starts every informer that is not running. */
  start(): void {
    for (const inf of this.#informers.values()) inf.start();
  }

  /** Resolves true when every started informer has synced; false if `signal` aborts (or an informer stops) first. */
  async waitForCacheSync(signal?: AbortSignal): Promise<boolean> {
    const started = [...this.#informers.values()].filter((i) => i.isRunning);
    if (!signal) return (await Promise.all(started.map((i) => i.waitForSync()))).every(Boolean);
    // One listener on the caller's signal; the informers (one listener each, removed once synced) wait on our own.
    const inner = new AbortController();
    setMaxListeners(started.length + 1, inner.signal);
    const forward = () => inner.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    try {
      return (await Promise.all(started.map((i) => i.waitForSync(inner.signal)))).every(Boolean);
    } finally {
      signal.removeEventListener('abort', forward);
    }
  }

  /** Stops every informer; resolves when all reflectors have exited. */
  async stop(): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.stop()));
  }
}
