/**
 * EventRecorder: records core/v1 Events about objects (client-go's tools/record EventRecorder + broadcaster sink).
 *
 * Guarantees:
 * - `event()` never blocks and never throws: it correlates synchronously (see EventCorrelator) and queues the write.
 * - Writes happen one at a time, in call order. A repeat of an identical event PATCHes the existing Event's count,
 *   lastTimestamp and message; if that Event is gone (404) it is created again.
 * - A write that fails for another reason is retried up to 12 times, 10 s apart (the first retry randomized), as
 *   client-go does; AlreadyExists on create is not retried. When the queue holds `maxQueued` writes, new events are
 *   dropped (reported to onError), so a flood cannot grow memory without bound.
 */
import type { Event, KubeObject, ObjectReference } from '../api/index.js';
import { isAlreadyExists, isNotFound, type Clock } from '../machinery/index.js';
import { ClientError } from './errors.js';
import { EventCorrelator } from './event-correlator.js';
import { refs } from './resource-ref.js';
import type { RestClient } from './rest-client.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  client: RestClient;
  /** source.component and reportingComponent, e.g. `deployment-controller`. */
  component: string;
  /** source.host and reportingInstance (e.g. the node name), when meaningful. */
  host?: string;
  clock?: Clock;
  /** Pending writes kept before new events are dropped (default 1000). */
  maxQueued?: number;
  /** Randomness for the first retry delay (default Math.random). */
  random?: () => number;
  /** Dropped or failed events (default: console.warn). */
  onError?: (err: unknown, event: Event | undefined) => void;
}

interface Write {
  action: 'create' | 'patch';
  event: Event;
}

const MAX_TRIES = 12;
const RETRY_SLEEP_MS = 10_000;

/** The ObjectReference of an object, as client-go's reference.GetReference builds it. */
export function referenceTo(obj: Readonly<KubeObject>): ObjectReference {
  if (!obj.kind || !obj.apiVersion) {
    throw new ClientError('InvalidArgument', `cannot reference ${obj.metadata?.name ?? 'an object'}: it has no kind/apiVersion`);
  }
  return {
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
    apiVersion: obj.apiVersion,
    ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
  };
}

function checkedReference(ref: Readonly<ObjectReference>): ObjectReference {
  if (!ref.kind || !ref.apiVersion || !ref.name) {
    throw new ClientError('InvalidArgument', `cannot record an event about ${ref.name ?? 'a reference'}: it needs kind, apiVersion and name`);
  }
  return { ...ref };
}

export class EventRecorder {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #correlator: EventCorrelator;
  readonly #maxQueued: number;
  readonly #random: () => number;
  readonly #onError: (err: unknown, event: Event | undefined) => void;
  readonly #queue: Write[] = [];
  readonly #idle: Array<() => void> = [];
  readonly #stop = new AbortController();
  #draining = false;
  #closed = false;
  #droppedWhileFull = 0;

  constructor(options: EventRecorderOptions) {
    this.#client = options.client;
    this.#clock = options.clock ?? options.client.clock;
    this.#correlator = new EventCorrelator({ clock: this.#clock, component: options.component, ...(options.host ? { host: options.host } : {}) });
    this.#maxQueued = options.maxQueued ?? 1000;
    this.#random = options.random ?? Math.random;
    this.#onError = options.onError ?? ((err) => console.warn(`event recorder: ${err instanceof Error ? err.message : String(err)}`));
  }

  /**
   * Records an event about `obj` (which must carry kind and apiVersion), or about the ObjectReference given — as
   * client-go's recorder accepts one — e.g. a pod's container with `fieldPath: spec.containers{name}`. Returns at once.
   */
  event(obj: Readonly<KubeObject> | Readonly<ObjectReference>, type: EventType, reason: string, message: string): void {
    if (this.#closed) {
      this.#onError(new ClientError('ShutDown', `event recorder is shut down; dropped ${reason}`), undefined);
      return;
    }
    let ref: ObjectReference;
    try {
      ref = 'metadata' in obj ? referenceTo(obj) : checkedReference(obj);
    } catch (err) {
      this.#onError(err, undefined);
      return;
    }
    const c = this.#correlator.correlate(ref, type, reason, message);
    if (c.action === 'drop') return;
    if (this.#queue.length >= this.#maxQueued) {
      // Reported once per overflow (the first drop), then counted; the count is reported when there is room again.
      if (this.#droppedWhileFull++ === 0) {
        this.#onError(new ClientError('ShutDown', `event queue full (${this.#maxQueued}); dropping events, starting with ${reason} for ${ref.name}`), c.event);
      }
      return;
    }
    if (this.#droppedWhileFull > 0) {
      this.#onError(new ClientError('ShutDown', `event queue had room again after dropping ${this.#droppedWhileFull} events`), undefined);
      this.#droppedWhileFull = 0;
    }
    this.#queue.push(c);
    if (!this.#draining) void this.#drain();
  }

  /** Resolves when every queued write has been attempted. */
  flush(): Promise<void> {
    if (!this.#draining && this.#queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.#idle.push(r));
  }

  /**
   * For a component shutting down: gives queued writes up to `graceMs` (on the recorder's clock) to land, then shuts
   * down. Never waits longer, so a stopping process does not hang on an API server that is gone (client-go's
   * broadcaster Shutdown drops pending events outright).
   */
  async close(graceMs = 5_000): Promise<void> {
    const timer = new AbortController();
    const expired = this.#clock.sleep(graceMs, timer.signal).catch((err: unknown) => {
      if (!timer.signal.aborted) throw err; // else: cancelled because the flush won the race
    });
    await Promise.race([this.flush(), expired]);
    timer.abort();
    await this.shutdown();
  }

  /** Stops accepting events, abandons retries, and resolves when the writer has stopped. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    this.#stop.abort(new ClientError('ShutDown', 'event recorder shut down'));
    await this.flush();
  }

  /** One report for everything a shutdown abandoned (an in-flight write and the queue), not one per event. */
  #reportShutdownDrops(count: number): void {
    this.#onError(new ClientError('ShutDown', `event recorder shut down; dropped ${count} pending event${count === 1 ? '' : 's'}`), undefined);
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      for (let w = this.#queue.shift(); w; w = this.#queue.shift()) {
        if (this.#stop.signal.aborted) {
          this.#reportShutdownDrops(1 + this.#queue.length);
          this.#queue.length = 0;
          break;
        }
        await this.#writeWithRetries(w);
      }
    } finally {
      this.#draining = false;
      for (const r of this.#idle.splice(0)) r();
    }
  }

  async #writeWithRetries(w: Write): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#write(w);
        return;
      } catch (err) {
        if (this.#stop.signal.aborted) {
          this.#reportShutdownDrops(1 + this.#queue.length);
          this.#queue.length = 0;
          return;
        }
        if (isAlreadyExists(err) || attempt >= MAX_TRIES) {
          this.#correlator.forget(w.event);
          this.#onError(err, w.event);
          return;
        }
        const delay = attempt === 1 ? this.#random() * RETRY_SLEEP_MS : RETRY_SLEEP_MS;
        try {
          await this.#clock.sleep(delay, this.#stop.signal);
        } catch (abort) {
          if (!this.#stop.signal.aborted) throw abort;
          this.#reportShutdownDrops(1 + this.#queue.length);
          this.#queue.length = 0;
          return;
        }
      }
    }
  }

  async #write(w: Write): Promise<void> {
    const events = this.#client.resource<Event>(refs.events);
    const signal = { signal: this.#stop.signal };
    if (w.action === 'patch') {
      const { count, lastTimestamp, message } = w.event;
      try {
        await events.patch({ namespace: w.event.metadata.namespace!, name: w.event.metadata.name! }, { count, lastTimestamp, message }, { type: 'merge', ...signal });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    await events.create(w.event, signal);
  }
}
