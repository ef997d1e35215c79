import { afterEach, describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { makeHarness, tick, until, type Harness } from '../endpoints/testing/index.js';
import { nodeLifecycleController } from './controller.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let h: Harness;
let done: Promise<void>;

function readyNode(heartbeat: number): Node {
  return {
    metadata: { name: 'n1', creationTimestamp: iso(heartbeat - 3600_000) },
    spec: {},
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: iso(heartbeat), lastTransitionTime: iso(heartbeat - 60_000) }] },
  };
}

const lease = (renew: number): Lease => ({ metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: new Date(renew).toISOString() } });

function pod(name: string, tolerations?: NonNullable<Pod['spec']>['tolerations']): Pod {
  return {
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }], ...(tolerations ? { tolerations } : {}) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

async function start(): Promise<void> {
  const run = nodeLifecycleController({ workers: 1 }).start(h.ctx);
  await h.sync();
  done = run();
  await tick(5);
}

/** Moves the fake clock forward in steps, letting the controller react between them. */
async function advance(ms: number, step = 1000): Promise<void> {
  for (let left = ms; left > 0; left -= step) await h.clock.advanceAsync(Math.min(step, left));
  await tick(10);
}

afterEach(async () => {
  h.abort.abort();
  await done;
  await h.stop();
});

const node = () => h.object<Node>(refs.nodes, '', 'n1')!;
const ready = () => node().status?.conditions?.find((c) => c.type === 'Ready');

describe('node lifecycle controller', () => {
  it('keeps a node Ready while its Lease is renewed', async () => {
    h = makeHarness();
    const t0 = h.clock.now();
    h.server.put(refs.nodes, readyNode(t0));
    h.server.put(refs.leases, lease(t0));
    await start();
    for (let i = 1; i <= 6; i++) {
      await advance(10_000);
      h.server.put(refs.leases, lease(h.clock.now()));
      await tick(5);
    }
    expect(ready()?.status).toBe('True');
    expect(node().spec?.taints ?? []).toEqual([]);
  });

  it('marks a silent node Unknown, taints it, marks its pods not ready, and evicts after tolerationSeconds', async () => {
    h = makeHarness();
    const t0 = h.clock.now();
    h.server.put(refs.nodes, readyNode(t0));
    h.server.put(refs.leases, lease(t0));
    h.server.put(refs.pods, pod('default-tolerations'));
    h.server.put(refs.pods, pod('short', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]));
    h.server.put(refs.pods, pod('forever', [{ operator: 'Exists' }]));
    await start();

    await advance(39_000);
    expect(ready()?.status).toBe('True');
    await advance(3_000);
    await until(() => ready()?.status === 'Unknown', { what: 'Ready Unknown' });
    expect(ready()).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    await until(() => (node().spec?.taints ?? []).length === 2, { what: 'taints' });
    expect(node().spec?.taints?.map((t) => [t.key, t.effect, typeof t.timeAdded])).toEqual([
      ['node.kubernetes.io/unreachable', 'NoSchedule', 'string'],
      ['node.kubernetes.io/unreachable', 'NoExecute', 'string'],
    ]);
    await until(() => h.object<Pod>(refs.pods, 'default', 'forever')?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False', { what: 'pods not ready' });

    await advance(11_000);
    await until(() => h.object(refs.pods, 'default', 'short') === undefined, { what: 'short-toleration pod evicted' });
    expect(h.object(refs.pods, 'default', 'default-tolerations')).toBeDefined();

    await advance(290_000, 10_000);
    await until(() => h.object(refs.pods, 'default', 'default-tolerations') === undefined, { what: 'default-toleration pod evicted' });
    expect(h.object(refs.pods, 'default', 'forever')).toBeDefined();

    const events = await h.events();
    expect(events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message).sort()).toEqual([
      'Marking for deletion Pod default/default-tolerations',
      'Marking for deletion Pod default/short',
    ]);
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Node' && e.message === 'Node n1 status is now: NodeNotReady')).toBe(true);
  });

  it('removes the taints when the kubelet reports Ready again', async () => {
    h = makeHarness();
    const t0 = h.clock.now();
    h.server.put(refs.nodes, readyNode(t0));
    await start();
    await advance(45_000);
    await until(() => (node().spec?.taints ?? []).length === 2, { what: 'tainted' });
    h.server.put(refs.nodes, { ...readyNode(h.clock.now()), spec: node().spec! });
    await until(() => (node().spec?.taints ?? []).length === 0, { what: 'taints removed' });
    expect(ready()?.status).toBe('True');
  });
});
