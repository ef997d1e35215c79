import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/index.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonUnschedulable } from './node-unschedulable.js';

describe('NodeUnschedulable Filter', () => {
  const tests: { name: string; pod: Pod; node: Node; wantCode: number | null }[] = [
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', pod: makePod('p').obj(), node: makeNode('n').unschedulable().obj(), wantCode: Code.UnschedulableAndUnresolvable },
    { name: 'Schedule pod to normal node', pod: makePod('p').obj(), node: makeNode('n').unschedulable(false).obj(), wantCode: null },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      pod: makePod('p').toleration({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }).obj(),
      node: makeNode('n').unschedulable().obj(),
      wantCode: null,
    },
    {
      name: 'a toleration for another effect does not help',
      pod: makePod('p').toleration({ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }).obj(),
      node: makeNode('n').unschedulable().obj(),
      wantCode: Code.UnschedulableAndUnresolvable,
    },
    { name: 'an Exists toleration without key tolerates everything', pod: makePod('p').toleration({ operator: 'Exists' }).obj(), node: makeNode('n').unschedulable().obj(), wantCode: null },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: [tt.node], plugins: [Names.NodeUnschedulable] });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(s?.code ?? null).toBe(tt.wantCode);
      if (s) expect(s.reasons).toEqual([ErrReasonUnschedulable]);
    });
  }
});
