import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../../api/index.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';

const podWith = (tolerations: Toleration[]) => {
  const w = makePod('p');
  for (const t of tolerations) w.toleration(t);
  return w.obj();
};
const nodeWith = (name: string, taints: Taint[]) => makeNode(name).taints(taints).obj();

describe('TaintToleration Filter', () => {
  const tests: { name: string; pod: Pod; node: Node; wantCode: number | null; wantReason?: string }[] = [
    {
      name: 'A pod having no tolerations can\'t be scheduled onto a node with nonempty taints',
      pod: podWith([]),
      node: nodeWith('n', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWith([{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      node: nodeWith('n', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: null,
    },
    {
      name: 'A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule',
      pod: podWith([{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWith('n', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWith([{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }]),
      node: nodeWith('n', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: null,
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated',
      pod: podWith([
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ]),
      node: nodeWith('n', [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ]),
      wantCode: null,
    },
    {
      name: 'A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      node: nodeWith('n', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar' }]),
      node: nodeWith('n', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: null,
    },
    {
      name: 'The pod has a toleration that key and value don\'t match the taint, but the effect of taint is PreferNoSchedule',
      pod: podWith([{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWith('n', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      wantCode: null,
    },
    {
      name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule',
      pod: podWith([]),
      node: nodeWith('n', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      wantCode: null,
    },
    {
      name: 'a NoExecute taint without a value prints an empty value',
      pod: podWith([]),
      node: nodeWith('n', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoExecute' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: [tt.node], plugins: [Names.TaintToleration] });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(s?.code ?? null).toBe(tt.wantCode);
      if (tt.wantReason) expect(s?.reasons).toEqual([tt.wantReason]);
    });
  }
});

describe('TaintToleration Score', () => {
  const tests: { name: string; pod: Pod; nodes: Node[]; want: Record<string, number> }[] = [
    {
      name: 'node with taints tolerated by the pod gets a higher score than one with untolerated taints',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [nodeWith('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]), nodeWith('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }])],
      want: { nodeA: 100, nodeB: 0 },
    },
    {
      name: 'the more intolerable taints a node has, the lower its score',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWith('nodeA', []),
        nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWith('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: { nodeA: 100, nodeB: 50, nodeC: 0 },
    },
    {
      name: 'only PreferNoSchedule taints count',
      pod: podWith([]),
      nodes: [nodeWith('nodeA', []), nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }])],
      want: { nodeA: 100, nodeB: 100 },
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: tt.nodes, plugins: [Names.TaintToleration] });
      expect(scoreAll(fwk, { snapshot, pod: tt.pod })).toEqual(tt.want);
    });
  }
});
