/**
 * The Store contract over etcd v3 — what Kubernetes itself runs on — through etcd3's raw gRPC services.
 *
 * Mapping: create = txn(mod_revision(key) = 0 → put); update = txn(mod_revision = expected → put, else get);
 * delete = txn(version > 0 or mod_revision = expected → delete with prev_kv, else get); txn → one etcd txn; range and
 * count → (count-only) linearizable ranges; watch → one etcd watch stream per watch (see EtcdWatch); compact → etcd
 * compact with physical=true; compactRevision → probed (see compact-revision.ts); stats → count + maintenance status.
 *
 * Guarantees beyond types.ts:
 * - Namespacing: with `prefix`, every key read, written or watched lies under that prefix and keys are returned
 *   without it, so stores with different prefixes never see each other's keys. Revisions and compaction are etcd's and
 *   therefore shared by every store on the same cluster.
 * - Calls (see EtcdConnection): reads are retried across endpoints, writes never (a write failing in transport is
 *   Unavailable and may or may not have been applied, as in Kubernetes); every call has a deadline
 *   (`requestTimeoutMs`); transport/availability failures are Unavailable; anything after `close()` is Closed.
 * - A watch without `fromRevision` sees every write this store starts after `watch()` returned.
 * - Progress notifications are exact even on etcd versions whose progress answers race events (see ProgressGate).
 */
import type { IKeyValue, IRangeResponse, IRequestOp, ITxnResponse } from 'etcd3';
import { realClock, type Clock } from '../../machinery/index.js';
import { StoreError, storeErrors } from '../errors.js';
import type {
  DeleteOptions, DeleteResult, GetOptions, GetResult, KeyValue, RangeOptions, RangeResult, Store, StoreStats, TxnOp,
  TxnOpResult, TxnRequest, TxnResult, Watch, WatchOptions, WriteResult,
} from '../types.js';
import { DEFAULT_MAX_BUFFERED } from '../watch-hub.js';
import { KeyCodec, toRevision } from './codec.js';
import { EtcdConnection } from './connection.js';
import { EtcdWatch, failedWatch } from './etcd-watch.js';
import { checkKey, checkLimit, checkRevision, checkTxn, checkValue } from '../validate.js';

export interface EtcdStoreOptions {
  /** Client URLs, e.g. `['http://127.0.0.1:2379']`. */
  endpoints: string[];
  /** Namespace for every key (must end with '/'), so several stores can share one etcd. Default: none. */
  prefix?: string;
  /** Deadline of each unary call (default 15,000 ms). */
  requestTimeoutMs?: number;
  clock?: Clock;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export class EtcdStore implements Store {
  readonly backend = 'etcd';
  private readonly conn: EtcdConnection;
  private readonly codec: KeyCodec;
  private readonly clock: Clock;
  private readonly watches = new Set<EtcdWatch>();

  constructor(opts: EtcdStoreOptions) {
    if (!Array.isArray(opts.endpoints) || opts.endpoints.length === 0) throw storeErrors.invalid('etcd endpoints must be a non-empty list');
    const prefix = opts.prefix ?? '';
    if (prefix !== '' && !prefix.endsWith('/')) throw storeErrors.invalid(`etcd key prefix must end with '/', got ${JSON.stringify(prefix)}`);
    this.codec = new KeyCodec(prefix);
    this.clock = opts.clock ?? realClock;
    this.conn = new EtcdConnection({
      endpoints: opts.endpoints,
      codec: this.codec,
      clock: this.clock,
      requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    });
  }

  private get client() {
    return this.conn.client;
  }

  currentRevision(): Promise<number> {
    return this.conn.currentRevision();
  }

  async get(key: string, opts: GetOptions = {}): Promise<GetResult> {
    this.conn.checkOpen();
    checkKey(key);
    if (opts.revision !== undefined) checkRevision(opts.revision, 'revision');
    const ctx = { revision: opts.revision, unreadable: opts.revision };
    const r = await this.conn.read(() => this.client.kv.range({ key: this.codec.encode(key), revision: opts.revision ?? 0 }), ctx);
    const kv = r.kvs[0];
    return { kv: kv ? this.codec.decodeKv(kv) : null, revision: opts.revision ?? toRevision(r.header.revision) };
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    this.conn.checkOpen();
    checkPrefix(prefix);
    const limit = checkLimit(opts.limit);
    if (opts.revision !== undefined) checkRevision(opts.revision, 'revision');
    if (opts.after !== undefined) checkKey(opts.after, 'after');
    const { key, rangeEnd } = this.codec.pageRange(prefix, opts.after);
    const ctx = { revision: opts.revision, unreadable: opts.revision };
    const r = await this.conn.read(() => this.client.kv.range({ key, range_end: rangeEnd, limit, revision: opts.revision ?? 0 }), ctx);
    return {
      kvs: r.kvs.map((kv) => this.codec.decodeKv(kv)),
      more: Boolean(r.more),
      revision: opts.revision ?? toRevision(r.header.revision),
    };
  }

  async count(prefix: string): Promise<number> {
    this.conn.checkOpen();
    checkPrefix(prefix);
    return toRevision((await this.countRange(prefix)).count);
  }

  async create(key: string, value: string): Promise<WriteResult> {
    this.conn.checkOpen();
    checkKey(key);
    checkValue(value, key);
    const k = this.codec.encode(key);
    const r = await this.conn.write(() =>
      this.client.kv.txn({
        compare: [{ key: k, target: 'Mod', result: 'Equal', mod_revision: 0 }],
        success: [{ request_put: { key: k, value: Buffer.from(value, 'utf8') } }],
      }),
    );
    if (!r.succeeded) throw storeErrors.keyExists(key);
    const rev = toRevision(r.header.revision);
    return { kv: { key, value, createRevision: rev, modRevision: rev, version: 1 }, revision: rev };
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    this.conn.checkOpen();
    checkKey(key);
    checkValue(value, key);
    checkRevision(expectedModRevision, 'expectedModRevision');
    const k = this.codec.encode(key);
    const r = await this.conn.write(() =>
      this.client.kv.txn({
        compare: [{ key: k, target: 'Mod', result: 'Equal', mod_revision: expectedModRevision }],
        success: [{ request_put: { key: k, value: Buffer.from(value, 'utf8'), prev_kv: true } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!r.succeeded) throw this.casFailure(key, r, expectedModRevision);
    const rev = toRevision(r.header.revision);
    const kv = putResult(key, value, rev, r.responses[0]?.response_put?.prev_kv);
    return { kv, revision: rev };
  }

  async delete(key: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    this.conn.checkOpen();
    checkKey(key);
    const expected = opts.expectedModRevision;
    if (expected !== undefined) checkRevision(expected, 'expectedModRevision');
    const k = this.codec.encode(key);
    const r = await this.conn.write(() =>
      this.client.kv.txn({
        compare: [
          expected === undefined
            ? { key: k, target: 'Version', result: 'Greater', version: 0 }
            : { key: k, target: 'Mod', result: 'Equal', mod_revision: expected },
        ],
        success: [{ request_delete_range: { key: k, prev_kv: true } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!r.succeeded) throw this.casFailure(key, r, expected ?? 0);
    const prev = r.responses[0]?.response_delete_range?.prev_kvs?.[0];
    if (!prev) throw storeErrors.notFound(key);
    return { prevKv: this.codec.decodeKv(prev), revision: toRevision(r.header.revision) };
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    this.conn.checkOpen();
    checkTxn(req);
    const toOps = (ops: readonly TxnOp[]) => ops.map((op) => this.toRequestOp(op));
    const r = await this.conn.write(() =>
      this.client.kv.txn({
        compare: req.compare.map((c) => ({ key: this.codec.encode(c.key), target: 'Mod' as const, result: 'Equal' as const, mod_revision: c.modRevision })),
        success: toOps(req.success),
        failure: toOps(req.failure ?? []),
      }),
    );
    const rev = toRevision(r.header.revision);
    const ops = r.succeeded ? req.success : (req.failure ?? []);
    const results = ops.map((op, i): TxnOpResult => {
      const res = r.responses[i];
      if (op.type === 'put') {
        const prev = res?.response_put?.prev_kv;
        return { kv: putResult(op.key, op.value, rev, prev), prevKv: this.codec.decodeOptionalKv(prev) };
      }
      if (op.type === 'delete') {
        const prev = this.codec.decodeOptionalKv(res?.response_delete_range?.prev_kvs?.[0]);
        return { kv: prev, prevKv: prev };
      }
      return { kv: this.codec.decodeOptionalKv(res?.response_range?.kvs?.[0]), prevKv: null };
    });
    return { succeeded: Boolean(r.succeeded), revision: rev, results };
  }

  watch(prefix: string, opts: WatchOptions = {}): Watch {
    const maxBuffered = opts.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    try {
      this.conn.checkOpen();
      checkPrefix(prefix);
      if (!Number.isSafeInteger(maxBuffered) || maxBuffered < 1) throw storeErrors.invalid(`maxBuffered must be a positive integer, got ${maxBuffered}`);
      if (opts.fromRevision !== undefined) checkRevision(opts.fromRevision, 'fromRevision');
    } catch (err) {
      if (err instanceof StoreError) return failedWatch(err);
      throw err;
    }
    const w = new EtcdWatch({
      codec: this.codec,
      prefix,
      fromRevision: opts.fromRevision,
      maxBuffered,
      clock: this.clock,
      openStream: () => this.client.watchClient.watch(),
      ordering: this.conn.progressOrdering(),
      mapStreamError: (err) => this.conn.streamFailure(err),
      onEnded: (ended) => this.watches.delete(ended),
    });
    this.watches.add(w);
    if (opts.fromRevision === undefined) this.conn.trackWatchStart(w.started);
    return w;
  }

  async compact(revision: number): Promise<void> {
    this.conn.checkOpen();
    checkRevision(revision, 'compact revision');
    // etcd refuses compact(rev) when rev ≤ the compact revision, so only rev - 1 is known to be unreadable.
    await this.conn.write(() => this.client.kv.compact({ revision, physical: true }), { revision, unreadable: revision - 1 });
    this.conn.noteCompacted(revision);
  }

  async compactRevision(): Promise<number> {
    this.conn.checkOpen();
    return this.conn.compactRevision();
  }

  async stats(): Promise<StoreStats> {
    this.conn.checkOpen();
    const [counted, status, compactRevision] = await Promise.all([
      this.countRange(''),
      this.conn.read(() => this.client.maintenance.status()),
      this.conn.compactRevision(),
    ]);
    return {
      backend: this.backend,
      revision: toRevision(counted.header.revision),
      compactRevision,
      keys: toRevision(counted.count),
      sizeBytes: toRevision(status.dbSize),
    };
  }

  async close(): Promise<void> {
    if (this.conn.isClosed) return;
    this.conn.close();
    for (const w of [...this.watches]) w.fail(storeErrors.closed());
  }

  private countRange(prefix: string): Promise<IRangeResponse> {
    const { key, rangeEnd } = this.codec.prefixRange(prefix);
    return this.conn.read(() => this.client.kv.range({ key, range_end: rangeEnd, count_only: true }));
  }

  private toRequestOp(op: TxnOp): IRequestOp {
    const key = this.codec.encode(op.key);
    switch (op.type) {
      case 'put':
        return { request_put: { key, value: Buffer.from(op.value, 'utf8'), prev_kv: true } };
      case 'delete':
        return { request_delete_range: { key, prev_kv: true } };
      case 'get':
        return { request_range: { key } };
    }
  }

  /** Conflict or NotFound from a failed compare whose failure branch read the key. */
  private casFailure(key: string, r: ITxnResponse, expected: number): StoreError {
    const current = r.responses[0]?.response_range?.kvs?.[0];
    if (!current) return storeErrors.notFound(key);
    return storeErrors.conflict(key, toRevision(current.mod_revision), expected);
  }
}

function checkPrefix(prefix: string): void {
  if (typeof prefix !== 'string') throw storeErrors.invalid('prefix must be a string');
}

/** The kv a put produced: etcd returns only the previous kv, the rest follows from the txn revision. */
function putResult(key: string, value: string, rev: number, prev: IKeyValue | null | undefined): KeyValue {
  const live = prev && prev.key && prev.key.length > 0;
  return {
    key,
    value,
    createRevision: live ? toRevision(prev.create_revision) : rev,
    modRevision: rev,
    version: live ? toRevision(prev.version) + 1 : 1,
  };
}
