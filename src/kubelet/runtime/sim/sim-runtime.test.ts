import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../machinery/index.js';
import { CONTAINER_KIND_ANNOTATION, POD_UID_LABEL } from '../labels.js';
import { isRuntimeError } from '../service.js';
import type { ContainerEvent, PodSandboxConfig } from '../types.js';
import { SimRuntime } from './sim-runtime.js';

function sandboxConfig(uid: string, annotations: Record<string, string> = {}): PodSandboxConfig {
  return { metadata: { name: `p-${uid}`, namespace: 'default', uid, attempt: 0 }, labels: { [POD_UID_LABEL]: uid }, annotations };
}

async function runContainer(rt: SimRuntime, uid: string, annotations: Record<string, string> = {}, kind = 'regular') {
  const cfg = sandboxConfig(uid, annotations);
  const sb = await rt.runPodSandbox(cfg);
  const id = await rt.createContainer({
    podSandboxId: sb,
    sandboxConfig: cfg,
    config: {
      metadata: { name: 'app', attempt: 0 },
      image: { image: 'nginx:1.27' },
      command: ['nginx', '-g', 'daemon off;'],
      labels: { [POD_UID_LABEL]: uid },
      annotations: { [CONTAINER_KIND_ANNOTATION]: kind },
    },
  });
  await rt.startContainer(id);
  return { sb, id };
}

function setup(latencies = {}) {
  const clock = new FakeClock();
  const rt = new SimRuntime({ clock, nodeName: 'n1', podCIDR: '10.244.3.0/24', latencies, preloadedImages: ['nginx:1.27'] });
  const events: ContainerEvent[] = [];
  rt.subscribeContainerEvents((e) => events.push(e));
  return { clock, rt, events };
}

describe('SimRuntime', () => {
  it('gives sandboxes IPs from the podCIDR and releases them when stopped', async () => {
    const { rt } = setup();
    const sb = await rt.runPodSandbox(sandboxConfig('u1'));
    expect((await rt.podSandboxStatus(sb)).network?.ip).toBe('10.244.3.2');
    expect(await rt.listPodSandbox({ labelSelector: { [POD_UID_LABEL]: 'u1' } })).toHaveLength(1);
    expect(await rt.listPodSandbox({ labelSelector: { [POD_UID_LABEL]: 'u2' } })).toHaveLength(0);
    await rt.stopPodSandbox(sb);
    const st = await rt.podSandboxStatus(sb);
    expect(st.state).toBe('SANDBOX_NOTREADY');
    expect(st.network).toBeUndefined();
    expect(rt.ipam.inUse).toBe(0);
    await rt.removePodSandbox(sb);
    await expect(rt.podSandboxStatus(sb)).rejects.toSatisfy((e) => isRuntimeError(e, 'NotFound'));
  });

  it('takes the configured latency for each step', async () => {
    const { clock, rt } = setup({ runPodSandboxMs: 500 });
    let done = false;
    const p = rt.runPodSandbox(sandboxConfig('u1')).then(() => (done = true));
    await clock.advanceAsync(499);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('refuses to create a container from an image that is not present', async () => {
    const { rt } = setup();
    const cfg = sandboxConfig('u1');
    const sb = await rt.runPodSandbox(cfg);
    await expect(
      rt.createContainer({ podSandboxId: sb, sandboxConfig: cfg, config: { metadata: { name: 'a', attempt: 0 }, image: { image: 'redis:7' } } }),
    ).rejects.toSatisfy((e) => isRuntimeError(e, 'NotFound'));
  });

  it('runs a container until it exits with the scripted code, emitting events in order', async () => {
    const { clock, rt, events } = setup();
    const { id } = await runContainer(rt, 'u1', { 'sim.skiff.io/exit-code': '3', 'sim.skiff.io/exit-after-seconds': '5' });
    expect((await rt.containerStatus(id)).state).toBe('CONTAINER_RUNNING');
    await clock.advanceAsync(5000);
    const st = await rt.containerStatus(id);
    expect(st).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 3, reason: 'Error' });
    expect(st.finishedAt - st.startedAt).toBe(5000);
    await rt.removeContainer(id);
    expect(events.map((e) => e.type)).toEqual([
      'CONTAINER_CREATED_EVENT',
      'CONTAINER_STARTED_EVENT',
      'CONTAINER_STOPPED_EVENT',
      'CONTAINER_DELETED_EVENT',
    ]);
  });

  it('lets init containers run to completion by default', async () => {
    const { clock, rt } = setup();
    const { id } = await runContainer(rt, 'u1', { 'sim.skiff.io/exit-code': '9' }, 'init');
    await clock.advanceAsync(0);
    expect(await rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 0, reason: 'Completed' });
  });

  it('StopContainer: SIGTERM is honoured after termination-seconds, else SIGKILL at the timeout', async () => {
    const { clock, rt } = setup();
    const polite = await runContainer(rt, 'u1', { 'sim.skiff.io/termination-seconds': '2', 'sim.skiff.io/sigterm-exit-code': '143' });
    const stubborn = await runContainer(rt, 'u2', { 'sim.skiff.io/termination-seconds': '100' });
    const t0 = clock.now();
    const a = rt.stopContainer(polite.id, 10);
    const b = rt.stopContainer(stubborn.id, 10);
    await clock.advanceAsync(10_000);
    await Promise.all([a, b]);
    expect(await rt.containerStatus(polite.id)).toMatchObject({ exitCode: 143, finishedAt: t0 + 2000 });
    expect(await rt.containerStatus(stubborn.id)).toMatchObject({ exitCode: 137, finishedAt: t0 + 10_000 });
  });

  it('a second StopContainer with a shorter timeout brings SIGKILL forward', async () => {
    const { clock, rt } = setup();
    const { id } = await runContainer(rt, 'u1', { 'sim.skiff.io/termination-seconds': '100' });
    const t0 = clock.now();
    void rt.stopContainer(id, 30);
    await clock.advanceAsync(1000);
    const second = rt.stopContainer(id, 2);
    await clock.advanceAsync(2000);
    await second;
    expect((await rt.containerStatus(id)).finishedAt).toBe(t0 + 3000);
  });

  it('fails pulls as the annotation says, with the CRI error name', async () => {
    const { rt } = setup();
    const err = await rt.pullImage({ image: 'nginx:bad' }, { sandboxConfig: sandboxConfig('u1', { 'sim.skiff.io/pull-error': 'RegistryUnavailable' }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRuntimeError(err) && err.pullFailure).toBe('RegistryUnavailable');
    const ref = await rt.pullImage({ image: 'redis:7' });
    expect(ref).toMatch(/^docker\.io\/library\/redis@sha256:/);
    expect((await rt.imageStatus({ image: 'docker.io/library/redis:7' }))?.repoTags).toEqual(['docker.io/library/redis:7']);
  });

  it('follows logs until the container exits; honours tail and since', async () => {
    const { clock, rt } = setup();
    const { id } = await runContainer(rt, 'u1', { 'sim.skiff.io/exit-code': '0', 'sim.skiff.io/exit-after-seconds': '3' });
    const lines: string[] = [];
    const reading = (async () => {
      for await (const l of rt.readLogs(id, { follow: true })) lines.push(l);
    })();
    await clock.advanceAsync(3000);
    await reading;
    expect(lines).toEqual(['sim: created container app (attempt 0) from image "docker.io/library/nginx:1.27"', 'sim: started app: nginx -g "daemon off;"', 'sim: exited with code 0']);
    const tail: string[] = [];
    for await (const l of rt.readLogs(id, { tailLines: 1, timestamps: true })) tail.push(l);
    expect(tail).toEqual(['2026-01-01T00:00:03Z sim: exited with code 0']);
    const recent: string[] = [];
    for await (const l of rt.readLogs(id, { sinceSeconds: 1 })) recent.push(l);
    expect(recent).toEqual(['sim: exited with code 0']);
  });

  it('answers probes from the annotations, relative to the container start', async () => {
    const { clock, rt } = setup();
    const { id } = await runContainer(rt, 'u1', { 'sim.skiff.io/readiness': 'fail-after:10', 'sim.skiff.io/liveness.other': 'fail' });
    const ask = (type: 'readiness' | 'liveness') =>
      rt.probe({ type, containerId: id, containerName: 'app', handler: { httpGet: { port: 80 } }, timeoutSeconds: 1 });
    expect((await ask('readiness')).result).toBe('success');
    expect((await ask('liveness')).result).toBe('success');
    await clock.advanceAsync(10_000);
    expect(await ask('readiness')).toEqual({ result: 'failure', output: 'HTTP probe failed with statuscode: 503' });
  });

  it('a live annotation update answers from the next probe, with times still measured from the container start', async () => {
    const { clock, rt } = setup();
    const { sb, id } = await runContainer(rt, 'u1', { 'sim.skiff.io/readiness': 'pass' });
    const ask = async () =>
      (await rt.probe({ type: 'readiness', containerId: id, containerName: 'app', handler: { exec: { command: ['true'] } }, timeoutSeconds: 1 })).result;
    expect(await ask()).toBe('success');
    await rt.updatePodSandboxAnnotations(sb, { 'sim.skiff.io/readiness': 'fail', unrelated: 'x' });
    expect(await ask()).toBe('failure');
    await rt.updatePodSandboxAnnotations(sb, { 'sim.skiff.io/readiness': 'pass' });
    expect(await ask()).toBe('success');
    await clock.advanceAsync(10_000);
    // fail-after:5 set 10 s after the start is already past its 5 s.
    await rt.updatePodSandboxAnnotations(sb, { 'sim.skiff.io/readiness': 'fail-after:5' });
    expect(await ask()).toBe('failure');
    // A removed key falls back to the default (pass).
    await rt.updatePodSandboxAnnotations(sb, {});
    expect(await ask()).toBe('success');
    // The CRI view keeps the annotations the sandbox was created with.
    expect((await rt.podSandboxStatus(sb)).annotations).toEqual({ 'sim.skiff.io/readiness': 'pass' });
  });

  it('a live exit script leaves the running instance alone and applies from the next start', async () => {
    const { clock, rt } = setup();
    const { sb, id } = await runContainer(rt, 'u1');
    await rt.updatePodSandboxAnnotations(sb, { 'sim.skiff.io/crash-loop': 'true', 'sim.skiff.io/exit-after-seconds': '2' });
    await clock.advanceAsync(5000);
    expect((await rt.containerStatus(id)).state).toBe('CONTAINER_RUNNING');
    const next = await rt.createContainer({
      podSandboxId: sb,
      sandboxConfig: sandboxConfig('u1'),
      config: { metadata: { name: 'app', attempt: 1 }, image: { image: 'nginx:1.27' }, labels: { [POD_UID_LABEL]: 'u1' } },
    });
    await rt.startContainer(next);
    await clock.advanceAsync(2000);
    expect(await rt.containerStatus(next)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 1 });
  });

  it('updatePodSandboxAnnotations rejects an unknown sandbox with NotFound', async () => {
    const { rt } = setup();
    const err = await rt.updatePodSandboxAnnotations('nope', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRuntimeError(err, 'NotFound')).toBe(true);
  });
});
