import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ResourceList, ResourceQuota } from '../../api/index.js';
import { FakeClock, isForbidden } from '../../machinery/index.js';
import { computeQuotaUsage } from './quota-usage.js';
import { type QuotaStatusWriter, type UsageSource, resourceQuotaAdmission } from './resource-quota.js';
import { ArrayLister, attrsFor, pod } from './test-fixtures.js';

const quota = (name: string, hard: ResourceList, spec: Partial<NonNullable<ResourceQuota['spec']>> = {}): ResourceQuota => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'default' },
  spec: { hard, ...spec },
});

/** Usage from a plain array of stored objects, keyed by resource. */
class Stored implements UsageSource {
  readonly objects = new Map<string, KubeObject[]>();
  add(resource: string, obj: KubeObject): void {
    const list = this.objects.get(resource) ?? [];
    list.push(obj);
    this.objects.set(resource, list);
  }
  list(namespace: string, gr: { group: string; resource: string }): KubeObject[] {
    return (this.objects.get(gr.resource) ?? []).filter((o) => o.metadata.namespace === namespace);
  }
}

let seq = 0;
const withUid = (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, uid: `uid-${++seq}`, resourceVersion: '1' } });
const cpuPod = (name: string, cpu: string, phase?: 'Running' | 'Succeeded') =>
  withUid({ ...pod(name, { containers: [{ name: 'app', image: 'i', resources: { requests: { cpu, memory: '64Mi' }, limits: { cpu, memory: '64Mi' } } }] }), ...(phase ? { status: { phase } } : {}) });

function setup(quotas: ResourceQuota[], writer?: QuotaStatusWriter) {
  const stored = new Stored();
  const clock = new FakeClock();
  const errors: unknown[] = [];
  const plugin = resourceQuotaAdmission({ quotas: new ArrayLister(quotas), usage: stored, clock, ...(writer ? { statusWriter: writer } : {}), reportError: (e) => errors.push(e) });
  return { stored, clock, errors, plugin };
}

async function refusal(p: Promise<void>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isForbidden(err)) throw new Error(`expected Forbidden, got ${String(err)}`);
  return (err as Error).message;
}

describe('ResourceQuota admission', () => {
  it('stops the 4th pod when pods=3, with Kubernetes wording', async () => {
    const { stored, plugin } = setup([quota('q1', { pods: '3' })]);
    for (const n of ['a', 'b', 'c']) {
      const p = withUid(pod(n));
      await plugin.validate(attrsFor(p));
      stored.add('pods', p);
    }
    const msg = await refusal(plugin.validate(attrsFor(withUid(pod('d')))));
    expect(msg).toBe('pods "d" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=3, limited: pods=3');
  });

  it('counts admitted pods the listing does not show yet, so concurrent creates cannot overshoot', async () => {
    const { plugin } = setup([quota('q1', { pods: '2' })]);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((n) => plugin.validate(attrsFor(withUid(pod(n))))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('releases a reservation once the listing shows the object, and after the TTL otherwise', async () => {
    const { stored, plugin, clock } = setup([quota('q1', { pods: '1' })]);
    const a = withUid(pod('a'));
    await plugin.validate(attrsFor(a));
    stored.add('pods', a);
    await expect(plugin.validate(attrsFor(withUid(pod('b'))))).rejects.toThrow('used: pods=1');
    stored.objects.set('pods', []); // a was deleted
    await plugin.validate(attrsFor(withUid(pod('c')))); // c admitted, never stored
    await expect(plugin.validate(attrsFor(withUid(pod('d'))))).rejects.toThrow('exceeded quota');
    clock.advance(30_000);
    await plugin.validate(attrsFor(withUid(pod('e'))));
  });

  it('does not count pods in terminal phases, except for count/pods', async () => {
    const { stored, plugin } = setup([quota('compute', { pods: '1', 'requests.cpu': '1' }), quota('objects', { 'count/pods': '2' })]);
    stored.add('pods', cpuPod('done', '1', 'Succeeded'));
    await plugin.validate(attrsFor(cpuPod('new', '1')));
    const msg = await refusal(plugin.validate(attrsFor(cpuPod('third', '100m'))));
    expect(msg).toContain('exceeded quota: compute, requested: pods=1,requests.cpu=100m, used: pods=1,requests.cpu=1, limited: pods=1,requests.cpu=1');
  });

  it('sums cpu and memory with exact quantities', async () => {
    const { stored, plugin } = setup([quota('q', { 'limits.memory': '1Gi', 'requests.cpu': '1500m' })]);
    stored.add('pods', cpuPod('a', '700m'));
    stored.add('pods', cpuPod('b', '700m'));
    await plugin.validate(attrsFor(cpuPod('c', '100m')));
    const msg = await refusal(plugin.validate(attrsFor(cpuPod('d', '1m'))));
    expect(msg).toBe('pods "d" is forbidden: exceeded quota: q, requested: requests.cpu=1m, used: requests.cpu=1500m, limited: requests.cpu=1500m');
  });

  it('requires containers to state tracked cpu/memory', async () => {
    const { plugin } = setup([quota('q1', { 'limits.cpu': '2', 'requests.memory': '1Gi' })]);
    const msg = await refusal(plugin.validate(attrsFor(withUid(pod('bare')))));
    expect(msg).toBe('pods "bare" is forbidden: failed quota: q1: must specify limits.cpu for: app; requests.memory for: app');
  });

  it('counts other resources: services, configmaps and count/<resource>.<group>', async () => {
    const { stored, plugin } = setup([quota('q', { services: '1', 'services.nodeports': '1', configmaps: '0', 'count/deployments.apps': '1' })]);
    const svc = (name: string, type: string, ports = 1) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: name }, spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) } });
    const svcAttrs = (s: KubeObject) => attrsFor(s, { kind: 'Service', resource: 'services' });
    expect(await refusal(plugin.validate(svcAttrs(svc('np', 'NodePort', 2)))).catch(String)).toContain('requested: services.nodeports=2');
    await plugin.validate(svcAttrs(svc('c', 'ClusterIP')));
    stored.add('services', svc('c', 'ClusterIP'));
    expect(await refusal(plugin.validate(svcAttrs(svc('d', 'ClusterIP'))))).toContain('exceeded quota: q, requested: services=1, used: services=1, limited: services=1');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', uid: 'cm' } };
    expect(await refusal(plugin.validate(attrsFor(cm, { kind: 'ConfigMap', resource: 'configmaps' })))).toContain('requested: configmaps=1, used: configmaps=0, limited: configmaps=0');
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default', uid: 'd1' } };
    const deployAttrs = (d: KubeObject) => attrsFor(d, { group: 'apps', kind: 'Deployment', resource: 'deployments' });
    await plugin.validate(deployAttrs(deploy));
    expect(await refusal(plugin.validate(deployAttrs({ ...deploy, metadata: { ...deploy.metadata, name: 'e', uid: 'd2' } })))).toContain('count/deployments.apps=1');
  });

  it('applies scoped quotas to the pods they select only', async () => {
    const { plugin } = setup([quota('best-effort', { pods: '0' }, { scopes: ['BestEffort'] })]);
    await plugin.validate(attrsFor(cpuPod('burstable', '100m')));
    expect(await refusal(plugin.validate(attrsFor(withUid(pod('be')))))).toContain('exceeded quota: best-effort');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' } };
    await plugin.validate(attrsFor(cm, { kind: 'ConfigMap', resource: 'configmaps' }));
  });

  it('charges updates by the increase only', async () => {
    const { stored, plugin } = setup([quota('q', { 'requests.storage': '10Gi' })]);
    const claim = (size: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', uid: 'pvc', resourceVersion: '5' }, spec: { resources: { requests: { storage: size } } } });
    stored.add('persistentvolumeclaims', claim('8Gi'));
    const update = (next: string) => attrsFor(claim(next), { operation: 'UPDATE', oldObject: claim('8Gi'), kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' });
    await plugin.validate(update('8Gi'));
    expect(await refusal(plugin.validate(update('12Gi')))).toContain('requested: requests.storage=4Gi, used: requests.storage=8Gi, limited: requests.storage=10Gi');
  });

  it('writes status.used including the admitted object, and reports (not throws) failed writes', async () => {
    const writes: { name: string; used: ResourceList; hard: ResourceList }[] = [];
    let fail = false;
    const writer: QuotaStatusWriter = {
      updateStatus: (q, status) => {
        if (fail) return Promise.reject(new Error('conflict'));
        writes.push({ name: q.metadata.name!, ...status });
        return Promise.resolve();
      },
    };
    const { stored, plugin, errors } = setup([quota('q1', { pods: '5', 'requests.cpu': '2' })], writer);
    stored.add('pods', cpuPod('a', '500m'));
    await plugin.validate(attrsFor(cpuPod('b', '250m')));
    expect(writes).toEqual([{ name: 'q1', hard: { pods: '5', 'requests.cpu': '2' }, used: { pods: '2', 'requests.cpu': '750m' } }]);
    fail = true;
    await plugin.validate(attrsFor(cpuPod('c', '250m')));
    expect(errors).toHaveLength(1);
  });

  it('checks dry runs without reserving', async () => {
    const { plugin } = setup([quota('q1', { pods: '1' })]);
    await plugin.validate(attrsFor(withUid(pod('a')), { dryRun: true }));
    await plugin.validate(attrsFor(withUid(pod('b'))));
  });
});

describe('computeQuotaUsage', () => {
  it('sums what the quota tracks over objects in its namespace', () => {
    const q = quota('q', { pods: '10', 'limits.cpu': '4', 'count/pods': '10', secrets: '3' });
    const other = cpuPod('elsewhere', '1');
    other.metadata.namespace = 'other';
    const items = [cpuPod('a', '250m'), cpuPod('b', '1'), cpuPod('old', '2', 'Succeeded'), other].map((object) => ({ group: '', resource: 'pods', object }));
    const secret = { group: '', resource: 'secrets', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } } };
    expect(computeQuotaUsage(q, [...items, secret], { now: 0 })).toEqual({ pods: '2', 'limits.cpu': '1250m', 'count/pods': '3', secrets: '1' });
  });

  it('stops counting a deleted pod once its grace period is over', () => {
    const q = quota('q', { pods: '10' });
    const p = cpuPod('going', '1');
    p.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    p.metadata.deletionGracePeriodSeconds = 30;
    const at = (iso: string) => computeQuotaUsage(q, [{ group: '', resource: 'pods', object: p }], { now: Date.parse(iso) }).pods;
    expect(at('2026-01-01T00:00:20Z')).toBe('1');
    expect(at('2026-01-01T00:00:31Z')).toBe('0');
  });
});
