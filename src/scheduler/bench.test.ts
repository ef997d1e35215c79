import { describe, expect, it } from 'vitest';
import { benchSchedulingBasic, seededRandom } from './bench.js';

describe('benchSchedulingBasic (smoke: correctness only, no timing assertions)', () => {
  it('schedules every measured pod and reports latency percentiles', async () => {
    const r = await benchSchedulingBasic({ nodes: 120, initPods: 20, measuredPods: 200 });
    expect(r).toMatchObject({ nodes: 120, initPods: 20, measuredPods: 200, scheduled: 200 });
    expect(r.p50Ms).toBeLessThanOrEqual(r.p99Ms);
    expect(r.e2eP50Ms).toBeLessThanOrEqual(r.e2eP99Ms);
  });

  it('stops placing pods on full nodes (40 pods of 100m fit a 4-cpu node)', async () => {
    const r = await benchSchedulingBasic({ nodes: 2, initPods: 0, measuredPods: 81 });
    expect(r.scheduled).toBe(80);
  });

  it('has a reproducible random source', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
