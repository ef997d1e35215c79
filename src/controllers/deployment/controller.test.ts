import { afterEach, describe, expect, it } from 'vitest';
import { applyDefaults, type Deployment, type Pod, type ReplicaSet } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { ReplicaSetController } from '../replicaset/controller.js';
import { fakeKubelet, startControllers, type Harness } from '../shared/testing/harness.js';
import { DeploymentController } from './controller.js';
import { computeHash } from './util/hash.js';

const NS = 'default';
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function deployment(name: string, o: { replicas?: number; strategy?: 'Recreate'; paused?: boolean; progressDeadlineSeconds?: number; revisionHistoryLimit?: number; annotations?: Record<string, string> } = {}): Deployment {
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, generation: 1, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      ...(o.strategy ? { strategy: { type: o.strategy } } : {}),
      ...(o.paused ? { paused: true } : {}),
      ...(o.progressDeadlineSeconds ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
    },
  };
  return applyDefaults({ group: 'apps', version: 'v1', kind: 'Deployment' }, d);
}

async function start(kubelet: { hold?: (p: Pod) => boolean } | false = {}): Promise<Harness> {
  h = await startControllers([new DeploymentController({ workers: 2, onError: () => undefined }), new ReplicaSetController({ workers: 2, onError: () => undefined })]);
  if (kubelet) fakeKubelet(h, kubelet);
  return h;
}

const dep = (hh: Harness, name: string) => hh.server.object<Deployment>(refs.deployments, NS, name)!;
const replicaSets = (hh: Harness) => hh.server.store.list('apps/replicasets', NS) as ReplicaSet[];
const rsByRevision = (hh: Harness, rev: string) => replicaSets(hh).find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev);
const pods = (hh: Harness) => hh.server.store.list('/pods', NS) as Pod[];

/** kubectl `rollout status`'s test for "done". */
function rolledOut(hh: Harness, name: string): boolean {
  const d = dep(hh, name);
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

/** A spec change as the API server records it: generation + 1. */
function changeSpec(hh: Harness, name: string, fn: (d: Deployment) => void): void {
  const d = structuredClone(dep(hh, name));
  fn(d);
  d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  hh.server.put(refs.deployments, d);
}

const settle = (hh: Harness, cond: () => boolean, what: string) => hh.advanceUntil(cond, { maxMs: 120_000, stepMs: 250, what });

describe('Deployment controller', () => {
  it('creates <name>-<pod-template-hash> with revision 1, owned by the deployment, and rolls it out', async () => {
    const h = await start();
    const d = h.server.put(refs.deployments, deployment('nginx', { annotations: { 'kubernetes.io/change-cause': 'first', 'skiff.dev/trace-context': '00-t-01' } }));
    await settle(h, () => rolledOut(h, 'nginx'), 'rolled out');
    const hash = computeHash(d.spec!.template);
    const [rs] = replicaSets(h);
    expect(replicaSets(h)).toHaveLength(1);
    expect(rs!.metadata.name).toBe(`nginx-${hash}`);
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs!.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(rs!.spec?.selector).toEqual({ matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
    expect(rs!.spec?.template?.metadata?.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'kubernetes.io/change-cause': 'first',
      'skiff.dev/trace-context': '00-t-01',
    });
    expect(pods(h).every((p) => p.metadata.annotations?.['skiff.dev/trace-context'] === '00-t-01')).toBe(true);
    expect(dep(h, 'nginx').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const conds = Object.fromEntries((dep(h, 'nginx').status?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));
    expect(conds).toEqual({ Available: 'True/MinimumReplicasAvailable', Progressing: 'True/NewReplicaSetAvailable' });
    await h.until(() => h.events(NS).some((e) => e.reason === 'ScalingReplicaSet'));
    expect(h.events(NS).find((e) => e.reason === 'ScalingReplicaSet')?.message).toBe(`Scaled up replica set nginx-${hash} from 0 to 3`);
  });

  it('rolls a template change out through a new ReplicaSet, then `rollout undo` reuses the old one as revision 3', async () => {
    const h = await start();
    h.server.put(refs.deployments, deployment('nginx'));
    await settle(h, () => rolledOut(h, 'nginx'), 'v1 rolled out');
    const first = rsByRevision(h, '1')!;

    changeSpec(h, 'nginx', (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.26'));
    await settle(h, () => rolledOut(h, 'nginx') && (rsByRevision(h, '1')?.spec?.replicas ?? -1) === 0, 'v2 rolled out');
    const second = rsByRevision(h, '2')!;
    expect(second.metadata.name).not.toBe(first.metadata.name);
    expect(second.spec?.replicas).toBe(3);
    expect(pods(h)).toHaveLength(3);
    expect(pods(h).every((p) => p.metadata.labels?.['pod-template-hash'] === second.metadata.labels?.['pod-template-hash'])).toBe(true);
    expect(h.events(NS).map((e) => e.message)).toContain(`Scaled down replica set ${first.metadata.name} from 3 to 2`);

    // kubectl rollout undo: spec.template := the revision-1 template, hash label removed, creationTimestamp null.
    changeSpec(h, 'nginx', (d) => {
      const t = structuredClone(first.spec!.template!);
      delete t.metadata!.labels!['pod-template-hash'];
      t.metadata!.creationTimestamp = null;
      d.spec!.template = t;
    });
    await settle(h, () => rolledOut(h, 'nginx') && (rsByRevision(h, '3')?.spec?.replicas ?? 0) === 3 && second.metadata.name !== undefined && replicaSets(h).find((r) => r.metadata.name === second.metadata.name)?.spec?.replicas === 0, 'undo rolled out');
    expect(replicaSets(h)).toHaveLength(2);
    const reused = rsByRevision(h, '3')!;
    expect(reused.metadata.name).toBe(first.metadata.name);
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(dep(h, 'nginx').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('`rollout restart` (restartedAt annotation on the template) makes a new ReplicaSet', async () => {
    const h = await start();
    h.server.put(refs.deployments, deployment('web', { replicas: 2 }));
    await settle(h, () => rolledOut(h, 'web'), 'rolled out');
    changeSpec(h, 'web', (d) => (d.spec!.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' }));
    await settle(h, () => rolledOut(h, 'web') && replicaSets(h).length === 2 && rsByRevision(h, '1')?.spec?.replicas === 0, 'restarted');
    expect(rsByRevision(h, '2')?.spec?.template?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' });
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', async () => {
    const h = await start();
    h.server.put(refs.deployments, deployment('db', { replicas: 2, strategy: 'Recreate' }));
    await settle(h, () => rolledOut(h, 'db'), 'rolled out');
    changeSpec(h, 'db', (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.26'));
    await settle(h, () => rolledOut(h, 'db') && replicaSets(h).length === 2, 'recreated');
    const events = h.events(NS).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    const down = events.findIndex((m) => m?.startsWith(`Scaled down replica set ${rsByRevision(h, '1')!.metadata.name} from 2 to 0`));
    const up = events.findIndex((m) => m === `Scaled up replica set ${rsByRevision(h, '2')!.metadata.name} from 0 to 2`);
    expect(down).toBeGreaterThanOrEqual(0);
    expect(up).toBeGreaterThan(down);
  });

  it('scales a paused deployment but does not roll it out; resuming rolls out', async () => {
    const h = await start();
    h.server.put(refs.deployments, deployment('app', { replicas: 2 }));
    await settle(h, () => rolledOut(h, 'app'), 'rolled out');
    changeSpec(h, 'app', (d) => {
      d.spec!.paused = true;
      d.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    });
    changeSpec(h, 'app', (d) => (d.spec!.replicas = 4));
    await settle(h, () => rsByRevision(h, '1')?.spec?.replicas === 4 && (dep(h, 'app').status?.observedGeneration ?? 0) === 3, 'scaled while paused');
    expect(replicaSets(h)).toHaveLength(1);
    expect(dep(h, 'app').status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    changeSpec(h, 'app', (d) => (d.spec!.paused = false));
    await settle(h, () => rolledOut(h, 'app') && replicaSets(h).length === 2 && rsByRevision(h, '1')?.spec?.replicas === 0, 'resumed');
    expect(rsByRevision(h, '2')?.spec?.replicas).toBe(4);
  });

  it('reports ProgressDeadlineExceeded when new pods never become available', async () => {
    const h = await start({ hold: (p) => p.spec?.containers[0]?.image === 'broken' });
    h.server.put(refs.deployments, deployment('api', { replicas: 2, progressDeadlineSeconds: 30 }));
    await settle(h, () => rolledOut(h, 'api'), 'rolled out');
    changeSpec(h, 'api', (d) => (d.spec!.template.spec!.containers[0]!.image = 'broken'));
    await settle(h, () => dep(h, 'api').status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded', 'timed out');
    expect(dep(h, 'api').status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${rsByRevision(h, '2')!.metadata.name}" has timed out progressing.` });
    expect(rsByRevision(h, '1')?.spec?.replicas).toBe(2); // maxUnavailable 25% of 2 rounds down to 0: old pods stay
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', async () => {
    const h = await start();
    h.server.put(refs.deployments, deployment('c', { replicas: 1, revisionHistoryLimit: 1 }));
    for (const image of ['a', 'b', 'c']) {
      changeSpec(h, 'c', (d) => (d.spec!.template.spec!.containers[0]!.image = image));
      await settle(h, () => rolledOut(h, 'c') && replicaSets(h).filter((r) => (r.spec?.replicas ?? 0) > 0).length === 1, `rolled out ${image}`);
    }
    await settle(h, () => replicaSets(h).length === 2, 'cleaned up');
    expect(replicaSets(h).map((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });

  it('adopts an orphan ReplicaSet whose labels match, instead of creating one', async () => {
    const h = await start(false);
    const d = deployment('legacy', { replicas: 0 });
    const hash = computeHash(d.spec!.template);
    h.server.put(refs.replicaSets, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `legacy-${hash}`, namespace: NS, labels: { app: 'legacy', 'pod-template-hash': hash } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'legacy', 'pod-template-hash': hash } }, template: { ...structuredClone(d.spec!.template), metadata: { labels: { app: 'legacy', 'pod-template-hash': hash } } } },
    });
    const created = h.server.put(refs.deployments, d);
    await settle(h, () => replicaSets(h)[0]?.metadata.ownerReferences?.[0]?.uid === created.metadata.uid && (dep(h, 'legacy').status?.observedGeneration ?? 0) === 1, 'adopted');
    expect(replicaSets(h)).toHaveLength(1);
  });
});
