import { describe, expect, it } from 'vitest';
import type { PodCondition, PodStatus } from '../api/index.js';
import { makePod, startSimKubelet } from './testing/index.js';

const LATENCIES = { runPodSandboxMs: 1000, pullImageMs: 2000, createContainerMs: 200, startContainerMs: 300 };

function cond(s: PodStatus | undefined, type: string): PodCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

describe('kubelet: a pod from Pending to Ready', () => {
  it('goes Pending/ContainerCreating → Running → Ready with the kubelet conditions and statuses', async () => {
    const h = await startSimKubelet({ latencies: LATENCIES, preloadedImages: [] });
    const pod = h.source.add(
      makePod({
        containers: [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(4000);
    const first = h.statuses.of(uid)[0]!;
    expect(first.phase).toBe('Pending');
    expect(first.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(cond(first, 'PodReadyToStartContainers')?.status).toBe('False');
    expect(cond(first, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(first.startTime).toBe('2026-01-01T00:00:00Z');
    expect(first.hostIP).toBe('192.168.0.11');

    const running = h.statuses.latest(uid)!;
    expect(running.phase).toBe('Running');
    expect(running.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(running.podIPs).toEqual([{ ip: running.podIP }]);
    const cs = running.containerStatuses![0]!;
    expect(cs.state?.running?.startedAt).toBe('2026-01-01T00:00:03Z');
    expect(cs).toMatchObject({ ready: false, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(cs.containerID).toMatch(/^sim:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cond(running, 'PodReadyToStartContainers')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:03Z' });
    expect(cond(running, 'Ready')?.status).toBe('False');

    await h.advance(6000);
    const ready = h.statuses.latest(uid)!;
    // The probe worker ticks every 5 s from the pod's first sync (0 s, 5 s, 10 s); started at 3 s + 5 s delay → 10 s.
    expect(cond(ready, 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:10Z' });
    expect(cond(ready, 'ContainersReady')?.status).toBe('True');
    expect(ready.containerStatuses![0]!.ready).toBe(true);
    // Conditions that did not change keep their transition time.
    expect(cond(ready, 'PodScheduled')?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(cond(ready, 'Initialized')?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(cond(ready, 'PodReadyToStartContainers')?.lastTransitionTime).toBe('2026-01-01T00:00:03Z');

    expect(h.events.lines(uid)).toEqual([
      'Pulling: Pulling image "nginx"',
      expect.stringMatching(/^Pulled: Successfully pulled image "nginx" in 2s \(2s including waiting\)\. Image size: \d+ bytes\.$/),
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    expect(h.events.events[0]!.involvedObject).toMatchObject({ kind: 'Pod', name: pod.metadata.name, fieldPath: 'spec.containers{web}' });
    expect(h.errors).toEqual([]);
  });

  it('writes a status only when it changed', async () => {
    const h = await startSimKubelet({ resyncIntervalMs: 1000 });
    const pod = h.source.add(makePod());
    await h.advance(1000);
    const writes = h.statuses.of(pod.metadata.uid!).length;
    await h.advance(30_000);
    expect(h.statuses.of(pod.metadata.uid!).length).toBe(writes);
  });
});

describe('kubelet: sandbox and spec changes', () => {
  it('reports FailedCreatePodSandBox when the podCIDR is exhausted and retries later', async () => {
    const h = await startSimKubelet({ podCIDR: '10.244.9.0/30' });
    const first = h.source.add(makePod());
    const second = h.source.add(makePod());
    await h.advance(500);
    expect(h.statuses.latest(first.metadata.uid!)?.podIP).toBe('10.244.9.2');
    const s = h.statuses.latest(second.metadata.uid!)!;
    expect(s.phase).toBe('Pending');
    expect(s.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
    expect(h.events.lines(second.metadata.uid!)).toEqual([
      'FailedCreatePodSandBox: Failed to create pod sandbox: failed to allocate for range 0: no IP addresses available in range set: 10.244.9.2-10.244.9.2',
    ]);
    h.source.delete(first.metadata.uid!, 0);
    await h.advance(10_000);
    expect(h.statuses.latest(second.metadata.uid!)?.podIP).toBe('10.244.9.2');
  });

  it('restarts a container whose image was changed in the pod spec', async () => {
    const h = await startSimKubelet({ preloadedImages: ['nginx:1.27', 'nginx:1.28'] });
    const pod = h.source.add(makePod());
    await h.advance(500);
    const spec = pod.spec!;
    h.source.update({ ...pod, spec: { ...spec, containers: [{ ...spec.containers[0]!, image: 'nginx:1.28' }] } });
    await h.advance(500);
    const cs = h.statuses.latest(pod.metadata.uid!)!.containerStatuses![0]!;
    expect(cs).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.28' });
    expect(h.events.lines(pod.metadata.uid!)).toContain('Killing: Container app definition changed, will be restarted');
  });
});

describe('kubelet: imagePullPolicy', () => {
  it('IfNotPresent uses a present image without pulling', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] }));
    await h.advance(500);
    expect(h.events.lines(pod.metadata.uid!)[0]).toBe('Pulled: Container image "nginx:1.27" already present on machine');
    expect(h.statuses.latest(pod.metadata.uid!)?.phase).toBe('Running');
  });

  it('Always pulls even when the image is present', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'Always' }] }));
    await h.advance(500);
    expect(h.events.lines(pod.metadata.uid!).slice(0, 2)).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      expect.stringMatching(/^Pulled: Successfully pulled image "nginx:1.27" in 0s/),
    ]);
  });

  it('Never with an absent image waits with ErrImageNeverPull', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ containers: [{ name: 'app', image: 'busybox:1.36', imagePullPolicy: 'Never' }] }));
    await h.advance(500);
    const s = h.statuses.latest(pod.metadata.uid!)!;
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "busybox:1.36" is not present with pull policy of Never',
    });
    expect(h.events.lines(pod.metadata.uid!)).toContain(
      'ErrImageNeverPull: Container image "busybox:1.36" is not present with pull policy of Never',
    );
  });

  it('a failing pull shows ErrImagePull, then ImagePullBackOff, and is retried after the back-off', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({ image: 'nginx:bad', annotations: { 'sim.skiff.io/pull-error': 'ErrImagePull' }, containers: undefined }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(500);
    expect(h.statuses.latest(uid)?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ErrImagePull');
    expect(h.events.lines(uid)).toContain('Failed: Error: ErrImagePull');
    h.kubelet.onUpdate(pod, pod);
    await h.advance(500);
    const waiting = h.statuses.latest(uid)?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('ImagePullBackOff');
    expect(waiting?.message).toMatch(/^Back-off pulling image "nginx:bad": ErrImagePull: rpc error/);
    expect(h.events.lines(uid)).toContain('BackOff: Back-off pulling image "nginx:bad"');
    const pulls = () => h.events.lines(uid).filter((l) => l.startsWith('Pulling:')).length;
    expect(pulls()).toBe(1);
    await h.advance(10_000);
    expect(pulls()).toBe(2);
  });
});

describe('kubelet: init containers', () => {
  it('runs init containers one after another, each to exit 0, before the app container', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        annotations: { 'sim.skiff.io/exit-after-seconds.init-a': '2', 'sim.skiff.io/exit-after-seconds.init-b': '3' },
        initContainers: [
          { name: 'init-a', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
          { name: 'init-b', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
        ],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(1000);
    let s = h.statuses.latest(uid)!;
    expect(s.initContainerStatuses?.map((c) => c.name)).toEqual(['init-a', 'init-b']);
    expect(s.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(s.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(s.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(cond(s, 'Initialized')).toMatchObject({ status: 'False', message: 'containers with incomplete status: [init-a init-b]' });
    await h.advance(2000);
    s = h.statuses.latest(uid)!;
    expect(s.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.initContainerStatuses?.[0]?.ready).toBe(true);
    expect(s.initContainerStatuses?.[1]?.state?.running).toBeDefined();
    expect(s.phase).toBe('Pending');
    await h.advance(3000);
    s = h.statuses.latest(uid)!;
    expect(s.phase).toBe('Running');
    expect(cond(s, 'Initialized')?.status).toBe('True');
    const started = h.events.lines(uid).filter((l) => l.startsWith('Started:'));
    expect(started).toEqual(['Started: Started container init-a', 'Started: Started container init-b', 'Started: Started container app']);
    expect(h.events.events.find((e) => e.message === 'Started container init-a')?.involvedObject.fieldPath).toBe('spec.initContainers{init-a}');
  });

  it('a failing init container fails the pod when restartPolicy is Never', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        restartPolicy: 'Never',
        annotations: { 'sim.skiff.io/exit-code.setup': '2' },
        initContainers: [{ name: 'setup', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }],
      }),
    );
    await h.advance(1000);
    const s = h.statuses.latest(pod.metadata.uid!)!;
    expect(s.phase).toBe('Failed');
    expect(s.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(h.events.lines(pod.metadata.uid!).some((l) => l === 'Started: Started container app')).toBe(false);
    expect(h.kubelet.podState(pod.metadata.uid!)).toBe('TerminatedPod');
  });
});
