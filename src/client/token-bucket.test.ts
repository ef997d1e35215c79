import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import { isClientError } from './errors.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full: burst reservations are free, the next waits 1/qps', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ qps: 5, burst: 10, clock });
    for (let i = 0; i < 10; i++) expect(b.reserve()).toBe(0);
    expect(b.reserve()).toBeCloseTo(200);
    expect(b.reserve()).toBeCloseTo(400);
  });

  it('refills at qps and never above burst', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ qps: 2, burst: 3, clock });
    for (let i = 0; i < 3; i++) b.reserve();
    expect(b.tokens()).toBeCloseTo(0);
    clock.advance(500);
    expect(b.tokens()).toBeCloseTo(1);
    clock.advance(60_000);
    expect(b.tokens()).toBeCloseTo(3);
  });

  it('tryAccept takes a token only when one is available', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ qps: 1, burst: 1, clock });
    expect(b.tryAccept()).toBe(true);
    expect(b.tryAccept()).toBe(false);
    clock.advance(999);
    expect(b.tryAccept()).toBe(false);
    clock.advance(1);
    expect(b.tryAccept()).toBe(true);
  });

  it('wait resolves only after the reserved delay has passed on the clock', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ qps: 10, burst: 1, clock });
    await b.wait();
    let done = false;
    const p = b.wait().then(() => (done = true));
    await clock.advanceAsync(99);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('an aborted wait gives its token back', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ qps: 1, burst: 1, clock });
    b.reserve();
    const ac = new AbortController();
    const p = b.wait(ac.signal);
    expect(b.tokens()).toBeCloseTo(-1);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(b.tokens()).toBeCloseTo(0);
  });

  it('qps Infinity never delays', () => {
    const b = new TokenBucket({ qps: Infinity, burst: 0, clock: new FakeClock() });
    for (let i = 0; i < 1000; i++) expect(b.reserve()).toBe(0);
  });

  it('rejects a non-positive qps', () => {
    let caught: unknown;
    try {
      new TokenBucket({ qps: 0, burst: 1, clock: new FakeClock() });
    } catch (err) {
      caught = err;
    }
    expect(isClientError(caught, 'InvalidConfig')).toBe(true);
  });
});
