import { describe, expect, it } from 'vitest';
import type { LabelSelector, Node, Pod } from '../../../api/index.js';
import { selectorFromSet } from '../../../machinery/index.js';
import { CycleState } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './filtering.js';

const fooSel: LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const nodes = (): Node[] => [
  makeNode('node-a').label('zone', 'zone1').obj(),
  makeNode('node-b').label('zone', 'zone1').obj(),
  makeNode('node-x').label('zone', 'zone2').obj(),
  makeNode('node-y').label('zone', 'zone2').obj(),
];
/** `counts` pods labeled foo on each node, e.g. {node-a: 2}. */
const placed = (counts: Record<string, number>, ns = 'default'): Pod[] =>
  Object.entries(counts).flatMap(([node, n]) => Array.from({ length: n }, (_, i) => makePod(`p-${node}-${i}`).namespace(ns).label('foo', '').node(node).obj()));

const OK = null;
const SKEW = Code.Unschedulable;
const MISSING = Code.UnschedulableAndUnresolvable;

describe('PodTopologySpread Filter (single constraint)', () => {
  const tests: { name: string; pod: Pod; nodes?: Node[]; existing: Pod[]; want: Record<string, number | null> }[] = [
    {
      name: 'no existing pods',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: [],
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 1, 'node-b': 2 }, 'ns2'),
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 1, 'node-b': 2, 'node-x': 2, 'node-y': 1 }),
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'pods spread across zones as 3/1, only zone2 fits',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 1, 'node-b': 2, 'node-y': 1 }),
      want: { 'node-a': SKEW, 'node-b': SKEW, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'pods spread across zones as 1/2 due to absence of label "zone" on node-b',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      nodes: [makeNode('node-a').label('zone', 'zone1').obj(), makeNode('node-b').label('zon', 'zone1').obj(), makeNode('node-x').label('zone', 'zone2').obj(), makeNode('node-y').label('zone', 'zone2').obj()],
      existing: placed({ 'node-a': 1, 'node-b': 1, 'node-x': 1, 'node-y': 1 }),
      want: { 'node-a': OK, 'node-b': MISSING, 'node-x': SKEW, 'node-y': SKEW },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: makePod('p').label('foo', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }),
      want: { 'node-a': SKEW, 'node-b': SKEW, 'node-x': OK, 'node-y': SKEW },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: makePod('p').label('foo', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 2, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }),
      want: { 'node-a': SKEW, 'node-b': OK, 'node-x': OK, 'node-y': SKEW },
    },
    {
      name: 'incoming pod doesn\'t match itself: 2/1/0/3 with maxSkew 1, node-b and node-x fit',
      pod: makePod('p').label('bar', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      existing: placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }),
      want: { 'node-a': SKEW, 'node-b': OK, 'node-x': OK, 'node-y': SKEW },
    },
    {
      name: 'minDomains 3 with only 2 domains: the global minimum is 0',
      pod: makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 2, when: 'DoNotSchedule', selector: fooSel, minDomains: 3 }).obj(),
      existing: placed({ 'node-a': 2, 'node-x': 1 }),
      want: { 'node-a': SKEW, 'node-b': SKEW, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'nodeAffinityPolicy Honor: pods on nodes the pod can\'t use are not counted',
      pod: makePod('p').label('foo', '').nodeSelector({ pool: 'a' }).spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      nodes: [makeNode('node-a').label('pool', 'a').obj(), makeNode('node-b').label('pool', 'a').obj(), makeNode('node-x').obj()],
      // node-x is not a domain (the pod's nodeSelector excludes it), so the minimum is 1, not 0.
      existing: placed({ 'node-a': 1, 'node-b': 1 }),
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK },
    },
    {
      name: 'nodeAffinityPolicy Ignore: every node is a domain',
      pod: makePod('p').label('foo', '').nodeSelector({ pool: 'a' }).spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel, nodeAffinityPolicy: 'Ignore' }).obj(),
      nodes: [makeNode('node-a').label('pool', 'a').obj(), makeNode('node-b').label('pool', 'a').obj(), makeNode('node-x').obj()],
      existing: placed({ 'node-a': 1, 'node-b': 1 }),
      want: { 'node-a': SKEW, 'node-b': SKEW, 'node-x': OK },
    },
    {
      name: 'terminating pods are not counted',
      pod: makePod('p').label('foo', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj(),
      nodes: [makeNode('node-a').obj(), makeNode('node-b').obj()],
      existing: [makePod('t').label('foo', '').node('node-a').terminating().obj()],
      want: { 'node-a': OK, 'node-b': OK },
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: tt.nodes ?? nodes(), pods: tt.existing, plugins: [Names.PodTopologySpread] });
      const { statuses } = filterAll(fwk, { snapshot, pod: tt.pod });
      const got = Object.fromEntries(snapshot.list().map((n, i) => [n.name, statuses[i]?.code ?? null]));
      expect(got).toEqual(tt.want);
      for (const s of statuses) if (s) expect(s.reasons).toEqual([s.code === SKEW ? ErrReasonConstraintsNotMatch : ErrReasonNodeLabelNotMatch]);
    });
  }

  it('two constraints must both hold', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj();
    // zone1 2, zone2 1 (on node-x): zone1 fails the zone constraint, node-x fails the hostname constraint.
    const { fwk, snapshot } = newTestFramework({ nodes: nodes(), pods: placed({ 'node-a': 1, 'node-b': 1, 'node-x': 1 }), plugins: [Names.PodTopologySpread] });
    const { statuses } = filterAll(fwk, { snapshot, pod: pod });
    expect(Object.fromEntries(snapshot.list().map((n, i) => [n.name, statuses[i]?.code ?? null]))).toEqual({ 'node-a': SKEW, 'node-b': SKEW, 'node-x': SKEW, 'node-y': OK });
  });

  it('AddPod/RemovePod update the counts (used by preemption and nominated pods)', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'DoNotSchedule', selector: fooSel }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: nodes(), pods: placed({ 'node-a': 1, 'node-b': 1, 'node-x': 1, 'node-y': 1 }), plugins: [Names.PodTopologySpread] });
    const state = new CycleState(PodInfo.of(pod));
    fwk.runPreFilterPlugins(state, snapshot.list());
    const a = snapshot.get('node-a')!;
    expect(fwk.runFilterPlugins(state, a)).toBeNull();
    const extra = PodInfo.of(makePod('extra').label('foo', '').node('node-a').obj());
    fwk.runPreFilterExtensionAddPod(state, { pod: extra, node: a });
    expect(fwk.runFilterPlugins(state, a)?.code).toBe(SKEW);
    fwk.runPreFilterExtensionRemovePod(state, { pod: extra, node: a });
    expect(fwk.runFilterPlugins(state, a)).toBeNull();
  });

  it('default constraints apply only with a default selector', () => {
    const pod = makePod('p').label('app', 'web').obj();
    const spread = placed({ 'node-a': 3 }).map((p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'web' } } }));
    const list = [{ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' as const, maxSkew: 1 }];
    const without = newTestFramework({ nodes: nodes(), pods: spread, plugins: [Names.PodTopologySpread], pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: list } } });
    expect(filterAll(without.fwk, { snapshot: without.snapshot, pod: pod }).statuses.every((s) => s === null)).toBe(true);
    const withSel = newTestFramework({
      nodes: nodes(),
      pods: spread,
      plugins: [Names.PodTopologySpread],
      pluginConfig: { PodTopologySpread: { defaultingType: 'List', defaultConstraints: list, defaultSelector: () => selectorFromSet({ app: 'web' }) } },
    });
    expect(filterAll(withSel.fwk, { snapshot: withSel.snapshot, pod: pod }).statuses[0]?.code).toBe(SKEW);
  });
});

describe('PodTopologySpread Score', () => {
  it('one constraint on node, all 4 nodes are candidates (2/1/0/3 → 20/60/100/0)', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('kubernetes.io/hostname', { maxSkew: 1, when: 'ScheduleAnyway', selector: fooSel }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: nodes(), pods: placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }), plugins: [Names.PodTopologySpread] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ 'node-a': 20, 'node-b': 60, 'node-x': 100, 'node-y': 0 });
  });

  it('one constraint on zone (3/1 → zone1 25, zone2 100)', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'ScheduleAnyway', selector: fooSel }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: nodes(), pods: placed({ 'node-a': 2, 'node-b': 1, 'node-x': 1 }), plugins: [Names.PodTopologySpread] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ 'node-a': 25, 'node-b': 25, 'node-x': 100, 'node-y': 100 });
  });

  it('nodes missing the topology key score 0', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'ScheduleAnyway', selector: fooSel }).obj();
    const ns = [makeNode('node-a').label('zone', 'zone1').obj(), makeNode('node-b').obj()];
    const { fwk, snapshot } = newTestFramework({ nodes: ns, plugins: [Names.PodTopologySpread] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ 'node-a': 100, 'node-b': 0 });
  });

  it('only scores the filtered nodes but counts pods on all nodes', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint('zone', { maxSkew: 1, when: 'ScheduleAnyway', selector: fooSel }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: nodes(), pods: placed({ 'node-b': 4, 'node-y': 1 }), plugins: [Names.PodTopologySpread] });
    const filtered: NodeInfo[] = [snapshot.get('node-a')!, snapshot.get('node-x')!];
    // zone1 4, zone2 1: weight ln 4 → raw 6 and 1 → normalized 100*(6+1-6)/6 = 16, 100.
    expect(scoreAll(fwk, { snapshot, pod, nodes: filtered })).toEqual({ 'node-a': 16, 'node-x': 100 });
  });
});
