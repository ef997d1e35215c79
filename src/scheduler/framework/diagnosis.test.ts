import { describe, expect, it } from 'vitest';
import { formatFitError, newDiagnosis, NodeToStatus } from './diagnosis.js';
import { Code, Status } from './status.js';

describe('FitError message (framework/types.go FitError.Error)', () => {
  const tests: { name: string; numAllNodes: number; build: (d: ReturnType<typeof newDiagnosis>) => void; want: string }[] = [
    {
      name: 'histogram of filter reasons, sorted, with the preemption message appended',
      numAllNodes: 3,
      build: (d) => {
        d.nodeToStatus.set('cp', Status.unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
        d.nodeToStatus.set('w1', Status.unschedulable('Insufficient cpu'));
        d.nodeToStatus.set('w2', Status.unschedulable('Insufficient cpu'));
        d.postFilterMsg = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
      },
      want:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a node with several reasons counts each',
      numAllNodes: 2,
      build: (d) => {
        d.nodeToStatus.set('a', new Status(Code.Unschedulable, ['Insufficient cpu', 'Insufficient memory']));
        d.nodeToStatus.set('b', Status.unschedulable('Insufficient memory'));
      },
      want: '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.',
    },
    {
      name: 'a PreFilter rejection replaces the histogram',
      numAllNodes: 4,
      build: (d) => {
        d.preFilterMsg = 'pod affinity terms conflict';
        d.nodeToStatus.setAbsentNodesStatus(Status.unresolvable('pod affinity terms conflict'));
      },
      want: '0/4 nodes are available: pod affinity terms conflict.',
    },
    {
      name: 'nodes without an explicit status count the absent-nodes reasons',
      numAllNodes: 5,
      build: (d) => {
        d.nodeToStatus.set('a', Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        d.nodeToStatus.setAbsentNodesStatus(Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]"));
      },
      want: "0/5 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 4 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    },
    {
      name: 'no reasons at all',
      numAllNodes: 0,
      build: () => {},
      want: '0/0 nodes are available:',
    },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const d = newDiagnosis();
      tt.build(d);
      expect(formatFitError(tt.numAllNodes, d)).toBe(tt.want);
    });
  }

  it('sorts the histogram as byte strings, so counts with more digits sort by their first digit', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('b', Status.unschedulable('Too many pods'));
    d.nodeToStatus.set('c', Status.unschedulable('Too many pods'));
    expect(formatFitError(12, d)).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.');
  });
});

describe('NodeToStatus', () => {
  it('reports the absent-nodes status for unlisted nodes and selects nodes by code', () => {
    const m = new NodeToStatus();
    m.set('a', Status.unschedulable('x'));
    m.set('b', Status.unresolvable('y'));
    expect(m.get('c').code).toBe(Code.UnschedulableAndUnresolvable);
    const nodes = ['a', 'b', 'c'].map((name) => ({ name }) as never);
    expect(m.nodesForStatusCode(nodes, Code.Unschedulable).map((n: { name: string }) => n.name)).toEqual(['a']);
    m.setAbsentNodesStatus(Status.unschedulable('z'));
    expect(m.nodesForStatusCode(nodes, Code.Unschedulable).map((n: { name: string }) => n.name)).toEqual(['a', 'c']);
  });
});
