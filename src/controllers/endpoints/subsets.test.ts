import { describe, expect, it } from 'vitest';
import type { EndpointSubset, Pod, Service } from '../../api/index.js';
import { findPort } from './pod-util.js';
import { computeSubsets, repackSubsets, truncateSubsets } from './subsets.js';

interface PodOpts {
  ip?: string;
  ready?: boolean;
  node?: string;
  deleting?: boolean;
  phase?: 'Running' | 'Succeeded' | 'Failed';
  ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[];
  hostname?: string;
  subdomain?: string;
}

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      nodeName: o.node ?? 'node-1',
      containers: [{ name: 'c', image: 'nginx', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }],
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.244.1.2', podIPs: [{ ip: o.ip ?? '10.244.1.2' }] }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

function svc(spec: Service['spec'] = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec },
  };
}

const addr = (name: string, ip: string, node = 'node-1') => ({
  ip,
  nodeName: node,
  targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` },
});

describe('computeSubsets (seed step 16)', () => {
  const cases: Array<{ name: string; service: Service; pods: Pod[]; want: EndpointSubset[] }> = [
    {
      name: 'a ready pod is an address with the named target port resolved',
      service: svc(),
      pods: [pod('a')],
      want: [{ addresses: [addr('a', '10.244.1.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'a not-ready pod goes to notReadyAddresses',
      service: svc(),
      pods: [pod('a', { ready: false })],
      want: [{ notReadyAddresses: [addr('a', '10.244.1.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'ready and not-ready pods share one subset, addresses sorted by IP',
      service: svc(),
      pods: [pod('b', { ip: '10.244.1.9' }), pod('a', { ip: '10.244.1.3' }), pod('c', { ip: '10.244.2.1', ready: false, node: 'node-2' })],
      want: [
        {
          addresses: [addr('a', '10.244.1.3'), addr('b', '10.244.1.9')],
          notReadyAddresses: [addr('c', '10.244.2.1', 'node-2')],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    },
    {
      name: 'publishNotReadyAddresses lists every pod as ready, even one being deleted',
      service: svc({ publishNotReadyAddresses: true }),
      pods: [pod('a', { ready: false }), pod('b', { ip: '10.244.1.5', deleting: true })],
      want: [{ addresses: [addr('a', '10.244.1.2'), addr('b', '10.244.1.5')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'pods being deleted, without an IP, or terminal are excluded',
      service: svc(),
      pods: [pod('gone', { deleting: true }), pod('noip', { ip: '' }), pod('done', { phase: 'Succeeded' })],
      want: [],
    },
    {
      name: 'a numeric targetPort is used as is',
      service: svc({ ports: [{ port: 80, targetPort: 9376, protocol: 'TCP' }] }),
      pods: [pod('a', { ports: [] })],
      want: [{ addresses: [addr('a', '10.244.1.2')], ports: [{ port: 9376, protocol: 'TCP' }] }],
    },
    {
      name: 'a pod lacking the named port is skipped for that port only; ports with equal address sets merge',
      service: svc({
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
        ],
      }),
      pods: [pod('a', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }), pod('b', { ip: '10.244.1.7' })],
      want: [
        // subsets are ordered by content hash, as Kubernetes' SortSubsets orders them
        { addresses: [addr('a', '10.244.1.2')], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
        { addresses: [addr('a', '10.244.1.2'), addr('b', '10.244.1.7')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      ],
    },
    {
      name: 'a headless service without ports lists addresses without ports',
      service: svc({ clusterIP: 'None', ports: [] }),
      pods: [pod('a')],
      want: [{ addresses: [addr('a', '10.244.1.2')] }],
    },
    {
      name: 'a non-headless service without ports gets no subsets',
      service: svc({ ports: [] }),
      pods: [pod('a')],
      want: [],
    },
    {
      name: 'hostname is published when the subdomain names the service',
      service: svc(),
      pods: [pod('a', { hostname: 'a-host', subdomain: 'web' })],
      want: [{ addresses: [{ ...addr('a', '10.244.1.2'), hostname: 'a-host' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(computeSubsets(c.service, c.pods)).toEqual(c.want);
    });
  }

  it('is independent of pod order (deterministic ordering)', () => {
    const pods = [pod('a', { ip: '10.244.1.3' }), pod('b', { ip: '10.244.1.1', ready: false }), pod('c', { ip: '10.244.1.2' })];
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'raw', port: 81, targetPort: 81 }] });
    const a = computeSubsets(s, pods);
    const b = computeSubsets(s, [...pods].reverse());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('repackSubsets', () => {
  it('deduplicates an address listed twice and lets not-ready win for the same port', () => {
    const port = { port: 80, protocol: 'TCP' as const };
    const out = repackSubsets([
      { addresses: [addr('a', '10.0.0.1')], ports: [port] },
      { notReadyAddresses: [addr('a', '10.0.0.1')], ports: [port] },
    ]);
    expect(out).toEqual([{ notReadyAddresses: [addr('a', '10.0.0.1')], ports: [port] }]);
  });
});

describe('findPort', () => {
  it('matches a named port only with the same protocol', () => {
    const p = pod('a', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] });
    expect(findPort(p, { port: 53, targetPort: 'dns', protocol: 'UDP' })).toBe(53);
    expect(findPort(p, { port: 53, targetPort: 'dns', protocol: 'TCP' })).toBeUndefined();
  });

  it('defaults an absent targetPort to the service port', () => {
    expect(findPort(pod('a'), { port: 80 })).toBe(80);
  });
});

describe('truncateSubsets', () => {
  it('keeps ready addresses first when over capacity', () => {
    const many = (n: number, base: string) => Array.from({ length: n }, (_, i) => addr(`${base}${i}`, `10.0.${base === 'r' ? 1 : 2}.${i}`));
    const subsets: EndpointSubset[] = [{ addresses: many(3, 'r'), notReadyAddresses: many(3, 'n'), ports: [{ port: 80 }] }];
    expect(truncateSubsets(subsets, 4)).toBe(true);
    expect(subsets[0]!.addresses).toHaveLength(3);
    expect(subsets[0]!.notReadyAddresses).toHaveLength(1);
    expect(truncateSubsets(subsets, 4)).toBe(false);
  });
});
