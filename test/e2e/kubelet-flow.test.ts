/**
 * Issue 6 behaviours under `skiff up --nodes 2` (sqlite store) with the real kubectl: a failing readiness probe takes a
 * pod out of its Service's ready addresses, and `kubectl annotate` of the script on a running pod takes it out and
 * back in; a failing liveness probe restarts the container (restartCount grows);
 * restarting `skiff up` on the same data dir keeps every object and the Deployment converges again.
 * Probe results come from the simulated runtime, scripted by pod annotations (src/kubelet/runtime/sim/behaviour.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kubectl, type Skiff, eventually, startUp } from './harness.js';

let dataDir: string;
let skiff: Skiff;
let k: Kubectl;
const upArgs = ['--nodes', '2', '--store', 'sqlite', '--kube-api-qps', 'Infinity'];

const probed = (name: string, annotations: Record<string, string>, probe: 'readinessProbe' | 'livenessProbe') =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name }, annotations },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          [probe]: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 1 },
        },
      ],
    },
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'skiff-kubelet-e2e-'));
  ({ skiff, k } = await startUp(upArgs, { dataDir }));
}, 90_000);
afterAll(async () => {
  k?.cleanup();
  await skiff?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kubelet behaviours', () => {
  it('a failing readiness probe moves the pod from ready addresses to notReadyAddresses', async () => {
    await k(['create', '-f', '-'], { input: probed('rp', { 'sim.skiff.io/readiness': 'fail-after:4' }, 'readinessProbe') });
    await k(['expose', 'pod', 'rp', '--port=80']);
    const ip = await eventually(async () => {
      const r = await k(['get', 'endpoints', 'rp', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
      return r.stdout.trim() || undefined;
    }, { what: 'rp in ready addresses', timeoutMs: 20_000 });
    await eventually(async () => {
      const r = await k(['get', 'endpoints', 'rp', '-o', 'jsonpath={.subsets[*].addresses[*].ip}|{.subsets[*].notReadyAddresses[*].ip}']);
      return r.stdout.trim() === `|${ip}`;
    }, { what: 'rp moved to notReadyAddresses', timeoutMs: 20_000 });
    expect((await k(['get', 'pod', 'rp', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout).toBe('False');
  });

  it('annotating readiness=fail, then readiness=pass, moves the pod out of and back into ready addresses', async () => {
    await k(['create', '-f', '-'], { input: probed('flip', {}, 'readinessProbe') });
    await k(['expose', 'pod', 'flip', '--port=80']);
    const endpoints = async () =>
      (await k(['get', 'endpoints', 'flip', '-o', 'jsonpath={.subsets[*].addresses[*].ip}|{.subsets[*].notReadyAddresses[*].ip}'])).stdout.trim();
    const readyCondition = async () => (await k(['get', 'pod', 'flip', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout;
    const ip = await eventually(async () => {
      const [ready, notReady] = (await endpoints()).split('|');
      return ready && !notReady ? ready : undefined;
    }, { what: 'flip in ready addresses', timeoutMs: 20_000 });
    await k(['annotate', 'pod', 'flip', 'sim.skiff.io/readiness=fail', '--overwrite']);
    await eventually(async () => (await endpoints()) === `|${ip}`, { what: 'flip moved to notReadyAddresses', timeoutMs: 20_000 });
    expect(await readyCondition()).toBe('False');
    await k(['annotate', 'pod', 'flip', 'sim.skiff.io/readiness=pass', '--overwrite']);
    await eventually(async () => (await endpoints()) === `${ip}|`, { what: 'flip back in ready addresses', timeoutMs: 20_000 });
    expect(await readyCondition()).toBe('True');
    expect((await k(['get', 'pod', 'flip', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'])).stdout).toBe('0');
  }, 90_000);

  it('a failing liveness probe restarts the container', async () => {
    await k(['create', '-f', '-'], { input: probed('lp', { 'sim.skiff.io/liveness': 'fail-after:2' }, 'livenessProbe') });
    await eventually(async () => Number((await k(['get', 'pod', 'lp', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'])).stdout) >= 1, {
      what: 'restartCount ≥ 1',
      timeoutMs: 30_000,
    });
    const ev = await k(['get', 'events', '--field-selector', 'involvedObject.name=lp', '-o', 'jsonpath={.items[*].reason}']);
    expect(ev.stdout).toContain('Unhealthy');
  });

  it('restarting skiff up on the same data dir loses nothing and converges again', async () => {
    await k(['create', 'deployment', 'keep', '--image=nginx', '--replicas=2']);
    await eventually(async () => (await k(['get', 'deploy', 'keep', '-o', 'jsonpath={.status.readyReplicas}'])).stdout === '2', { what: 'keep ready', timeoutMs: 30_000 });
    const before = (await k(['get', 'pods', '-l', 'app=keep', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout;
    await skiff.stop();
    k.cleanup();
    ({ skiff, k } = await startUp(upArgs, { dataDir }));
    expect((await k(['get', 'pods', '-l', 'app=keep', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout).toBe(before);
    expect((await k(['get', 'svc', 'rp', '-o', 'name'])).stdout.trim()).toBe('service/rp');
    // The stored status says 2 ready from before the restart; scaling proves the restarted components work on it.
    await k(['scale', 'deployment', 'keep', '--replicas=3']);
    await eventually(async () => {
      const r = await k(['get', 'pods', '-l', 'app=keep', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}']);
      return r.stdout.trim() === 'True True True';
    }, { what: '3 ready keep pods after the restart', timeoutMs: 40_000 });
    expect((await k(['get', 'deploy', 'keep', '-o', 'jsonpath={.status.readyReplicas}'])).stdout).toBe('3');
  }, 120_000);
});
