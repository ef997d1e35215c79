import { describe, expect, it } from 'vitest';
import type { PodStatus } from '../../api/index.js';
import type { RuntimePodStatus } from '../pod/runtime-status.js';
import { makePod } from '../testing/index.js';
import { generatePodStatus, type ProbeState } from './generate.js';
import { ReasonCache } from './reason-cache.js';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const probes: ProbeState = { started: () => true, ready: () => true };
const emptyRuntime: RuntimePodStatus = { uid: 'u', sandboxes: [], containers: [], ips: [] };

describe('generatePodStatus', () => {
  it('never mutates the previous status (it may be a cached or informer-owned object)', () => {
    const pod = makePod({ restartPolicy: 'Never' });
    const old: PodStatus = deepFreeze({
      phase: 'Failed',
      podIP: '10.244.1.7',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 0,
          image: 'docker.io/library/nginx:1.27',
          imageID: 'x',
          containerID: 'sim://abc',
          state: { terminated: { exitCode: 3, reason: 'Error' } },
        },
      ],
    });
    const s = generatePodStatus(pod, emptyRuntime, { runtimeName: 'sim', hostIP: '10.0.0.1', oldStatus: old, reasons: new ReasonCache(), probes, podIsTerminal: true });
    expect(s.phase).toBe('Failed');
    expect(s.podIP).toBe('10.244.1.7');
    expect(s.containerStatuses?.[0]).toMatchObject({ state: { terminated: { exitCode: 3 } }, ready: false, lastState: {} });
  });

  it('shows the reason a container waits, and the default ContainerCreating / PodInitializing', () => {
    const reasons = new ReasonCache();
    const pod = makePod();
    reasons.set(pod.metadata.uid!, 'app', { reason: 'ErrImagePull', message: 'not found' });
    const s = generatePodStatus(pod, emptyRuntime, { runtimeName: 'sim', hostIP: '10.0.0.1', reasons, probes, podIsTerminal: false });
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ErrImagePull', message: 'not found' } });
    const withInit = makePod({ initContainers: [{ name: 'init', image: 'busybox' }] });
    const t = generatePodStatus(withInit, emptyRuntime, { runtimeName: 'sim', hostIP: '10.0.0.1', reasons, probes, podIsTerminal: false });
    expect(t.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(t.phase).toBe('Pending');
  });
});
