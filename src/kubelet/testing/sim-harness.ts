/** A kubelet over a SimRuntime with a FakeClock and recording sinks: the fixture of the kubelet's end-to-end tests. */
import { FakeClock } from '../../machinery/index.js';
import type { Pod } from '../../api/index.js';
import { Kubelet } from '../kubelet.js';
import type { SimLatencies } from '../runtime/sim/options.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { FakePodSource, RecordingEventSink, RecordingStatusSink } from './fakes.js';

export interface SimHarness {
  clock: FakeClock;
  runtime: SimRuntime;
  kubelet: Kubelet;
  statuses: RecordingStatusSink;
  events: RecordingEventSink;
  source: FakePodSource;
  /** Pods handed to onTerminated, with the clock time. */
  terminated: { pod: Pod; at: number }[];
  errors: unknown[];
  /** Advances the clock in steps of `stepMs` (default 100 ms), letting promises settle in between. */
  advance(ms: number, stepMs?: number): Promise<void>;
}

export async function startSimKubelet(
  options: { latencies?: SimLatencies; preloadedImages?: string[]; resyncIntervalMs?: number; podCIDR?: string } = {},
): Promise<SimHarness> {
  const clock = new FakeClock();
  const runtime = new SimRuntime({
    clock,
    nodeName: 'node-1',
    podCIDR: options.podCIDR ?? '10.244.1.0/24',
    ...(options.latencies ? { latencies: options.latencies } : {}),
    preloadedImages: options.preloadedImages ?? ['registry.k8s.io/pause:3.10', 'nginx:1.27'],
  });
  const statuses = new RecordingStatusSink(clock);
  const events = new RecordingEventSink(clock);
  const source = new FakePodSource(clock);
  const terminated: SimHarness['terminated'] = [];
  const errors: unknown[] = [];
  const kubelet = new Kubelet({
    nodeName: 'node-1',
    hostIP: '192.168.0.11',
    clock,
    runtime,
    statusSink: statuses,
    eventSink: events,
    onError: (err) => errors.push(err),
    onTerminated: (pod) => {
      terminated.push({ pod, at: clock.now() });
      source.delete(pod.metadata.uid ?? '', 0);
    },
    ...(options.resyncIntervalMs !== undefined ? { resyncIntervalMs: options.resyncIntervalMs } : {}),
  });
  await kubelet.start(source);
  return {
    clock,
    runtime,
    kubelet,
    statuses,
    events,
    source,
    terminated,
    errors,
    async advance(ms, stepMs = 100) {
      for (let t = 0; t < ms; t += stepMs) await clock.advanceAsync(Math.min(stepMs, ms - t));
    },
  };
}
