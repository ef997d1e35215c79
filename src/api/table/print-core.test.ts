import { describe, expect, it } from 'vitest';
import type { Obj } from './format.js';
import {
  configMapPrinter,
  endpointsPrinter,
  formatEndpoints,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './print-core.js';
import { eventPrinter } from './print-events.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const created = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const H = 3_600_000;
const meta = (name: string, extra: Obj = {}) => ({ name, namespace: 'default', creationTimestamp: created(3 * H), ...extra });

describe('service printer', () => {
  const svc = (spec: Obj, status: Obj = {}) => ({ metadata: meta('web'), spec, status });

  it('prints a ClusterIP service', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } });
    expect(servicePrinter.row(s, NOW).cells).toEqual(['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '3h', 'app=web']);
  });

  it('prints node ports and several ports, and <none> for no selector', () => {
    const s = svc({
      type: 'NodePort',
      clusterIPs: ['10.96.1.1'],
      ports: [
        { port: 80, nodePort: 30080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    });
    expect(servicePrinter.row(s, NOW).cells.slice(1)).toEqual(['NodePort', '10.96.1.1', '<none>', '80:30080/TCP,53/UDP', '3h', '<none>']);
  });

  it('prints load balancer addresses, <pending> without them, external IPs and ExternalName', () => {
    const lb = svc({ type: 'LoadBalancer', clusterIPs: ['10.96.2.2'], ports: [] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } });
    expect(servicePrinter.row(lb, NOW).cells.slice(2, 5)).toEqual(['10.96.2.2', '203.0.113.9,lb.example.com', '<none>']);
    const pending = svc({ type: 'LoadBalancer', clusterIPs: ['10.96.2.3'] });
    expect(servicePrinter.row(pending, NOW).cells[3]).toBe('<pending>');
    const ext = svc({ type: 'ClusterIP', clusterIPs: ['10.96.2.4'], externalIPs: ['1.2.3.4', '5.6.7.8'] });
    expect(servicePrinter.row(ext, NOW).cells[3]).toBe('1.2.3.4,5.6.7.8');
    const name = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(servicePrinter.row(name, NOW).cells.slice(2, 4)).toEqual(['<none>', 'db.example.com']);
  });

  it('prints a headless service cluster IP as None', () => {
    expect(servicePrinter.row(svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }), NOW).cells[2]).toBe('None');
  });
});

describe('endpoints printer', () => {
  it('lists up to three ip:port pairs and counts the rest', () => {
    const ep = {
      metadata: meta('web'),
      subsets: [
        {
          addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.1.3' }, { ip: '10.244.2.4' }, { ip: '10.244.2.5' }],
          ports: [{ port: 80 }],
        },
      ],
    };
    expect(endpointsPrinter.row(ep, NOW).cells).toEqual(['web', '10.244.1.2:80,10.244.1.3:80,10.244.2.4:80 + 1 more...', '3h']);
  });

  it('handles no subsets, portless subsets and IPv6', () => {
    expect(formatEndpoints({})).toBe('<none>');
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] })).toBe('10.0.0.1');
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 443 }] }] })).toBe('[fd00::1]:443');
    const twoPorts = { subsets: [{ addresses: [{ ip: 'a' }, { ip: 'b' }], ports: [{ port: 1 }, { port: 2 }] }] };
    expect(formatEndpoints(twoPorts)).toBe('a:1,b:1,a:2 + 1 more...');
  });
});

describe('node printer', () => {
  const node = (extra: { labels?: Obj; spec?: Obj; conditions?: Obj[] } = {}) => ({
    metadata: { name: 'node-1', creationTimestamp: created(50 * H), labels: extra.labels ?? {} },
    spec: extra.spec ?? {},
    status: {
      conditions: extra.conditions ?? [{ type: 'Ready', status: 'True' }],
      addresses: [
        { type: 'InternalIP', address: '192.168.1.10' },
        { type: 'Hostname', address: 'node-1' },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.0' },
    },
  });

  it('prints a ready node with roles and wide system info', () => {
    const n = node({ labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' } });
    expect(nodePrinter.row(n, NOW).cells).toEqual([
      'node-1',
      'Ready',
      'control-plane,edge',
      '2d2h',
      'v1.32.0',
      '192.168.1.10',
      '<none>',
      'Debian GNU/Linux 12',
      '6.1.0',
      'containerd://1.7.0',
    ]);
  });

  it('prints NotReady, Unknown and SchedulingDisabled', () => {
    expect(nodePrinter.row(node({ conditions: [{ type: 'Ready', status: 'False' }] }), NOW).cells[1]).toBe('NotReady');
    expect(nodePrinter.row(node({ conditions: [] }), NOW).cells[1]).toBe('Unknown');
    expect(nodePrinter.row(node({ spec: { unschedulable: true } }), NOW).cells.slice(1, 3)).toEqual(['Ready,SchedulingDisabled', '<none>']);
  });
});

describe('small core printers', () => {
  it('namespaces: name, phase, age', () => {
    expect(namespacePrinter.row({ metadata: meta('demo'), status: { phase: 'Terminating' } }, NOW).cells).toEqual(['demo', 'Terminating', '3h']);
  });

  it('configmaps count data and binaryData keys', () => {
    const cm = { metadata: meta('cfg'), data: { a: '1', b: 'two' }, binaryData: { blob: 'AA==' } };
    expect(configMapPrinter.row(cm, NOW).cells).toEqual(['cfg', 3, '3h']);
    expect(configMapPrinter.row({ metadata: meta('empty') }, NOW).cells).toEqual(['empty', 0, '3h']);
  });

  it('secrets print type and data count', () => {
    const s = { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } };
    expect(secretPrinter.row(s, NOW).cells).toEqual(['tls', 'kubernetes.io/tls', 2, '3h']);
  });

  it('serviceaccounts count secrets', () => {
    expect(serviceAccountPrinter.row({ metadata: meta('default') }, NOW).cells).toEqual(['default', 0, '3h']);
  });
});

describe('event printer', () => {
  const base = {
    metadata: meta('web.17a1b2c3'),
    involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled',
    message: '  Successfully pulled image "nginx"\n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: created(10 * 60_000),
    lastTimestamp: created(2 * 60_000),
    count: 3,
  };

  it('prints last seen, type, reason, object and trimmed message, then the wide columns', () => {
    expect(eventPrinter.row(base, NOW).cells).toEqual([
      '2m',
      'Normal',
      'Pulled',
      'pod/web-0',
      'spec.containers{nginx}',
      'kubelet, node-1',
      'Successfully pulled image "nginx"',
      '10m',
      3,
      'web.17a1b2c3',
    ]);
  });

  it('falls back to eventTime, series and reporting controller for new-style events', () => {
    const ev = {
      metadata: meta('x'),
      involvedObject: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up',
      type: 'Normal',
      eventTime: '2024-05-01T11:59:00.000000Z',
      series: { count: 4, lastObservedTime: '2024-05-01T11:59:30.000000Z' },
      reportingComponent: 'deployment-controller',
      source: {},
    };
    const c = eventPrinter.row(ev, NOW).cells;
    expect([c[0], c[5], c[7], c[8]]).toEqual(['30s', 'deployment-controller', '60s', 4]);
  });

  it('reads events.k8s.io/v1 events and counts singletons as 1', () => {
    const ev = {
      metadata: meta('y'),
      regarding: { kind: 'Node', name: '' },
      note: 'Node is ready',
      reason: 'NodeReady',
      type: 'Normal',
      eventTime: '2024-05-01T11:00:00.000000Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
    };
    const c = eventPrinter.row(ev, NOW).cells;
    expect(c).toEqual(['60m', 'Normal', 'NodeReady', 'node', '', 'kubelet, node-1', 'Node is ready', '60m', 1, 'y']);
  });
});
