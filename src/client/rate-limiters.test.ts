import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiters.js';

describe('ItemExponentialFailureRateLimiter', () => {
  it('doubles per failure from the base, per item, until forget', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20, 40]);
    expect(l.when('b')).toBe(5);
    expect(l.numRequeues('a')).toBe(4);
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
    expect(l.when('a')).toBe(5);
  });

  it('caps at the maximum, even after very many failures', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    let last = 0;
    for (let i = 0; i < 2000; i++) last = l.when('x');
    expect(last).toBe(1_000_000);
    const l2 = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    const delays = Array.from({ length: 20 }, () => l2.when('y'));
    expect(delays[17]).toBe(5 * 2 ** 17); // 655.36 s
    expect(delays[18]).toBe(1_000_000); // 1310.72 s would exceed 1000 s
  });
});

describe('BucketRateLimiter', () => {
  it('lets a burst through, then spaces items at 1/qps across all items', () => {
    const clock = new FakeClock();
    const l = new BucketRateLimiter({ qps: 10, burst: 100, clock });
    for (let i = 0; i < 100; i++) expect(l.when(`k${i}`)).toBe(0);
    expect(l.when('x')).toBeCloseTo(100);
    expect(l.when('y')).toBeCloseTo(200);
    clock.advance(200);
    expect(l.when('z')).toBeCloseTo(100);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('is the max of the per-item backoff and the overall bucket', () => {
    const clock = new FakeClock();
    const l = defaultControllerRateLimiter(clock);
    expect(l.when('a')).toBe(5);
    expect(l.when('a')).toBe(10);
    for (let i = 0; i < 98; i++) l.when(`other${i}`);
    // The bucket is now empty: a fresh item waits for the bucket (100 ms), not its 5 ms backoff.
    expect(l.when('fresh')).toBeCloseTo(100);
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
  });

  it('MaxOf records failures in every limiter', () => {
    const a = new ItemExponentialFailureRateLimiter(1, 1000);
    const b = new ItemExponentialFailureRateLimiter(3, 1000);
    const l = new MaxOfRateLimiter(a, b);
    expect([l.when('k'), l.when('k')]).toEqual([3, 6]);
    expect(a.numRequeues('k')).toBe(2);
  });
});
