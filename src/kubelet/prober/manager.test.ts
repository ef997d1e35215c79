import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import type { Container, PodStatus, Probe } from '../../api/index.js';
import { makePod, RecordingEventSink } from '../testing/index.js';
import { ProbeManager } from './manager.js';
import type { ProbeExecutor, ProbeRequest, ProbeResult } from './types.js';

function setup(container: Container, answer: (req: ProbeRequest, now: number) => ProbeResult) {
  const clock = new FakeClock();
  const events = new RecordingEventSink(clock);
  const pod = makePod({ containers: [container] });
  const calls: number[] = [];
  const executor: ProbeExecutor = {
    async probe(req) {
      calls.push(clock.now());
      const result = answer(req, clock.now());
      return { result, output: result === 'success' ? '' : 'HTTP probe failed with statuscode: 500' };
    },
  };
  const status: PodStatus = {
    phase: 'Running',
    podIP: '10.244.1.9',
    containerStatuses: [
      { name: container.name, ready: false, started: true, restartCount: 0, image: 'x', imageID: '', containerID: 'sim://c1', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } },
    ],
  };
  const changes: string[] = [];
  const m = new ProbeManager({ clock, executor, events, getPodStatus: () => status, onResultChange: (_uid, type) => changes.push(`${type}@${(clock.now() - Date.UTC(2026, 0, 1)) / 1000}`) });
  m.addPod(pod);
  return { clock, m, calls, changes, events, pod, container };
}

const http = (p: Partial<Probe>): Probe => ({ httpGet: { port: 'http' }, ...p });

describe('ProbeManager', () => {
  it('honours initialDelaySeconds and periodSeconds', async () => {
    const c: Container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: http({ initialDelaySeconds: 15, periodSeconds: 10 }) };
    const { clock, calls } = setup(c, () => 'success');
    await clock.advanceAsync(35_000);
    expect(calls.map((t) => (t - Date.UTC(2026, 0, 1)) / 1000)).toEqual([20, 30]);
  });

  it('reports a failure only after failureThreshold consecutive failures, success after successThreshold', async () => {
    const c: Container = { name: 'app', readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1, failureThreshold: 3, successThreshold: 2 } };
    let healthy = true;
    const { clock, m, changes } = setup(c, () => (healthy ? 'success' : 'failure'));
    await clock.advanceAsync(1500);
    expect(m.ready('', c, 'c1')).toBe(true);
    expect(changes).toEqual(['readiness@1']);
    healthy = false;
    await clock.advanceAsync(2000);
    expect(m.ready('', c, 'c1')).toBe(true);
    await clock.advanceAsync(1000);
    expect(changes).toEqual(['readiness@1', 'readiness@4']);
    healthy = true;
    await clock.advanceAsync(1000);
    expect(changes).toHaveLength(2);
    await clock.advanceAsync(1000);
    expect(changes).toEqual(['readiness@1', 'readiness@4', 'readiness@6']);
  });

  it('resolves named ports and records Unhealthy events, holding liveness after it failed', async () => {
    const c: Container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: http({ periodSeconds: 5, failureThreshold: 2 }) };
    const ports: unknown[] = [];
    const { clock, m, events, calls } = setup(c, (req) => {
      ports.push(req.handler.httpGet?.port);
      return 'failure';
    });
    await clock.advanceAsync(20_000);
    expect(ports[0]).toBe(8080);
    expect(m.liveness('c1')).toBe('failure');
    expect(calls).toHaveLength(2);
    expect(events.lines()).toEqual(['Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500', 'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500']);
  });

  it('times out a probe that does not answer within timeoutSeconds', async () => {
    const clock = new FakeClock();
    const events = new RecordingEventSink(clock);
    const c: Container = { name: 'app', livenessProbe: { httpGet: { port: 80, path: '/healthz' }, timeoutSeconds: 2, periodSeconds: 10, failureThreshold: 1 } };
    const pod = makePod({ containers: [c] });
    const status: PodStatus = {
      phase: 'Running',
      podIP: '10.244.1.9',
      containerStatuses: [{ name: 'app', ready: false, started: true, restartCount: 0, image: 'x', imageID: '', containerID: 'sim://c1', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }],
    };
    const m = new ProbeManager({ clock, executor: { probe: () => new Promise(() => undefined) }, events, getPodStatus: () => status, onResultChange: () => undefined });
    m.addPod(pod);
    await clock.advanceAsync(2000);
    expect(m.liveness('c1')).toBe('failure');
    expect(events.lines()).toEqual([
      'Unhealthy: Liveness probe failed: Get "http://10.244.1.9:80/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ]);
  });

  it('stop() ends every probe worker and leaves no timer behind (a kubelet shutting down)', async () => {
    const c: Container = { name: 'app', readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 }, livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 } };
    const { clock, m, calls } = setup(c, () => 'success');
    await clock.advanceAsync(1500);
    expect(calls.length).toBeGreaterThan(0);
    expect(clock.pendingTimers).toBeGreaterThan(0);
    m.stop();
    expect(clock.pendingTimers).toBe(0);
    const before = calls.length;
    await clock.advanceAsync(5000);
    expect(calls).toHaveLength(before);
  });

  it('a pod without probes is ready and started as soon as its container runs', () => {
    const c: Container = { name: 'app' };
    const { m } = setup(c, () => 'success');
    expect(m.started('', c, 'c1')).toBe(true);
    expect(m.ready('', c, 'c1')).toBe(true);
    expect(m.workerCount).toBe(0);
  });
});
