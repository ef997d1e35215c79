/**
 * Group commit: every write request arriving before the next flush is applied in ONE sqlite transaction (one fsync),
 * each request at its own revision, in arrival order.
 *
 * Guarantees:
 * - A request's promise settles only after the transaction holding it has committed (fsynced, see schema.ts), or
 *   after it failed. Requests of one batch get consecutive revisions in arrival order; a request that fails its
 *   precondition (KeyExists, NotFound, Conflict) writes nothing and takes no revision, and does not affect the others.
 * - After the commit, for each request in revision order, its events are published to the watch hub and then its
 *   promise settles, all in one synchronous block, so no read or watch registration can observe a gap.
 * - If sqlite fails the batch (I/O error, disk full), it is rolled back and every request is retried alone, so one
 *   poisonous request cannot fail its neighbours; what still fails is rejected with Unavailable.
 *
 * better-sqlite3 is synchronous, so "a commit in progress" blocks the event loop: requests that arrive meanwhile queue
 * up in the event loop and all land in the next batch. The flush runs on `setImmediate`, after the I/O callbacks of the
 * current loop iteration, so one batch collects everything that arrived in that iteration.
 */
import type Database from 'better-sqlite3';
import { storeErrors } from '../errors.js';
import type { StoreError } from '../errors.js';
import type { KeyValue, StoreEvent, TxnOp, TxnOpResult, TxnRequest } from '../types.js';
import type { CurrentRow, Statements } from './statements.js';

/** Committed counters, shared with the store; the writer advances them after each commit. */
export interface CommittedState {
  revision: number;
  nextId: number;
  keys: number;
}

/** Counters that make group commit observable. */
export interface CommitStats {
  /** Sqlite transactions committed for write requests. */
  transactions: number;
  /** Write requests settled (succeeded or failed). */
  writes: number;
  /** Most requests committed in one transaction. */
  largestBatch: number;
}

const enum Kind {
  Create,
  Update,
  Delete,
  Txn,
}

interface Request {
  kind: Kind;
  key: string;
  value: string;
  /** Expected modRevision; -1 = unguarded. */
  expected: number;
  txn: TxnRequest | null;
  resolve: (v: never) => void;
  reject: (e: unknown) => void;
  result: unknown;
  error: StoreError | null;
  events: StoreEvent[] | null;
  rev: number;
}

export interface GroupCommitterDeps {
  db: Database.Database;
  statements: Statements;
  state: CommittedState;
  publish(events: readonly StoreEvent[], revision: number): void;
}

const tombstone = (key: string, rev: number): KeyValue => ({ key, value: '', createRevision: 0, modRevision: rev, version: 0 });

const toKv = (key: string, row: CurrentRow): KeyValue => ({
  key,
  value: row.value,
  createRevision: row.createRevision,
  modRevision: row.modRevision,
  version: row.version,
});

export class GroupCommitter {
  readonly stats: CommitStats = { transactions: 0, writes: 0, largestBatch: 0 };
  private queue: Request[] = [];
  private scheduled = false;
  // Working copies of the committed counters while a batch is applied; discarded if it rolls back.
  private rev = 0;
  private nextId = 0;
  private keys = 0;
  private lastError: unknown = null;
  private readonly st: Statements;
  private readonly applyAll: (batch: Request[]) => void;
  private readonly flushNow = () => this.flush();

  constructor(private readonly deps: GroupCommitterDeps) {
    this.st = deps.statements;
    this.applyAll = deps.db.transaction((batch: Request[]) => {
      for (const r of batch) this.apply(r);
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  create(key: string, value: string): Promise<unknown> {
    return this.submit(Kind.Create, key, value, -1, null);
  }

  update(key: string, value: string, expected: number): Promise<unknown> {
    return this.submit(Kind.Update, key, value, expected, null);
  }

  delete(key: string, expected: number): Promise<unknown> {
    return this.submit(Kind.Delete, key, '', expected, null);
  }

  txn(req: TxnRequest): Promise<unknown> {
    return this.submit(Kind.Txn, '', '', -1, req);
  }

  private submit(kind: Kind, key: string, value: string, expected: number, txn: TxnRequest | null): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, key, value, expected, txn, resolve, reject, result: null, error: null, events: null, rev: 0 });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flushNow);
      }
    });
  }

  /** Commits everything queued, synchronously. The store calls it on close so queued writes are not lost. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    if (!this.commit(batch)) {
      for (const r of batch) {
        if (batch.length === 1 || !this.commit([r])) r.error = storeErrors.unavailable('sqlite write failed', this.lastError);
      }
    }
    this.stats.writes += batch.length;
    for (const r of batch) {
      if (r.events) this.deps.publish(r.events, r.rev);
      if (r.error) r.reject(r.error);
      else (r.resolve as (v: unknown) => void)(r.result);
    }
  }

  private commit(batch: Request[]): boolean {
    const state = this.deps.state;
    this.rev = state.revision;
    this.nextId = state.nextId;
    this.keys = state.keys;
    try {
      this.applyAll(batch);
    } catch (err) {
      this.lastError = err;
      for (const r of batch) {
        r.result = r.error = r.events = null;
      }
      return false;
    }
    state.revision = this.rev;
    state.nextId = this.nextId;
    state.keys = this.keys;
    this.stats.transactions++;
    if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
    return true;
  }

  private apply(r: Request): void {
    switch (r.kind) {
      case Kind.Create: {
        const cur = this.st.current.get(r.key);
        if (cur?.live) {
          r.error = storeErrors.keyExists(r.key);
          return;
        }
        const kv = this.put(r.key, r.value, ++this.rev, cur);
        r.rev = this.rev;
        r.result = { kv, revision: this.rev };
        r.events = [{ type: 'put', kv, prevKv: null }];
        return;
      }
      case Kind.Update: {
        const cur = this.st.current.get(r.key);
        if (!cur?.live) {
          r.error = storeErrors.notFound(r.key);
          return;
        }
        if (cur.modRevision !== r.expected) {
          r.error = storeErrors.conflict(r.key, cur.modRevision, r.expected);
          return;
        }
        const kv = this.put(r.key, r.value, ++this.rev, cur);
        r.rev = this.rev;
        r.result = { kv, revision: this.rev };
        r.events = [{ type: 'put', kv, prevKv: toKv(r.key, cur) }];
        return;
      }
      case Kind.Delete: {
        const cur = this.st.current.get(r.key);
        if (!cur?.live) {
          r.error = storeErrors.notFound(r.key);
          return;
        }
        if (r.expected !== -1 && cur.modRevision !== r.expected) {
          r.error = storeErrors.conflict(r.key, cur.modRevision, r.expected);
          return;
        }
        const kv = this.remove(r.key, ++this.rev, cur);
        const prevKv = toKv(r.key, cur);
        r.rev = this.rev;
        r.result = { prevKv, revision: this.rev };
        r.events = [{ type: 'delete', kv, prevKv }];
        return;
      }
      case Kind.Txn:
        this.applyTxn(r, r.txn!);
        return;
    }
  }

  private applyTxn(r: Request, req: TxnRequest): void {
    let succeeded = true;
    for (const c of req.compare) {
      const cur = this.st.current.get(c.key);
      if ((cur?.live ? cur.modRevision : 0) !== c.modRevision) {
        succeeded = false;
        break;
      }
    }
    const ops: readonly TxnOp[] = succeeded ? req.success : (req.failure ?? []);
    const results: TxnOpResult[] = [];
    const events: StoreEvent[] = [];
    let rev = 0;
    for (const op of ops) {
      const cur = this.st.current.get(op.key);
      const prevKv = cur?.live ? toKv(op.key, cur) : null;
      if (op.type === 'get') {
        results.push({ kv: prevKv, prevKv: null });
      } else if (op.type === 'put') {
        if (rev === 0) rev = ++this.rev;
        const kv = this.put(op.key, op.value, rev, cur);
        results.push({ kv, prevKv });
        events.push({ type: 'put', kv, prevKv });
      } else if (cur?.live) {
        if (rev === 0) rev = ++this.rev;
        events.push({ type: 'delete', kv: this.remove(op.key, rev, cur), prevKv });
        results.push({ kv: prevKv, prevKv });
      } else {
        results.push({ kv: null, prevKv: null });
      }
    }
    r.result = { succeeded, revision: rev || this.rev, results };
    if (rev) {
      r.rev = rev;
      r.events = events;
    }
  }

  /**
   * Writes `value` at `rev`: the next version of `cur` when it is live, else a new incarnation (linked to the
   * tombstone `cur`, if any, so reads at older revisions can walk back through it).
   */
  private put(key: string, value: string, rev: number, cur: CurrentRow | undefined): KeyValue {
    const id = this.nextId++;
    if (cur?.live) {
      this.st.insertLog.run(id, rev, key, 0, cur.createRevision, cur.version + 1, cur.id, value);
      this.st.setCurrent.run(id, 1, key);
      return { key, value, createRevision: cur.createRevision, modRevision: rev, version: cur.version + 1 };
    }
    this.st.insertLog.run(id, rev, key, 0, rev, 1, cur ? cur.id : null, value);
    if (cur) this.st.setCurrent.run(id, 1, key);
    else this.st.insertCurrent.run(key, id);
    this.keys++;
    return { key, value, createRevision: rev, modRevision: rev, version: 1 };
  }

  /** Writes a tombstone for the live `cur` at `rev`; returns the delete event's kv. */
  private remove(key: string, rev: number, cur: CurrentRow): KeyValue {
    const id = this.nextId++;
    this.st.insertLog.run(id, rev, key, 1, 0, 0, cur.id, null);
    this.st.setCurrent.run(id, 0, key);
    this.keys--;
    return tombstone(key, rev);
  }
}
