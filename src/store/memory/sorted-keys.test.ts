import { describe, expect, it } from 'vitest';
import { lowerBound, SortedKeys } from './sorted-keys.js';

function shuffled(n: number): string[] {
  // Deterministic permutation: i * 7919 mod n visits every index once when n is not a multiple of 7919.
  return Array.from({ length: n }, (_, i) => `/k/${String((i * 7919) % n).padStart(6, '0')}`);
}

describe('lowerBound', () => {
  const arr = ['/a', '/b', '/b/', '/c'];
  it('finds the first element ≥ the key', () => {
    expect(lowerBound(arr, '/b')).toBe(1);
    expect(lowerBound(arr, '/bb')).toBe(3);
    expect(lowerBound(arr, '')).toBe(0);
    expect(lowerBound(arr, '/z')).toBe(4);
  });
  it('finds the first element > the key when strict', () => {
    expect(lowerBound(arr, '/b', true)).toBe(2);
    expect(lowerBound(arr, '/c', true)).toBe(4);
  });
});

describe('SortedKeys', () => {
  it('keeps a few inserted keys in order (splice path)', () => {
    const s = new SortedKeys();
    for (const k of ['/c', '/a', '/b']) s.add(k);
    expect(s.view()).toEqual(['/a', '/b', '/c']);
    s.add('/bb');
    expect(s.view()).toEqual(['/a', '/b', '/bb', '/c']);
  });

  it('keeps many inserted keys in order (sort and merge path)', () => {
    const s = new SortedKeys();
    const keys = shuffled(10_000);
    for (const k of keys.slice(0, 5_000)) s.add(k);
    expect(s.view()).toEqual(keys.slice(0, 5_000).sort());
    for (const k of keys.slice(5_000)) s.add(k);
    expect(s.view()).toEqual([...keys].sort());
    expect(s.size).toBe(10_000);
  });

  it('removes keys, including ones not yet merged', () => {
    const s = new SortedKeys();
    for (const k of ['/a', '/b', '/c']) s.add(k);
    s.view();
    s.add('/d');
    s.removeAll(new Set(['/b', '/d']));
    expect(s.view()).toEqual(['/a', '/c']);
  });
});
