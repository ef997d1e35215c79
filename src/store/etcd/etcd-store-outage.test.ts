import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnavailable } from '../errors.js';
import { expectStoreError, WatchReader } from '../testing/index.js';
import { EtcdStore } from './index.js';
import { etcdSkipReason, startEtcd, type EtcdProcess } from './testing/index.js';

// Its own etcd, since the test stops it.
const skipReason = etcdSkipReason();
if (skipReason) console.warn(`[etcd-store-outage.test] ${skipReason}`);

describe.skipIf(skipReason !== null)('EtcdStore without a reachable etcd', () => {
  let gone: EtcdProcess | null = null;
  let store: EtcdStore | null = null;

  beforeAll(async () => {
    gone = await startEtcd();
    store = new EtcdStore({ endpoints: gone.endpoints, requestTimeoutMs: 2_000 });
    await store.create('/before', 'x');
  });
  afterAll(async () => {
    await store?.close();
    await gone?.stop();
  });

  it('fails reads, writes and watches with Unavailable once etcd is gone', async () => {
    const s = store!;
    const w = new WatchReader(s.watch('/'), { label: 'watch across the outage', timeoutMs: 5_000 });
    await s.create('/live', 'x');
    await w.nextEvents();
    await gone!.stop();
    await w.expectError('Unavailable');
    await expectStoreError(s.get('/before'), 'Unavailable');
    const err = await expectStoreError(s.create('/after', 'x'), 'Unavailable');
    expect(isUnavailable(err)).toBe(true);
  });
});
