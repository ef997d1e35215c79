import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/index.js';
import { FakeClock } from '../machinery/index.js';
import { NAMESPACE_INDEX, NODE_NAME_INDEX, namespaceIndexFunc, nodeNameIndexFunc } from './indexer.js';
import { SharedInformerFactory } from './informer-factory.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer, until } from './testing/index.js';

function setup() {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const factory = new SharedInformerFactory({ client });
  return { server, client, factory };
}

const pod = (name: string, ns = 'default', labels: Record<string, string> = {}): Pod => ({
  metadata: { name, namespace: ns, labels },
  spec: { containers: [] },
});

describe('SharedInformerFactory', () => {
  it('shares one informer (one LIST+WATCH) per resource and scope among consumers', async () => {
    const { server, factory } = setup();
    server.put(refs.pods, pod('a'));
    const first = factory.informerFor<Pod>(refs.pods, { indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc } });
    const second = factory.informerFor<Pod>(refs.pods, { indexers: { [NODE_NAME_INDEX]: nodeNameIndexFunc } });
    const scoped = factory.informerFor<Pod>(refs.pods, { labelSelector: 'app=web' });
    expect(second).toBe(first);
    expect(scoped).not.toBe(first);
    expect(first.indexer.hasIndexer(NAMESPACE_INDEX) && first.indexer.hasIndexer(NODE_NAME_INDEX)).toBe(true);
    const seen: string[] = [];
    first.addEventHandler({ onAdd: (p) => seen.push(`1:${p.metadata.name}`) });
    second.addEventHandler({ onAdd: (p) => seen.push(`2:${p.metadata.name}`) });
    factory.start();
    expect(await factory.waitForCacheSync()).toBe(true);
    await until(() => server.watcherCount === 2);
    const lists = server.requests.filter((r) => !r.query.watch);
    expect(lists.map((r) => r.query.labelSelector ?? '')).toEqual(['', 'app=web']);
    expect(seen).toEqual(['1:a', '2:a']);
    await factory.stop();
    expect(server.watcherCount).toBe(0);
  });

  it('scopes informers to the factory namespace, but not cluster-scoped resources', async () => {
    const { server, client } = setup();
    const factory = new SharedInformerFactory({ client, namespace: 'team' });
    server.put(refs.pods, pod('mine', 'team'));
    server.put(refs.pods, pod('theirs', 'other'));
    server.put(refs.nodes, { metadata: { name: 'n1' } });
    const pods = factory.informerFor<Pod>(refs.pods);
    const nodes = factory.informerFor(refs.nodes);
    factory.start();
    await factory.waitForCacheSync();
    expect(pods.lister().list().map((p) => p.metadata.name)).toEqual(['mine']);
    expect(nodes.lister().list().length).toBe(1);
    expect(server.requests.filter((r) => !r.query.watch).map((r) => r.path).sort()).toEqual(['/api/v1/namespaces/team/pods', '/api/v1/nodes']);
    await factory.stop();
  });

  it('start() starts informers created after an earlier start', async () => {
    const { server, factory } = setup();
    factory.informerFor(refs.pods);
    factory.start();
    await factory.waitForCacheSync();
    const later = factory.informerFor(refs.nodes);
    expect(later.isRunning).toBe(false);
    factory.start();
    expect(later.isRunning).toBe(true);
    await factory.waitForCacheSync();
    expect(later.hasSynced()).toBe(true);
    await factory.stop();
    expect(server.watcherCount).toBe(0);
  });
});
