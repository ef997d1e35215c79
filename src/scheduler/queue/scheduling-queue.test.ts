import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { AssignedPodAdd, NodeAdd, type ClusterEvent } from '../framework/events.js';
import { makePod } from '../testing/builders.js';
import type { QueuedPodInfo } from './queued-pod-info.js';
import { SchedulingQueue } from './scheduling-queue.js';

/** A queue whose pods are interested only in events named in `interest` (by plugin → event label). */
function newQueue(opts: { interest?: Record<string, string[]> } = {}) {
  const clock = new FakeClock();
  const interest = opts.interest ?? { NodeResourcesFit: ['NodeAdd', 'AssignedPodDelete'] };
  const isInterested = (p: QueuedPodInfo, e: ClusterEvent) => [...p.unschedulablePlugins].some((pl) => interest[pl]?.includes(e.label));
  const q = new SchedulingQueue({ clock, isInterested });
  return { q, clock };
}

/** Pops the pod and fails it as rejected by `plugins`. */
function fail(q: SchedulingQueue, plugins: string[] = ['NodeResourcesFit']): QueuedPodInfo {
  const p = q.popNow()!;
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(p);
  return p;
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival time', () => {
    const { q, clock } = newQueue();
    q.add(makePod('low').priority(1).obj());
    clock.advance(1);
    q.add(makePod('high-late').priority(10).obj());
    clock.advance(1);
    q.add(makePod('low-late').priority(1).obj());
    q.add(makePod('high-early').priority(10).obj());
    const order: string[] = [];
    for (let p = q.popNow(); p; p = q.popNow()) order.push(p.podInfo.pod.metadata.name!);
    expect(order).toEqual(['high-late', 'high-early', 'low', 'low-late']);
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s per attempt', () => {
    const { q } = newQueue();
    const p = { attempts: 0 } as QueuedPodInfo;
    const durations = [0, 1, 2, 3, 4, 5, 6].map((attempts) => q.backoffDuration({ ...p, attempts }));
    expect(durations).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('pop waits for a pod, and close wakes waiters with undefined', async () => {
    const { q } = newQueue();
    const waiting = q.pop();
    q.add(makePod('a').obj());
    expect((await waiting)?.podInfo.key).toBe('a');
    const pending = q.pop();
    q.close();
    expect(await pending).toBeUndefined();
  });

  it('a rejected pod waits in the unschedulable pool until an event its plugin registered for', () => {
    const { q, clock } = newQueue();
    q.add(makePod('a').obj());
    fail(q);
    expect(q.whereIs('a')).toBe('unschedulable');
    q.moveAllToActiveOrBackoffQueue(AssignedPodAdd);
    expect(q.whereIs('a')).toBe('unschedulable');
    clock.advance(1500);
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    expect(q.whereIs('a')).toBe('active');
  });

  it('an event during backoff moves the pod to backoffQ; the 1s flush then activates it', () => {
    const { q, clock } = newQueue();
    q.run();
    q.add(makePod('a').obj());
    fail(q);
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    expect(q.whereIs('a')).toBe('backoff');
    clock.advance(999);
    expect(q.whereIs('a')).toBe('backoff');
    clock.advance(1);
    expect(q.whereIs('a')).toBe('active');
    q.close();
  });

  it('the second failure backs off for 2s', () => {
    const { q, clock } = newQueue();
    q.run();
    q.add(makePod('a').obj());
    fail(q);
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    clock.advance(1000);
    fail(q);
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    clock.advance(1000);
    expect(q.whereIs('a')).toBe('backoff');
    clock.advance(1000);
    expect(q.whereIs('a')).toBe('active');
    q.close();
  });

  it('pods stay at most 5 minutes in the unschedulable pool (flushed every 30s)', () => {
    const { q, clock } = newQueue();
    q.run();
    q.add(makePod('a').obj());
    fail(q);
    clock.advance(5 * 60_000);
    expect(q.whereIs('a')).toBe('unschedulable');
    clock.advance(30_000);
    expect(q.whereIs('a')).toBe('active');
    q.close();
  });

  it('a pod failing without rejecting plugins (an error) goes straight to backoff', () => {
    const { q } = newQueue();
    q.add(makePod('a').obj());
    fail(q, []);
    expect(q.whereIs('a')).toBe('backoff');
  });

  it('an interesting event while the pod was in flight sends it to backoff instead of the pool', () => {
    const { q } = newQueue();
    q.add(makePod('a').obj());
    const p = q.popNow()!;
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p);
    expect(q.whereIs('a')).toBe('backoff');
  });

  it('an uninteresting event while in flight does not', () => {
    const { q } = newQueue();
    q.add(makePod('a').obj());
    const p = q.popNow()!;
    q.moveAllToActiveOrBackoffQueue(AssignedPodAdd);
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p);
    expect(q.whereIs('a')).toBe('unschedulable');
  });

  it('drops a pod deleted while in flight, and uses the latest version of an updated one', () => {
    const { q } = newQueue();
    q.add(makePod('gone').obj());
    q.add(makePod('changed').obj());
    const gone = q.popNow()!;
    const changed = q.popNow()!;
    q.delete(gone.podInfo.pod);
    q.update(changed.podInfo.pod, makePod('changed').label('v', '2').obj());
    for (const p of [gone, changed]) {
      p.unschedulablePlugins = new Set(['NodeResourcesFit']);
      q.addUnschedulableIfNotPresent(p);
    }
    expect(q.whereIs('gone')).toBeUndefined();
    expect(q.get('changed')?.podInfo.pod.metadata.labels).toEqual({ v: '2' });
  });

  it('an update that changes the spec of an unschedulable pod retries it', () => {
    const { q, clock } = newQueue();
    const pod = makePod('a').obj();
    q.add(pod);
    fail(q);
    clock.advance(2000);
    q.update(pod, { ...pod, status: { phase: 'Pending' } });
    expect(q.whereIs('a')).toBe('unschedulable');
    q.update(pod, makePod('a').label('x', 'y').obj());
    expect(q.whereIs('a')).toBe('active');
  });

  it('gated pods wait until an update removes their scheduling gates', () => {
    const { q } = newQueue();
    const gated = makePod('a').schedulingGates('example.com/wait').obj();
    q.add(gated);
    expect(q.whereIs('a')).toBe('unschedulable');
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    expect(q.whereIs('a')).toBe('unschedulable');
    q.update(gated, makePod('a').obj());
    expect(q.whereIs('a')).toBe('active');
  });

  it('activate moves pods straight to activeQ', () => {
    const { q } = newQueue();
    q.add(makePod('a').obj());
    const p = fail(q);
    q.activate([p.podInfo.pod]);
    expect(q.whereIs('a')).toBe('active');
  });

  it('tracks nominations from status.nominatedNodeName', () => {
    const { q } = newQueue();
    q.add(makePod('a').nominatedNodeName('node1').obj());
    expect(q.nominator.nominatedPodsForNode('node1').map((p) => p.key)).toEqual(['a']);
    q.delete(makePod('a').obj());
    expect(q.nominator.nominatedPodsForNode('node1')).toEqual([]);
  });
});
