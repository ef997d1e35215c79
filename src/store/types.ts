/**
 * The MVCC key-value contract skiff's API server needs from its storage: what etcd v3 gives Kubernetes.
 *
 * Guarantees every backend keeps (checked by `runStoreContract` in ./testing/contract.ts):
 * - One global, strictly increasing revision. Every successful write transaction bumps it by exactly one; all
 *   writes in that transaction carry it as their modRevision. Reads return the revision they were served at.
 * - A write is acknowledged (its promise resolves) only once it is durable for that backend.
 * - `create` fails with KeyExists when the key is live; `update`/`delete` with an `expectedModRevision` fail with
 *   Conflict when the key's modRevision differs (or NotFound when the key is absent).
 * - `range` pages by key order; passing the first page's `revision` to later pages gives one consistent snapshot.
 * - A watch delivers every event with modRevision ≥ `fromRevision` under its prefix exactly once, in revision
 *   order, each with the previous value (`prevKv`) when there was one. Events of one transaction arrive in one batch.
 * - Reading or watching at a revision below the compact revision fails with Compacted (the API server's 410).
 * - A watcher that cannot keep up is closed with WatchOverflow, never silently dropped or skipped.
 *
 * Keys and values are strings (values are the serialized objects). Revisions are positive integers.
 */

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  /** Revision of the write that created this incarnation of the key. */
  readonly createRevision: number;
  /** Revision of the last write to the key. */
  readonly modRevision: number;
  /** Number of writes to this incarnation of the key (1 after create). */
  readonly version: number;
}

export interface GetOptions {
  /** Read as of this revision; absent means the latest. Fails with Compacted/FutureRevision when out of range. */
  revision?: number;
}

export interface GetResult {
  kv: KeyValue | null;
  revision: number;
}

export interface RangeOptions {
  /** At most this many keys (0 or absent = all). */
  limit?: number;
  /** Return only keys strictly greater than this one (for continue tokens). */
  after?: string;
  /** Read as of this revision (absent = latest); use the first page's revision for later pages. */
  revision?: number;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** True when keys remain under the prefix after the last one returned. */
  more: boolean;
  /** The revision the range was served at. */
  revision: number;
}

export interface WriteResult {
  kv: KeyValue;
  revision: number;
}

export interface DeleteOptions {
  /** Delete only if the key's modRevision equals this; fails with Conflict otherwise. */
  expectedModRevision?: number;
}

export interface DeleteResult {
  /** The value that was deleted. */
  prevKv: KeyValue;
  revision: number;
}

/**
 * A compare in a transaction. `modRevision: 0` means "the key does not exist" (as in etcd, where a missing key's
 * mod revision compares as 0).
 */
export interface Compare {
  key: string;
  modRevision: number;
}

export type TxnOp =
  | { type: 'put'; key: string; value: string }
  | { type: 'delete'; key: string }
  | { type: 'get'; key: string };

export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure?: TxnOp[];
}

export interface TxnOpResult {
  /** For put: the new kv. For delete: the previous kv (null if absent). For get: the kv (null if absent). */
  kv: KeyValue | null;
  /** For put and delete: the previous kv, if any. */
  prevKv: KeyValue | null;
}

export interface TxnResult {
  succeeded: boolean;
  /** The revision after the transaction (unchanged if the chosen branch wrote nothing). */
  revision: number;
  results: TxnOpResult[];
}

export interface StoreEvent {
  type: 'put' | 'delete';
  /** For put: the new value. For delete: key with empty value and the delete's modRevision. */
  kv: KeyValue;
  /** The value before this event, when there was one. */
  prevKv: KeyValue | null;
}

export interface WatchBatch {
  /** Events in revision order. Empty for a progress notification. */
  events: StoreEvent[];
  /**
   * For events: the revision of the last event. For a progress notification: every event under the prefix up to and
   * including this revision has been delivered.
   */
  revision: number;
  progressNotify: boolean;
}

export interface WatchOptions {
  /** First revision to deliver (inclusive). Absent: only changes after the watch starts. */
  fromRevision?: number;
  /** Buffered batches before the watcher counts as too slow and is closed with WatchOverflow. Default 10,000. */
  maxBuffered?: number;
}

/**
 * A running watch. Iterate it for batches; iteration ends normally after `cancel()`, and throws a StoreError
 * (Compacted, WatchOverflow, Closed, Unavailable) when the store ends the watch.
 */
export interface Watch extends AsyncIterable<WatchBatch> {
  /** Asks for a progress notification: a batch with no events and the revision up to which this watch is current. */
  requestProgress(): void;
  /** Stops the watch. Idempotent. */
  cancel(): void;
}

export interface StoreStats {
  backend: string;
  revision: number;
  compactRevision: number;
  /** Number of live keys. */
  keys: number;
  /** Bytes on disk where that applies. */
  sizeBytes?: number;
}

export interface Store {
  /** Backend name: `memory`, `sqlite`, `etcd`. */
  readonly backend: string;

  currentRevision(): Promise<number>;
  get(key: string, opts?: GetOptions): Promise<GetResult>;
  /** Keys starting with `prefix`, in key order. */
  range(prefix: string, opts?: RangeOptions): Promise<RangeResult>;
  /** Number of live keys starting with `prefix`. */
  count(prefix: string): Promise<number>;

  /** Creates `key`; fails with KeyExists when it is live. */
  create(key: string, value: string): Promise<WriteResult>;
  /** Replaces `key` if its modRevision is `expectedModRevision`; Conflict otherwise, NotFound if absent. */
  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult>;
  /** Deletes `key`; NotFound if absent; Conflict if `expectedModRevision` is given and differs. */
  delete(key: string, opts?: DeleteOptions): Promise<DeleteResult>;
  /** All compares hold → `success` ops, else `failure` ops; atomically, at one new revision if anything is written. */
  txn(req: TxnRequest): Promise<TxnResult>;

  watch(prefix: string, opts?: WatchOptions): Watch;

  /** Discards history before `revision`. Reads and watches below it fail with Compacted afterwards. */
  compact(revision: number): Promise<void>;
  /** The revision history is kept from (0 if never compacted). */
  compactRevision(): Promise<number>;

  stats(): Promise<StoreStats>;
  /** Closes the store; open watches end with Closed. Idempotent. */
  close(): Promise<void>;
}
