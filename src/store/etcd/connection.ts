/**
 * The etcd client as the store uses it: one Etcd3 client, how calls are run (reads retried, writes never), how
 * failures become StoreErrors, and the facts the store learns from etcd (compact revision, progress ordering).
 *
 * Guarantees:
 * - Writes are never retried by the client: a retried compare-and-swap could report KeyExists/Conflict for its own
 *   success. A write that fails in transport fails with Unavailable and may or may not have been applied, as in
 *   Kubernetes. Reads are retried, once per endpoint, while etcd is unavailable.
 * - Every unary call has a deadline (`requestTimeoutMs`). Once `close()` was called every failure is Closed.
 * - Writes first wait (bounded by the request timeout) until etcd acknowledged every watch from "now" registered
 *   before them, so such a watch sees every write started after `watch()` returned.
 */
import { circuitBreaker, ConsecutiveBreaker, handleWhen, noop } from 'cockatiel';
import { Etcd3, isRecoverableError } from 'etcd3';
import type { Clock } from '../../machinery/index.js';
import { StoreError, storeErrors } from '../errors.js';
import { toRevision, type KeyCodec } from './codec.js';
import { findCompactRevision } from './compact-revision.js';
import { classifyEtcdError } from './etcd-errors.js';
import { progressOrderingFor, type ProgressOrdering } from './progress-gate.js';

/** Context for turning an etcd failure into a StoreError. */
export interface FailureContext {
  /** The revision the call asked for (reads at a revision, compact). */
  revision?: number;
  /** A revision the failure proves compacted away (a hint for finding the compact revision). */
  unreadable?: number;
}

export interface EtcdConnectionOptions {
  endpoints: string[];
  codec: KeyCodec;
  clock: Clock;
  requestTimeoutMs: number;
}

export class EtcdConnection {
  readonly client: Etcd3;
  private readonly readAttempts: number;
  private closed = false;
  /** Creations of watches from "now" that writes must wait for. */
  private readonly watchStarts = new Set<Promise<void>>();
  private ordering: Promise<ProgressOrdering> | null = null;
  /** The highest compact revision performed or learned; a hint for the probe. */
  private knownCompact = 0;

  constructor(private readonly opts: EtcdConnectionOptions) {
    const several = opts.endpoints.length > 1;
    this.readAttempts = opts.endpoints.length;
    this.client = new Etcd3({
      hosts: opts.endpoints,
      faultHandling: {
        // No client-side retries (see the guarantees); with several members, skip one that keeps failing for a second.
        global: noop,
        host: () => (several ? circuitBreaker(handleWhen(isRecoverableError), { halfOpenAfter: 1_000, breaker: new ConsecutiveBreaker(3) }) : noop),
      },
      grpcOptions: {
        // A list of a large resource easily exceeds gRPC's 4 MiB default (Kubernetes lifts the limit too).
        'grpc.max_receive_message_length': -1,
        // Notice a dead connection under an idle watch (Kubernetes' etcd client: 30 s / 10 s).
        'grpc.keepalive_time_ms': 30_000,
        'grpc.keepalive_timeout_ms': 10_000,
      },
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: new Date(opts.clock.now() + opts.requestTimeoutMs) }),
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  checkOpen(): void {
    if (this.closed) throw storeErrors.closed();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
  }

  /** An idempotent call: retried while etcd is unavailable; failures mapped to StoreError. */
  async read<T>(call: () => Promise<T>, ctx: FailureContext = {}): Promise<T> {
    let lastErr: unknown = null;
    for (let attempt = 0; attempt < this.readAttempts; attempt++) {
      try {
        return await call();
      } catch (err) {
        lastErr = err;
        if (this.closed || classifyEtcdError(err).kind !== 'unavailable') break;
      }
    }
    throw await this.toStoreError(lastErr, ctx);
  }

  /** A write: waits for earlier watches from "now" to be acknowledged, then runs once. */
  async write<T>(call: () => Promise<T>, ctx: FailureContext = {}): Promise<T> {
    await this.awaitWatchStarts();
    this.checkOpen();
    try {
      return await call();
    } catch (err) {
      throw await this.toStoreError(err, ctx);
    }
  }

  /** Registers the creation of a watch from "now"; later writes wait for it. */
  trackWatchStart(started: Promise<void>): void {
    this.watchStarts.add(started);
    void started.then(() => this.watchStarts.delete(started));
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    const r = await this.read(() => this.client.kv.range({ key: this.opts.codec.encode('\0'), count_only: true }));
    return toRevision(r.header.revision);
  }

  /** Records a compaction this store performed. */
  noteCompacted(revision: number): void {
    this.knownCompact = Math.max(this.knownCompact, revision);
  }

  /** The compact revision; `unreadable` is a revision known to be compacted away. */
  async compactRevision(unreadable = 0): Promise<number> {
    const probeKey = this.opts.codec.encode('\0');
    const rev = await findCompactRevision(
      {
        current: () => this.currentRevision(),
        readable: async (revision) => {
          this.checkOpen();
          try {
            await this.client.kv.range({ key: probeKey, revision, count_only: true });
            return true;
          } catch (err) {
            if (classifyEtcdError(err).kind === 'compacted') return false;
            throw await this.toStoreError(err, { revision });
          }
        },
      },
      { unreadable, guess: this.knownCompact },
    );
    this.noteCompacted(rev);
    return rev;
  }

  /** Whether this cluster answers progress requests in order with events; asked once, 'racy' if unknown. */
  progressOrdering(): Promise<ProgressOrdering> {
    this.ordering ??= this.client.maintenance.status().then(
      (s) => progressOrderingFor(s.version),
      () => {
        this.ordering = null;
        return 'racy' as const;
      },
    );
    return this.ordering;
  }

  /** What a broken watch stream ends with. */
  streamFailure(err: unknown): StoreError {
    if (this.closed) return storeErrors.closed();
    const failure = classifyEtcdError(err);
    if (failure.kind === 'closed') return storeErrors.closed();
    return storeErrors.unavailable(`watch stream: ${failure.kind === 'unavailable' ? failure.message : failure.kind}`, err);
  }

  async toStoreError(err: unknown, ctx: FailureContext): Promise<StoreError> {
    if (err instanceof StoreError) return err;
    if (this.closed) return storeErrors.closed();
    const failure = classifyEtcdError(err);
    const requested = ctx.revision ?? 0;
    try {
      switch (failure.kind) {
        case 'compacted':
          return storeErrors.compacted(requested, await this.compactRevision(ctx.unreadable ?? 0));
        case 'future':
          return storeErrors.futureRevision(requested, await this.currentRevision());
        case 'invalid':
          return storeErrors.invalid(failure.message);
        case 'closed':
          return storeErrors.closed();
        case 'unavailable':
          return storeErrors.unavailable(failure.message, err);
      }
    } catch (followUp) {
      if (followUp instanceof StoreError) return followUp;
      return storeErrors.unavailable(String(followUp), followUp);
    }
  }

  /** Waits (at most one request timeout) until etcd acknowledged every watch from "now" registered so far. */
  private async awaitWatchStarts(): Promise<void> {
    if (this.watchStarts.size === 0) return;
    const { clock, requestTimeoutMs } = this.opts;
    const ac = new AbortController();
    const timedOut = clock.sleep(requestTimeoutMs, ac.signal).then(
      () => true,
      () => false,
    );
    const late = await Promise.race([Promise.all([...this.watchStarts]).then(() => false), timedOut]);
    ac.abort();
    if (late) throw storeErrors.unavailable(`etcd did not acknowledge a new watch within ${requestTimeoutMs}ms`);
  }
}
