/**
 * The official JavaScript client (@kubernetes/client-node 1.4.0) against `skiff apiserver`: typed CRUD, and an
 * informer that lists, watches, and relists after a 410 Gone.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Skiff, eventually, startSkiff } from './harness.js';

let skiff: Skiff;
let kc: k8s.KubeConfig;
beforeAll(async () => {
  // A tiny watch-cache buffer makes "too old resource version" easy to reach.
  skiff = await startSkiff('apiserver', ['--store', 'memory', '--watch-cache-size', '20']);
  kc = new k8s.KubeConfig();
  kc.loadFromFile(skiff.kubeconfig);
}, 60_000);
afterAll(async () => {
  await skiff?.stop();
});

describe('@kubernetes/client-node 1.4.0', () => {
  it('creates, reads, patches and deletes through the typed API', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'cn' } } });
    const cm = await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'a' }, data: { k: 'v' } } });
    expect(cm.metadata?.uid).toBeTruthy();
    const got = await core.readNamespacedConfigMap({ name: 'a', namespace: 'cn' });
    expect(got.data).toEqual({ k: 'v' });
    const list = await core.listNamespacedConfigMap({ namespace: 'cn' });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['a']);
    await core.deleteNamespacedConfigMap({ name: 'a', namespace: 'cn' });
    await expect(core.readNamespacedConfigMap({ name: 'a', namespace: 'cn' })).rejects.toMatchObject({ code: 404 });
  });

  it('runs an informer that sees adds, updates and deletes', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'inf' } } });
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/inf/configmaps', () => core.listNamespacedConfigMap({ namespace: 'inf' }));
    const seen: string[] = [];
    informer.on('add', (o: k8s.V1ConfigMap) => seen.push(`add:${o.metadata?.name}`));
    informer.on('update', (o: k8s.V1ConfigMap) => seen.push(`update:${o.metadata?.name}`));
    informer.on('delete', (o: k8s.V1ConfigMap) => seen.push(`delete:${o.metadata?.name}`));
    const errors: unknown[] = [];
    informer.on('error', (e: unknown) => {
      errors.push(e);
      setTimeout(() => void informer.start(), 200);
    });
    await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'before' } } });
    await informer.start();
    try {
      await eventually(async () => seen.includes('add:before'), { what: 'initial list' });
      await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'x' } } });
      await core.patchNamespacedConfigMap({ name: 'x', namespace: 'inf', body: { data: { a: '1' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await core.deleteNamespacedConfigMap({ name: 'x', namespace: 'inf' });
      await eventually(async () => seen.includes('delete:x'), { what: 'watch events' });
      expect(seen.filter((s) => s.endsWith(':x'))).toEqual(['add:x', 'update:x', 'delete:x']);
      expect(informer.list().map((o) => o.metadata?.name)).toEqual(['before']);
    } finally {
      await informer.stop();
    }
  });

  it('relists when its watch gets 410 Gone (resourceVersion older than the watch cache keeps)', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'gone' } } });
    const first = await core.createNamespacedConfigMap({ namespace: 'gone', body: { metadata: { name: 'c' }, data: { n: '0' } } });
    const stale = first.metadata!.resourceVersion!;
    // 30 writes push `stale` out of the 20-event watch cache.
    for (let i = 1; i <= 30; i++) {
      await core.patchNamespacedConfigMap({ name: 'c', namespace: 'gone', body: { data: { n: String(i) } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    }
    let lists = 0;
    const listFn = async () => {
      const r = await core.listNamespacedConfigMap({ namespace: 'gone' });
      lists++;
      // The first list pretends to be old, so the informer's watch starts from a compacted revision.
      if (lists === 1) r.metadata = { ...r.metadata, resourceVersion: stale };
      return r;
    };
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/gone/configmaps', listFn);
    informer.on('error', () => setTimeout(() => void informer.start(), 100));
    await informer.start();
    try {
      await eventually(async () => lists >= 2, { what: 'a relist after 410' });
      await core.patchNamespacedConfigMap({ name: 'c', namespace: 'gone', body: { data: { n: 'after' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await eventually(async () => (informer.get('c', 'gone') as k8s.V1ConfigMap | undefined)?.data?.n === 'after', { what: 'the watch after the relist' });
    } finally {
      await informer.stop();
    }
  });
});
