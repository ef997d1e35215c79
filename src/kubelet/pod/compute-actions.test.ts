import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../api/index.js';
import type { ProbeResult } from '../prober/types.js';
import type { ContainerState } from '../runtime/types.js';
import { makePod } from '../testing/index.js';
import { computePodActions, type ProbeView } from './compute-actions.js';
import { hashContainer, type RuntimeContainerStatus, type RuntimePodStatus } from './runtime-status.js';

const noProbes: ProbeView = { liveness: () => undefined, startup: () => undefined };

function sandbox(state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY' = 'SANDBOX_READY', attempt = 0): RuntimePodStatus['sandboxes'][number] {
  return {
    id: `sb-${attempt}`,
    metadata: { name: 'p', namespace: 'default', uid: 'u', attempt },
    state,
    createdAt: attempt,
    labels: {},
    annotations: {},
    ...(state === 'SANDBOX_READY' ? { network: { ip: '10.244.1.2', additionalIps: [] } } : {}),
  };
}

let seq = 0;
function instance(c: Container, state: ContainerState, extra: Partial<RuntimeContainerStatus> = {}): RuntimeContainerStatus {
  seq++;
  return {
    id: `c${seq}`,
    name: c.name,
    state,
    createdAt: seq,
    startedAt: seq,
    finishedAt: state === 'CONTAINER_EXITED' ? seq : 0,
    exitCode: 0,
    reason: '',
    message: '',
    image: c.image ?? '',
    imageRef: '',
    restartCount: 0,
    hash: hashContainer(c),
    ...extra,
  };
}

function rs(sandboxes: RuntimePodStatus['sandboxes'], containers: RuntimeContainerStatus[]): RuntimePodStatus {
  return { uid: 'u', sandboxes, containers: [...containers].sort((a, b) => b.createdAt - a.createdAt), ips: ['10.244.1.2'] };
}

function app(pod: Pod, i = 0): Container {
  return pod.spec!.containers[i]!;
}

describe('computePodActions', () => {
  it('creates the sandbox and starts every container of a new pod', () => {
    const pod = makePod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    const a = computePodActions(pod, rs([], []), noProbes);
    expect(a).toMatchObject({ createSandbox: true, killPod: true, attempt: 0, containersToStart: [0, 1], initContainersToStart: [] });
  });

  it('starts only the first init container of a new pod with init containers', () => {
    const pod = makePod({ initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] });
    expect(computePodActions(pod, rs([], []), noProbes)).toMatchObject({ initContainersToStart: [0], containersToStart: [] });
  });

  it('moves to the next init container once the previous one exited 0, and to the app containers after the last', () => {
    const pod = makePod({ initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] });
    const [i1, i2] = pod.spec!.initContainers!;
    const after1 = computePodActions(pod, rs([sandbox()], [instance(i1!, 'CONTAINER_EXITED')]), noProbes);
    expect(after1).toMatchObject({ createSandbox: false, initContainersToStart: [1], containersToStart: [] });
    const running2 = computePodActions(pod, rs([sandbox()], [instance(i1!, 'CONTAINER_EXITED'), instance(i2!, 'CONTAINER_RUNNING')]), noProbes);
    expect(running2).toMatchObject({ initContainersToStart: [], containersToStart: [] });
    const done = computePodActions(pod, rs([sandbox()], [instance(i1!, 'CONTAINER_EXITED'), instance(i2!, 'CONTAINER_EXITED')]), noProbes);
    expect(done).toMatchObject({ initContainersToStart: [], containersToStart: [0], killPod: false });
  });

  it('kills the pod when an init container failed and restartPolicy is Never', () => {
    const pod = makePod({ restartPolicy: 'Never', initContainers: [{ name: 'i1', image: 'x' }] });
    const a = computePodActions(pod, rs([sandbox()], [instance(pod.spec!.initContainers![0]!, 'CONTAINER_EXITED', { exitCode: 1 })]), noProbes);
    expect(a).toMatchObject({ killPod: true, initContainersToStart: [] });
  });

  it('restarts an exited container per restartPolicy', () => {
    for (const [policy, exitCode, restart] of [
      ['Always', 0, true],
      ['Always', 1, true],
      ['OnFailure', 0, false],
      ['OnFailure', 1, true],
      ['Never', 1, false],
    ] as const) {
      const pod = makePod({ restartPolicy: policy });
      const a = computePodActions(pod, rs([sandbox()], [instance(app(pod), 'CONTAINER_EXITED', { exitCode })]), noProbes);
      expect({ policy, exitCode, start: a.containersToStart }).toEqual({ policy, exitCode, start: restart ? [0] : [] });
      expect(a.killPod).toBe(!restart);
    }
  });

  it('kills and restarts a running container whose liveness probe failed', () => {
    const pod = makePod();
    const running = instance(app(pod), 'CONTAINER_RUNNING');
    const probes: ProbeView = { liveness: (id): ProbeResult | undefined => (id === running.id ? 'failure' : undefined), startup: () => undefined };
    const a = computePodActions(pod, rs([sandbox()], [running]), probes);
    expect(a.containersToStart).toEqual([0]);
    expect(a.containersToKill).toEqual([
      expect.objectContaining({ id: running.id, message: 'Container app failed liveness probe, will be restarted', reason: 'LivenessProbe' }),
    ]);
  });

  it('restarts a container whose definition (image) changed, even with restartPolicy Never', () => {
    const pod = makePod({ restartPolicy: 'Never' });
    const old = instance({ ...app(pod), image: 'nginx:1.26' }, 'CONTAINER_RUNNING');
    const a = computePodActions(pod, rs([sandbox()], [old]), noProbes);
    expect(a.containersToKill[0]?.message).toBe('Container app definition changed, will be restarted');
    expect(a.containersToStart).toEqual([0]);
  });

  it('re-creates a sandbox that stopped, with the next attempt number', () => {
    const pod = makePod();
    const a = computePodActions(pod, rs([sandbox('SANDBOX_NOTREADY', 2)], [instance(app(pod), 'CONTAINER_EXITED')]), noProbes);
    expect(a).toMatchObject({ createSandbox: true, attempt: 3, sandboxId: 'sb-2', containersToStart: [0] });
  });

  it('does not bring back a finished pod that must not restart', () => {
    const pod = makePod({ restartPolicy: 'Never' });
    const a = computePodActions(pod, rs([sandbox('SANDBOX_NOTREADY', 0)], [instance(app(pod), 'CONTAINER_EXITED')]), noProbes);
    expect(a).toMatchObject({ createSandbox: false, killPod: true, containersToStart: [] });
  });

  it('starts a sidecar and moves on once it runs, restarting it if it exits', () => {
    const pod = makePod({ initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }, { name: 'migrate', image: 'x' }] });
    const [proxy] = pod.spec!.initContainers!;
    const a = computePodActions(pod, rs([sandbox()], [instance(proxy!, 'CONTAINER_RUNNING')]), noProbes);
    expect(a.initContainersToStart).toEqual([1]);
    const exited = computePodActions(
      pod,
      rs([sandbox()], [instance(proxy!, 'CONTAINER_EXITED', { exitCode: 1 }), instance(app(pod), 'CONTAINER_RUNNING')]),
      noProbes,
    );
    expect(exited.initContainersToStart).toEqual([0]);
    expect(exited.killPod).toBe(false);
  });
});
