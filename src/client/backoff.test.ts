import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const b = new Backoff(new FakeClock(), { initialMs: 800, maxMs: 5000, jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([800, 1600, 3200, 5000, 5000]);
  });

  it('adds up to jitter × delay at random', () => {
    const b = new Backoff(new FakeClock(), { initialMs: 100, jitter: 0.5, random: () => 0.5 });
    expect(b.next()).toBe(125);
  });

  it('starts over after a quiet period and after reset()', () => {
    const clock = new FakeClock();
    const b = new Backoff(clock, { initialMs: 10, jitter: 0, resetAfterMs: 1000 });
    b.next();
    b.next();
    clock.advance(1001);
    expect(b.next()).toBe(10);
    b.next();
    b.reset();
    expect(b.next()).toBe(10);
  });
});
