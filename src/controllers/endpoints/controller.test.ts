import { afterEach, describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { EndpointsReconciler, endpointsController } from './controller.js';
import { HEADLESS_SERVICE_LABEL } from './desired.js';
import { makeHarness, until, type Harness } from './testing/index.js';
import { LAST_CHANGE_TRIGGER_TIME } from './trigger-time.js';

function pod(name: string, ip: string, ready = true): Pod {
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:05Z' }] },
  };
}

function service(spec: Service['spec'] = {}, labels: Record<string, string> = { team: 'a' }): Service {
  return {
    metadata: { name: 'web', namespace: 'default', labels, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec },
  };
}

const KEY = { namespace: 'default', name: 'web' };
let h: Harness;

async function reconciler(): Promise<EndpointsReconciler> {
  const services = h.informers.informerFor<Service>(refs.services);
  const pods = h.informers.informerFor<Pod>(refs.pods);
  const endpoints = h.informers.informerFor<Endpoints>(refs.endpoints);
  await h.sync();
  return new EndpointsReconciler({ client: h.client, services: services.lister(), pods: pods.lister(), endpoints: endpoints.lister(), recorder: h.ctx.recorder('endpoint-controller') });
}

afterEach(async () => {
  await h.stop();
});

describe('EndpointsReconciler.reconcile', () => {
  it('creates the Endpoints of a selector Service with labels and the trigger-time annotation', async () => {
    h = makeHarness();
    h.server.put(refs.services, service());
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    h.server.put(refs.pods, { ...pod('other', '10.244.1.3'), metadata: { name: 'other', namespace: 'default', labels: { app: 'db' } } });
    const r = await reconciler();
    await r.reconcile(KEY);
    const ep = h.object<Endpoints>(refs.endpoints, 'default', 'web')!;
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: expect.any(String) } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ep.metadata.labels).toEqual({ team: 'a' });
    expect(ep.metadata.annotations?.[LAST_CHANGE_TRIGGER_TIME]).toBe('2026-01-01T00:00:00Z');
  });

  it('writes nothing when the cached Endpoints are already right', async () => {
    h = makeHarness();
    h.server.put(refs.services, service());
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    const r = await reconciler();
    await r.reconcile(KEY);
    await until(() => h.informers.informerFor<Endpoints>(refs.endpoints).lister().get(KEY) !== undefined);
    const before = h.writes.length;
    await r.reconcile(KEY);
    expect(h.writes.length).toBe(before);
  });

  it('moves a pod that turned not-ready to notReadyAddresses with an update', async () => {
    h = makeHarness();
    h.server.put(refs.services, service());
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    const r = await reconciler();
    await r.reconcile(KEY);
    h.server.put(refs.pods, pod('a', '10.244.1.2', false));
    await until(() => h.informers.informerFor<Endpoints>(refs.endpoints).lister().get(KEY) !== undefined);
    await until(() => h.informers.informerFor<Pod>(refs.pods).lister().get({ namespace: 'default', name: 'a' })?.status?.conditions?.[0]?.status === 'False');
    await r.reconcile(KEY);
    const ep = h.object<Endpoints>(refs.endpoints, 'default', 'web')!;
    expect(ep.subsets?.[0]?.addresses).toBeUndefined();
    expect(ep.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    expect(h.writes.at(-1)?.method).toBe('PUT');
  });

  it('labels the Endpoints of a headless Service', async () => {
    h = makeHarness();
    h.server.put(refs.services, service({ clusterIP: 'None' }));
    const r = await reconciler();
    await r.reconcile(KEY);
    expect(h.object<Endpoints>(refs.endpoints, 'default', 'web')!.metadata.labels).toEqual({ team: 'a', [HEADLESS_SERVICE_LABEL]: '' });
  });

  it('leaves the Endpoints of a Service without selector alone', async () => {
    h = makeHarness();
    h.server.put(refs.services, service({ selector: undefined }));
    h.server.put(refs.endpoints, { metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 80 }] }] } as Endpoints);
    const r = await reconciler();
    await r.reconcile(KEY);
    expect(h.writes).toEqual([]);
  });

  it('deletes the Endpoints when the Service is gone', async () => {
    h = makeHarness();
    h.server.put(refs.endpoints, { metadata: { name: 'web', namespace: 'default' }, subsets: [] } as Endpoints);
    const r = await reconciler();
    await r.reconcile(KEY);
    expect(h.object(refs.endpoints, 'default', 'web')).toBeUndefined();
    await r.reconcile(KEY); // already gone: no error
  });
});

describe('endpointsController', () => {
  it('follows pods through informer events once started', async () => {
    h = makeHarness();
    const c = endpointsController({ workers: 2 });
    const run = c.start(h.ctx);
    await h.sync();
    const done = run();
    h.server.put(refs.services, service());
    h.server.put(refs.pods, pod('a', '10.244.1.2'));
    await until(() => (h.object<Endpoints>(refs.endpoints, 'default', 'web')?.subsets?.[0]?.addresses?.length ?? 0) === 1);
    h.server.put(refs.pods, pod('b', '10.244.1.3'));
    await until(() => (h.object<Endpoints>(refs.endpoints, 'default', 'web')?.subsets?.[0]?.addresses?.length ?? 0) === 2);
    h.server.remove(refs.services, 'default', 'web');
    await until(() => h.object(refs.endpoints, 'default', 'web') === undefined);
    h.abort.abort();
    await done;
  });
});
