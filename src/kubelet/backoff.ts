/**
 * Per-key exponential back-off, Kubernetes' client-go util/flowcontrol.Backoff as the kubelet uses it for container
 * restarts (CrashLoopBackOff) and image pulls: 10 s, 20 s, 40 s, … capped at 300 s. An entry not updated for twice
 * the cap (10 minutes, e.g. a container that ran that long) starts over at the initial delay.
 */
import type { Clock } from '../machinery/index.js';

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly options: { initialMs: number; maxMs: number } = { initialMs: 10_000, maxMs: 300_000 },
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.options.maxMs * 2;
  }

  /** The current delay of `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Records a failure at `eventTime`: first (or after expiry) the initial delay, then doubling up to the cap. */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) {
      this.entries.set(key, { backoffMs: this.options.initialMs, lastUpdate: eventTime });
      return;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.options.maxMs);
    e.lastUpdate = eventTime;
  }

  /** IsInBackOffSince: whether less than the current delay has passed since `eventTime`. */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return this.clock.now() - eventTime < e.backoffMs;
  }

  /** IsInBackOffSinceUpdate: whether less than the current delay has passed since the last next(). */
  isInBackOffSinceUpdate(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoffMs;
  }

  /** When the back-off that started at `eventTime` ends (ms since epoch), or undefined without an entry. */
  until(key: string, eventTime: number): number | undefined {
    const e = this.entries.get(key);
    return e ? eventTime + e.backoffMs : undefined;
  }

  /** When the back-off counted from the last next() ends (ms since epoch), or undefined without an entry. */
  lastUpdateUntil(key: string): number | undefined {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.backoffMs : undefined;
  }

  /** Forgets one key. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key with the given prefix (all of a pod's entries when keys start with its UID). */
  resetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** Drops entries idle for more than twice the cap. */
  gc(): void {
    const now = this.clock.now();
    for (const [k, e] of this.entries) if (this.expired(now, e.lastUpdate)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}
