import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../types.js';
import type { Version } from './history.js';
import { compactHistory, latest, valueAt } from './history.js';

const kv = (rev: number, createRevision = 2): KeyValue => ({ key: '/k', value: `v${rev}`, createRevision, modRevision: rev, version: 1 });

/** Created at 2, updated at 4, deleted at 6, re-created at 8. */
function sample(): Version[] {
  return [
    { rev: 2, kv: kv(2) },
    { rev: 4, kv: kv(4) },
    { rev: 6, kv: null },
    { rev: 8, kv: kv(8, 8) },
  ];
}

describe('valueAt', () => {
  it('returns the version in effect at each revision', () => {
    const h = sample();
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((r) => valueAt(h, r)?.value ?? null)).toEqual([
      null, 'v2', 'v2', 'v4', 'v4', null, null, 'v8', 'v8',
    ]);
    expect(valueAt([], 5)).toBeNull();
  });
});

describe('latest', () => {
  it('is the last version, null for a tombstone or no history', () => {
    expect(latest(sample())?.value).toBe('v8');
    expect(latest(sample().slice(0, 3))).toBeNull();
    expect(latest(undefined)).toBeNull();
  });
});

describe('compactHistory', () => {
  it('keeps the newest version at or below the compact revision', () => {
    const h = sample();
    expect(compactHistory(h, 5)).toBe(1);
    expect(h.map((v) => v.rev)).toEqual([4, 6, 8]);
    expect(valueAt(h, 5)?.value).toBe('v4');
  });

  it('drops a tombstone at or below the compact revision with everything before it', () => {
    const h = sample();
    expect(compactHistory(h, 7)).toBe(3);
    expect(h.map((v) => v.rev)).toEqual([8]);
    expect(valueAt(h, 7)).toBeNull();
  });

  it('leaves history newer than the compact revision alone, and can empty a deleted key', () => {
    const h = sample();
    expect(compactHistory(h, 1)).toBe(0);
    expect(h).toHaveLength(4);
    const gone = sample().slice(0, 3);
    compactHistory(gone, 6);
    expect(gone).toEqual([]);
  });
});
