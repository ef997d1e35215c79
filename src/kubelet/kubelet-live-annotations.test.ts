import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from '../api/index.js';
import { makePod, startSimKubelet, type SimHarness } from './testing/index.js';

function ready(s: PodStatus | undefined): string | undefined {
  return s?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function probedPod(probe: 'readinessProbe' | 'livenessProbe'): Pod {
  const app: Container = {
    name: 'app',
    image: 'nginx:1.27',
    imagePullPolicy: 'IfNotPresent',
    [probe]: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 1 },
  };
  return makePod({ containers: [app] });
}

/** `kubectl annotate --overwrite`: an update whose only change is one annotation. */
function annotate(h: SimHarness, uid: string, key: string, value: string): void {
  const pod = h.source.get(uid)!;
  h.source.update({ ...pod, metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, [key]: value } } });
}

describe('kubelet: sim annotations changed on a running pod', () => {
  it('readiness=fail makes the pod not ready, readiness=pass makes it ready again, without a restart', async () => {
    const h = await startSimKubelet();
    const uid = h.source.add(probedPod('readinessProbe')).metadata.uid!;
    await h.advance(2000);
    expect(ready(h.statuses.latest(uid))).toBe('True');

    annotate(h, uid, 'sim.skiff.io/readiness', 'fail');
    await h.advance(2000);
    const notReady = h.statuses.latest(uid)!;
    expect(ready(notReady)).toBe('False');
    expect(notReady.containerStatuses?.[0]).toMatchObject({ ready: false, restartCount: 0 });
    expect(h.events.lines(uid)).toContain('Unhealthy: Readiness probe failed: sim.skiff.io/readiness: probe scripted to fail');

    annotate(h, uid, 'sim.skiff.io/readiness', 'pass');
    await h.advance(2000);
    const back = h.statuses.latest(uid)!;
    expect(ready(back)).toBe('True');
    expect(back.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(h.errors).toEqual([]);
  });

  it('liveness=fail set live restarts the container; liveness=pass ends the restarts', async () => {
    const h = await startSimKubelet();
    const uid = h.source.add(probedPod('livenessProbe')).metadata.uid!;
    await h.advance(5000);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]?.restartCount).toBe(0);

    annotate(h, uid, 'sim.skiff.io/liveness', 'fail');
    await h.advance(3000);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1);
    expect(h.events.lines(uid)).toContain('Killing: Container app failed liveness probe, will be restarted');

    annotate(h, uid, 'sim.skiff.io/liveness', 'pass');
    await h.advance(30_000, 500);
    const settled = h.statuses.latest(uid)!.containerStatuses![0]!;
    expect(settled.state?.running).toBeDefined();
    await h.advance(30_000, 500);
    expect(h.statuses.latest(uid)!.containerStatuses![0]).toMatchObject({ restartCount: settled.restartCount, state: settled.state });
    expect(h.errors).toEqual([]);
  });

  it('a fail-after:N set live counts N from the container start, not from the change', async () => {
    const h = await startSimKubelet();
    const uid = h.source.add(probedPod('readinessProbe')).metadata.uid!;
    await h.advance(20_000, 500);
    annotate(h, uid, 'sim.skiff.io/readiness', 'fail-after:30');
    await h.advance(5000);
    expect(ready(h.statuses.latest(uid))).toBe('True');
    await h.advance(7000);
    expect(ready(h.statuses.latest(uid))).toBe('False');
  });
});
