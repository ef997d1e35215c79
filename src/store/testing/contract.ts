/**
 * The shared contract every `Store` backend must pass (model: k8s.io/apiserver pkg/storage/testing/store_tests.go,
 * etcd's mvcc semantics, kine's tests). Run it from a backend's test file:
 *
 *   runStoreContract('sqlite', async () => { const store = ...; return { store, cleanup: async () => {...} }; });
 *
 * Each test gets a fresh store from `makeStore` and calls `cleanup` afterwards; `cleanup` must tolerate a store the
 * test already closed. The suite assumes nothing about absolute revisions (a backend may share a cluster whose
 * revision is far from 1) and never sleeps: watch waits are bounded by `timeoutMs` and fail with a message naming what
 * was awaited. It does assume no one else writes to the store during a test.
 *
 * Semantics pinned here beyond types.ts:
 * - A watch without `fromRevision` delivers every write that starts after `watch()` returned.
 * - A watch's failure (Compacted, Closed, InvalidArgument) may be thrown by `watch()` or by the first `next()`.
 * - Deleting a missing key inside a txn writes nothing (no revision bump), as in etcd.
 * - `compact(rev)` fails with FutureRevision above the current revision and with Compacted below the compact revision.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { Store, WatchOptions } from '../types.js';
import { DEFAULT_TIMEOUT_MS, WatchReader } from './helpers.js';
import { defineKvTests } from './contract-kv.js';
import { defineRangeTests } from './contract-range.js';
import { defineTxnTests } from './contract-txn.js';
import { defineWatchTests } from './contract-watch.js';
import { defineLifecycleTests } from './contract-lifecycle.js';

export interface StoreFixture {
  store: Store;
  /** Releases the backend's resources; must work after the test closed the store itself. */
  cleanup(): Promise<void>;
}

export interface StoreContractOptions {
  /** Bound on every wait for a watch batch (default 5,000 ms). */
  timeoutMs?: number;
  /** Number of concurrent watchers in the fan-out test (default 50). */
  watchers?: number;
  /** Test titles to skip: only for gaps the backend documents; every entry is a known failure of the contract. */
  skip?: readonly string[];
}

/** What each group of contract tests gets: the current test's store and a way to open tracked watch readers. */
export interface ContractContext {
  readonly timeoutMs: number;
  readonly watchers: number;
  store(): Store;
  /** Opens a background-consumed watch that is cancelled after the test. */
  watch(prefix: string, opts?: WatchOptions): WatchReader;
  /** Registers a test (honouring `skip`). */
  test(title: string, fn: () => Promise<void>): void;
}

/** Registers the full contract as a vitest `describe` block named after the backend. */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<StoreFixture>,
  opts: StoreContractOptions = {},
): void {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const skip = new Set(opts.skip ?? []);
  let fixture: StoreFixture | null = null;
  let readers: WatchReader[] = [];

  const ctx: ContractContext = {
    timeoutMs,
    watchers: opts.watchers ?? 50,
    store() {
      if (!fixture) throw new Error('store contract: no store (makeStore failed?)');
      return fixture.store;
    },
    watch(prefix, watchOpts = {}) {
      const r = WatchReader.open(ctx.store(), prefix, { ...watchOpts, timeoutMs });
      readers.push(r);
      return r;
    },
    test(title, fn) {
      if (skip.has(title)) it.skip(title, fn);
      else it(title, fn);
    },
  };

  describe(`store contract: ${name}`, () => {
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      for (const r of readers) r.cancel();
      readers = [];
      const f = fixture;
      fixture = null;
      await f?.cleanup();
    });

    describe('get / create / update / delete', () => defineKvTests(ctx));
    describe('range and count', () => defineRangeTests(ctx));
    describe('txn', () => defineTxnTests(ctx));
    describe('watch', () => defineWatchTests(ctx));
    describe('compaction, close and input validation', () => defineLifecycleTests(ctx));
  });
}
