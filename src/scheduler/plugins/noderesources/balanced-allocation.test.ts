import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/index.js';
import { CycleState } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { balancedResourceScorer } from './resource-allocation.js';

const node = (name: string, cpu: string, memory: string) => makeNode(name).capacity({ cpu, memory }).obj();

describe('NodeResourcesBalancedAllocation Score', () => {
  const tests: { name: string; pod: Pod; nodes: Node[]; existing?: Pod[]; want: Record<string, number> }[] = [
    {
      // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 → std 0.125 → 87; node2: 0.5, 0.5 → 100.
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: makePod('p').req({ cpu: '3000m', memory: '5000' }).obj(),
      nodes: [node('node1', '4000m', '10000'), node('node2', '6000m', '10000')],
      want: { node1: 87, node2: 100 },
    },
    {
      // machine1: cpu (3000+3000)/10000 = 0.6, memory (5000+0)/20000 = 0.25 → std 0.175 → 82;
      // machine2: cpu 3000/10000 = 0.3, memory (5000+5000)/20000 = 0.5 → std 0.1 → 90.
      name: 'resources requested, pods scheduled with resources',
      pod: makePod('p').req({ cpu: '3000m', memory: '5000' }).obj(),
      nodes: [node('machine1', '10000m', '20000'), node('machine2', '10000m', '20000')],
      existing: [makePod('e1').node('machine1').req({ cpu: '3000m', memory: '0' }).obj(), makePod('e2').node('machine2').req({ cpu: '0', memory: '5000' }).obj()],
      want: { machine1: 82, machine2: 90 },
    },
    {
      // Requested fractions are capped at 1: cpu 1, memory 0.5 → std 0.25 → 75.
      name: 'requested resources exceed node capacity',
      pod: makePod('p').req({ cpu: '6000m', memory: '5000' }).obj(),
      nodes: [node('node1', '4000m', '10000')],
      want: { node1: 75 },
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: tt.nodes, pods: tt.existing, plugins: [Names.NodeResourcesBalancedAllocation] });
      expect(scoreAll(fwk, { snapshot, pod: tt.pod })).toEqual(tt.want);
    });
  }

  it('skips best-effort pods (no requests)', () => {
    const { fwk, snapshot } = newTestFramework({ nodes: [node('n', '1', '1Gi')], plugins: [Names.NodeResourcesBalancedAllocation] });
    const state = new CycleState(PodInfo.of(makePod('p').container('nginx').obj()));
    expect(fwk.runPreScorePlugins(state, snapshot.list())).toBeNull();
    expect([...state.skipScorePlugins]).toEqual([Names.NodeResourcesBalancedAllocation]);
  });

  it('uses the standard deviation formula for more than two resources', () => {
    // fractions 0.2, 0.5, 0.8: mean 0.5, variance 0.06 → std 0.2449 → 75.
    expect(balancedResourceScorer([2, 5, 8], [10, 10, 10])).toBe(75);
    expect(balancedResourceScorer([2], [10])).toBe(100);
  });
});
