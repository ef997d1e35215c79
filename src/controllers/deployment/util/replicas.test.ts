import { describe, expect, it } from 'vitest';
import { isControllerError } from '../../shared/errors.js';
import { T_NEW, T_OLD, T_OLDER, newDeployment, rs, sizedFor } from '../testing/fixtures.js';
import {
  findActiveOrLatest,
  getProportion,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  scaledValueFromIntOrPercent,
} from './replicas.js';

describe('resolveFenceposts (maxSurge rounds up, maxUnavailable down)', () => {
  it.each([
    { surge: 0, unavail: 0, desired: 0, want: [0, 1] },
    { surge: '39%', unavail: '39%', desired: 10, want: [4, 3] },
    { surge: 5, unavail: 1, desired: 0, want: [5, 1] },
    { surge: '25%', unavail: '25%', desired: 3, want: [1, 0] },
    { surge: '25%', unavail: '25%', desired: 1, want: [1, 0] },
    { surge: '1%', unavail: '1%', desired: 2, want: [1, 0] },
    { surge: '0%', unavail: '1%', desired: 2, want: [0, 1] },
    { surge: undefined, unavail: undefined, desired: 10, want: [0, 1] },
  ])('surge $surge unavailable $unavail of $desired → $want', ({ surge, unavail, desired, want }) => {
    expect(resolveFenceposts(surge, unavail, desired)).toEqual(want);
  });

  it.each(['oops', '10', '%', '1.5%'])('rejects %j', (v) => {
    let caught: unknown;
    try {
      scaledValueFromIntOrPercent(v, 10, true);
    } catch (err) {
      caught = err;
    }
    expect(isControllerError(caught, 'InvalidValue')).toBe(true);
  });
});

describe('maxSurge / maxUnavailable', () => {
  it('are 0 for Recreate and maxUnavailable never exceeds replicas', () => {
    expect(maxSurge(newDeployment('d', 3, { strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailable(newDeployment('d', 3, { strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailable(newDeployment('d', 2, { maxUnavailable: 5 }))).toBe(2);
    expect(maxUnavailable(newDeployment('d', 0, { maxUnavailable: 5 }))).toBe(0);
  });

  it('default to 25% each when rollingUpdate is absent', () => {
    const d = newDeployment('d', 10);
    d.spec!.strategy = { type: 'RollingUpdate' };
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([3, 2]);
  });
});

describe('newRSNewReplicas (deployment_util_test TestNewRSNewReplicas)', () => {
  it.each([
    { name: 'can not scale up - to newRSReplicas', strategy: 'RollingUpdate' as const, depReplicas: 1, newRSReplicas: 5, maxSurge: 1, want: 5 },
    { name: 'scale up - to depReplicas', strategy: 'RollingUpdate' as const, depReplicas: 6, newRSReplicas: 2, maxSurge: 10, want: 6 },
    { name: 'recreate - to depReplicas', strategy: 'Recreate' as const, depReplicas: 3, newRSReplicas: 1, maxSurge: 1, want: 3 },
  ])('$name', ({ strategy, depReplicas, newRSReplicas, maxSurge: surge, want }) => {
    const d = newDeployment('nginx', depReplicas, { strategy, maxSurge: surge, maxUnavailable: 1 });
    expect(newRSNewReplicas(d, [rs('rs5', 5)], rs('new', newRSReplicas))).toBe(want);
  });

  it.each([
    // rolling_test TestDeploymentController_reconcileNewReplicaSet
    { replicas: 10, surge: 0, old: 10, cur: 0, want: 0 },
    { replicas: 10, surge: 2, old: 10, cur: 0, want: 2 },
    { replicas: 10, surge: 2, old: 5, cur: 0, want: 7 },
    { replicas: 10, surge: 2, old: 10, cur: 2, want: 2 },
  ])('rolling: $replicas replicas, surge $surge, old $old, new $cur → $want', ({ replicas, surge, old, cur, want }) => {
    const d = newDeployment('foo', replicas, { maxSurge: surge });
    const newRS = rs('foo-v2', cur);
    expect(newRSNewReplicas(d, [newRS, rs('foo-v1', old)], newRS)).toBe(want);
  });
});

describe('isSaturated / findActiveOrLatest', () => {
  it('needs size, desired annotation and availability all equal to spec.replicas', () => {
    const d = newDeployment('d', 3);
    expect(isSaturated(d, sizedFor(rs('a', 3, { available: 3 }), 3))).toBe(true);
    expect(isSaturated(d, sizedFor(rs('a', 3, { available: 2 }), 3))).toBe(false);
    expect(isSaturated(d, sizedFor(rs('a', 3, { available: 3 }), 4))).toBe(false);
    expect(isSaturated(d, rs('a', 3, { available: 3 }))).toBe(false);
    expect(isSaturated(d, undefined)).toBe(false);
  });

  it('returns the single active, else the newest when none is active, else nothing', () => {
    const older = rs('older', 0, { createdAt: T_OLDER });
    const old = rs('old', 0, { createdAt: T_OLD });
    expect(findActiveOrLatest(undefined, [older, old])?.metadata.name).toBe('old');
    expect(findActiveOrLatest(rs('new', 0, { createdAt: T_NEW }), [older])?.metadata.name).toBe('new');
    expect(findActiveOrLatest(rs('new', 0), [rs('a', 2, { createdAt: T_OLD })])?.metadata.name).toBe('a');
    expect(findActiveOrLatest(rs('new', 1), [rs('a', 2, { createdAt: T_OLD })])).toBeUndefined();
    expect(findActiveOrLatest(undefined, [])).toBeUndefined();
  });
});

describe('getProportion', () => {
  it('bounds the share by what is left to add (up) or remove (down)', () => {
    const d = newDeployment('foo', 10);
    const r = sizedFor(rs('r', 3), 5);
    expect(getProportion(r, d, 5, 0)).toBe(3); // round(3*10/5) - 3
    expect(getProportion(r, d, 5, 4)).toBe(1);
    expect(getProportion(r, d, 5, 5)).toBe(0);
    const down = newDeployment('foo', 3);
    expect(getProportion(sizedFor(rs('r', 3), 5), down, -2, 0)).toBe(-1); // round(3*3/5) - 3 = -1
    expect(getProportion(rs('zero', 0), d, 5, 0)).toBe(0);
  });
});
