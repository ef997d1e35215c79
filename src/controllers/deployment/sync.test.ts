import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../api/index.js';
import { EventRecorder, RestClient, refs } from '../../client/index.js';
import { FakeApiServer } from '../../client/testing/index.js';
import { FakeClock } from '../../machinery/index.js';
import type { DeploymentDeps } from './deps.js';
import { progressCheckDelay } from './progress.js';
import { oldPodsRunning } from './recreate.js';
import { calculateStatus } from './status.js';
import { cleanupDeployment } from './sync.js';
import { T_OLD, newDeployment, rs } from './testing/fixtures.js';
import { MAX_INT32, deploymentTimedOut } from './util/conditions.js';

function deps(): { deps: DeploymentDeps; server: FakeApiServer } {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  return {
    server,
    deps: {
      dClient: client.resource<Deployment>(refs.deployments),
      rsClient: client.resource<ReplicaSet>(refs.replicaSets),
      rsLister: undefined as never, // cleanupDeployment never reads the cache
      recorder: new EventRecorder({ client, component: 'deployment-controller', clock, onError: () => undefined }),
      clock,
    },
  };
}

// kubernetes sync_test.go TestDeploymentController_cleanupDeployment.
describe('cleanupDeployment', () => {
  const withStatus = (name: string, spec: number, status: number) => rs(name, spec, { statusReplicas: status });
  const deleting = { ...withStatus('foo-1', 0, 0), metadata: { ...withStatus('foo-1', 0, 0).metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
  it.each([
    { name: 'keeps the newest revisionHistoryLimit', old: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], limit: 1, deletions: 2 },
    { name: 'deletes only fully scaled-down sets', old: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 1), withStatus('foo-3', 1, 0), withStatus('foo-4', 1, 1)], limit: 0, deletions: 1 },
    { name: 'limit 0 deletes all idle sets', old: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0)], limit: 0, deletions: 2 },
    { name: 'never deletes sets with replicas', old: [withStatus('foo-1', 1, 1), withStatus('foo-2', 1, 1)], limit: 0, deletions: 0 },
    { name: 'skips sets already being deleted', old: [deleting], limit: 0, deletions: 0 },
    { name: 'unlimited history keeps everything', old: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], limit: MAX_INT32, deletions: 0 },
  ])('$name', async ({ old, limit, deletions }) => {
    const { deps: d, server } = deps();
    for (const r of old) server.put(refs.replicaSets, r);
    await cleanupDeployment(d, old, newDeployment('foo', 1, { revisionHistoryLimit: limit }));
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(deletions);
  });

  it('deletes the lowest revisions first', async () => {
    const { deps: d, server } = deps();
    const old = [rs('r3', 0, { revision: 3, statusReplicas: 0 }), rs('r1', 0, { revision: 1, statusReplicas: 0 }), rs('r2', 0, { revision: 2, statusReplicas: 0 })];
    for (const r of old) server.put(refs.replicaSets, r);
    await cleanupDeployment(d, old, newDeployment('foo', 1, { revisionHistoryLimit: 1 }));
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop())).toEqual(['r1', 'r2']);
  });
});

describe('calculateStatus (deployment)', () => {
  it('sums the replica sets and sets Available from maxUnavailable', () => {
    const d = newDeployment('foo', 4, { maxSurge: 1, maxUnavailable: 1 });
    const newRS: ReplicaSet = { ...rs('new', 2), status: { replicas: 2, readyReplicas: 2, availableReplicas: 1 } };
    const oldRS: ReplicaSet = { ...rs('old', 3, { createdAt: T_OLD }), status: { replicas: 3, readyReplicas: 3, availableReplicas: 2 } };
    const s = calculateStatus([oldRS, newRS], newRS, d, Date.UTC(2026, 0, 1));
    expect(s).toMatchObject({ observedGeneration: 1, replicas: 5, updatedReplicas: 2, readyReplicas: 5, availableReplicas: 3, unavailableReplicas: 2 });
    expect(s.conditions).toEqual([expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })]);
    const low = calculateStatus([newRS], newRS, d, Date.UTC(2026, 0, 1));
    expect(low.conditions?.[0]).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });
});

describe('progress deadline', () => {
  const progressing = (lastUpdate: string, reason = 'ReplicaSetUpdated'): Deployment => {
    const d = newDeployment('foo', 2);
    d.spec!.progressDeadlineSeconds = 60;
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: lastUpdate, lastTransitionTime: lastUpdate }] };
    return d;
  };
  const t0 = Date.UTC(2026, 0, 1);

  it('times out strictly after progressDeadlineSeconds since the last update', () => {
    const d = progressing('2026-01-01T00:00:00Z');
    expect(deploymentTimedOut(d, d.status!, t0 + 60_000)).toBe(false);
    expect(deploymentTimedOut(d, d.status!, t0 + 60_001)).toBe(true);
    const done = progressing('2026-01-01T00:00:00Z', 'NewReplicaSetAvailable');
    expect(deploymentTimedOut(done, done.status!, t0 + 3600_000)).toBe(false);
  });

  it('asks for a progress check when the deadline is due (plus one second), not for complete rollouts', () => {
    const d = progressing('2026-01-01T00:00:00Z');
    expect(progressCheckDelay(d, { replicas: 2, updatedReplicas: 1 }, t0 + 20_000)).toBe(41_000);
    expect(progressCheckDelay(d, { replicas: 2, updatedReplicas: 1 }, t0 + 90_000)).toBe(1_000);
    expect(progressCheckDelay(d, { replicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 1 }, t0)).toBeUndefined();
  });
});

describe('oldPodsRunning (Recreate)', () => {
  const podIn = (phase: NonNullable<Pod['status']>['phase']): Pod => ({ metadata: { name: 'p' }, status: { phase } });
  it.each([
    { name: 'no pods', pods: {}, old: 0, want: false },
    { name: 'old replica set still reports replicas', pods: {}, old: 1, want: true },
    { name: 'old running pod', pods: { 'uid-old': [podIn('Running')] }, old: 0, want: true },
    { name: 'old pod in Unknown counts', pods: { 'uid-old': [podIn('Unknown')] }, old: 0, want: true },
    { name: 'terminal old pods do not count', pods: { 'uid-old': [podIn('Failed'), podIn('Succeeded')] }, old: 0, want: false },
    { name: 'pods of the new replica set do not count', pods: { 'uid-new': [podIn('Running')] }, old: 0, want: false },
  ])('$name', ({ pods, old, want }) => {
    const oldRS = rs('old', 0, { statusReplicas: old });
    expect(oldPodsRunning(rs('new', 1), [oldRS], new Map(Object.entries(pods)))).toBe(want);
  });
});
