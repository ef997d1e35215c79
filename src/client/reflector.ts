/**
 * Reflector: keeps a ReflectorStore in step with the server by LIST then WATCH, as client-go's reflector does.
 *
 * Timeline of one run:
 *   list    — paginated (limit 500) consistent LIST; if a continue token expires (410) mid-way, one unpaginated LIST
 *             instead. The store is then `replace`d with the full result at the list's resourceVersion.
 *   watch   — from the last seen resourceVersion with allowWatchBookmarks=true and a random timeout in
 *             [minWatchTimeout, 2×minWatchTimeout). ADDED/MODIFIED/DELETED go to the store in stream order; BOOKMARK
 *             only advances the resourceVersion.
 *   ended   — a stream the server ends normally is re-opened from the last resourceVersion immediately (after a
 *             backoff if it lasted under a second without events, so a misbehaving server is not hammered).
 *   410     — "too old resource version", as an HTTP status or as an ERROR event: back off, then relist.
 *   errors  — any other watch failure: back off, then re-watch from the last seen resourceVersion. A failed LIST is
 *             retried after a backoff.
 * Guarantees: the store sees each change at most once and in resourceVersion order; after a relist, `replace`
 * reconciles whatever was missed. `run` returns only when its signal aborts.
 */
import type { KubeList, KubeObject } from '../api/index.js';
import { isResourceExpired, type Clock } from '../machinery/index.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { WatchEvent } from './watch-decoder.js';

export interface ListerWatcher<T extends KubeObject> {
  list(options: { limit?: number; continue?: string; resourceVersion?: string; signal?: AbortSignal }): Promise<KubeList<T>>;
  watch(options: { resourceVersion: string; allowWatchBookmarks: boolean; timeoutSeconds: number; signal: AbortSignal }): AsyncIterable<WatchEvent<T>>;
}

/** What the reflector writes to. Calls are synchronous and never overlap. */
export interface ReflectorStore<T extends KubeObject> {
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export type ReflectorPhase = 'list' | 'watch';

export interface ReflectorOptions<T extends KubeObject> {
  lw: ListerWatcher<T>;
  store: ReflectorStore<T>;
  clock: Clock;
  /** For error reports. */
  name?: string;
  /** LIST page size (default 500). */
  pageSize?: number;
  /** Lower bound of the watch timeout (default 300 s, as client-go's minWatchTimeout). */
  minWatchTimeoutSeconds?: number;
  backoff?: BackoffOptions;
  /** Called for every failure the reflector recovers from (default: console.warn). */
  onError?: (err: unknown, phase: ReflectorPhase) => void;
}

const VERY_SHORT_WATCH_MS = 1000;

export class Reflector<T extends KubeObject> {
  readonly #o: ReflectorOptions<T>;
  readonly #backoff: Backoff;
  readonly #random: () => number;
  #lastRv = '';

  constructor(options: ReflectorOptions<T>) {
    this.#o = options;
    this.#backoff = new Backoff(options.clock, options.backoff);
    this.#random = options.backoff?.random ?? Math.random;
  }

  /** The resourceVersion of the last list or watch event the store received ('' before the first list). */
  lastSyncResourceVersion(): string {
    return this.#lastRv;
  }

  /** Lists and watches until `signal` aborts. Never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#listAndWatch(signal);
      } catch (err) {
        if (signal.aborted) break;
        this.#report(err, 'list');
      }
      if (!(await this.#sleep(this.#backoff.next(), signal))) break;
    }
  }

  async #listAndWatch(signal: AbortSignal): Promise<void> {
    const list = await this.#list(signal);
    if (signal.aborted) return;
    this.#lastRv = list.metadata.resourceVersion ?? '';
    this.#o.store.replace(list.items, this.#lastRv);
    this.#backoff.reset();
    const min = this.#o.minWatchTimeoutSeconds ?? 300;
    for (;;) {
      if (signal.aborted) return;
      const started = this.#o.clock.now();
      let events = 0;
      try {
        const timeoutSeconds = Math.floor(min * (1 + this.#random()));
        const w = this.#o.lw.watch({ resourceVersion: this.#lastRv, allowWatchBookmarks: true, timeoutSeconds, signal });
        for await (const ev of w) {
          events++;
          this.#apply(ev);
        }
        if (signal.aborted) return;
        if (events > 0 || this.#o.clock.now() - started >= VERY_SHORT_WATCH_MS) continue;
        this.#report(new Error(`${this.#o.name ?? 'reflector'}: very short watch: the server closed it within a second without events`), 'watch');
      } catch (err) {
        if (signal.aborted) return;
        if (isResourceExpired(err)) {
          this.#report(err, 'watch');
          return; // relist (after the run loop's backoff)
        }
        this.#report(err, 'watch');
      }
      if (!(await this.#sleep(this.#backoff.next(), signal))) return;
    }
  }

  #apply(ev: WatchEvent<T>): void {
    const rv = ev.object.metadata.resourceVersion;
    switch (ev.type) {
      case 'ADDED':
        this.#o.store.add(ev.object);
        break;
      case 'MODIFIED':
        this.#o.store.update(ev.object);
        break;
      case 'DELETED':
        this.#o.store.delete(ev.object);
        break;
      case 'BOOKMARK':
        break;
    }
    if (rv) this.#lastRv = rv;
  }

  /** All pages of one consistent LIST; falls back to one unpaginated LIST when a continue token expires. */
  async #list(signal: AbortSignal): Promise<KubeList<T>> {
    const limit = this.#o.pageSize ?? 500;
    const items: T[] = [];
    let cont: string | undefined;
    for (;;) {
      let page: KubeList<T>;
      try {
        page = await this.#o.lw.list({ limit, ...(cont ? { continue: cont } : {}), signal });
      } catch (err) {
        if (!cont || !isResourceExpired(err)) throw err;
        return this.#o.lw.list({ signal });
      }
      items.push(...page.items);
      cont = page.metadata.continue || undefined;
      if (!cont) return { ...page, items };
    }
  }

  #report(err: unknown, phase: ReflectorPhase): void {
    if (this.#o.onError) this.#o.onError(err, phase);
    else console.warn(`${this.#o.name ?? 'reflector'}: ${phase} failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  /** Sleeps on the clock; false when the signal aborted first. */
  async #sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    try {
      await this.#o.clock.sleep(ms, signal);
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      throw err;
    }
  }
}
