import { describe, expect, it } from 'vitest';
import { slowStartBatch, slowStartBatchSizes } from './slow-start.js';

describe('slowStartBatchSizes', () => {
  it.each([
    { count: 0, want: [] },
    { count: 1, want: [1] },
    { count: 3, want: [1, 2] },
    { count: 10, want: [1, 2, 4, 3] },
    { count: 500, want: [1, 2, 4, 8, 16, 32, 64, 128, 245] },
  ])('$count calls run in batches $want', ({ count, want }) => {
    expect(slowStartBatchSizes(count)).toEqual(want);
  });

  it('caps batches at maxBatchSize', () => {
    expect(slowStartBatchSizes(1000, { maxBatchSize: 100 })).toEqual([1, 2, 4, 8, 16, 32, 64, 100, 100, 100, 100, 100, 100, 100, 100, 73]);
  });
});

describe('slowStartBatch', () => {
  it('calls fn count times and reports every success', async () => {
    const seen: number[] = [];
    const r = await slowStartBatch(10, async (i) => void seen.push(i));
    expect(r).toEqual({ successes: 10 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stops after the first batch with a failure', async () => {
    // Kubernetes' TestSlowStartBatch: 10 calls, the 6th fails → batches 1, 2, 4 ran (7 calls), 6 succeeded.
    let calls = 0;
    const r = await slowStartBatch(10, async () => {
      calls++;
      if (calls === 6) throw new Error('fail');
    });
    expect(calls).toBe(7);
    expect(r.successes).toBe(6);
    expect((r.error as Error).message).toBe('fail');
  });

  it('runs the calls of one batch concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    await slowStartBatch(7, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((r) => setImmediate(r));
      inFlight--;
    });
    expect(peak).toBe(4);
  });
});
