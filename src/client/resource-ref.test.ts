import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../api/index.js';
import { isClientError } from './errors.js';
import { refFromInfo, refs, resourcePath } from './resource-ref.js';

describe('resourcePath', () => {
  it('builds core-group paths under /api', () => {
    expect(resourcePath(refs.pods)).toBe('/api/v1/pods');
    expect(resourcePath(refs.pods, { namespace: 'default' })).toBe('/api/v1/namespaces/default/pods');
    expect(resourcePath(refs.pods, { namespace: 'default', name: 'p', subresource: 'binding' })).toBe('/api/v1/namespaces/default/pods/p/binding');
    expect(resourcePath(refs.nodes, { name: 'n1' })).toBe('/api/v1/nodes/n1');
  });

  it('builds named-group paths under /apis', () => {
    expect(resourcePath(refs.deployments, { namespace: 'ns', name: 'd', subresource: 'scale' })).toBe('/apis/apps/v1/namespaces/ns/deployments/d/scale');
    expect(resourcePath(refs.leases, { namespace: 'kube-system', name: 'l' })).toBe('/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/l');
  });

  it('encodes names and refuses segments that would change the path', () => {
    expect(resourcePath(refs.configMaps, { namespace: 'a', name: 'x:y' })).toBe('/api/v1/namespaces/a/configmaps/x%3Ay');
    for (const name of ['a/b', '..', '', '%2F']) {
      expect(() => resourcePath(refs.configMaps, { namespace: 'a', name })).toThrow();
    }
  });

  it('refuses a namespace on a cluster-scoped resource and a subresource without a name', () => {
    const errs: unknown[] = [];
    for (const f of [() => resourcePath(refs.nodes, { namespace: 'x' }), () => resourcePath(refs.pods, { subresource: 'status' })]) {
      try {
        f();
      } catch (err) {
        errs.push(err);
      }
    }
    expect(errs.map((e) => isClientError(e, 'InvalidArgument'))).toEqual([true, true]);
  });

  it('agrees with the built-in registry for every well-known ref', () => {
    const reg = builtinRegistry();
    for (const r of Object.values(refs)) {
      const info = reg.byGVR({ group: r.group, version: r.version, resource: r.resource });
      expect(info, `${r.group}/${r.resource}`).toBeDefined();
      expect(refFromInfo(info!)).toEqual(r);
    }
  });
});
