import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import { Backoff } from './backoff.js';
import { goDuration, rfc3339, rfc3339Nano } from './time.js';

describe('Backoff', () => {
  it('doubles from 10 s up to 300 s', () => {
    const clock = new FakeClock();
    const b = new Backoff(clock);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('k', clock.now());
      seen.push(b.get('k') / 1000);
      clock.advance(1000);
    }
    expect(seen).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it('is in back-off until the delay since the event has passed', () => {
    const clock = new FakeClock();
    const b = new Backoff(clock);
    const t = clock.now();
    b.next('k', t);
    clock.advance(9_999);
    expect(b.isInBackOffSince('k', t)).toBe(true);
    clock.advance(1);
    expect(b.isInBackOffSince('k', t)).toBe(false);
  });

  it('starts over after ten idle minutes', () => {
    const clock = new FakeClock();
    const b = new Backoff(clock);
    b.next('k', clock.now());
    b.next('k', clock.now());
    expect(b.get('k')).toBe(20_000);
    clock.advance(600_001);
    b.next('k', clock.now());
    expect(b.get('k')).toBe(10_000);
  });
});

describe('time formatting', () => {
  it('prints like Go', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(523)).toBe('523ms');
    expect(goDuration(1200)).toBe('1.2s');
    expect(goDuration(62_500)).toBe('1m2.5s');
    expect(goDuration(3_600_000)).toBe('1h0m0s');
    expect(rfc3339(Date.UTC(2026, 0, 1, 0, 0, 5, 900))).toBe('2026-01-01T00:00:05Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1, 0, 0, 5, 900))).toBe('2026-01-01T00:00:05.9Z');
  });
});
