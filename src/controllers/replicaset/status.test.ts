import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../api/index.js';
import { isStatusOnlyChange } from './controller.js';
import { calculateStatus, statusNeedsUpdate } from './status.js';

const NOW = Date.UTC(2026, 0, 1, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function rs(replicas: number, o: { minReadySeconds?: number; status?: ReplicaSet['status'] } = {}): ReplicaSet {
  return {
    metadata: { name: 'web', namespace: 'ns', generation: 2, resourceVersion: '1' },
    spec: { replicas, ...(o.minReadySeconds ? { minReadySeconds: o.minReadySeconds } : {}), selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
    ...(o.status ? { status: o.status } : {}),
  };
}

function pod(labels: Record<string, string>, readySince?: number): Pod {
  return {
    metadata: { name: 'p', labels },
    ...(readySince !== undefined ? { status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(readySince) }] } } : {}),
  };
}

describe('calculateStatus', () => {
  it('counts fully labelled, ready and available pods (minReadySeconds respected), omitting zeros', () => {
    const pods = [pod({ app: 'web', tier: 'fe' }, NOW - 60_000), pod({ app: 'web', tier: 'fe' }, NOW - 5_000), pod({ app: 'web' }), pod({ app: 'web' }, NOW - 60_000)];
    expect(calculateStatus(rs(4, { minReadySeconds: 10 }), pods, { nowMs: NOW })).toEqual({ replicas: 4, fullyLabeledReplicas: 2, readyReplicas: 3, availableReplicas: 2 });
    expect(calculateStatus(rs(0), [], { nowMs: NOW })).toEqual({ replicas: 0 });
  });

  it('adds ReplicaFailure (FailedCreate / FailedDelete) on error and removes it once the error is gone', () => {
    const failed = calculateStatus(rs(3), [pod({ app: 'web' })], { nowMs: NOW, manageError: new Error('quota') });
    expect(failed.conditions).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), reason: 'FailedCreate', message: 'quota' }]);
    expect(calculateStatus(rs(0), [pod({ app: 'web' })], { nowMs: NOW, manageError: new Error('x') }).conditions?.[0]?.reason).toBe('FailedDelete');
    const keep = calculateStatus(rs(3, { status: failed }), [pod({ app: 'web' })], { nowMs: NOW + 1000, manageError: new Error('again') });
    expect(keep.conditions).toEqual(failed.conditions); // an existing condition is not rewritten
    expect(calculateStatus(rs(3, { status: failed }), [pod({ app: 'web' })], { nowMs: NOW }).conditions).toBeUndefined();
  });

  it('needs a write only when counts, observed generation or conditions changed', () => {
    const cur = rs(1, { status: { replicas: 1, observedGeneration: 2 } });
    expect(statusNeedsUpdate(cur, { replicas: 1 })).toBe(false);
    expect(statusNeedsUpdate(cur, { replicas: 1, readyReplicas: 1 })).toBe(true);
    expect(statusNeedsUpdate({ ...cur, metadata: { ...cur.metadata, generation: 3 } }, { replicas: 1 })).toBe(true);
  });
});

describe('isStatusOnlyChange', () => {
  it('is true for the echo of a status write and false for spec/metadata changes or resyncs', () => {
    const a = rs(1, { status: { replicas: 0 } });
    const echo = { ...a, metadata: { ...a.metadata, resourceVersion: '2' }, status: { replicas: 1 } };
    expect(isStatusOnlyChange(a, echo)).toBe(true);
    expect(isStatusOnlyChange(a, { ...echo, spec: { ...a.spec!, replicas: 2 } })).toBe(false);
    expect(isStatusOnlyChange(a, { ...echo, metadata: { ...echo.metadata, labels: { x: 'y' } } })).toBe(false);
    expect(isStatusOnlyChange(a, a)).toBe(false);
  });
});
