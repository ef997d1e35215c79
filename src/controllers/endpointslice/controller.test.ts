import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSlice, Node, Pod, Service } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { makeHarness, until, type Harness } from '../endpoints/testing/index.js';
import { EndpointSliceReconciler, SERVICE_INDEX, endpointSliceController, serviceIndexFunc } from './controller.js';
import { LABEL_SERVICE_NAME } from './slice-util.js';
import { SliceTracker } from './tracker.js';

function pod(name: string, ip: string): Pod {
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const service: Service = {
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

const slicesOf = (h: Harness) => (h.server.store.list('discovery.k8s.io/endpointslices', 'default') as EndpointSlice[]).filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === 'web');

let h: Harness;
afterEach(async () => {
  await h.stop();
});

describe('EndpointSliceReconciler', () => {
  it('does not create a second slice while the cache has not seen the first (stale cache)', async () => {
    h = makeHarness();
    h.server.put(refs.services, service);
    h.server.put(refs.nodes, { metadata: { name: 'node-1' } } as Node);
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    const slices = h.informers.informerFor<EndpointSlice>(refs.endpointSlices, { indexers: { [SERVICE_INDEX]: serviceIndexFunc } });
    const services = h.informers.informerFor<Service>(refs.services);
    const pods = h.informers.informerFor<Pod>(refs.pods);
    const nodes = h.informers.informerFor<Node>(refs.nodes);
    await h.sync();
    const r = new EndpointSliceReconciler({ client: h.client, services: services.lister(), pods: pods.lister(), slices: slices.lister(), nodes: nodes.lister(), tracker: new SliceTracker() });
    const key = { namespace: 'default', name: 'web' };
    await slices.stop(); // the cache keeps its content but sees no more events: it stays behind our writes
    await r.reconcile(key);
    await r.reconcile(key);
    expect(slicesOf(h)).toHaveLength(1);
    slices.start();
    await until(() => slices.lister().list().length === 1);
    await r.reconcile(key);
    expect(slicesOf(h)).toHaveLength(1);
    expect(slicesOf(h)[0]!.endpoints.map((e) => e.addresses[0])).toEqual(['10.244.1.2']);
  });
});

describe('endpointSliceController', () => {
  it('keeps one slice per Service up to date as pods come and go', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, { metadata: { name: 'node-1' } } as Node);
    const run = endpointSliceController({ workers: 2 }).start(h.ctx);
    await h.sync();
    const done = run();
    h.server.put(refs.services, service);
    await until(() => slicesOf(h).length === 1, { what: 'placeholder slice' });
    expect(slicesOf(h)[0]!.endpoints).toEqual([]);
    // the first sync publishes the Service's creation as the trigger time
    expect(slicesOf(h)[0]!.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    h.server.put(refs.pods, pod('b', '10.244.1.3'));
    await until(() => slicesOf(h)[0]?.endpoints.length === 2, { what: 'two endpoints' });
    h.server.remove(refs.pods, 'default', 'a');
    await until(() => slicesOf(h)[0]?.endpoints.length === 1, { what: 'one endpoint' });
    expect(slicesOf(h)).toHaveLength(1);
    expect(slicesOf(h)[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    h.abort.abort();
    await done;
  });
});
