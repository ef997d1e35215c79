import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import type { Event, Lease, Node, Pod } from '../api/index.js';
import { EventRecorder, RestClient, SharedInformerFactory, refs } from '../client/index.js';
import { FakeApiServer, until } from '../client/testing/index.js';
import { apiNodeStatusSink, apiPodDeleter, apiStatusSink, informerPodSource, recorderEventSink, statusMergePatch } from './api-adapter.js';
import { Kubelet } from './kubelet.js';
import { NodeStatusReporter } from './node/node-reporter.js';
import { SimRuntime } from './runtime/sim/sim-runtime.js';
import { makePod } from './testing/index.js';

describe('kubelet wired to the API through the client', () => {
  it('syncs only its own pods, patches their status, records events and confirms deletions', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    const client = new RestClient({ transport: server, clock, qps: Infinity });
    const factory = new SharedInformerFactory({ client });
    const recorder = new EventRecorder({ client, component: 'kubelet', host: 'node-1', clock });
    const runtime = new SimRuntime({ clock, nodeName: 'node-1', podCIDR: '10.244.1.0/24', preloadedImages: ['nginx:1.27'] });
    const kubelet = new Kubelet({
      nodeName: 'node-1',
      hostIP: '192.168.0.11',
      clock,
      runtime,
      statusSink: apiStatusSink(client),
      eventSink: recorderEventSink(recorder),
      onTerminated: apiPodDeleter(client),
    });
    const mine = makePod({ name: 'mine', nodeName: 'node-1' });
    const other = makePod({ name: 'other', nodeName: 'node-2' });
    server.put(refs.pods, mine);
    server.put(refs.pods, other);
    await kubelet.start(informerPodSource(factory, 'node-1'));
    factory.start();
    await factory.waitForCacheSync();

    const stored = () => server.object<Pod>(refs.pods, 'default', 'mine');
    await until(() => stored()?.status?.phase === 'Running', { what: 'pod Running' });
    expect(stored()?.status?.podIP).toMatch(/^10\.244\.1\./);
    expect(server.object<Pod>(refs.pods, 'default', 'other')?.status?.phase).toBe('Pending');
    await recorder.flush();
    const events = server.requests.filter((r) => r.path.includes('/events') && r.method === 'POST');
    expect(events.length).toBeGreaterThanOrEqual(3);
    // Container events name the container as Kubernetes' kubelet does (involvedObject.fieldPath).
    const started = (server.store.list('/events', '') as Event[]).find((e) => e.reason === 'Started');
    expect(started?.involvedObject).toMatchObject({ kind: 'Pod', name: 'mine', fieldPath: 'spec.containers{app}' });

    server.put(refs.pods, { ...stored()!, metadata: { ...stored()!.metadata, deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } });
    await until(() => stored() === undefined, { what: 'pod deleted' });
    expect(server.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/pods/mine'))).toBe(true);
    kubelet.stop();
    await factory.stop();
    await recorder.shutdown();
  });

  it('registers the node and keeps its lease', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    const client = new RestClient({ transport: server, clock, qps: Infinity });
    const runtime = new SimRuntime({ clock, nodeName: 'node-1', podCIDR: '10.244.1.0/24' });
    const reporter = new NodeStatusReporter({ clock, sink: apiNodeStatusSink(client), images: runtime, config: { nodeName: 'node-1', internalIP: '192.168.0.11' } });
    await reporter.start();
    expect(server.object<Node>(refs.nodes, '', 'node-1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const lease = () => server.object<Lease>(refs.leases, 'kube-node-lease', 'node-1');
    expect(lease()?.spec?.holderIdentity).toBe('node-1');
    const first = lease()?.spec?.renewTime;
    await clock.advanceAsync(10_000);
    await until(() => lease()?.spec?.renewTime !== first, { what: 'lease renewed' });
    expect(lease()?.spec?.renewTime).toBe('2026-01-01T00:00:10.000000Z');
    reporter.stop();
  });

  it('a status patch clears fields the kubelet no longer reports', () => {
    expect(statusMergePatch('u1', { phase: 'Pending', message: 'old', reason: 'x' }, { phase: 'Running' })).toEqual({
      metadata: { uid: 'u1' },
      status: { phase: 'Running', message: null, reason: null },
    });
  });
});
