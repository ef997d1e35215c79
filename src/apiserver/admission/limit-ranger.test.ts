import { describe, expect, it } from 'vitest';
import type { LimitRange, LimitRangeItem, Pod } from '../../api/index.js';
import { isForbidden } from '../../machinery/index.js';
import { LIMIT_RANGER_ANNOTATION, limitRanger } from './limit-ranger.js';
import { ArrayLister, attrsFor, pod } from './test-fixtures.js';

const lr = (name: string, ...limits: LimitRangeItem[]): LimitRange => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'default' }, spec: { limits } });
const plugin = (...ranges: LimitRange[]) => limitRanger({ limitRanges: new ArrayLister(ranges) });

async function refusal(p: Promise<void>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isForbidden(err)) throw new Error(`expected Forbidden, got ${String(err)}`);
  return (err as Error).message;
}

describe('LimitRanger defaults', () => {
  it('fills default limits and requests into containers that lack them, and says so in an annotation', async () => {
    const ranges = lr('defaults', { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } });
    const p = pod('web', {
      containers: [
        { name: 'app', image: 'x' },
        { name: 'side', image: 'y', resources: { limits: { cpu: '1' }, requests: { cpu: '200m', memory: '64Mi' } } },
      ],
      initContainers: [{ name: 'init', image: 'z' }],
    });
    const attrs = attrsFor(p);
    await plugin(ranges).mutate(attrs);
    const [app, side] = (attrs.object as Pod).spec!.containers;
    // defaultRequest memory comes from default memory (LimitRange defaulting).
    expect(app!.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(side!.resources).toEqual({ limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '200m', memory: '64Mi' } });
    expect((attrs.object as Pod).spec!.initContainers![0]!.resources!.limits).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(attrs.object!.metadata.annotations![LIMIT_RANGER_ANNOTATION]).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; memory limit for container side; cpu, memory request for init container init; cpu, memory limit for init container init',
    );
  });

  it('defaults limits to max when no default is given', async () => {
    const attrs = attrsFor(pod('web'));
    await plugin(lr('max-only', { type: 'Container', max: { cpu: '1' } })).mutate(attrs);
    expect((attrs.object as Pod).spec!.containers[0]!.resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('never changes the cached LimitRange', async () => {
    const range = lr('max-only', { type: 'Container', max: { cpu: '1' } });
    const before = structuredClone(range);
    await plugin(range).mutate(attrsFor(pod('web')));
    expect(range).toEqual(before);
  });

  it('does not touch pod updates', async () => {
    const attrs = attrsFor(pod('web'), { operation: 'UPDATE', oldObject: pod('web') });
    await plugin(lr('d', { type: 'Container', default: { cpu: '1' } })).mutate(attrs);
    expect((attrs.object as Pod).spec!.containers[0]!.resources).toBeUndefined();
  });
});

describe('LimitRanger validation', () => {
  const withResources = (limits: Record<string, string>, requests: Record<string, string> = {}) =>
    pod('x', { containers: [{ name: 'app', image: 'i', resources: { limits, requests } }] });

  it('refuses a container above max with Kubernetes wording', async () => {
    const msg = await refusal(plugin(lr('caps', { type: 'Container', max: { cpu: '1' } })).validate(attrsFor(withResources({ cpu: '2' }, { cpu: '500m' }))));
    expect(msg).toBe('pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('accepts a container at max and refuses one with no limit', async () => {
    const caps = plugin(lr('caps', { type: 'Container', max: { memory: '1Gi' } }));
    await caps.validate(attrsFor(withResources({ memory: '1024Mi' })));
    expect(await refusal(caps.validate(attrsFor(withResources({}))))).toBe('pods "x" is forbidden: maximum memory usage per Container is 1Gi.  No limit is specified');
  });

  it('refuses requests below min and lists every violation', async () => {
    const msg = await refusal(plugin(lr('floor', { type: 'Container', min: { cpu: '100m', memory: '64Mi' } })).validate(attrsFor(withResources({ cpu: '50m', memory: '128Mi' }, { cpu: '50m', memory: '32Mi' }))));
    expect(msg).toBe('pods "x" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, minimum memory usage per Container is 64Mi, but request is 32Mi]');
  });

  it('enforces maxLimitRequestRatio', async () => {
    const ratio = plugin(lr('ratio', { type: 'Container', maxLimitRequestRatio: { cpu: '2' } }));
    await ratio.validate(attrsFor(withResources({ cpu: '1' }, { cpu: '500m' })));
    expect(await refusal(ratio.validate(attrsFor(withResources({ cpu: '2' }, { cpu: '500m' }))))).toBe('pods "x" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000');
    expect(await refusal(ratio.validate(attrsFor(withResources({ cpu: '2' }))))).toContain('but no request is specified or request is 0');
  });

  it('checks Pod items against the sum of the containers', async () => {
    const p = pod('x', {
      containers: [
        { name: 'a', image: 'i', resources: { limits: { cpu: '600m' } } },
        { name: 'b', image: 'i', resources: { limits: { cpu: '600m' } } },
      ],
    });
    const msg = await refusal(plugin(lr('pod', { type: 'Pod', max: { cpu: '1' } })).validate(attrsFor(p)));
    expect(msg).toBe('pods "x" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m');
  });

  it('checks PersistentVolumeClaim storage requests', async () => {
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { resources: { requests: { storage: '20Gi' } } } };
    const attrs = attrsFor(claim, { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' });
    const msg = await refusal(plugin(lr('pvc', { type: 'PersistentVolumeClaim', max: { storage: '10Gi' } })).validate(attrs));
    expect(msg).toBe('persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi');
  });

  it('defaults then validates: a defaulted pod passes its own LimitRange', async () => {
    const range = lr('both', { type: 'Container', default: { cpu: '500m' }, max: { cpu: '1' }, min: { cpu: '100m' } });
    const attrs = attrsFor(pod('web'));
    await plugin(range).mutate(attrs);
    await plugin(range).validate(attrs);
    expect((attrs.object as Pod).spec!.containers[0]!.resources!.requests).toEqual({ cpu: '500m' });
  });
});
