/**
 * EventCorrelator: decides, synchronously, what an event becomes on the server (client-go's
 * tools/record/events_cache.go, simplified):
 * - spam filter — per (source, involved object) token bucket, burst 25 refilled at one token per 5 minutes; events
 *   beyond it are dropped;
 * - deduplication — an event identical to an earlier one (same source, involved object, type, reason and message)
 *   becomes a PATCH of the earlier Event: count+1, new lastTimestamp, same name and firstTimestamp;
 * - anything else becomes a new Event named `<object name>.<unique hex>`.
 * The cache is an LRU of 4096 entries, as in client-go. (client-go's aggregation of *similar* events with differing
 * messages into "(combined from similar events)" is not implemented.)
 */
import type { Event, ObjectReference } from '../api/index.js';
import type { Clock } from '../machinery/index.js';
import { TokenBucket } from './token-bucket.js';

export interface CorrelatorOptions {
  clock: Clock;
  component: string;
  host?: string;
  /** Spam filter (default burst 25, qps 1/300). */
  spamBurst?: number;
  spamQps?: number;
  cacheSize?: number;
}

export type Correlation = { action: 'create'; event: Event } | { action: 'patch'; event: Event } | { action: 'drop' };

interface Seen {
  name: string;
  count: number;
  firstTimestamp: string;
}

/** metav1.Time: RFC 3339 with whole seconds. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class EventCorrelator {
  readonly #o: Required<Omit<CorrelatorOptions, 'host'>> & { host: string };
  readonly #seen = new Map<string, Seen>();
  readonly #spam = new Map<string, TokenBucket>();
  #seq = 0;

  constructor(options: CorrelatorOptions) {
    this.#o = { spamBurst: 25, spamQps: 1 / 300, cacheSize: 4096, host: '', ...options };
  }

  /** What to send for this event; updates the cache as if the write will succeed. */
  correlate(ref: ObjectReference, type: string, reason: string, message: string): Correlation {
    const source = `${this.#o.component}\0${this.#o.host}`;
    const object = [ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, ref.fieldPath ?? ''].join('\0');
    if (!this.#allow(`${source}\0${object}`)) return { action: 'drop' };
    const key = `${source}\0${object}\0${type}\0${reason}\0${message}`;
    const now = this.#o.clock.now();
    const ts = rfc3339Seconds(now);
    const prev = this.#seen.get(key);
    const seen: Seen = prev
      ? { name: prev.name, count: prev.count + 1, firstTimestamp: prev.firstTimestamp }
      : { name: `${ref.name}.${this.#uniqueHex(now)}`, count: 1, firstTimestamp: ts };
    this.#remember(key, seen);
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: seen.name, namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.#o.component, ...(this.#o.host ? { host: this.#o.host } : {}) },
      firstTimestamp: seen.firstTimestamp,
      lastTimestamp: ts,
      count: seen.count,
      type,
      reportingComponent: this.#o.component,
      reportingInstance: this.#o.host,
    };
    return { action: prev ? 'patch' : 'create', event };
  }

  /** Forgets an event whose write failed for good, so the next identical event creates a fresh one. */
  forget(event: Event): void {
    for (const [k, v] of this.#seen) if (v.name === event.metadata.name) this.#seen.delete(k);
  }

  #allow(key: string): boolean {
    let bucket = this.#spam.get(key);
    if (!bucket) {
      bucket = new TokenBucket({ qps: this.#o.spamQps, burst: this.#o.spamBurst, clock: this.#o.clock });
      this.#spam.set(key, bucket);
      if (this.#spam.size > this.#o.cacheSize) this.#spam.delete(this.#spam.keys().next().value!);
    }
    return bucket.tryAccept();
  }

  #remember(key: string, seen: Seen): void {
    this.#seen.delete(key);
    this.#seen.set(key, seen);
    if (this.#seen.size > this.#o.cacheSize) this.#seen.delete(this.#seen.keys().next().value!);
  }

  /** Like client-go's `%x` of UnixNano, made unique within this process by a sequence in the sub-millisecond part. */
  #uniqueHex(nowMs: number): string {
    this.#seq = (this.#seq + 1) % 1_000_000;
    return (BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(this.#seq)).toString(16);
  }
}
