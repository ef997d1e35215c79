import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../testing/builders.js';
import { HostPortInfo, NodeInfo, normalizedImageName } from './node-info.js';
import { PodInfo } from './pod-info.js';

describe('NodeInfo', () => {
  it('aggregates requests, non-zero requests, ports and affinity pods as pods come and go', () => {
    const ni = new NodeInfo(makeNode('n').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj());
    const a = PodInfo.of(makePod('a').req({ cpu: '1', memory: '1Gi' }).hostPort(80).obj());
    const b = PodInfo.of(makePod('b').container('nginx').podAntiAffinity('zone', { matchLabels: { app: 'x' } }).obj());
    ni.addPod(a);
    ni.addPod(b);
    expect(ni.requested.milliCPU).toBe(1000);
    expect(ni.nonZeroRequested.milliCPU).toBe(1100);
    expect(ni.nonZeroRequested.memory).toBe(2 ** 30 + 200 * 2 ** 20);
    expect(ni.podsWithAffinity.map((p) => p.key)).toEqual(['b']);
    expect(ni.podsWithRequiredAntiAffinity.map((p) => p.key)).toEqual(['b']);
    expect(ni.usedPorts.conflicts({ ip: '0.0.0.0', protocol: 'TCP', port: 80 })).toBe(true);
    expect(ni.removePod('a')).toBe(true);
    expect(ni.removePod('a')).toBe(false);
    expect(ni.requested.milliCPU).toBe(0);
    expect(ni.usedPorts.conflicts({ ip: '0.0.0.0', protocol: 'TCP', port: 80 })).toBe(false);
  });

  it('clones independently of the original', () => {
    const ni = new NodeInfo(makeNode('n').capacity({ cpu: '4' }).obj());
    const c = ni.clone();
    c.addPod(PodInfo.of(makePod('a').req({ cpu: '1' }).obj()));
    expect(ni.pods).toHaveLength(0);
    expect(ni.requested.milliCPU).toBe(0);
    expect(c.requested.milliCPU).toBe(1000);
  });

  it('reads allocatable (falling back to capacity) and image sizes by normalized name', () => {
    const node = makeNode('n').images({ nginx: 100, 'gcr.io/x:1.0': 5 }).obj();
    node.status!.capacity = { cpu: '2' };
    const ni = new NodeInfo(node);
    expect(ni.allocatable.milliCPU).toBe(2000);
    expect([...ni.imageSizes.keys()]).toEqual(['nginx:latest', 'gcr.io/x:1.0']);
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
});

describe('HostPortInfo.CheckConflict', () => {
  const tests: { name: string; used: [string, string, number][]; check: [string, string, number]; want: boolean }[] = [
    { name: '0.0.0.0 conflicts with any ip on the same protocol/port', used: [['127.0.0.1', 'TCP', 80]], check: ['0.0.0.0', 'TCP', 80], want: true },
    { name: 'an ip conflicts with a used 0.0.0.0', used: [['0.0.0.0', 'TCP', 80]], check: ['10.0.0.1', 'TCP', 80], want: true },
    { name: 'different ips do not conflict', used: [['10.0.0.2', 'TCP', 80]], check: ['10.0.0.1', 'TCP', 80], want: false },
    { name: 'different protocols do not conflict', used: [['0.0.0.0', 'UDP', 53]], check: ['0.0.0.0', 'TCP', 53], want: false },
    { name: 'port 0 never conflicts', used: [['0.0.0.0', 'TCP', 0]], check: ['0.0.0.0', 'TCP', 0], want: false },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const h = new HostPortInfo();
      for (const [ip, protocol, port] of tt.used) h.add({ ip, protocol, port });
      const [ip, protocol, port] = tt.check;
      expect(h.conflicts({ ip, protocol, port })).toBe(tt.want);
    });
  }
});
