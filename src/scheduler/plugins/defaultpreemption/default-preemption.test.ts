import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/index.js';
import { NodeToStatus } from '../../framework/diagnosis.js';
import { CycleState } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { FakePodWriter, makeNode, makePod, newTestFramework } from '../../testing/index.js';
import { Names } from '../names.js';
import { pickOneNodeForPreemption, type Candidate } from './victims.js';

const node = (name: string, cpu: string) => makeNode(name).capacity({ cpu, memory: '8Gi', pods: '110' }).obj();
const running = (name: string, opts: { node: string; cpu: string; priority: number; start?: string }) =>
  makePod(name).node(opts.node).priority(opts.priority).req({ cpu: opts.cpu }).startTime(opts.start ?? '2026-01-01T00:00:00Z').obj();

/** Filters `pod` over the nodes, then runs PostFilter with the resulting statuses. */
async function preempt(opts: { nodes: Node[]; pods: Pod[]; pod: Pod }) {
  const writer = new FakePodWriter();
  const { fwk, snapshot } = newTestFramework({
    nodes: opts.nodes,
    pods: opts.pods,
    plugins: [Names.TaintToleration, Names.NodeResourcesFit, Names.DefaultPreemption],
    podWriter: writer,
  });
  const state = new CycleState(PodInfo.of(opts.pod));
  fwk.runPreFilterPlugins(state, snapshot.list());
  const statuses = new NodeToStatus();
  for (const n of snapshot.list()) {
    const s = fwk.runFilterPlugins(state, n);
    if (s) statuses.set(n.name, s);
  }
  const out = await fwk.runPostFilterPlugins(state, statuses);
  return { ...out, writer };
}

describe('DefaultPreemption PostFilter', () => {
  it('preempts the lowest-priority pods on the cheapest node and nominates it', async () => {
    const { result, status, writer } = await preempt({
      nodes: [node('node1', '2'), node('node2', '2')],
      pods: [running('low1', { node: 'node1', cpu: '2', priority: 0 }), running('low2a', { node: 'node2', cpu: '1', priority: 0 }), running('low2b', { node: 'node2', cpu: '1', priority: 0 })],
      pod: makePod('preemptor').priority(100).req({ cpu: '2' }).obj(),
    });
    expect(status.code).toBe(Code.Success);
    expect(status.plugin).toBe(Names.DefaultPreemption);
    expect(result?.nominatedNodeName).toBe('node1');
    expect(writer.deleted).toEqual(['low1']);
    expect(writer.patches[0]).toEqual({
      pod: 'low1',
      patch: { condition: { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' } },
    });
  });

  it('reprieves as many pods as possible, most important first', async () => {
    const { result, writer } = await preempt({
      nodes: [node('node1', '3')],
      pods: [running('p1', { node: 'node1', cpu: '1', priority: 1 }), running('p2', { node: 'node1', cpu: '1', priority: 2 }), running('p3', { node: 'node1', cpu: '1', priority: 3 })],
      pod: makePod('preemptor').priority(10).req({ cpu: '1' }).obj(),
    });
    expect(result?.nominatedNodeName).toBe('node1');
    expect(writer.deleted).toEqual(['p1']);
  });

  it('reports "No preemption victims found" when every pod has higher priority', async () => {
    const { result, status, writer } = await preempt({
      nodes: [node('node1', '1'), node('node2', '1')],
      pods: [running('a', { node: 'node1', cpu: '1', priority: 200 }), running('b', { node: 'node2', cpu: '1', priority: 200 })],
      pod: makePod('preemptor').priority(100).req({ cpu: '1' }).obj(),
    });
    expect(status.code).toBe(Code.Unschedulable);
    expect(status.message()).toBe('preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
    expect(result?.nominatedNodeName).toBe('');
    expect(writer.deleted).toEqual([]);
  });

  it('does not consider nodes rejected as UnschedulableAndUnresolvable', async () => {
    const tainted = makeNode('cp').capacity({ cpu: '8', pods: '110' }).taints([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]).obj();
    const { status } = await preempt({
      nodes: [tainted, node('node1', '1')],
      pods: [running('a', { node: 'node1', cpu: '1', priority: 200 })],
      pod: makePod('preemptor').priority(100).req({ cpu: '2' }).obj(),
    });
    expect(status.message()).toBe('preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
  });

  it('says preemption is not helpful when no node failed resolvably', async () => {
    const tainted = (n: string) => makeNode(n).capacity({ cpu: '8', pods: '110' }).taints([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]).obj();
    const { status } = await preempt({ nodes: [tainted('a'), tainted('b'), tainted('c')], pods: [], pod: makePod('p').priority(100).obj() });
    expect(status.message()).toBe('preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('respects preemptionPolicy Never', async () => {
    const { status, writer } = await preempt({
      nodes: [node('node1', '1')],
      pods: [running('low', { node: 'node1', cpu: '1', priority: 0 })],
      pod: makePod('p').priority(100).preemptionPolicy('Never').req({ cpu: '1' }).obj(),
    });
    expect(status.message()).toBe('preemption: not eligible due to preemptionPolicy=Never.');
    expect(writer.deleted).toEqual([]);
  });

  it('does not preempt again while a victim on the nominated node is terminating', async () => {
    const { status } = await preempt({
      nodes: [node('node1', '1')],
      pods: [makePod('victim').node('node1').priority(0).req({ cpu: '1' }).terminating().obj()],
      pod: makePod('p').priority(100).req({ cpu: '1' }).nominatedNodeName('node1').obj(),
    });
    expect(status.message()).toBe('preemption: not eligible due to a terminating pod on the nominated node.');
  });
});

describe('pickOneNodeForPreemption', () => {
  const victim = (name: string, priority: number, start = '2026-01-01T00:00:00Z') => PodInfo.of(makePod(name).priority(priority).startTime(start).obj());
  const c = (nodeName: string, victims: PodInfo[], numPDBViolations = 0): Candidate => ({ nodeName, victims, numPDBViolations });
  const tests: { name: string; candidates: Candidate[]; want: string }[] = [
    { name: 'a node with the lowest highest-priority victim', candidates: [c('a', [victim('x', 10)]), c('b', [victim('y', 5), victim('z', 1)])], want: 'b' },
    { name: 'then the smallest sum of priorities', candidates: [c('a', [victim('x', 5), victim('y', 5)]), c('b', [victim('z', 5), victim('w', 1)])], want: 'b' },
    { name: 'then the fewest victims', candidates: [c('a', [victim('x', -1), victim('y', -1)]), c('b', [victim('z', -1)])], want: 'b' },
    { name: 'then the latest start time of the highest-priority victims', candidates: [c('a', [victim('x', 5, '2026-01-01T00:00:00Z')]), c('b', [victim('y', 5, '2026-02-01T00:00:00Z')])], want: 'b' },
    { name: 'fewest PDB violations first', candidates: [c('a', [victim('x', 1)], 1), c('b', [victim('y', 9)], 0)], want: 'b' },
    { name: 'ties keep the first', candidates: [c('a', [victim('x', 1)]), c('b', [victim('y', 1)])], want: 'a' },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      expect(pickOneNodeForPreemption(tt.candidates, Date.UTC(2026, 5, 1))?.nodeName).toBe(tt.want);
    });
  }
});
