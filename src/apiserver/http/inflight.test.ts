import { describe, expect, it } from 'vitest';
import { FakeClock, isApiError } from '../../machinery/index.js';
import { InFlightLimiter } from './inflight.js';

const settled = async <T>(p: Promise<T>) => {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  p.then(
    () => (state = 'fulfilled'),
    () => (state = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('InFlightLimiter', () => {
  it('seats up to max at once, queues the rest and seats them in arrival order as seats free up', async () => {
    const l = new InFlightLimiter({ max: 2, clock: new FakeClock() });
    const a = await l.acquire();
    const b = await l.acquire();
    const order: string[] = [];
    const c = l.acquire().then((r) => (order.push('c'), r));
    const d = l.acquire().then((r) => (order.push('d'), r));
    expect(await settled(c)).toBe('pending');
    expect(l.queued).toBe(2);
    a();
    a(); // idempotent: releases one seat only
    await c;
    expect(await settled(d)).toBe('pending');
    b();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(l.running).toBe(2);
  });

  it('answers 429 with Retry-After 1 when the queue is full', async () => {
    const l = new InFlightLimiter({ max: 1, maxQueued: 1, clock: new FakeClock() });
    await l.acquire();
    void l.acquire();
    const err = await l.acquire().catch((e: unknown) => e);
    expect(isApiError(err) && err.code === 429 && err.details?.retryAfterSeconds === 1).toBe(true);
  });

  it('answers 429 to a request that waited maxWaitMs, which then never takes a seat', async () => {
    const clock = new FakeClock();
    const l = new InFlightLimiter({ max: 1, maxWaitMs: 15_000, clock });
    const first = await l.acquire();
    const waiting = l.acquire();
    await clock.advanceAsync(14_999);
    expect(await settled(waiting)).toBe('pending');
    await clock.advanceAsync(1);
    expect(await settled(waiting)).toBe('rejected');
    first();
    expect(l.running).toBe(0);
    expect(l.queued).toBe(0);
  });
});
