import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../api/index.js';
import { decideDependentAction } from './decide.js';
import { DependencyGraph } from './graph.js';
import { RestMapper } from './operations.js';

const ref = (name: string, block = false): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `uid-${name}`, ...(block ? { blockOwnerDeletion: true } : {}) });

function obj(name: string, o: { owners?: OwnerReference[]; deleting?: boolean; finalizers?: string[]; kind?: string } = {}): KubeObject {
  return {
    apiVersion: o.kind === 'Pod' ? 'v1' : 'apps/v1',
    kind: o.kind ?? 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ownerReferences: o.owners ?? [],
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(o.finalizers ? { finalizers: o.finalizers } : {}),
    },
  };
}

function graph() {
  const calls: string[] = [];
  const g = new DependencyGraph({
    enqueueDelete: (uid) => calls.push(`delete:${uid}`),
    enqueueOrphan: (uid) => calls.push(`orphan:${uid}`),
    ownerAbsent: (id) => calls.push(`absent:${id.uid}`),
  });
  return { g, calls };
}

describe('DependencyGraph', () => {
  it('creates a virtual owner for an unseen owner reference and asks to verify it', () => {
    const { g, calls } = graph();
    g.process({ type: 'add', obj: obj('p', { kind: 'Pod', owners: [ref('rs')] }) });
    expect(g.get('uid-rs')?.virtual).toBe(true);
    expect([...g.get('uid-rs')!.dependents].map((d) => d.identity.name)).toEqual(['p']);
    expect(calls).toEqual(['delete:uid-rs']);
    g.process({ type: 'add', obj: obj('rs') });
    expect(g.get('uid-rs')?.virtual).toBe(false);
  });

  it('enqueues the dependents of a deleted owner and remembers the owner as absent', () => {
    const { g, calls } = graph();
    g.process({ type: 'add', obj: obj('rs') });
    g.process({ type: 'add', obj: obj('p', { kind: 'Pod', owners: [ref('rs')] }) });
    calls.length = 0;
    g.process({ type: 'delete', obj: obj('rs') });
    expect(calls).toEqual(['absent:uid-rs', 'delete:uid-p']);
    expect(g.get('uid-rs')).toBeUndefined();
  });

  it('starts orphaning when deletion with the orphan finalizer begins, once', () => {
    const { g, calls } = graph();
    const before = obj('rs');
    const deleting = obj('rs', { deleting: true, finalizers: ['orphan'] });
    g.process({ type: 'add', obj: before });
    g.process({ type: 'update', old: before, obj: deleting });
    g.process({ type: 'update', old: deleting, obj: { ...deleting, metadata: { ...deleting.metadata, labels: { a: 'b' } } } });
    expect(calls).toEqual(['orphan:uid-rs']);
  });

  it('marks foreground deletion and enqueues the owner and its dependents', () => {
    const { g, calls } = graph();
    g.process({ type: 'add', obj: obj('rs') });
    g.process({ type: 'add', obj: obj('p', { kind: 'Pod', owners: [ref('rs', true)] }) });
    calls.length = 0;
    g.process({ type: 'update', old: obj('rs'), obj: obj('rs', { deleting: true, finalizers: ['foregroundDeletion'] }) });
    expect(g.get('uid-rs')?.deletingDependents).toBe(true);
    expect(calls).toEqual(['delete:uid-p', 'delete:uid-rs']);
    expect(g.get('uid-rs')!.blockingDependents().map((d) => d.identity.name)).toEqual(['p']);
    // The dependent dropping its blocking reference wakes the owner.
    calls.length = 0;
    g.process({ type: 'update', old: obj('p', { kind: 'Pod', owners: [ref('rs', true)] }), obj: obj('p', { kind: 'Pod', owners: [] }) });
    expect(calls).toEqual(['delete:uid-rs']);
    expect(g.get('uid-rs')!.blockingDependents()).toEqual([]);
  });
});

describe('decideDependentAction', () => {
  const latest = obj('p', { kind: 'Pod', owners: [ref('a'), ref('b')] });
  const cases: Array<{ name: string; latest?: KubeObject; solid?: string[]; dangling?: string[]; waiting?: string[]; dependents?: number; want: ReturnType<typeof decideDependentAction> }> = [
    { name: 'a solid owner keeps the object', solid: ['a'], want: { action: 'keep' } },
    { name: 'solid plus dangling strips the dangling reference', solid: ['a'], dangling: ['b'], want: { action: 'removeReferences', uids: ['uid-b'] } },
    { name: 'solid plus waiting strips the waiting reference', solid: ['a'], waiting: ['b'], want: { action: 'removeReferences', uids: ['uid-b'] } },
    { name: 'all dangling deletes in Background', dangling: ['a', 'b'], want: { action: 'delete', policy: 'Background', unblockFirst: false } },
    { name: 'a waiting owner and own dependents delete in Foreground', waiting: ['a'], dependents: 2, want: { action: 'delete', policy: 'Foreground', unblockFirst: false } },
    { name: 'a waiting owner without own dependents deletes in Background', waiting: ['a'], want: { action: 'delete', policy: 'Background', unblockFirst: false } },
    {
      name: 'an existing orphan finalizer is honoured',
      latest: obj('p', { kind: 'Pod', finalizers: ['orphan'] }),
      dangling: ['a'],
      want: { action: 'delete', policy: 'Orphan', unblockFirst: false },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pick = (names: string[] = []) => names.map((n) => ref(n));
      expect(decideDependentAction(c.latest ?? latest, { solid: pick(c.solid), dangling: pick(c.dangling), waiting: pick(c.waiting) }, { dependents: c.dependents ?? 0, dependentDeletingDependents: false })).toEqual(c.want);
    });
  }
});

describe('RestMapper', () => {
  it('monitors every deletable built-in resource the brief lists, but no Events (Kubernetes\' DefaultIgnoredResources)', () => {
    const names = new RestMapper().deletableResources().map((r) => `${r.group}/${r.resource}`);
    for (const want of ['/pods', 'apps/replicasets', 'apps/deployments', '/configmaps', '/secrets', '/services', '/endpoints', 'discovery.k8s.io/endpointslices', 'apps/statefulsets', 'apps/daemonsets', 'coordination.k8s.io/leases', '/serviceaccounts']) {
      expect(names).toContain(want);
    }
    expect(names).not.toContain('events.k8s.io/events');
    expect(names).not.toContain('/events');
    expect(names).not.toContain('authorization.k8s.io/subjectaccessreviews');
  });

  it('maps owner coordinates to resources, falling back to the preferred version', () => {
    const m = new RestMapper();
    expect(m.refFor('apps/v1', 'ReplicaSet')).toMatchObject({ group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true });
    expect(m.refFor('apps/v1beta2', 'Deployment')).toMatchObject({ version: 'v1', resource: 'deployments' });
    expect(() => m.refFor('example.com/v1', 'Widget')).toThrowError(expect.objectContaining({ reason: 'UnknownResource' }));
  });
});
