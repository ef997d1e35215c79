import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import type { Pod } from '../api/index.js';
import { RestClient, SharedInformerFactory, refs } from '../client/index.js';
import { FakeApiServer, until } from '../client/testing/index.js';
import { informerPodSource } from './api-adapter.js';
import { NodePodRouter } from './node-pod-router.js';
import type { PodHandler, PodSource } from './sinks.js';
import { makePod } from './testing/index.js';

/** Subscribes a handler that records `<event> <name> <sim.skiff.io/readiness>` lines. */
function record(source: PodSource): string[] {
  const log: string[] = [];
  const line = (what: string, p: Pod) => `${what} ${p.metadata.name} ${p.metadata.annotations?.['sim.skiff.io/readiness'] ?? '-'}`;
  const handler: PodHandler = {
    onAdd: (p) => log.push(line('add', p)),
    onUpdate: (_o, p) => log.push(line('update', p)),
    onDelete: (p) => log.push(line('delete', p)),
  };
  source.subscribe(handler);
  return log;
}

function setup() {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const factory = new SharedInformerFactory({ client: new RestClient({ transport: server, clock, qps: Infinity }) });
  return { server, factory };
}

/** `kubectl annotate --overwrite` as the API server stores it: same pod, one annotation changed, new resourceVersion. */
function annotate(server: FakeApiServer, name: string, value: string): void {
  const pod = server.object<Pod>(refs.pods, 'default', name)!;
  server.put(refs.pods, { ...pod, metadata: { ...pod.metadata, annotations: { 'sim.skiff.io/readiness': value } } });
}

describe('pod sources deliver annotation-only updates to the kubelet', () => {
  it('NodePodRouter routes an update whose only change is an annotation to the pod node', async () => {
    const { server, factory } = setup();
    const router = new NodePodRouter(factory);
    server.put(refs.pods, makePod({ name: 'p', nodeName: 'node-1' }));
    server.put(refs.pods, makePod({ name: 'q', nodeName: 'node-2' }));
    const log = record(router.forNode('node-1'));
    factory.start();
    await factory.waitForCacheSync();
    await until(() => log.length === 1, { what: 'add p' });
    annotate(server, 'p', 'fail');
    annotate(server, 'q', 'fail');
    annotate(server, 'p', 'pass');
    await until(() => log.length === 3, { what: 'two updates of p' });
    expect(log).toEqual(['add p -', 'update p fail', 'update p pass']);
    await factory.stop();
  });

  it('informerPodSource delivers an update whose only change is an annotation', async () => {
    const { server, factory } = setup();
    server.put(refs.pods, makePod({ name: 'p', nodeName: 'node-1' }));
    const log = record(informerPodSource(factory, 'node-1'));
    factory.start();
    await factory.waitForCacheSync();
    await until(() => log.length === 1, { what: 'add p' });
    annotate(server, 'p', 'fail');
    await until(() => log.length === 2, { what: 'update of p' });
    expect(log).toEqual(['add p -', 'update p fail']);
    await factory.stop();
  });
});
