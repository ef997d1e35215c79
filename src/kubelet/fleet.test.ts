import { afterEach, describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, FakeClock, notFound, type JsonObject } from '../machinery/index.js';
import { patchSchemaFor, type Node } from '../api/index.js';
import { RestClient, SharedInformerFactory, refs } from '../client/index.js';
import { bodyOf, FakeApiServer, until } from '../client/testing/index.js';
import { SimFleet } from './fleet.js';

const NODE_STATUS_PATH = /^\/api\/v1\/nodes\/([^/]+)\/status$/;

/** The FakeApiServer treats strategic merge patches as merge patches; node status patches get the real thing. */
function serveStrategicNodeStatus(server: FakeApiServer): void {
  server.prependReactor((req) => {
    const name = NODE_STATUS_PATH.exec(req.path)?.[1];
    if (req.method !== 'PATCH' || !name || req.headers?.['content-type'] !== 'application/strategic-merge-patch+json') return undefined;
    const current = server.object<Node>(refs.nodes, '', name);
    if (!current) return notFound({ group: '', resource: 'nodes' }, name);
    const body = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
    const patched = applyStrategicMergePatch(current as unknown as JsonObject, JSON.parse(body) as JsonObject, patchSchemaFor('', 'v1', 'Node')) as unknown as Node;
    const stored = server.put(refs.nodes, { ...current, status: patched.status ?? {} });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bodyOf(JSON.stringify(stored)) };
  });
}

const ready = (node: Node | undefined) => node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('SimFleet node heartbeats', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function startFleet(nodeNames: string[], nodeStatus = {}, o: { ipam?: boolean; perNode?: Map<string, string[]> } = {}) {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    serveStrategicNodeStatus(server);
    const client = new RestClient({ transport: server, clock, qps: Infinity });
    const informers = new SharedInformerFactory({ client, clock });
    const errors: unknown[] = [];
    // With `perNode`, each node writes through its own client (own rate limiter) over a recording transport.
    const nodeClient = o.perNode
      ? (name: string) => {
          const seen: string[] = [];
          o.perNode!.set(name, seen);
          return new RestClient({ transport: { request: (r) => (seen.push(`${r.method} ${r.path}`), server.request(r)) }, clock, qps: Infinity });
        }
      : undefined;
    const fleet = new SimFleet({ client, informers, clock, nodeNames, nodeStatus, onError: (err) => errors.push(err), ...(nodeClient ? { nodeClient } : {}) });
    informers.start();
    await informers.waitForCacheSync();
    await fleet.start();
    cleanups.push(async () => {
      await fleet.stop();
      await informers.stop();
    });
    const node = (name: string) => server.object<Node>(refs.nodes, '', name);
    await until(() => nodeNames.every((n) => fleet.nodes.get(n)?.reporter.isRegistered && node(n) !== undefined), { what: 'nodes registered' });
    if (o.ipam !== false) {
      // What node IPAM does: a podCIDR per node, which readies the simulated network.
      nodeNames.forEach((n, i) => server.put(refs.nodes, { ...node(n)!, spec: { ...node(n)!.spec, podCIDR: `10.244.${i}.0/24` } }));
      await until(() => nodeNames.every((n) => ready(node(n)) === 'True'), { what: 'nodes Ready once they have a podCIDR' });
    }
    return { clock, server, fleet, node, errors };
  }

  const requests = (server: FakeApiServer, since: number) => server.requests.slice(since).filter((r) => !r.query.watch);

  it('costs only Lease renewals in steady state: status syncs read the shared nodes informer', async () => {
    const { clock, server, errors } = await startFleet(['sim-0', 'sim-1', 'sim-2']);
    const before = server.requests.length;
    await clock.advanceAsync(60_000);
    const made = requests(server, before).filter((r) => !r.path.includes('/events'));
    expect(made.filter((r) => r.path.startsWith('/api/v1/nodes'))).toEqual([]);
    expect(made.filter((r) => r.method === 'PATCH' && r.path.includes('/leases/'))).toHaveLength(3 * 6);
    expect(errors).toEqual([]);
  });

  it("sets a node Ready again at its next sync after the controller marked it Unknown, without a GET", async () => {
    const { clock, server, node, errors } = await startFleet(['sim-0', 'sim-1'], { nodeLeaseDurationSeconds: 20 });
    await clock.advanceAsync(10_000);
    const lost = node('sim-1')!;
    server.put(refs.nodes, {
      ...lost,
      status: {
        ...lost.status,
        conditions: lost.status!.conditions!.map((c) => ({ ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })),
      },
    });
    const before = server.requests.length;
    await clock.advanceAsync(10_000);
    await until(() => ready(node('sim-1')) === 'True', { what: 'sim-1 Ready again' });
    const made = requests(server, before).filter((r) => r.path.startsWith('/api/v1/nodes'));
    expect(made.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v1/nodes/sim-1/status']);
    expect(ready(node('sim-0'))).toBe('True');
    expect(requests(server, before).filter((r) => r.path.includes('/leases/'))).toHaveLength(2 * 2);
    expect(errors).toEqual([]);
  });

  it('keeps a node NotReady (network plugin not ready) until node IPAM gives it a podCIDR, then reports Ready at once', async () => {
    const { server, node } = await startFleet(['sim-0'], {}, { ipam: false });
    const cond = () => node('sim-0')?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(cond()).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(cond()?.message).toContain('NetworkReady=false reason:NetworkPluginNotReady');
    server.put(refs.nodes, { ...node('sim-0')!, spec: { podCIDR: '10.244.7.0/24' } });
    // No clock advance: the podCIDR arriving triggers the status update, not the 10 s sync.
    await until(() => cond()?.status === 'True', { what: 'sim-0 Ready' });
  });

  it("writes each node's Lease and status through that node's own client when given one", async () => {
    const perNode = new Map<string, string[]>();
    await startFleet(['sim-0', 'sim-1'], {}, { perNode });
    expect([...perNode.keys()]).toEqual(['sim-0', 'sim-1']);
    for (const name of ['sim-0', 'sim-1']) {
      const other = name === 'sim-0' ? 'sim-1' : 'sim-0';
      expect(perNode.get(name)!.some((r) => r.includes(`/leases/${name}`) || r.endsWith('/leases'))).toBe(true);
      expect(perNode.get(name)!.some((r) => r.includes(`/nodes/${name}`))).toBe(true);
      expect(perNode.get(name)!.some((r) => r.includes(`/nodes/${other}`) || r.includes(`/leases/${other}`))).toBe(false);
    }
  });
});
