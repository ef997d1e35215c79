import { describe, expect, it } from 'vitest';
import { newDeployment, rs } from '../testing/fixtures.js';
import {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  lastRevision,
  maxRevision,
  replicasAnnotationsNeedUpdate,
  setDeploymentAnnotationsTo,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './annotations.js';

describe('revisions', () => {
  it('finds the max and the previous revision, skipping unparseable ones', () => {
    const list = [rs('a', 0, { revision: 1 }), rs('b', 0, { revision: 3 }), rs('c', 0, { revision: 2 }), rs('d', 0)];
    list[3]!.metadata.annotations![REVISION_ANNOTATION] = 'x';
    expect(maxRevision(list)).toBe(3);
    expect(lastRevision(list)).toBe(2);
    expect(lastRevision([rs('a', 0, { revision: 1 })])).toBe(0);
  });
});

describe('setNewReplicaSetAnnotations', () => {
  it('copies deployment annotations except the skipped ones, and sets replicas annotations on a new ReplicaSet', () => {
    const d = newDeployment('d', 3, { maxSurge: 1 });
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image', [REVISION_ANNOTATION]: '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const r = rs('r', 0);
    expect(setNewReplicaSetAnnotations(d, r, { newRevision: '1', exists: false, maxSurge: 1 })).toBe(true);
    expect(r.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image',
      [REVISION_ANNOTATION]: '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
  });

  it('moves a reused ReplicaSet to the new revision and keeps its old one in revision-history', () => {
    const d = newDeployment('d', 3);
    const r = rs('r', 0, { revision: 1 });
    expect(setNewReplicaSetAnnotations(d, r, { newRevision: '3', exists: true, maxSurge: 0 })).toBe(true);
    expect(r.metadata.annotations?.[REVISION_ANNOTATION]).toBe('3');
    expect(r.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('1');
    setNewReplicaSetAnnotations(d, r, { newRevision: '5', exists: true, maxSurge: 0 });
    expect(r.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('1,3');
  });

  it('never lowers a revision and reports no change when nothing changed', () => {
    const d = newDeployment('d', 3);
    const r = rs('r', 0, { revision: 4 });
    expect(setNewReplicaSetAnnotations(d, r, { newRevision: '2', exists: true, maxSurge: 0 })).toBe(false);
    expect(r.metadata.annotations?.[REVISION_ANNOTATION]).toBe('4');
  });

  it('drops the oldest history entries to stay within the length limit', () => {
    const d = newDeployment('d', 3);
    const r = rs('r', 0, { revision: 7 });
    r.metadata.annotations![REVISION_HISTORY_ANNOTATION] = '1,3,5';
    setNewReplicaSetAnnotations(d, r, { newRevision: '9', exists: true, maxSurge: 0, historyLimitChars: 5 });
    expect(r.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('3,5,7');
  });
});

describe('replicas annotations and rollback annotations', () => {
  it('sets and checks desired/max replicas', () => {
    const r = rs('r', 0);
    expect(replicasAnnotationsNeedUpdate(r, 3, 4)).toBe(true);
    expect(setReplicasAnnotations(r, 3, 4)).toBe(true);
    expect(setReplicasAnnotations(r, 3, 4)).toBe(false);
    expect(replicasAnnotationsNeedUpdate(r, 3, 4)).toBe(false);
  });

  it('setDeploymentAnnotationsTo keeps the deployment’s own skipped annotations and takes the rest from the ReplicaSet', () => {
    const d = newDeployment('d', 1);
    d.metadata.annotations = { [REVISION_ANNOTATION]: '4', 'kubernetes.io/change-cause': 'new' };
    const r = rs('r', 0, { revision: 2 });
    r.metadata.annotations!['kubernetes.io/change-cause'] = 'old';
    setDeploymentAnnotationsTo(d, r);
    expect(d.metadata.annotations).toEqual({ [REVISION_ANNOTATION]: '4', 'kubernetes.io/change-cause': 'old' });
  });
});
