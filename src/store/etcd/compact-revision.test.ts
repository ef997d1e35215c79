import { describe, expect, it } from 'vitest';
import { findCompactRevision, type RevisionProbe } from './compact-revision.js';

/** A fake etcd with `current` revisions, compacted at `compact` (0 = never); counts reads. */
function fakeEtcd(current: number, compact: number) {
  const probe: RevisionProbe & { reads: number } = {
    reads: 0,
    current: async () => current,
    readable: async (rev) => {
      probe.reads++;
      return rev >= compact;
    },
  };
  return probe;
}

describe('findCompactRevision', () => {
  it('is 0 when revision 1 is still readable', async () => {
    const p = fakeEtcd(500, 0);
    expect(await findCompactRevision(p)).toBe(0);
    expect(p.reads).toBe(1);
    expect(await findCompactRevision(fakeEtcd(1, 0))).toBe(0);
  });

  it('finds any compact revision by search', async () => {
    for (const compact of [2, 3, 77, 499, 500]) {
      expect(await findCompactRevision(fakeEtcd(500, compact)), `compact ${compact}`).toBe(compact);
    }
  });

  it('needs only two reads with a correct guess', async () => {
    const p = fakeEtcd(1_000_000, 4242);
    expect(await findCompactRevision(p, { guess: 4242 })).toBe(4242);
    expect(p.reads).toBe(2);
  });

  it('recovers from a stale guess in either direction', async () => {
    expect(await findCompactRevision(fakeEtcd(1000, 600), { guess: 300 })).toBe(600);
    expect(await findCompactRevision(fakeEtcd(1000, 200), { guess: 300 })).toBe(200);
  });

  it('uses a known unreadable revision as the lower bound', async () => {
    const p = fakeEtcd(1000, 101);
    expect(await findCompactRevision(p, { unreadable: 100 })).toBe(101);
    expect(await findCompactRevision(fakeEtcd(1000, 1000), { unreadable: 999 })).toBe(1000);
  });
});
