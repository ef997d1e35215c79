import { describe, expect, it } from 'vitest';
import { SequentialUidSource, UidSourceError, isUid, newUid, randomUidSource } from './uid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newUid', () => {
  it('returns distinct RFC 4122 version-4 UUIDs', () => {
    const a = newUid();
    const b = randomUidSource.next();
    expect(a).toMatch(V4);
    expect(b).toMatch(V4);
    expect(a).not.toBe(b);
  });
});

describe('SequentialUidSource', () => {
  it('yields the same valid v4-shaped sequence on every run', () => {
    const s = new SequentialUidSource();
    expect([s.next(), s.next()]).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
    expect(new SequentialUidSource().next()).toBe('00000000-0000-4000-8000-000000000001');
    expect(s.next()).toMatch(V4);
  });

  it('keeps sources with different seeds disjoint', () => {
    expect(new SequentialUidSource({ seed: 255 }).next()).toBe('000000ff-0000-4000-8000-000000000001');
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('rejects seed %d with a typed error', (seed) => {
    expect(() => new SequentialUidSource({ seed })).toThrow(UidSourceError);
  });
});

describe('isUid', () => {
  it.each([
    ['00000000-0000-4000-8000-000000000001', true],
    ['0A000000-0000-4000-8000-000000000001', false],
    ['not-a-uid', false],
    [42, false],
  ])('%j → %s', (value, want) => {
    expect(isUid(value)).toBe(want);
  });
});
