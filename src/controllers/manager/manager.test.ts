import { afterEach, describe, expect, it } from 'vitest';
import type { Lease, Node, Pod, ReplicaSet } from '../../api/index.js';
import { RestClient, refs } from '../../client/index.js';
import { FakeApiServer, tick, until } from '../../client/testing/index.js';
import { ApiError, FakeClock } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { isControllerError } from '../shared/errors.js';
import { ControllerManager } from './manager.js';
import { selectControllers } from './registry.js';
import { runControllerManager } from './run.js';

/** A controller that watches pods and records what happened to it. */
function probe(name: string) {
  const seen = { started: false, running: false, ended: false, pods: 0, ctx: undefined as ControllerContext | undefined };
  const controller: Controller = {
    name,
    start(ctx) {
      seen.started = true;
      seen.ctx = ctx;
      ctx.informers.informerFor<Pod>(refs.pods).addEventHandler({ onAdd: () => void seen.pods++ });
      return async () => {
        seen.running = true;
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }));
        seen.ended = true;
      };
    },
  };
  return { controller, seen };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function setup() {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  return { clock, server, client };
}

describe('ControllerManager', () => {
  it('starts controllers, syncs one shared informer per resource, then runs workers until stopped', async () => {
    const { server, client, clock } = setup();
    server.put(refs.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
    const a = probe('a');
    const b = probe('b');
    const m = new ControllerManager({ client, clock, controllers: [a.controller, b.controller] });
    stops.push(() => m.stop());
    expect(m.hasSynced()).toBe(false);
    m.start();
    await until(() => m.hasSynced() && a.seen.running && b.seen.running, { what: 'running' });
    expect([a.seen.pods, b.seen.pods]).toEqual([1, 1]);
    expect(server.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/pods' && r.query.watch !== 'true')).toHaveLength(1);
    expect(a.seen.ctx!.recorder('x')).toBe(a.seen.ctx!.recorder('x'));
    await m.stop();
    expect(m.hasSynced()).toBe(false);
    expect([a.seen.ended, b.seen.ended]).toEqual([true, true]);
    expect(await m.done).toBe('stopped');
  });

  it('with leader election, only the Lease holder runs controllers; a standby takes over when it stops', async () => {
    const { server, client, clock } = setup();
    const le = (identity: string) => ({ identity, leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 });
    const one = probe('one');
    const two = probe('two');
    const m1 = new ControllerManager({ client, clock, controllers: [one.controller], leaderElection: le('m1'), onError: () => undefined });
    const m2 = new ControllerManager({ client, clock, controllers: [two.controller], leaderElection: le('m2'), onError: () => undefined });
    stops.push(() => m1.stop(), () => m2.stop());
    m1.start();
    await until(() => m1.isLeader() && m1.hasSynced(), { what: 'm1 leads' });
    m2.start();
    await clock.advanceAsync(5_000);
    expect(m2.isLeader()).toBe(false);
    expect(two.seen.started).toBe(false);
    const lease = server.object<Lease>(refs.leases, 'kube-system', 'kube-controller-manager');
    expect(lease?.spec?.holderIdentity).toBe('m1');

    await m1.stop();
    expect(await m1.done).toBe('stopped');
    for (let i = 0; i < 10 && !m2.hasSynced(); i++) {
      await clock.advanceAsync(2_000);
      await until(() => true);
    }
    await until(() => m2.hasSynced(), { what: 'm2 took over' });
    expect(server.object<Lease>(refs.leases, 'kube-system', 'kube-controller-manager')?.spec?.holderIdentity).toBe('m2');
  });
});

describe('ControllerManager leadership loss', () => {
  it('stops the controllers and ends with leadership-lost when the Lease cannot be renewed', async () => {
    const { server, client, clock } = setup();
    const p = probe('p');
    const m = new ControllerManager({ client, clock, controllers: [p.controller], leaderElection: { identity: 'me' }, onError: () => undefined });
    stops.push(() => m.stop());
    m.start();
    await until(() => m.hasSynced(), { what: 'leading' });
    server.prependReactor((req) => (req.path.includes('/leases/') && req.method === 'PUT' ? new ApiError(500, 'InternalError', 'etcd down') : undefined));
    for (let i = 0; i < 20 && m.isLeader(); i++) await clock.advanceAsync(1_000);
    expect(await m.done).toBe('leadership-lost');
    expect(m.hasSynced()).toBe(false);
    expect(p.seen.ended).toBe(true);
  });
});

describe('selectControllers', () => {
  it('expands all / * and removes -name', () => {
    expect(selectControllers('all')).toEqual(expect.arrayContaining(['deployment', 'replicaset']));
    expect(selectControllers(['*', '-deployment'])).not.toContain('deployment');
    expect(selectControllers(['replicaset'])).toEqual(['replicaset']);
  });

  it('rejects unknown names', () => {
    let caught: unknown;
    try {
      selectControllers(['replicaset', 'bogus']);
    } catch (err) {
      caught = err;
    }
    expect(isControllerError(caught, 'InvalidConfig')).toBe(true);
  });
});

describe('runControllerManager', () => {
  it('runs the selected controllers against the given client', async () => {
    const { server, client, clock } = setup();
    const handle = runControllerManager({ client, clock, controllers: ['replicaset'], workers: 1, onError: () => undefined });
    stops.push(() => handle.stop());
    expect(handle.controllers).toEqual(['replicaset']);
    await until(() => handle.manager.hasSynced(), { what: 'synced' });
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } } },
    };
    server.put(refs.replicaSets, rs);
    await until(() => server.store.list('/pods', 'default').length === 2, { what: 'pods created', turns: 5000 });
    await handle.stop();
    expect(await handle.done).toBe('stopped');
  });

  describe('nodeMonitorGracePeriodMs (--node-monitor-grace-period)', () => {
    /** A Ready node whose kubelet renewed its Lease once, at the start, and then went silent; 6 s pass. */
    async function silentNodeAfter6s(nodeMonitorGracePeriodMs?: number): Promise<string | undefined> {
      const { server, client, clock } = setup();
      const at = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      server.put(refs.nodes, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n1', creationTimestamp: at },
        status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: at, lastTransitionTime: at }] },
      });
      server.put(refs.leases, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', renewTime: new Date(clock.now()).toISOString() } });
      const handle = runControllerManager({ client, clock, controllers: ['nodelifecycle'], onError: () => undefined, ...(nodeMonitorGracePeriodMs !== undefined ? { nodeMonitorGracePeriodMs } : {}) });
      stops.push(() => handle.stop());
      await until(() => handle.manager.hasSynced(), { what: 'synced' });
      await tick(20);
      for (let i = 0; i < 6; i++) await clock.advanceAsync(1_000);
      await tick(50);
      return server.object<Node>(refs.nodes, '', 'n1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    }

    it('reaches the nodelifecycle controller: a node silent longer than the period turns Unknown', async () => {
      expect(await silentNodeAfter6s(5_000)).toBe('Unknown');
    });

    it("defaults to Kubernetes' 40 s: the same silence leaves the node Ready", async () => {
      expect(await silentNodeAfter6s()).toBe('True');
    });

    it.each([0, -1_000, Number.NaN])('rejects %d ms', (ms) => {
      let caught: unknown;
      try {
        runControllerManager({ client: setup().client, controllers: ['nodelifecycle'], nodeMonitorGracePeriodMs: ms });
      } catch (err) {
        caught = err;
      }
      expect(isControllerError(caught, 'InvalidConfig')).toBe(true);
    });
  });

  it('needs a client or a kubeconfig', () => {
    expect(() => runControllerManager({ controllers: 'all' })).toThrow(/client or a kubeconfig/);
  });
});
