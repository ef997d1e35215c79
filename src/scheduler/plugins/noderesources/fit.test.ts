import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../api/index.js';
import { CycleState } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { filterAll, makeNode, makePod, newTestFramework, reasonsOf, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { Fit } from './fit.js';

/** A node like fit_test.go's makeResources(milliCPU=10, memory=20, pods=32, extended=5). */
const node = (opts: { cpu?: string; memory?: string; pods?: string; gpu?: string } = {}) =>
  makeNode('machine1')
    .capacity({ cpu: opts.cpu ?? '10m', memory: opts.memory ?? '20', pods: opts.pods ?? '32', 'example.com/aaa': opts.gpu ?? '5' })
    .obj();

/** An existing pod on machine1 using `cpu`/`memory`. */
const used = (name: string, cpu: string, memory: string) => makePod(name).node('machine1').req({ cpu, memory }).obj();

describe('NodeResourcesFit Filter (enough resources)', () => {
  const tests: { name: string; pod: Pod; existing: Pod[]; nodePods?: string; ignored?: string[]; want: string[] }[] = [
    { name: 'no resources requested always fits', pod: makePod('p').obj(), existing: [used('e', '10m', '20')], want: [] },
    { name: 'too many resources fails', pod: makePod('p').req({ cpu: '1m', memory: '1' }).obj(), existing: [used('e', '10m', '20')], want: ['Insufficient cpu', 'Insufficient memory'] },
    {
      name: 'too many resources fails due to init container cpu',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).initReq({ cpu: '3m', memory: '1' }).obj(),
      existing: [used('e', '8m', '19')],
      want: ['Insufficient cpu'],
    },
    {
      name: 'too many resources fails due to highest init container cpu',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).initReq({ cpu: '3m', memory: '1' }).initReq({ cpu: '2m', memory: '1' }).obj(),
      existing: [used('e', '8m', '19')],
      want: ['Insufficient cpu'],
    },
    {
      name: 'too many resources fails due to init container memory',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).initReq({ cpu: '1m', memory: '3' }).obj(),
      existing: [used('e', '9m', '19')],
      want: ['Insufficient memory'],
    },
    {
      name: 'init container fits because it\'s the max, not sum, of containers and init containers',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).initReq({ cpu: '1m', memory: '1' }).obj(),
      existing: [used('e', '9m', '19')],
      want: [],
    },
    { name: 'both resources fit', pod: makePod('p').req({ cpu: '1m', memory: '1' }).obj(), existing: [used('e', '5m', '5')], want: [] },
    { name: 'one resource memory fits', pod: makePod('p').req({ cpu: '2m', memory: '1' }).obj(), existing: [used('e', '9m', '5')], want: ['Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: makePod('p').req({ cpu: '1m', memory: '2' }).obj(), existing: [used('e', '5m', '19')], want: ['Insufficient memory'] },
    { name: 'equal edge case', pod: makePod('p').req({ cpu: '5m', memory: '1' }).obj(), existing: [used('e', '5m', '19')], want: [] },
    {
      name: 'pod overhead counts: fits without it, not with it',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).overhead({ cpu: '3m', memory: '15' }).obj(),
      existing: [used('e', '5m', '5')],
      want: ['Insufficient memory'],
    },
    { name: 'extended resource fits', pod: makePod('p').req({ 'example.com/aaa': '1' }).obj(), existing: [], want: [] },
    { name: 'extended resource capacity enforced', pod: makePod('p').req({ 'example.com/aaa': '10' }).obj(), existing: [], want: ['Insufficient example.com/aaa'] },
    { name: 'unknown extended resource is insufficient', pod: makePod('p').req({ 'example.com/bbb': '1' }).obj(), existing: [], want: ['Insufficient example.com/bbb'] },
    { name: 'ignored extended resource is not checked', pod: makePod('p').req({ 'example.com/bbb': '1' }).obj(), existing: [], ignored: ['example.com/bbb'], want: [] },
    {
      name: 'too many pods: even a pod requesting nothing doesn\'t fit',
      pod: makePod('p').obj(),
      existing: [used('e1', '1m', '1'), used('e2', '1m', '1')],
      nodePods: '2',
      want: ['Too many pods'],
    },
    {
      name: 'too many pods and insufficient cpu are both reported',
      pod: makePod('p').req({ cpu: '9m' }).obj(),
      existing: [used('e1', '1m', '1'), used('e2', '1m', '1')],
      nodePods: '2',
      want: ['Too many pods', 'Insufficient cpu'],
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({
        nodes: [node({ pods: tt.nodePods })],
        pods: tt.existing,
        plugins: [Names.NodeResourcesFit],
        pluginConfig: { NodeResourcesFit: { ignoredResources: tt.ignored } },
      });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(reasonsOf(s ?? null)).toEqual(tt.want);
      if (s) expect(s.plugin).toBe(Names.NodeResourcesFit);
    });
  }

  it('reports amounts for each insufficient resource', () => {
    const fit = new Fit();
    const { snapshot } = newTestFramework({ nodes: [node()], pods: [used('e', '8m', '19')], plugins: [] });
    const state = new CycleState(PodInfo.of(makePod('p').req({ cpu: '3m', memory: '1' }).obj()));
    expect(fit.insufficientResources(state, snapshot.list()[0]!)).toEqual([{ resourceName: 'cpu', reason: 'Insufficient cpu', requested: 3, used: 8, capacity: 10 }]);
  });
});

describe('NodeResourcesFit Score', () => {
  const twoNodes = () => [makeNode('node1').capacity({ cpu: '4000m', memory: '10000' }).obj(), makeNode('node2').capacity({ cpu: '6000m', memory: '10000' }).obj()];
  const tests: { name: string; strategy?: 'LeastAllocated' | 'MostAllocated'; pod: Pod; existing?: Pod[]; want: Record<string, number> }[] = [
    {
      // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37; node2: 50, 50 → 50.
      name: 'LeastAllocated: nothing scheduled, resources requested, differently sized nodes',
      pod: makePod('p').req({ cpu: '3000m', memory: '5000' }).obj(),
      want: { node1: 37, node2: 50 },
    },
    {
      // node1: cpu 3000*100/4000 = 75, memory 50 → 62; node2: cpu 50, memory 50 → 50.
      name: 'MostAllocated: nothing scheduled, resources requested, differently sized nodes',
      strategy: 'MostAllocated',
      pod: makePod('p').req({ cpu: '3000m', memory: '5000' }).obj(),
      want: { node1: 62, node2: 50 },
    },
    {
      // node1 already has 3000m/0 requested; the pod's 1000m/2000: cpu 0, memory 80 → 40; node2: cpu (6000-1000)*100/6000 = 83, 80 → 81.
      name: 'LeastAllocated: assigned pods count, requests above capacity score 0',
      pod: makePod('p').req({ cpu: '1000m', memory: '2000' }).obj(),
      existing: [makePod('e').node('node1').req({ cpu: '3000m', memory: '0' }).obj()],
      want: { node1: 40, node2: 81 },
    },
    {
      // No requests: non-zero defaults 100m / 200Mi; memory exceeds 10000 bytes → 0. cpu: (4000-100)*100/4000 = 97 → 48; (6000-100)*100/6000 = 98 → 49.
      name: 'LeastAllocated: a pod without requests is scored with the non-zero defaults',
      pod: makePod('p').container('nginx').obj(),
      want: { node1: 48, node2: 49 },
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({
        nodes: twoNodes(),
        pods: tt.existing,
        plugins: [Names.NodeResourcesFit],
        pluginConfig: { NodeResourcesFit: { scoringStrategy: { type: tt.strategy ?? 'LeastAllocated' } } },
      });
      expect(scoreAll(fwk, { snapshot, pod: tt.pod })).toEqual(tt.want);
    });
  }

  it('weights resources as configured', () => {
    // cpu weight 3, memory weight 1 on node1: (25*3 + 50*1) / 4 = 31.
    const { fwk, snapshot } = newTestFramework({
      nodes: twoNodes(),
      plugins: [Names.NodeResourcesFit],
      pluginConfig: { NodeResourcesFit: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } } },
    });
    expect(scoreAll(fwk, { snapshot, pod: makePod('p').req({ cpu: '3000m', memory: '5000' }).obj() })).toEqual({ node1: 31, node2: 50 });
  });

  it('rejects an unknown strategy', () => {
    expect(() => new Fit({ scoringStrategy: { type: 'Balanced' as never } })).toThrow(/not supported/);
  });
});
