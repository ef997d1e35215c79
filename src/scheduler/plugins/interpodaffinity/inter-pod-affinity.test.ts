import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/index.js';
import { CycleState } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch } from './filtering.js';

const zoneNodes = (): Node[] => [
  makeNode('node1').label('zone', 'z1').obj(),
  makeNode('node2').label('zone', 'z1').obj(),
  makeNode('node3').label('zone', 'z2').obj(),
];
const sel = (labels: Record<string, string>) => ({ matchLabels: labels });

describe('InterPodAffinity Filter', () => {
  const tests: {
    name: string;
    pod: Pod;
    existing: Pod[];
    nodes?: Node[];
    want: Record<string, [number, string] | null>;
    namespaceLabels?: Record<string, Record<string, string>>;
  }[] = [
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: makePod('p').obj(),
      existing: [],
      want: { node1: null, node2: null, node3: null },
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: makePod('p').podAffinity('zone', { matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan', 'value2'] }] }).obj(),
      existing: [makePod('e').label('service', 'securityscan').node('node1').obj()],
      want: { node1: null, node2: null, node3: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch] },
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: makePod('p').podAffinity('zone', sel({ service: 'securityscan' })).obj(),
      existing: [makePod('e').namespace('ns').label('service', 'securityscan').node('node1').obj()],
      want: {
        node1: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch],
        node2: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch],
        node3: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch],
      },
    },
    {
      name: 'satisfies the PodAntiAffinity with existing pod but doesn\'t satisfy PodAntiAffinity symmetry with incoming pod',
      pod: makePod('p').label('service', 'securityscan').obj(),
      existing: [makePod('e').podAntiAffinity('zone', sel({ service: 'securityscan' })).node('node1').obj()],
      want: {
        node1: [Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch],
        node2: [Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch],
        node3: null,
      },
    },
    {
      name: 'the incoming pod\'s anti-affinity rejects nodes in the topology of matching pods',
      pod: makePod('p').podAntiAffinity('kubernetes.io/hostname', sel({ app: 'web' })).obj(),
      existing: [makePod('e').label('app', 'web').node('node2').obj()],
      want: { node1: null, node2: [Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch], node3: null },
    },
    {
      name: 'pod matches its own affinity and no other pod matches: the first of a group may go to any node with the topology key',
      pod: makePod('p').label('app', 'x').podAffinity('zone', sel({ app: 'x' })).obj(),
      existing: [],
      nodes: [makeNode('node1').label('zone', 'z1').obj(), makeNode('node2').obj()],
      want: { node1: null, node2: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch] },
    },
    {
      name: 'affinity with namespaces lists other namespaces explicitly',
      pod: (() => {
        const p = makePod('p').obj();
        p.spec!.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: sel({ app: 'db' }), namespaces: ['data'] }] } };
        return p;
      })(),
      existing: [makePod('e').namespace('data').label('app', 'db').node('node3').obj()],
      want: { node1: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch], node2: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch], node3: null },
    },
    {
      name: 'affinity with a namespaceSelector matches pods in namespaces with those labels',
      pod: (() => {
        const p = makePod('p').obj();
        p.spec!.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: sel({ app: 'db' }), namespaceSelector: sel({ team: 'a' }) }] } };
        return p;
      })(),
      existing: [makePod('e1').namespace('team-a').label('app', 'db').node('node1').obj(), makePod('e2').namespace('team-b').label('app', 'db').node('node3').obj()],
      namespaceLabels: { 'team-a': { team: 'a' }, 'team-b': { team: 'b' } },
      want: { node1: null, node2: null, node3: [Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch] },
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({
        nodes: tt.nodes ?? zoneNodes(),
        pods: tt.existing,
        plugins: [Names.InterPodAffinity],
        namespaceLabels: tt.namespaceLabels ? (ns) => tt.namespaceLabels![ns] : undefined,
      });
      const { statuses } = filterAll(fwk, { snapshot, pod: tt.pod });
      const got = Object.fromEntries(snapshot.list().map((n, i) => [n.name, statuses[i] ? [statuses[i]!.code, statuses[i]!.message()] : null]));
      expect(got).toEqual(tt.want);
    });
  }

  it('AddPod of a matching pod satisfies affinity; RemovePod undoes it', () => {
    const pod = makePod('p').podAffinity('zone', sel({ app: 'db' })).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: zoneNodes(), plugins: [Names.InterPodAffinity] });
    const state = new CycleState(PodInfo.of(pod));
    fwk.runPreFilterPlugins(state, snapshot.list());
    const n3 = snapshot.get('node3')!;
    expect(fwk.runFilterPlugins(state, n3)?.code).toBe(Code.UnschedulableAndUnresolvable);
    const db = PodInfo.of(makePod('db').label('app', 'db').node('node3').obj());
    fwk.runPreFilterExtensionAddPod(state, { pod: db, node: n3 });
    expect(fwk.runFilterPlugins(state, n3)).toBeNull();
    fwk.runPreFilterExtensionRemovePod(state, { pod: db, node: n3 });
    expect(fwk.runFilterPlugins(state, n3)?.code).toBe(Code.UnschedulableAndUnresolvable);
  });
});

describe('InterPodAffinity Score', () => {
  it('preferred affinity favors the topology of matching pods', () => {
    const pod = makePod('p').preferredPodAffinity('zone', { selector: sel({ app: 'x' }), weight: 5 }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: zoneNodes(), pods: [makePod('e').label('app', 'x').node('node3').obj()], plugins: [Names.InterPodAffinity] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 0, node2: 0, node3: 100 });
  });

  it('preferred anti-affinity avoids the topology of matching pods', () => {
    const pod = makePod('p').preferredPodAntiAffinity('zone', { selector: sel({ app: 'x' }), weight: 5 }).obj();
    const { fwk, snapshot } = newTestFramework({ nodes: zoneNodes(), pods: [makePod('e').label('app', 'x').node('node1').obj()], plugins: [Names.InterPodAffinity] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 0, node2: 0, node3: 100 });
  });

  it('an existing pod\'s required affinity attracts a matching incoming pod (hardPodAffinityWeight)', () => {
    const pod = makePod('p').label('app', 'cache').obj();
    const existing = makePod('e').podAffinity('zone', sel({ app: 'cache' })).node('node3').obj();
    const { fwk, snapshot } = newTestFramework({ nodes: zoneNodes(), pods: [existing], plugins: [Names.InterPodAffinity] });
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 0, node2: 0, node3: 100 });
    const off = newTestFramework({ nodes: zoneNodes(), pods: [existing], plugins: [Names.InterPodAffinity], pluginConfig: { InterPodAffinity: { hardPodAffinityWeight: 0 } } });
    expect(scoreAll(off.fwk, { snapshot: off.snapshot, pod })).toEqual({ node1: 0, node2: 0, node3: 0 });
  });

  it('mixed weights normalize between the lowest and highest raw score', () => {
    const pod = makePod('p').preferredPodAffinity('zone', { selector: sel({ app: 'a' }), weight: 8 }).preferredPodAntiAffinity('kubernetes.io/hostname', { selector: sel({ app: 'b' }), weight: 2 }).obj();
    const existing = [makePod('a').label('app', 'a').node('node1').obj(), makePod('b').label('app', 'b').node('node1').obj()];
    const { fwk, snapshot } = newTestFramework({ nodes: zoneNodes(), pods: existing, plugins: [Names.InterPodAffinity] });
    // raw: node1 8-2 = 6, node2 8, node3 0 → (6-0)/8 = 75, 100, 0.
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 75, node2: 100, node3: 0 });
  });
});
