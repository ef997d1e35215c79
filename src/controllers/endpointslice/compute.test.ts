import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../api/index.js';
import { computeSlices } from './compute.js';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, newEndpointSlice } from './slice-util.js';

function pod(name: string, ip: string, o: { ready?: boolean; deleting?: boolean; ports?: boolean; node?: string } = {}): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'c', image: 'x', ports: o.ports === false ? [] : [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const service: Service = {
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { team: 'a' } },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

const HTTP = [{ name: 'http', port: 8080, protocol: 'TCP' as const }];

function existing(name: string, pods: Pod[], o: { rv?: string; ports?: EndpointSlice['ports'] } = {}): EndpointSlice {
  const plan = computeSlices(service, { pods, existing: [] });
  const s = plan.toCreate[0]!;
  return { ...s, ports: o.ports ?? s.ports, metadata: { ...s.metadata, name, resourceVersion: o.rv ?? '1' } };
}

describe('computeSlices', () => {
  it('creates one slice owned by the Service with labels, conditions, nodeName, targetRef and ports', () => {
    const plan = computeSlices(service, { pods: [pod('a', '10.244.1.2'), pod('b', '10.244.1.3', { ready: false }), pod('c', '10.244.1.4', { deleting: true })], existing: [] });
    expect(plan.toUpdate).toEqual([]);
    expect(plan.toDelete).toEqual([]);
    expect(plan.toCreate).toHaveLength(1);
    const s = plan.toCreate[0]!;
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.labels).toEqual({ team: 'a', [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME });
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual(HTTP);
    expect(s.endpoints).toEqual([
      { addresses: ['10.244.1.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
      { addresses: ['10.244.1.3'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
      { addresses: ['10.244.1.4'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } },
    ]);
  });

  it('splits at maxEndpointsPerSlice', () => {
    const pods = Array.from({ length: 5 }, (_, i) => pod(`p${i}`, `10.244.1.${i + 10}`));
    const plan = computeSlices(service, { pods, existing: [] }, { maxEndpointsPerSlice: 2 });
    expect(plan.toCreate.map((s) => s.endpoints.length)).toEqual([2, 2, 1]);
  });

  it('groups pods by the ports they offer', () => {
    const plan = computeSlices(service, { pods: [pod('a', '10.244.1.2'), pod('b', '10.244.1.3', { ports: false })], existing: [] });
    expect(plan.toCreate.map((s) => [s.ports, s.endpoints.map((e) => e.targetRef?.name)])).toEqual(
      expect.arrayContaining([
        [HTTP, ['a']],
        [[], ['b']],
      ]),
    );
  });

  it('changes nothing when the existing slice already matches', () => {
    const pods = [pod('a', '10.244.1.2')];
    const plan = computeSlices(service, { pods, existing: [existing('web-abcde', pods)] });
    expect(plan).toEqual({ toCreate: [], toUpdate: [], toDelete: [], skippedPods: [] });
  });

  it('treats ports stored without defaults (no name, no protocol) as the same port set', () => {
    const pods = [pod('a', '10.244.1.2')];
    const unnamed: Service = { ...service, spec: { ...service.spec, ports: [{ port: 80, targetPort: 8080 }] } };
    const stored = { ...computeSlices(unnamed, { pods, existing: [] }).toCreate[0]!, ports: [{ port: 8080 }] };
    const s = { ...stored, metadata: { ...stored.metadata, name: 'web-abcde', resourceVersion: '3' } };
    expect(computeSlices(unnamed, { pods, existing: [s] })).toEqual({ toCreate: [], toUpdate: [], toDelete: [], skippedPods: [] });
  });

  it('updates a slice whose endpoint changed and adds new endpoints into it', () => {
    const plan = computeSlices(service, { pods: [pod('a', '10.244.1.2', { ready: false }), pod('b', '10.244.1.3')], existing: [existing('web-abcde', [pod('a', '10.244.1.2')])] });
    expect(plan.toCreate).toEqual([]);
    expect(plan.toUpdate).toHaveLength(1);
    expect(plan.toUpdate[0]!.metadata.name).toBe('web-abcde');
    expect(plan.toUpdate[0]!.endpoints.map((e) => [e.targetRef?.name, e.conditions?.ready])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('turns a slice emptied of endpoints into the placeholder instead of deleting and creating', () => {
    const plan = computeSlices(service, { pods: [], existing: [existing('web-abcde', [pod('a', '10.244.1.2')])] });
    expect(plan.toCreate).toEqual([]);
    expect(plan.toDelete).toEqual([]);
    expect(plan.toUpdate).toHaveLength(1);
    expect(plan.toUpdate[0]!.metadata.name).toBe('web-abcde');
    expect(plan.toUpdate[0]!.endpoints).toEqual([]);
    expect(plan.toUpdate[0]!.ports).toEqual([]);
  });

  it('keeps an existing placeholder for a Service without pods', () => {
    const placeholder = { ...newEndpointSlice(service, { ports: [], addressType: 'IPv4' }), metadata: { ...newEndpointSlice(service, { ports: [], addressType: 'IPv4' }).metadata, name: 'web-xxxxx' } };
    expect(computeSlices(service, { pods: [], existing: [placeholder] })).toEqual({ toCreate: [], toUpdate: [], toDelete: [], skippedPods: [] });
    expect(computeSlices(service, { pods: [], existing: [] }).toCreate).toHaveLength(1);
  });

  it('deletes slices of another Service uid and of an address type the Service no longer has', () => {
    const foreign = { ...existing('web-old', [pod('a', '10.244.1.2')]), metadata: { ...existing('web-old', []).metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'older' }] } };
    const v6 = { ...existing('web-v6', []), addressType: 'IPv6' as const };
    const plan = computeSlices(service, { pods: [pod('a', '10.244.1.2')], existing: [foreign, v6] });
    expect(plan.toDelete.map((s) => s.metadata.name).sort()).toEqual(['web-old', 'web-v6']);
    expect(plan.toCreate).toHaveLength(1);
  });

  it('skips a pod whose node is unknown unless publishNotReadyAddresses', () => {
    const pods = [pod('a', '10.244.1.2', { node: 'ghost' })];
    const plan = computeSlices(service, { pods, existing: [] }, { node: () => undefined });
    expect(plan.skippedPods).toEqual(['default/a']);
    expect(plan.toCreate[0]!.endpoints).toEqual([]);
    const publish = { ...service, spec: { ...service.spec, publishNotReadyAddresses: true } };
    expect(computeSlices(publish, { pods, existing: [] }, { node: () => undefined }).toCreate[0]!.endpoints).toHaveLength(1);
  });
});
