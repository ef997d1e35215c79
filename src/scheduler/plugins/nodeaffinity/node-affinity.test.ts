import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm, Pod } from '../../../api/index.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonConflict, ErrReasonEnforced, ErrReasonPod } from './node-affinity.js';

const withTerms = (terms: NodeSelectorTerm[]): Pod => {
  const p = makePod('p').obj();
  p.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  return p;
};

describe('NodeAffinity Filter', () => {
  const tests: { name: string; pod: Pod; labels: Record<string, string>; nodeName?: string; wantCode: number | null; wantReason?: string }[] = [
    { name: 'no selector', pod: makePod('p').obj(), labels: {}, wantCode: null },
    { name: 'missing labels', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), labels: {}, wantCode: Code.UnschedulableAndUnresolvable, wantReason: ErrReasonPod },
    { name: 'same labels', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar' }, wantCode: null },
    { name: 'node labels are superset', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar', baz: 'blah' }, wantCode: null },
    { name: 'node labels are subset', pod: makePod('p').nodeSelector({ foo: 'bar', baz: 'blah' }).obj(), labels: { foo: 'bar' }, wantCode: Code.UnschedulableAndUnresolvable },
    { name: 'Pod with matchExpressions using In operator that matches the existing node', pod: withTerms([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }]), labels: { foo: 'bar' }, wantCode: null },
    { name: 'Pod with matchExpressions using Gt operator that matches the existing node', pod: withTerms([{ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }]), labels: { 'kernel-version': '0206' }, wantCode: null },
    { name: 'Pod with matchExpressions using NotIn operator that matches the existing node', pod: withTerms([{ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }]), labels: { 'mem-type': 'DDR3' }, wantCode: null },
    { name: 'Pod with matchExpressions using Exists operator that matches the existing node', pod: withTerms([{ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }]), labels: { GPU: 'NVIDIA-GRID-K1' }, wantCode: null },
    {
      name: 'Pod with affinity that don\'t match node\'s labels won\'t schedule onto the node',
      pod: withTerms([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }]),
      labels: { foo: 'bar' },
      wantCode: Code.UnschedulableAndUnresolvable,
    },
    { name: 'Pod with an empty NodeSelectorTerms in affinity can\'t schedule onto any node', pod: withTerms([]), labels: { foo: 'bar' }, wantCode: Code.UnschedulableAndUnresolvable },
    { name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node', pod: withTerms([{ matchExpressions: [] }]), labels: { foo: 'bar' }, wantCode: Code.UnschedulableAndUnresolvable },
    {
      name: 'Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node',
      pod: withTerms([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }, { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong'] }] }]),
      labels: { foo: 'bar' },
      wantCode: null,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector both must be satisfied',
      pod: (() => {
        const p = withTerms([{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }]);
        p.spec!.nodeSelector = { foo: 'bar' };
        return p;
      })(),
      labels: { foo: 'barrrrrr' },
      wantCode: Code.UnschedulableAndUnresolvable,
    },
    { name: 'Pod with an invalid value in Affinity term won\'t be scheduled onto the node', pod: withTerms([{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: [] }] }]), labels: { foo: 'bar' }, wantCode: Code.UnschedulableAndUnresolvable },
    { name: 'Pod with matchFields using In operator that matches the existing node', pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }]), labels: {}, nodeName: 'node1', wantCode: null },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }]),
      labels: {},
      nodeName: 'node2',
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }]),
      labels: { foo: 'bar' },
      nodeName: 'node2',
      wantCode: null,
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }]),
      labels: { foo: 'bar' },
      nodeName: 'node1',
      wantCode: null,
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const node = makeNode(tt.nodeName ?? 'n').obj();
      node.metadata.labels = tt.labels;
      const { fwk, snapshot } = newTestFramework({ nodes: [node], plugins: [Names.NodeAffinity] });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(s?.code ?? null).toBe(tt.wantCode);
      if (tt.wantReason) expect(s?.reasons).toEqual([tt.wantReason]);
    });
  }

  it('PreFilter rejects terms whose metadata.name sets do not intersect', () => {
    const pod = withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }]);
    const { fwk, snapshot } = newTestFramework({ nodes: [makeNode('a').obj()], plugins: [Names.NodeAffinity] });
    const { preFilter } = filterAll(fwk, { snapshot, pod: pod });
    expect(preFilter?.reasons).toEqual([ErrReasonConflict]);
  });

  it('enforces addedAffinity from the plugin arguments', () => {
    const { fwk, snapshot } = newTestFramework({
      nodes: [makeNode('a').label('pool', 'x').obj(), makeNode('b').obj()],
      plugins: [Names.NodeAffinity],
      pluginConfig: {
        NodeAffinity: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'Exists' }] }] } } },
      },
    });
    const { statuses } = filterAll(fwk, { snapshot, pod: makePod('p').obj() });
    expect(statuses[0]).toBeNull();
    expect(statuses[1]?.reasons).toEqual([ErrReasonEnforced]);
  });
});

describe('NodeAffinity Score', () => {
  it('sums the weights of matching preferred terms and normalizes by the maximum', () => {
    const pod = makePod('p').preferredNodeAffinityIn('foo', { values: ['bar'], weight: 2 }).preferredNodeAffinityIn('key', { values: ['value'], weight: 4 }).preferredNodeAffinityIn('az', { values: ['az1'], weight: 5 }).obj();
    const { fwk, snapshot } = newTestFramework({
      nodes: [
        makeNode('node1').labels({ foo: 'bar' }).obj(),
        makeNode('node2').labels({ foo: 'bar', key: 'value', az: 'az1' }).obj(),
        makeNode('node3').labels({ key: 'value' }).obj(),
        makeNode('node4').obj(),
      ],
      plugins: [Names.NodeAffinity],
    });
    // raw 2, 11, 4, 0 → ×100/11 → 18, 100, 36, 0
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 18, node2: 100, node3: 36, node4: 0 });
  });

  it('gives 0 everywhere when the pod has no preferences (score skipped)', () => {
    const { fwk, snapshot } = newTestFramework({ nodes: [makeNode('node1').obj()], plugins: [Names.NodeAffinity] });
    expect(scoreAll(fwk, { snapshot, pod: makePod('p').obj() })).toEqual({ node1: 0 });
  });
});
