import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { PodInfo } from '../framework/pod-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { CacheError, SchedulerCache } from './cache.js';
import { Snapshot } from './snapshot.js';

const node = (name: string, labels: Record<string, string> = {}) => makeNode(name).labels(labels).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
const pod = (name: string, nodeName: string, cpu = '1') => PodInfo.of(makePod(name).node(nodeName).req({ cpu }).obj());

function setup(ttl = 30_000) {
  const clock = new FakeClock();
  const cache = new SchedulerCache({ clock, assumedPodTTLMs: ttl });
  const snap = new Snapshot();
  return { clock, cache, snap, requested: (n: string) => (cache.updateSnapshot(snap), snap.get(n)?.requested.milliCPU) };
}

describe('SchedulerCache', () => {
  it('an assumed pod counts against its node before binding is confirmed', () => {
    const { cache, requested } = setup();
    cache.addNode(node('n1'));
    cache.assumePod(pod('a', 'n1'));
    expect(requested('n1')).toBe(1000);
    expect(cache.isAssumedPod('a')).toBe(true);
  });

  it('forget undoes an assumption', () => {
    const { cache, requested } = setup();
    cache.addNode(node('n1'));
    const p = pod('a', 'n1');
    cache.assumePod(p);
    cache.forgetPod(p);
    expect(requested('n1')).toBe(0);
    expect(() => cache.forgetPod(p)).toThrow(CacheError);
  });

  it('a confirmed pod (addPod) is no longer assumed and never expires', () => {
    const { cache, clock, requested } = setup(1000);
    cache.addNode(node('n1'));
    const p = pod('a', 'n1');
    cache.assumePod(p);
    cache.finishBinding(p);
    cache.addPod(p);
    expect(cache.isAssumedPod('a')).toBe(false);
    clock.advance(5000);
    expect(cache.cleanupAssumedPods(clock.now())).toEqual([]);
    expect(requested('n1')).toBe(1000);
  });

  it('an assumed pod expires a TTL after its binding finished if never confirmed', () => {
    const { cache, clock, requested } = setup(30_000);
    cache.addNode(node('n1'));
    const p = pod('a', 'n1');
    cache.assumePod(p);
    clock.advance(60_000);
    expect(cache.cleanupAssumedPods(clock.now())).toEqual([]); // binding still in flight: never expires
    cache.finishBinding(p);
    clock.advance(29_999);
    expect(cache.cleanupAssumedPods(clock.now())).toEqual([]);
    clock.advance(1);
    expect(cache.cleanupAssumedPods(clock.now()).map((x) => x.key)).toEqual(['a']);
    expect(requested('n1')).toBe(0);
  });

  it('run() expires assumed pods on the clock', () => {
    const { cache, clock } = setup(1000);
    cache.addNode(node('n1'));
    const p = pod('a', 'n1');
    cache.assumePod(p);
    cache.finishBinding(p);
    cache.run();
    clock.advance(2000);
    expect(cache.podCount()).toBe(0);
    cache.stop();
  });

  it('confirming an assumed pod on a different node moves it there', () => {
    const { cache, requested } = setup();
    cache.addNode(node('n1'));
    cache.addNode(node('n2'));
    cache.assumePod(pod('a', 'n1'));
    cache.addPod(pod('a', 'n2'));
    expect(requested('n1')).toBe(0);
    expect(requested('n2')).toBe(1000);
  });

  it('rejects double assumption and updates of unknown pods with typed errors', () => {
    const { cache } = setup();
    cache.addNode(node('n1'));
    cache.assumePod(pod('a', 'n1'));
    expect(() => cache.assumePod(pod('a', 'n1'))).toThrow(expect.objectContaining({ reason: 'AlreadyInCache' }));
    expect(() => cache.updatePod(pod('b', 'n1'), pod('b', 'n1'))).toThrow(expect.objectContaining({ reason: 'NotFound' }));
    expect(() => cache.removePod(pod('zz', 'n1'))).toThrow(CacheError);
  });

  it('updatePod and removePod keep the aggregates right', () => {
    const { cache, requested } = setup();
    cache.addNode(node('n1'));
    cache.addPod(pod('a', 'n1', '1'));
    cache.updatePod(pod('a', 'n1', '1'), pod('a', 'n1', '2'));
    expect(requested('n1')).toBe(2000);
    cache.removePod(pod('a', 'n1'));
    expect(requested('n1')).toBe(0);
  });

  it('a pod seen before its node is kept on a ghost entry that is not in the snapshot', () => {
    const { cache, snap, requested } = setup();
    cache.addPod(pod('a', 'later'));
    cache.updateSnapshot(snap);
    expect(snap.numNodes()).toBe(0);
    cache.addNode(node('later'));
    expect(requested('later')).toBe(1000);
    cache.removeNode(node('later'));
    cache.updateSnapshot(snap);
    expect(snap.numNodes()).toBe(0);
    expect(cache.podCount()).toBe(1);
  });

  it('updateSnapshot copies only changed nodes and keeps snapshot NodeInfos immutable', () => {
    const { cache, snap } = setup();
    cache.addNode(node('n1'));
    cache.addNode(node('n2'));
    cache.updateSnapshot(snap);
    const n1Before = snap.get('n1')!;
    const n2Before = snap.get('n2')!;
    cache.assumePod(pod('a', 'n1'));
    expect(n1Before.requested.milliCPU).toBe(0);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')).not.toBe(n1Before);
    expect(snap.get('n2')).toBe(n2Before);
    expect(snap.list()).toContain(snap.get('n1'));
  });

  it('lists nodes round-robin across zones and tracks nodes with affinity pods and images', () => {
    const { cache, snap } = setup();
    for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c']]) cache.addNode(node(n!, { 'topology.kubernetes.io/zone': z! }));
    cache.addNode(makeNode('img').images({ nginx: 10 }).obj());
    cache.addPod(PodInfo.of(makePod('aff').node('b1').podAntiAffinity('zone', { matchLabels: { x: 'y' } }).obj()));
    cache.updateSnapshot(snap);
    expect(snap.list().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'img', 'a2', 'a3']);
    expect(snap.havePodsWithAffinityList().map((n) => n.name)).toEqual(['b1']);
    expect(snap.havePodsWithRequiredAntiAffinityList().map((n) => n.name)).toEqual(['b1']);
    expect(snap.imageNumNodes('nginx:latest')).toBe(1);
    cache.removePod(PodInfo.of(makePod('aff').node('b1').obj()));
    cache.updateSnapshot(snap);
    expect(snap.havePodsWithAffinityList()).toEqual([]);
  });
});
