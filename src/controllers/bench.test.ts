import { describe, expect, it } from 'vitest';
import { benchReplicaSetCreation } from './bench.js';

describe('benchReplicaSetCreation', () => {
  it('creates every replica of the benchmark ReplicaSet and reports the counts (no timing assertions)', async () => {
    const r = await benchReplicaSetCreation({ replicas: 600, workers: 2, timeoutMs: 60_000 });
    expect(r).toMatchObject({ replicas: 600, created: 600, timedOut: false });
    expect(r.statusWrites).toBeGreaterThan(0);
    expect(r.podsPerSecond).toBeGreaterThan(0);
  });
});
