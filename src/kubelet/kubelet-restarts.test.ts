import { describe, expect, it } from 'vitest';
import type { PodStatus } from '../api/index.js';
import { makePod, startSimKubelet } from './testing/index.js';

function ready(s: PodStatus | undefined): string | undefined {
  return s?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('kubelet: containers that exit', () => {
  it('restartPolicy Never + exit code 3 → Failed, the sandbox stopped and its IP released', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({ restartPolicy: 'Never', annotations: { 'sim.skiff.io/exit-code': '3', 'sim.skiff.io/exit-after-seconds': '5' } }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(4000);
    expect(h.statuses.latest(uid)?.phase).toBe('Running');
    expect(h.runtime.ipam.inUse).toBe(1);
    await h.advance(2000);
    const s = h.statuses.latest(uid)!;
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
    });
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(s.podIP).toMatch(/^10\.244\.1\./);
    expect(h.kubelet.podState(uid)).toBe('TerminatedPod');
    expect(h.runtime.ipam.inUse).toBe(0);
    expect(h.terminated).toEqual([]);
  });

  it('restartPolicy OnFailure + exit code 0 → Succeeded with Completed and PodCompleted', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ restartPolicy: 'OnFailure', annotations: { 'sim.skiff.io/exit-code': '0' } }));
    await h.advance(500);
    const s = h.statuses.latest(pod.metadata.uid!)!;
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(s.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
  });

  it('restartPolicy OnFailure + exit code 3 → restarted, phase Running', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({ restartPolicy: 'OnFailure', annotations: { 'sim.skiff.io/exit-code': '3', 'sim.skiff.io/exit-after-seconds': '1' } }),
    );
    await h.advance(1500);
    const s = h.statuses.latest(pod.metadata.uid!)!;
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(s.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('CrashLoopBackOff restarts after 10 s, 20 s, 40 s', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ annotations: { 'sim.skiff.io/crash-loop': 'true' } }));
    const uid = pod.metadata.uid!;
    await h.advance(75_000, 500);
    const starts = h.events.events.filter((e) => e.involvedObject.uid === uid && e.reason === 'Started').map((e) => e.at);
    const t0 = starts[0]!;
    expect(starts.slice(0, 5).map((t) => (t - t0) / 1000)).toEqual([0, 0, 10, 30, 70]);
    const s = h.statuses.latest(uid)!;
    expect(s.phase).toBe('Running');
    const cs = s.containerStatuses![0]!;
    expect(cs.restartCount).toBe(4);
    expect(cs.state?.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 1m20s restarting failed container=app pod=${pod.metadata.name}_default(${uid})`,
    });
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(h.events.lines(uid)).toContain(`BackOff: Back-off restarting failed container app in pod ${pod.metadata.name}_default(${uid})`);
    // Old instances are garbage-collected: the current one and the last dead one remain at most.
    expect(h.runtime.size.containers).toBeLessThanOrEqual(2);
  });
});

describe('kubelet: probes', () => {
  it('a failing liveness probe restarts the container (restartCount++)', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        annotations: { 'sim.skiff.io/liveness': 'fail-after:10' },
        containers: [
          { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 3 } },
        ],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(19_000);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]?.restartCount).toBe(0);
    await h.advance(2000);
    const cs = h.statuses.latest(uid)!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.running).toBeDefined();
    expect(cs.lastState?.terminated).toBeDefined();
    const lines = h.events.lines(uid);
    expect(lines.filter((l) => l === 'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 503')).toHaveLength(3);
    expect(lines).toContain('Killing: Container app failed liveness probe, will be restarted');
  });

  it('a failing readiness probe flips Ready to False without a restart', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        annotations: { 'sim.skiff.io/readiness': 'fail-after:20' },
        containers: [
          { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 1 } },
        ],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(1000);
    expect(ready(h.statuses.latest(uid))).toBe('True');
    await h.advance(20_000);
    const s = h.statuses.latest(uid)!;
    expect(ready(s)).toBe('False');
    expect(s.conditions?.find((c) => c.type === 'Ready')?.message).toBe('containers with unready status: [app]');
    expect(s.containerStatuses?.[0]).toMatchObject({ ready: false, restartCount: 0 });
    expect(h.events.lines(uid)).toContain(`Unhealthy: Readiness probe failed: dial tcp ${s.podIP}:80: connect: connection refused`);
  });

  it('a startup probe holds readiness until it passes', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        annotations: { 'sim.skiff.io/startup': 'pass-after:12' },
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 10 },
          },
        ],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(11_000);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]).toMatchObject({ started: false, ready: false });
    await h.advance(5000);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]).toMatchObject({ started: true, ready: true });
    expect(ready(h.statuses.latest(uid))).toBe('True');
  });
});
