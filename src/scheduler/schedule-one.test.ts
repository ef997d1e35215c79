import { describe, expect, it } from 'vitest';
import { NodeInfo } from './framework/node-info.js';
import { numFeasibleNodesToFind, selectHost } from './schedule-one.js';
import { makeNode } from './testing/builders.js';

describe('numFeasibleNodesToFind', () => {
  const tests: { name: string; percentage: number; numAllNodes: number; want: number }[] = [
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', percentage: 0, numAllNodes: 10, want: 10 },
    { name: 'set percentageOfNodesToScore and nodes number not more than 50', percentage: 40, numAllNodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', percentage: 0, numAllNodes: 1000, want: 420 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50', percentage: 40, numAllNodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', percentage: 0, numAllNodes: 6000, want: 300 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50*125', percentage: 40, numAllNodes: 6000, want: 2400 },
    { name: 'adaptive percentage bottoms out at 5%', percentage: 0, numAllNodes: 10000, want: 500 },
    { name: 'never fewer than 100 nodes', percentage: 1, numAllNodes: 1000, want: 100 },
    { name: '5000 nodes: 10%', percentage: 0, numAllNodes: 5000, want: 500 },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      expect(numFeasibleNodesToFind(tt.percentage, tt.numAllNodes)).toBe(tt.want);
    });
  }
});

describe('selectHost', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((n) => new NodeInfo(makeNode(n).obj()));

  it('picks the unique highest score', () => {
    expect(selectHost(nodes, { scores: [1, 9, 3, 2], random: () => 0.5 })).toBe('b');
  });

  it('breaks ties uniformly with the injected random source', () => {
    const counts: Record<string, number> = {};
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 3000; i++) {
      const h = selectHost(nodes, { scores: [5, 9, 9, 9], random: rnd });
      counts[h] = (counts[h] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['b', 'c', 'd']);
    for (const k of ['b', 'c', 'd']) expect(counts[k]!).toBeGreaterThan(800);
  });

  it('is deterministic for a given random source', () => {
    expect(selectHost(nodes, { scores: [9, 9, 9, 9], random: () => 0 })).toBe('d');
    expect(selectHost(nodes, { scores: [9, 9, 9, 9], random: () => 0.99 })).toBe('a');
  });
});
