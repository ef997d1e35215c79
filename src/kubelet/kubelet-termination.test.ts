import { describe, expect, it } from 'vitest';
import { makePod, startSimKubelet } from './testing/index.js';

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of it) out.push(l);
  return out;
}

describe('kubelet: graceful termination', () => {
  it('waits the grace period for a container that ignores SIGTERM, then SIGKILLs it and calls onTerminated', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ terminationGracePeriodSeconds: 30, annotations: { 'sim.skiff.io/termination-seconds': '60' } }));
    const uid = pod.metadata.uid!;
    await h.advance(1000);
    const deletedAt = h.clock.now();
    h.source.delete(uid);
    await h.advance(29_000);
    expect(h.terminated).toEqual([]);
    expect(h.kubelet.podState(uid)).toBe('TerminatingPod');
    expect(h.events.lines(uid)).toContain('Killing: Stopping container app');
    await h.advance(2000);
    expect(h.terminated).toHaveLength(1);
    expect((h.terminated[0]!.at - deletedAt) / 1000).toBe(30);
    const final = h.statuses.latest(uid)!;
    expect(final.phase).toBe('Failed');
    expect(final.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    // onTerminated deleted the pod from the source; the worker and the runtime objects are gone.
    await h.advance(100);
    expect(h.kubelet.podState(uid)).toBeUndefined();
    expect(h.runtime.size).toEqual({ sandboxes: 0, containers: 0 });
    expect(h.runtime.ipam.inUse).toBe(0);
  });

  it('a container that exits on SIGTERM terminates at once, with phase Succeeded', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod());
    const uid = pod.metadata.uid!;
    await h.advance(500);
    const deletedAt = h.clock.now();
    h.source.delete(uid);
    await h.advance(200);
    expect(h.terminated).toHaveLength(1);
    expect(h.terminated[0]!.at).toBe(deletedAt);
    expect(h.terminated[0]!.pod.metadata.deletionTimestamp).toBeDefined();
    expect(h.statuses.latest(uid)?.phase).toBe('Succeeded');
  });

  it('runs the preStop hook first and its time counts against the grace period', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(
      makePod({
        terminationGracePeriodSeconds: 10,
        annotations: { 'sim.skiff.io/termination-seconds': '60' },
        containers: [
          { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 4'] } } } },
        ],
      }),
    );
    const uid = pod.metadata.uid!;
    await h.advance(500);
    const t0 = h.clock.now();
    h.source.delete(uid);
    await h.advance(12_000);
    expect(h.terminated).toHaveLength(1);
    expect((h.terminated[0]!.at - t0) / 1000).toBe(10);
  });

  it('a shorter grace period interrupts a termination in progress', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ terminationGracePeriodSeconds: 60, annotations: { 'sim.skiff.io/termination-seconds': '600' } }));
    const uid = pod.metadata.uid!;
    await h.advance(500);
    const t0 = h.clock.now();
    h.source.delete(uid, 60);
    await h.advance(1000);
    h.source.delete(uid, 5);
    await h.advance(10_000);
    expect(h.terminated).toHaveLength(1);
    expect((h.terminated[0]!.at - t0) / 1000).toBe(6);
  });

  it('a pod removed from the API (force delete) is stopped and forgotten without onTerminated', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod());
    const uid = pod.metadata.uid!;
    await h.advance(500);
    h.source.delete(uid, 0);
    await h.advance(3000);
    expect(h.terminated).toEqual([]);
    expect(h.kubelet.podState(uid)).toBeUndefined();
    expect(h.runtime.size.containers).toBe(0);
  });
});

describe('kubelet: logs and exec', () => {
  it('serves the simulated logs: pull, create, start and stop lines with timestamps', async () => {
    const h = await startSimKubelet({ latencies: { pullImageMs: 1500 }, preloadedImages: [] });
    const pod = h.source.add(
      makePod({
        restartPolicy: 'Never',
        annotations: { 'sim.skiff.io/exit-code': '4', 'sim.skiff.io/exit-after-seconds': '3' },
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c'], args: ['echo hi; exit 4'] }],
      }),
    );
    await h.advance(6000);
    const lines = await collect(h.kubelet.logs(pod, 'app', { timestamps: true }));
    expect(lines).toEqual([
      '2026-01-01T00:00:00Z sim: pulling image "docker.io/library/busybox:1.36"',
      expect.stringMatching(/^2026-01-01T00:00:01\.5Z sim: pulled image "docker\.io\/library\/busybox:1\.36" \(sha256:[0-9a-f]{64}, \d+ bytes\)$/),
      '2026-01-01T00:00:01.5Z sim: created container app (attempt 0) from image "docker.io/library/busybox:1.36"',
      '2026-01-01T00:00:01.5Z sim: started app: sh -c "echo hi; exit 4"',
      '2026-01-01T00:00:04.5Z sim: exited with code 4',
    ]);
    expect(await collect(h.kubelet.logs(pod, 'app', { tailLines: 1 }))).toEqual(['sim: exited with code 4']);
  });

  it('runs exec commands in a running container', async () => {
    const h = await startSimKubelet();
    const pod = h.source.add(makePod({ containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hello' }] }] }));
    await h.advance(500);
    expect(await h.kubelet.exec(pod, 'app', ['sh', '-c', 'echo $GREETING world'])).toEqual({ stdout: 'hello world\n', stderr: '', exitCode: 0 });
    expect((await h.kubelet.exec(pod, 'app', ['curl', 'localhost'])).exitCode).toBe(127);
  });
});
