import { describe, expect, it } from 'vitest';
import { EventBuffer } from './event-buffer.js';
import type { CacheEvent } from './types.js';

const ev = (rv: number) => ({ type: 'ADDED', rv }) as unknown as CacheEvent;

describe('EventBuffer', () => {
  it('serves every event after a held revision', () => {
    const b = new EventBuffer(10, 5);
    for (let rv = 6; rv <= 9; rv++) b.add(ev(rv));
    expect(b.canServeFrom(5)).toBe(true);
    expect(b.canServeFrom(4)).toBe(false);
    expect(b.since(7).map((e) => e.rv)).toEqual([8, 9]);
    expect(b.since(5).map((e) => e.rv)).toEqual([6, 7, 8, 9]);
    expect(b.since(9)).toEqual([]);
  });

  it('moves its horizon as old events fall out', () => {
    const b = new EventBuffer(3, 0);
    for (let rv = 1; rv <= 10; rv++) b.add(ev(rv));
    expect(b.size).toBe(3);
    expect(b.oldestServable).toBe(7);
    expect(b.canServeFrom(6)).toBe(false);
    expect(b.since(7).map((e) => e.rv)).toEqual([8, 9, 10]);
  });

  it('keeps order across compaction of its array', () => {
    const b = new EventBuffer(100, 0);
    for (let rv = 1; rv <= 10_000; rv++) b.add(ev(rv));
    expect(b.since(9_990).map((e) => e.rv)).toEqual([9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999, 10000]);
    expect(b.canServeFrom(9_900)).toBe(true);
    expect(b.canServeFrom(9_899)).toBe(false);
  });
});
