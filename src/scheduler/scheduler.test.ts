import { describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/index.js';
import type { Node, Pod } from '../api/index.js';
import { seededRandom } from './bench.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { FakeBinder, FakeEventSink, FakePodWriter, FakeSource, makeNode, makePod } from './testing/index.js';

const cpuNode = (name: string, cpu: string) => makeNode(name).capacity({ cpu, memory: '16Gi', pods: '110' });
const controlPlane = () => cpuNode('cp', '4').taints([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]).obj();

function setup(opts: { nodes?: Node[]; sched?: Partial<SchedulerOptions> } = {}) {
  const clock = new FakeClock();
  const source = new FakeSource();
  const binder = new FakeBinder();
  binder.onBound = (pod, node) => source.bindPod(pod, node);
  const events = new FakeEventSink();
  const writer = new FakePodWriter();
  writer.onDelete = (pod) => source.deletePod(pod);
  const errors: unknown[] = [];
  for (const n of opts.nodes ?? []) source.addNode(n);
  const sched = new Scheduler({ clock, binder, events, podWriter: writer, random: seededRandom(42), onError: (e) => errors.push(e), ...opts.sched });
  sched.start(source);
  /** Lets the loop run until nothing is ready and no binding is in flight. */
  const idle = async () => {
    for (let quiet = 0, i = 0; quiet < 3 && i < 1000; i++) {
      await new Promise<void>((r) => setImmediate(r));
      const busy = sched.queue.stats().active > 0 || sched.bindingsInFlight > 0;
      quiet = busy ? 0 : quiet + 1;
    }
  };
  const add = async (...pods: Pod[]) => {
    for (const p of pods) {
      source.addPod(p);
      await idle();
    }
  };
  return { clock, source, binder, events, writer, errors, sched, idle, add };
}

describe('Scheduler', () => {
  it('keeps a pod that fits nowhere pending with the aggregated FailedScheduling message, then schedules it when a node is added', async () => {
    const t = setup({ nodes: [controlPlane(), cpuNode('w1', '1').obj(), cpuNode('w2', '1').obj()] });
    await t.add(makePod('big').req({ cpu: '2' }).obj());
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(t.events.last('default/big', 'FailedScheduling')).toMatchObject({ type: 'Warning', action: 'Scheduling', message: msg });
    expect(t.writer.patches.at(-1)).toEqual({ pod: 'big', patch: { condition: { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }, nominatedNodeName: undefined } });
    expect(t.sched.queue.whereIs('big')).toBe('unschedulable');
    expect(t.binder.bindings).toEqual([]);

    t.source.addNode(cpuNode('w3', '4').obj());
    expect(t.sched.queue.whereIs('big')).toBe('backoff');
    await t.clock.advanceAsync(1000);
    await t.idle();
    expect(t.binder.nodeOf('big')).toBe('w3');
    expect(t.events.last('default/big', 'Scheduled')).toMatchObject({ type: 'Normal', action: 'Binding', message: 'Successfully assigned default/big to w3' });
    expect(t.sched.cache.isAssumedPod('big')).toBe(false);
    expect(t.errors).toEqual([]);
    await t.sched.stop();
  });

  it('counts assumed pods against capacity before their binding completes', async () => {
    let release!: () => void;
    const t = setup({ nodes: [cpuNode('n1', '2').obj()] });
    t.binder.gate = new Promise<void>((r) => (release = r));
    await t.add(makePod('a').req({ cpu: '1500m' }).obj());
    expect(t.sched.bindingsInFlight).toBe(1);
    expect(t.sched.cache.isAssumedPod('a')).toBe(true);
    await t.add(makePod('b').req({ cpu: '1500m' }).obj());
    expect(t.events.last('default/b', 'FailedScheduling')?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    release();
    await t.idle();
    expect(t.binder.bindings.map((b) => b.pod.metadata.name)).toEqual(['a']);
    await t.sched.stop();
  });

  it('forgets the assumed pod and retries with backoff when binding fails', async () => {
    const t = setup({ nodes: [cpuNode('n1', '2').obj()] });
    t.binder.failFor.add('a');
    await t.add(makePod('a').req({ cpu: '1' }).obj());
    expect(t.events.last('default/a', 'FailedScheduling')?.message).toBe('bind status: Error, binding rejected for a');
    expect(t.writer.patches.at(-1)?.patch.condition?.reason).toBe('SchedulerError');
    expect(t.sched.cache.podCount()).toBe(0);
    expect(t.sched.queue.whereIs('a')).toBe('backoff');
    t.binder.failFor.clear();
    await t.clock.advanceAsync(1000);
    await t.idle();
    expect(t.binder.nodeOf('a')).toBe('n1');
    await t.sched.stop();
  });

  it('schedules only pods of its profiles without a node name', async () => {
    const t = setup({ nodes: [cpuNode('n1', '4').obj()] });
    await t.add(makePod('other').schedulerName('my-scheduler').obj(), makePod('preassigned').node('n1').req({ cpu: '1' }).obj(), makePod('mine').obj());
    expect(t.binder.bindings.map((b) => b.pod.metadata.name)).toEqual(['mine']);
    expect(t.sched.snapshot.get('n1')?.requested.milliCPU).toBe(1000);
    await t.sched.stop();
  });

  it('honors taints, tolerations and PreferNoSchedule', async () => {
    const t = setup({
      nodes: [
        cpuNode('gpu', '4').taints([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]).obj(),
        cpuNode('soft', '4').taints([{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }]).obj(),
        cpuNode('plain', '4').obj(),
      ],
    });
    await t.add(makePod('web').req({ cpu: '100m' }).obj());
    await t.add(makePod('trainer').req({ cpu: '100m' }).toleration({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }).nodeAffinityIn('kubernetes.io/hostname', ['gpu']).obj());
    expect(t.binder.nodeOf('web')).toBe('plain');
    expect(t.binder.nodeOf('trainer')).toBe('gpu');
    await t.sched.stop();
  });

  it('honors nodeSelector, required node affinity and matchFields metadata.name', async () => {
    const zones = ['a', 'b', 'c'].map((z) => cpuNode(`node-${z}`, '4').label('topology.kubernetes.io/zone', z).obj());
    const t = setup({ nodes: zones });
    await t.add(makePod('sel').nodeSelector({ 'topology.kubernetes.io/zone': 'b' }).obj());
    await t.add(makePod('aff').nodeAffinityIn('topology.kubernetes.io/zone', ['c']).obj());
    await t.add(makePod('named').nodeAffinityNames(['node-a']).obj());
    await t.add(makePod('nowhere').nodeSelector({ 'topology.kubernetes.io/zone': 'z' }).obj());
    expect([t.binder.nodeOf('sel'), t.binder.nodeOf('aff'), t.binder.nodeOf('named')]).toEqual(['node-b', 'node-c', 'node-a']);
    expect(t.events.last('default/nowhere', 'FailedScheduling')?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    await t.sched.stop();
  });

  it('spreads pods across zones with DoNotSchedule topology spread', async () => {
    const nodes = ['a', 'b', 'c'].flatMap((z) => [1, 2].map((i) => cpuNode(`${z}${i}`, '8').label('topology.kubernetes.io/zone', z).obj()));
    const t = setup({ nodes });
    for (let i = 0; i < 6; i++) {
      await t.add(makePod(`web-${i}`).label('app', 'web').req({ cpu: '100m' }).spreadConstraint('topology.kubernetes.io/zone', { maxSkew: 1, when: 'DoNotSchedule', selector: { matchLabels: { app: 'web' } } }).obj());
    }
    const perZone: Record<string, number> = {};
    for (const b of t.binder.bindings) perZone[b.node[0]!] = (perZone[b.node[0]!] ?? 0) + 1;
    expect(perZone).toEqual({ a: 2, b: 2, c: 2 });
    await t.sched.stop();
  });

  it('keeps replicas with required anti-affinity on distinct nodes', async () => {
    const t = setup({ nodes: ['n1', 'n2', 'n3'].map((n) => cpuNode(n, '4').obj()) });
    const replica = (i: number) => makePod(`db-${i}`).label('app', 'db').podAntiAffinity('kubernetes.io/hostname', { matchLabels: { app: 'db' } }).obj();
    await t.add(replica(0), replica(1), replica(2), replica(3));
    expect(new Set(t.binder.bindings.map((b) => b.node)).size).toBe(3);
    expect(t.events.last('default/db-3', 'FailedScheduling')?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
    await t.sched.stop();
  });

  it('places a pod next to the pods it has required affinity to', async () => {
    const nodes = ['a', 'b'].map((z) => cpuNode(`node-${z}`, '4').label('topology.kubernetes.io/zone', z).obj());
    const t = setup({ nodes });
    await t.add(makePod('cache').label('app', 'cache').node('node-b').obj());
    await t.add(makePod('web').podAffinity('topology.kubernetes.io/zone', { matchLabels: { app: 'cache' } }).obj());
    expect(t.binder.nodeOf('web')).toBe('node-b');
    await t.sched.stop();
  });

  it('preempts a lower-priority pod, nominates the node and binds there once the victim is gone', async () => {
    const t = setup({ nodes: [cpuNode('n1', '2').obj()] });
    await t.add(makePod('low').priority(0).req({ cpu: '2' }).obj());
    expect(t.binder.nodeOf('low')).toBe('n1');
    await t.add(makePod('high').priority(1000).req({ cpu: '2' }).obj());
    expect(t.writer.deleted).toEqual(['low']);
    expect(t.writer.patches.find((p) => p.pod === 'high')?.patch.nominatedNodeName).toBe('n1');
    expect(t.sched.queue.whereIs('high')).toBe('backoff');
    await t.clock.advanceAsync(1000);
    await t.idle();
    expect(t.binder.nodeOf('high')).toBe('n1');
    expect(t.events.reasons('default/low')).toContain('Preempted');
    await t.sched.stop();
  });

  it('drops a pod deleted while it waits, and frees an assigned pod\'s resources on delete', async () => {
    const t = setup({ nodes: [cpuNode('n1', '1').obj()] });
    await t.add(makePod('a').req({ cpu: '1' }).obj());
    await t.add(makePod('b').req({ cpu: '1' }).obj());
    expect(t.sched.queue.whereIs('b')).toBe('unschedulable');
    t.source.deletePod(t.source.pods.get('default/a')!);
    expect(t.sched.queue.whereIs('b')).toBe('backoff');
    await t.clock.advanceAsync(1000);
    await t.idle();
    expect(t.binder.nodeOf('b')).toBe('n1');
    t.sched.cache.updateSnapshot(t.sched.snapshot);
    expect(t.sched.snapshot.get('n1')?.requested.milliCPU).toBe(1000);
    t.source.deletePod(makePod('b').obj());
    t.sched.cache.updateSnapshot(t.sched.snapshot);
    expect(t.sched.snapshot.get('n1')?.requested.milliCPU).toBe(0);
    await t.sched.stop();
  });

  it('traces each named step of the seed flow for a pod', async () => {
    const steps: string[] = [];
    const t = setup({ nodes: [cpuNode('n1', '1').obj()], sched: { tracer: { step: (pod, step) => pod.metadata.name === 'p' && steps.push(step) } } });
    await t.add(makePod('p').obj());
    expect(steps).toEqual(['watch', 'queue.add', 'queue.pop', 'filter', 'select', 'assume', 'bind']);
    await t.sched.stop();
  });
});
