import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/index.js';
import { scale } from './scale.js';
import { FakeScaler } from './testing/fake-scaler.js';
import { T_NEW, T_OLD, T_OLDER, newDeployment, rs, sizedFor } from './testing/fixtures.js';
import { maxSurge } from './util/replicas.js';

// kubernetes pkg/controller/deployment/sync_test.go TestScale.
interface Case {
  name: string;
  deployment: Deployment;
  oldDeployment: Deployment;
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
  expectedNew?: number;
  expectedOld: number[];
  desiredReplicasAnnotations?: Record<string, number>;
}

const d = (replicas: number, surge?: number, unavailable?: number) =>
  newDeployment('foo', replicas, { ...(surge !== undefined ? { maxSurge: surge } : {}), ...(unavailable !== undefined ? { maxUnavailable: unavailable } : {}) });

const cases: Case[] = [
  { name: 'normal scaling event: 10 -> 12', deployment: d(12), oldDeployment: d(10), newRS: rs('foo-v1', 10), oldRSs: [], expectedNew: 12, expectedOld: [] },
  { name: 'normal scaling event: 10 -> 5', deployment: d(5), oldDeployment: d(10), newRS: rs('foo-v1', 10), oldRSs: [], expectedNew: 5, expectedOld: [] },
  { name: 'proportional scaling: 5 -> 10', deployment: d(10), oldDeployment: d(5), newRS: rs('foo-v2', 2), oldRSs: [rs('foo-v1', 3, { createdAt: T_OLD })], expectedNew: 4, expectedOld: [6] },
  { name: 'proportional scaling: 5 -> 3', deployment: d(3), oldDeployment: d(5), newRS: rs('foo-v2', 2), oldRSs: [rs('foo-v1', 3, { createdAt: T_OLD })], expectedNew: 1, expectedOld: [2] },
  { name: 'proportional scaling: 9 -> 4', deployment: d(4), oldDeployment: d(9), newRS: rs('foo-v2', 8), oldRSs: [rs('foo-v1', 1, { createdAt: T_OLD })], expectedNew: 4, expectedOld: [0] },
  {
    name: 'proportional scaling: 7 -> 10',
    deployment: d(10),
    oldDeployment: d(7),
    newRS: rs('foo-v3', 2),
    oldRSs: [rs('foo-v2', 3, { createdAt: T_OLD }), rs('foo-v1', 2, { createdAt: T_OLDER })],
    expectedNew: 3,
    expectedOld: [4, 3],
  },
  {
    name: 'proportional scaling: 13 -> 8',
    deployment: d(8),
    oldDeployment: d(13),
    newRS: rs('foo-v3', 2),
    oldRSs: [rs('foo-v2', 8, { createdAt: T_OLD }), rs('foo-v1', 3, { createdAt: T_OLDER })],
    expectedNew: 1,
    expectedOld: [5, 2],
  },
  {
    name: 'leftover distribution: 3 -> 4 (scales up the new replica set)',
    deployment: d(4),
    oldDeployment: d(3),
    newRS: rs('foo-v3', 1),
    oldRSs: [rs('foo-v2', 1, { createdAt: T_OLD }), rs('foo-v1', 1, { createdAt: T_OLDER })],
    expectedNew: 2,
    expectedOld: [1, 1],
  },
  {
    name: 'leftover distribution: 3 -> 2 (scales down the older replica set)',
    deployment: d(2),
    oldDeployment: d(3),
    newRS: rs('foo-v3', 1),
    oldRSs: [rs('foo-v2', 1, { createdAt: T_OLD }), rs('foo-v1', 1, { createdAt: T_OLDER })],
    expectedNew: 1,
    expectedOld: [1, 0],
  },
  {
    name: 'proportional scaling (no new rs): 4 -> 5 (latest first)',
    deployment: d(5),
    oldDeployment: d(4),
    oldRSs: [rs('foo-v2', 2, { createdAt: T_OLD }), rs('foo-v1', 2, { createdAt: T_OLDER })],
    expectedOld: [3, 2],
  },
  {
    name: 'proportional scaling: 6 -> 0',
    deployment: d(0),
    oldDeployment: d(6),
    newRS: rs('foo-v3', 3),
    oldRSs: [rs('foo-v2', 2, { createdAt: T_OLD }), rs('foo-v1', 1, { createdAt: T_OLDER })],
    expectedNew: 0,
    expectedOld: [0, 0],
  },
  {
    name: 'proportional scaling: 0 -> 6',
    deployment: d(6),
    oldDeployment: d(6),
    newRS: rs('foo-v3', 0),
    oldRSs: [rs('foo-v2', 0, { createdAt: T_OLD }), rs('foo-v1', 0, { createdAt: T_OLDER })],
    expectedNew: 6,
    expectedOld: [0, 0],
  },
  {
    name: 'one replica set had another desired size',
    deployment: d(5),
    oldDeployment: d(5),
    newRS: rs('foo-v3', 2),
    oldRSs: [rs('foo-v2', 1, { createdAt: T_OLD }), rs('foo-v1', 1, { createdAt: T_OLDER })],
    expectedNew: 2,
    expectedOld: [2, 1],
    desiredReplicasAnnotations: { 'foo-v2': 3 },
  },
  { name: 'deployment with surge pods', deployment: d(20, 2), oldDeployment: d(10, 2), newRS: rs('foo-v2', 6), oldRSs: [rs('foo-v1', 6, { createdAt: T_OLD })], expectedNew: 11, expectedOld: [11] },
  { name: 'change both surge and size', deployment: d(50, 6), oldDeployment: d(10, 3), newRS: rs('foo-v2', 5), oldRSs: [rs('foo-v1', 8, { createdAt: T_OLD })], expectedNew: 22, expectedOld: [34] },
  {
    name: 'change both size and template',
    deployment: d(14),
    oldDeployment: d(10),
    oldRSs: [rs('foo-v2', 7, { createdAt: T_NEW }), rs('foo-v1', 3, { createdAt: T_OLD })],
    expectedOld: [10, 4],
  },
  {
    name: 'saturated but broken new replica set does not affect old pods',
    deployment: d(2, 1, 1),
    oldDeployment: d(2, 1, 1),
    newRS: rs('foo-v2', 2, { available: 0 }),
    oldRSs: [rs('foo-v1', 1, { createdAt: T_OLD })],
    expectedNew: 2,
    expectedOld: [1],
  },
];

describe('scale (proportional scaling)', () => {
  it.each(cases)('$name', async (c) => {
    const annotate = (r: ReplicaSet) => {
      const desired = c.desiredReplicasAnnotations?.[r.metadata.name ?? ''] ?? c.oldDeployment.spec!.replicas!;
      sizedFor(r, desired, maxSurge(c.oldDeployment));
    };
    if (c.newRS) annotate(c.newRS);
    c.oldRSs.forEach(annotate);
    const scaler = new FakeScaler();
    await scale(scaler, c.deployment, c.newRS, c.oldRSs);
    const sizes = scaler.sizes([...(c.newRS ? [c.newRS] : []), ...c.oldRSs]);
    if (c.newRS) expect(sizes[c.newRS.metadata.name!]).toBe(c.expectedNew);
    expect(c.oldRSs.map((r) => sizes[r.metadata.name!])).toEqual(c.expectedOld);
  });

  it('scales every old replica set to zero once the new one is saturated', async () => {
    const deployment = d(3);
    const newRS = sizedFor(rs('foo-v2', 3, { available: 3 }), 3);
    const old = [sizedFor(rs('foo-v1', 1, { createdAt: T_OLD }), 3), sizedFor(rs('foo-v0', 0, { createdAt: T_OLDER }), 3)];
    const scaler = new FakeScaler();
    await scale(scaler, deployment, newRS, old);
    expect(scaler.writes).toEqual([{ name: 'foo-v1', replicas: 0, op: 'down' }]);
  });

  it('stops at the first failed write', async () => {
    const c = cases.find((x) => x.name === 'proportional scaling: 7 -> 10')!;
    const scaler = new FakeScaler();
    scaler.failing.add('foo-v2');
    const fresh = (r: ReplicaSet) => sizedFor(structuredClone(r), 7);
    await expect(scale(scaler, c.deployment, fresh(c.newRS!), c.oldRSs.map(fresh))).rejects.toThrow('refused');
    expect(scaler.writes).toEqual([]); // foo-v2 (the largest) goes first; nothing after it is written
  });
});
