import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../api/index.js';
import { ApiError, FakeClock } from '../machinery/index.js';
import { EventRecorder } from './event-recorder.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { ChunkStream, FakeApiServer, until } from './testing/index.js';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'uid-1', resourceVersion: '7' },
  spec: { containers: [] },
};

function setup(options: { host?: string; maxQueued?: number } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const errors: string[] = [];
  const recorder = new EventRecorder({
    client,
    component: 'scheduler',
    ...(options.host ? { host: options.host } : {}),
    ...(options.maxQueued ? { maxQueued: options.maxQueued } : {}),
    random: () => 0.5,
    onError: (err) => errors.push((err as Error).message),
  });
  const events = () => server.store.list('/events', '') as Event[];
  return { clock, server, recorder, errors, events };
}

describe('EventRecorder', () => {
  it('creates a core/v1 Event describing the object', async () => {
    const t = setup({ host: 'node-a' });
    t.recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned shop/web-1 to node-a');
    await t.recorder.flush();
    const [ev, ...rest] = t.events();
    expect(rest).toEqual([]);
    expect(ev).toMatchObject({
      metadata: { namespace: 'shop' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-1', apiVersion: 'v1', resourceVersion: '7' },
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned shop/web-1 to node-a',
      source: { component: 'scheduler', host: 'node-a' },
      reportingComponent: 'scheduler',
      reportingInstance: 'node-a',
      firstTimestamp: '2026-01-01T12:00:00Z',
      lastTimestamp: '2026-01-01T12:00:00Z',
      count: 1,
    });
    expect(ev!.metadata.name).toMatch(/^web-1\.[0-9a-f]+$/);
  });

  it('folds repeats of the same event into one Event with count++ via PATCH', async () => {
    const t = setup();
    t.recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available');
    await t.recorder.flush();
    await t.clock.advanceAsync(61_000);
    t.recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available');
    t.recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available');
    await t.recorder.flush();
    const evs = t.events();
    expect(evs.length).toBe(1);
    expect(evs[0]).toMatchObject({ count: 3, firstTimestamp: '2026-01-01T12:00:00Z', lastTimestamp: '2026-01-01T12:01:01Z' });
    expect(t.server.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
  });

  it('keeps different messages, reasons or objects apart, with distinct names', async () => {
    const t = setup();
    t.recorder.event(pod, 'Normal', 'Pulled', 'image a');
    t.recorder.event(pod, 'Normal', 'Pulled', 'image b');
    t.recorder.event({ ...pod, metadata: { ...pod.metadata, name: 'web-2', uid: 'uid-2' } }, 'Normal', 'Pulled', 'image a');
    await t.recorder.flush();
    const names = t.events().map((e) => e.metadata.name);
    expect(new Set(names).size).toBe(3);
  });

  it('never blocks the caller while the server is slow', async () => {
    const t = setup();
    const held: ChunkStream[] = [];
    t.server.prependReactor((req) => {
      if (held.length > 0) return undefined;
      const s = new ChunkStream(req.signal);
      held.push(s);
      return { status: 201, headers: {}, body: s };
    });
    for (let i = 0; i < 5; i++) t.recorder.event(pod, 'Normal', `R${i}`, 'm');
    await until(() => held.length === 1);
    expect(t.server.requests.length).toBe(1); // writes are serial; the first is still in flight
    held[0]!.push('{}');
    held[0]!.end();
    await t.recorder.flush();
    expect(t.server.requests.length).toBe(5);
  });

  it('creates the Event again when the one being patched was deleted', async () => {
    const t = setup();
    t.recorder.event(pod, 'Normal', 'Killing', 'stopping');
    await t.recorder.flush();
    const name = t.events()[0]!.metadata.name!;
    t.server.remove(refs.events, 'shop', name);
    t.recorder.event(pod, 'Normal', 'Killing', 'stopping');
    await t.recorder.flush();
    expect(t.events()).toMatchObject([{ metadata: { name }, count: 2 }]);
    expect(t.server.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'POST']);
  });

  it('retries failed writes on the clock: first after a random share of 10 s, then every 10 s', async () => {
    const t = setup();
    let failures = 2;
    t.server.prependReactor(() => (failures-- > 0 ? new ApiError(503, 'ServiceUnavailable', 'busy') : undefined));
    t.recorder.event(pod, 'Normal', 'Started', 'ok');
    await until(() => t.server.requests.length === 1);
    await t.clock.advanceAsync(4_999);
    expect(t.server.requests.length).toBe(1);
    await t.clock.advanceAsync(1);
    await until(() => t.server.requests.length === 2);
    await t.clock.advanceAsync(10_000);
    await t.recorder.flush();
    expect(t.server.requests.length).toBe(3);
    expect(t.events().length).toBe(1);
  });

  it('drops a flood of events about one object beyond the spam burst', async () => {
    const t = setup();
    for (let i = 0; i < 30; i++) t.recorder.event(pod, 'Warning', `Reason${i}`, 'm');
    await t.recorder.flush();
    expect(t.events().length).toBe(25);
  });

  it('reports and drops events about objects without kind/apiVersion', async () => {
    const t = setup();
    t.recorder.event({ metadata: { name: 'x' } }, 'Normal', 'R', 'm');
    await t.recorder.flush();
    expect(t.events()).toEqual([]);
    expect(t.errors[0]).toMatch(/no kind\/apiVersion/);
  });

  it('after shutdown drops new events and abandons retries', async () => {
    const t = setup();
    t.server.prependReactor(() => new ApiError(503, 'ServiceUnavailable', 'busy'));
    t.recorder.event(pod, 'Normal', 'R', 'm');
    await until(() => t.server.requests.length === 1);
    await t.recorder.shutdown();
    t.recorder.event(pod, 'Normal', 'R2', 'm');
    await t.clock.advanceAsync(100_000);
    expect(t.server.requests.length).toBe(1);
    expect(t.errors.some((e) => /shut down/.test(e))).toBe(true);
  });

  it('close lets queued writes land before shutting down', async () => {
    const t = setup();
    t.recorder.event(pod, 'Normal', 'Started', 'ok');
    await t.recorder.close();
    expect(t.events()).toMatchObject([{ reason: 'Started' }]);
  });

  it('close gives up after its grace period when the API server keeps failing', async () => {
    const t = setup();
    t.server.prependReactor(() => new ApiError(503, 'ServiceUnavailable', 'busy'));
    t.recorder.event(pod, 'Normal', 'R', 'm');
    await until(() => t.server.requests.length === 1);
    let closed = false;
    const closing = t.recorder.close(3_000).then(() => (closed = true));
    await t.clock.advanceAsync(2_000);
    expect(closed).toBe(false);
    await t.clock.advanceAsync(1_000);
    await closing;
    expect(t.server.requests.length).toBeLessThanOrEqual(2);
    expect(t.errors.some((e) => /shut down/.test(e))).toBe(true);
  });

  it('reports an overflowing queue once, not once per dropped event, and a shutdown once with what it abandoned', async () => {
    const t = setup({ maxQueued: 2 });
    t.server.prependReactor(() => new ApiError(503, 'ServiceUnavailable', 'busy'));
    for (let i = 0; i < 6; i++) t.recorder.event(pod, 'Normal', `R${i}`, 'm');
    await until(() => t.server.requests.length === 1);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatch(/event queue full \(2\); dropping events, starting with R3/);
    await t.recorder.shutdown();
    expect(t.errors).toHaveLength(2);
    expect(t.errors[1]).toBe('event recorder shut down; dropped 3 pending events');
  });
});
