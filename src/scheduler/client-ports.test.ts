import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../api/index.js';
import { EventRecorder, RestClient, SharedInformerFactory, refs } from '../client/index.js';
import { FakeApiServer, until } from '../client/testing/index.js';
import { FakeClock } from '../machinery/index.js';
import { bindingFor, schedulerPortsFromClient, statusPatchFor } from './client-ports.js';
import { Scheduler } from './scheduler.js';
import { makeNode, makePod } from './testing/index.js';

async function setup() {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const informers = new SharedInformerFactory({ client, clock });
  const recorder = new EventRecorder({ client, component: 'default-scheduler', random: () => 0.5 });
  const ports = schedulerPortsFromClient({ client, informers, recorder });
  const sched = new Scheduler({ clock, ...ports, random: () => 0.5 });
  const pod = (name: string) => server.store.get('/pods', 'default', name) as Pod | undefined;
  const stop = async () => {
    await sched.stop();
    await informers.stop();
    await recorder.shutdown();
  };
  return { clock, server, client, sched, ports, pod, stop };
}

describe('scheduler ports over client/', () => {
  it('watches pods and nodes, binds through pods/binding and records events', async () => {
    const t = await setup();
    await t.client.resource<Node>(refs.nodes).create(makeNode('n1').capacity({ cpu: '2', memory: '4Gi', pods: '10' }).obj());
    await t.client.resource<Pod>(refs.pods).create({ ...makePod('web').req({ cpu: '1' }).obj(), metadata: { name: 'web', namespace: 'default' } });
    await t.client.resource<Pod>(refs.pods).create({ ...makePod('huge').req({ cpu: '8' }).obj(), metadata: { name: 'huge', namespace: 'default' } });
    t.sched.start(t.ports.source);
    await until(() => t.pod('web')?.spec?.nodeName === 'n1', { what: 'web bound' });
    await until(() => t.pod('huge')?.status?.conditions?.[0]?.reason === 'Unschedulable', { what: 'huge marked unschedulable' });
    expect(t.pod('huge')!.status!.conditions![0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      message: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      lastTransitionTime: '2026-01-01T12:00:00Z',
    });
    await until(() => (t.server.store.list('/events', 'default') as Event[]).some((e) => e.reason === 'Scheduled'), { what: 'Scheduled event' });
    const scheduled = (t.server.store.list('/events', 'default') as Event[]).find((e) => e.reason === 'Scheduled')!;
    expect(scheduled).toMatchObject({ type: 'Normal', message: 'Successfully assigned default/web to n1', involvedObject: { kind: 'Pod', name: 'web' } });
    await until(() => t.sched.cache.podCount() === 1 && !t.sched.cache.isAssumedPod(t.pod('web')!.metadata.uid!), { what: 'binding confirmed by the informer' });
    await t.stop();
  });
});

describe('statusPatchFor', () => {
  const now = '2026-01-01T12:00:00Z';
  const cond = { type: 'PodScheduled', status: 'False' as const, reason: 'Unschedulable', message: 'm' };

  it('writes a changed condition and a new nomination', () => {
    expect(statusPatchFor(makePod('p').obj(), { condition: cond, nominatedNodeName: 'n1' }, { now })).toEqual({
      status: { conditions: [{ ...cond, lastProbeTime: null, lastTransitionTime: now }], nominatedNodeName: 'n1' },
    });
  });

  it('writes nothing when the condition and nomination are unchanged, and clears a nomination with null', () => {
    const pod = makePod('p').nominatedNodeName('n1').obj();
    pod.status!.conditions = [{ ...cond, lastTransitionTime: '2025-01-01T00:00:00Z' }];
    expect(statusPatchFor(pod, { condition: cond, nominatedNodeName: 'n1' }, { now })).toBeUndefined();
    expect(statusPatchFor(pod, { nominatedNodeName: '' }, { now })).toEqual({ status: { nominatedNodeName: null } });
    expect(statusPatchFor(pod, { condition: { ...cond, message: 'other' } }, { now })).toEqual({
      status: { conditions: [{ ...cond, message: 'other', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' }] },
    });
  });

  it('builds the Binding the seed flow shows', () => {
    expect(bindingFor(makePod('nginx-68bcd98f5c-abc12').obj(), 'worker-node-1')).toEqual({
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'nginx-68bcd98f5c-abc12', namespace: 'default', uid: 'nginx-68bcd98f5c-abc12' },
      target: { apiVersion: 'v1', kind: 'Node', name: 'worker-node-1' },
    });
  });
});
