import { describe, expect, it } from 'vitest';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from './rolling.js';
import { FakeScaler } from './testing/fake-scaler.js';
import { T_OLD, newDeployment, rs } from './testing/fixtures.js';

// kubernetes pkg/controller/deployment/rolling_test.go, with availability read from ReplicaSet status as the
// current controller does.
describe('reconcileNewReplicaSet', () => {
  it.each([
    { name: 'should not scale up', replicas: 10, surge: 0, old: 10, cur: 0, scaled: false, want: 0 },
    { name: 'scale up by surge', replicas: 10, surge: 2, old: 10, cur: 0, scaled: true, want: 2 },
    { name: 'scale up to fill', replicas: 10, surge: 2, old: 5, cur: 0, scaled: true, want: 7 },
    { name: 'at the surge limit', replicas: 10, surge: 2, old: 10, cur: 2, scaled: false, want: 2 },
    { name: 'should scale down', replicas: 10, surge: 2, old: 2, cur: 11, scaled: true, want: 10 },
  ])('$name', async ({ replicas, surge, old, cur, scaled, want }) => {
    const newRS = rs('foo-v2', cur);
    const d = newDeployment('foo', replicas, { maxSurge: surge, maxUnavailable: 0 });
    const scaler = new FakeScaler();
    expect(await reconcileNewReplicaSet(scaler, [newRS, rs('foo-v1', old, { createdAt: T_OLD })], newRS, d)).toBe(scaled);
    expect(scaler.sizes([newRS])['foo-v2']).toBe(want);
    expect(scaler.writes.length).toBe(scaled ? 1 : 0);
  });
});

describe('reconcileOldReplicaSets', () => {
  it.each([
    { name: 'maxUnavailable 0 resolves to 1', replicas: 10, unavailable: 0, old: 10, cur: 0, readyOld: 10, readyNew: 0, scaled: true, wantOld: 9 },
    { name: 'scale down by maxUnavailable', replicas: 10, unavailable: 2, old: 10, cur: 0, readyOld: 10, readyNew: 0, scaled: true, wantOld: 8 },
    { name: 'unhealthy old replicas are cleaned up', replicas: 10, unavailable: 2, old: 10, cur: 0, readyOld: 8, readyNew: 0, scaled: true, wantOld: 8 },
    { name: 'one unhealthy cleaned up, one ready scaled down', replicas: 10, unavailable: 2, old: 10, cur: 0, readyOld: 9, readyNew: 0, scaled: true, wantOld: 8 },
    { name: 'unavailable new pods block further scale down', replicas: 10, unavailable: 2, old: 8, cur: 2, readyOld: 8, readyNew: 0, scaled: false, wantOld: 8 },
  ])('$name', async ({ replicas, unavailable, old, cur, readyOld, readyNew, scaled, wantOld }) => {
    const newRS = rs('foo-new', cur, { available: readyNew });
    const oldRS = rs('foo-old', old, { available: readyOld, createdAt: T_OLD });
    const d = newDeployment('foo', replicas, { maxSurge: 0, maxUnavailable: unavailable });
    const scaler = new FakeScaler();
    expect(await reconcileOldReplicaSets(scaler, [oldRS, newRS], [oldRS], newRS, d)).toBe(scaled);
    expect(scaler.sizes([oldRS])['foo-old']).toBe(wantOld);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  it.each([
    { old: 10, ready: 8, max: 1, want: 1 },
    { old: 10, ready: 8, max: 3, want: 2 },
    { old: 10, ready: 8, max: 0, want: 0 },
    { old: 10, ready: 10, max: 3, want: 0 },
  ])('old $old, ready $ready, at most $max → $want cleaned', async ({ old, ready, max, want }) => {
    const oldRS = rs('foo-v2', old, { available: ready });
    const scaler = new FakeScaler();
    const { cleaned, oldRSs } = await cleanupUnhealthyReplicas(scaler, [oldRS], newDeployment('foo', 10, { maxSurge: 2, maxUnavailable: 2 }), max);
    expect(cleaned).toBe(want);
    expect(oldRSs[0]!.spec!.replicas).toBe(old - want);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  it.each([
    { replicas: 10, unavailable: 0, ready: 10, old: 10, want: 1, wantOld: 9 },
    { replicas: 10, unavailable: 2, ready: 10, old: 10, want: 2, wantOld: 8 },
    { replicas: 10, unavailable: 2, ready: 8, old: 10, want: 0, wantOld: 10 },
    { replicas: 10, unavailable: 2, ready: 10, old: 0, want: 0, wantOld: 0 },
    { replicas: 10, unavailable: 2, ready: 1, old: 10, want: 0, wantOld: 10 },
  ])('$replicas replicas, maxUnavailable $unavailable, $ready available of $old → $want', async ({ replicas, unavailable, ready, old, want, wantOld }) => {
    const oldRS = rs('foo-v2', old, { available: ready });
    const scaler = new FakeScaler();
    const d = newDeployment('foo', replicas, { maxSurge: 0, maxUnavailable: unavailable });
    expect(await scaleDownOldReplicaSetsForRollingUpdate(scaler, [oldRS], [oldRS], d)).toBe(want);
    expect(scaler.sizes([oldRS])['foo-v2']).toBe(wantOld);
  });
});
