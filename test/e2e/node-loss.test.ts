/**
 * Node loss end to end with the real kubectl 1.32: `skiff up --nodes 2` plus a third kubelet (`extra`) as its own
 * process. Killing that process (SIGKILL) makes the node lifecycle controller mark `extra` Unknown (NotReady) once
 * --node-monitor-grace-period passes without a Lease renewal, taint it node.kubernetes.io/unreachable (NoSchedule and
 * NoExecute), and — after the pods' tolerationSeconds — mark its pods for deletion. As on Kubernetes, those pods stay
 * Terminating (nothing confirms their end on a lost node), while the Deployment brings 3 replacements up on the nodes
 * that are left.
 *
 * Deleting the node then leaves those pods to the pod GC controller (after its 40 s quarantine, not waited for here).
 *
 * The grace period is 5 s, so the kubelets get a 5 s Lease (--node-lease-duration-seconds 5, renewed every 1.25 s):
 * as on Kubernetes, whose defaults pair a 40 s Lease (renewed every 10 s) with a 40–50 s grace period, a grace period
 * shorter than the renewal interval would make every healthy node go Unknown between two renewals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Component, type Kubectl, type Skiff, eventually, startComponent, startUp } from './harness.js';

let dataDir: string;
let skiff: Skiff;
let k: Kubectl;
let extra: Component | undefined;

const TOLERATION_SECONDS = 5;
/** --node-monitor-grace-period, and the kubelets' Lease duration to match. */
const GRACE = ['--node-monitor-grace-period', '5s'];
const LEASE = ['--node-lease-duration-seconds', '5'];

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: survivor
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels:
      app: survivor
  template:
    metadata:
      labels:
        app: survivor
    spec:
      tolerations:
      - key: node.kubernetes.io/unreachable
        operator: Exists
        effect: NoExecute
        tolerationSeconds: ${TOLERATION_SECONDS}
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
        tolerationSeconds: ${TOLERATION_SECONDS}
      containers:
      - name: c
        image: nginx
`;

interface PodRow {
  name: string;
  node: string;
  deleting: boolean;
  ready: string;
}

/** The Deployment's pods: name, node, whether marked for deletion, Ready condition. */
async function pods(): Promise<PodRow[]> {
  const r = await k([
    'get', 'pods', '-l', 'app=survivor', '-o',
    'jsonpath={range .items[*]}{.metadata.name}{"|"}{.spec.nodeName}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
  ]);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', node = '', deleting = '', ready = ''] = line.split('|');
      return { name, node, deleting: deleting !== '', ready };
    });
}

const jsonpath = async (args: string[], path: string) => (await k([...args, '-o', `jsonpath=${path}`])).stdout;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'skiff-node-loss-e2e-'));
  ({ skiff, k } = await startUp(['--nodes', '2', '--store', 'sqlite', '--kube-api-qps', 'Infinity', ...GRACE, ...LEASE], { dataDir }));
}, 90_000);

afterAll(async () => {
  await extra?.kill();
  k?.cleanup();
  await skiff?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('losing a node', () => {
  let onExtra: string[] = [];

  it("a live node marked Unknown is Ready again at its kubelet's next status sync (every 10 s)", async () => {
    // What the node lifecycle controller writes after a missed heartbeat; the kubelet compares the API's status with its own.
    const unknown = JSON.stringify({
      status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }] },
    });
    expect((await k(['patch', 'node', 'node-1', '--subresource=status', '-p', unknown])).code).toBe(0);
    const ready = () => jsonpath(['get', 'node', 'node-1'], '{.status.conditions[?(@.type=="Ready")].status}:{.status.conditions[?(@.type=="Ready")].reason}');
    await eventually(async () => (await ready()) === 'True:KubeletReady', { what: 'node-1 Ready again', timeoutMs: 30_000, intervalMs: 500 });
    await eventually(async () => (await jsonpath(['get', 'node', 'node-1'], '{range .spec.taints[*]}{.key} {end}')) === '', { what: 'node-1 untainted' });
  });

  it('a standalone kubelet process registers node extra, which turns Ready', async () => {
    // The admin kubeconfig is enough: system:masters may write any Node and Lease.
    extra = await startComponent('kubelet', ['--node-name', 'extra', '--kubeconfig', skiff.kubeconfig, ...LEASE], /skiff kubelet running 1 simulated node/);
    await eventually(async () => (await jsonpath(['get', 'node', 'extra'], '{.status.conditions[?(@.type=="Ready")].status}')) === 'True', {
      what: 'node extra Ready',
      timeoutMs: 20_000,
    });
    expect(await jsonpath(['get', 'lease', '-n', 'kube-node-lease', 'extra'], '{.spec.holderIdentity}')).toBe('extra');
  });

  it('pods tolerating unreachable for 5 s run on extra', async () => {
    // Cordon the other nodes so every replica lands on extra, then let them take pods again.
    expect((await k(['cordon', 'node-0', 'node-1'])).code).toBe(0);
    expect((await k(['apply', '-f', '-'], { input: deployment })).code).toBe(0);
    await eventually(async () => {
      const ps = await pods();
      return ps.length === 3 && ps.every((p) => p.node === 'extra' && p.ready === 'True');
    }, { what: '3 ready pods on extra', timeoutMs: 30_000 });
    expect((await k(['uncordon', 'node-0', 'node-1'])).code).toBe(0);
    onExtra = (await pods()).map((p) => p.name).sort();
    const tolerations = await jsonpath(['get', 'pod', onExtra[0]!], '{.spec.tolerations[?(@.key=="node.kubernetes.io/unreachable")].tolerationSeconds}');
    expect(tolerations).toBe(String(TOLERATION_SECONDS));
  });

  it('killing the kubelet makes extra NotReady (Ready=Unknown) and tainted unreachable', async () => {
    await extra!.kill();
    expect(extra!.proc.signalCode).toBe('SIGKILL');
    await eventually(async () => (await jsonpath(['get', 'node', 'extra'], '{.status.conditions[?(@.type=="Ready")].status}')) === 'Unknown', {
      what: 'node extra Ready=Unknown',
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    const ready = await jsonpath(['get', 'node', 'extra'], '{.status.conditions[?(@.type=="Ready")].reason}|{.status.conditions[?(@.type=="Ready")].message}');
    expect(ready).toBe('NodeStatusUnknown|Kubelet stopped posting node status.');
    const table = (await k(['get', 'nodes', '--no-headers'])).stdout;
    expect(table).toMatch(/^extra\s+NotReady\s/m);
    expect(table).toMatch(/^node-0\s+Ready\s/m);
    expect(table).toMatch(/^node-1\s+Ready\s/m);
    await eventually(async () => {
      const taints = await jsonpath(['get', 'node', 'extra'], '{range .spec.taints[*]}{.key}:{.effect} {end}');
      return taints.includes('node.kubernetes.io/unreachable:NoExecute') && taints.includes('node.kubernetes.io/unreachable:NoSchedule');
    }, { what: 'unreachable taints on extra' });
  });

  it("after tolerationSeconds extra's pods are Terminating and 3 replacements run on the other nodes", async () => {
    await eventually(async () => {
      const ps = await pods();
      return onExtra.every((name) => ps.find((p) => p.name === name)?.deleting);
    }, { what: "extra's pods marked for deletion", timeoutMs: 20_000, intervalMs: 500 });
    await eventually(async () => (await jsonpath(['get', 'deploy', 'survivor'], '{.status.availableReplicas}')) === '3', {
      what: 'survivor available again',
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    const ps = await pods();
    const live = ps.filter((p) => !p.deleting);
    expect(live).toHaveLength(3);
    for (const p of live) expect(['node-0', 'node-1']).toContain(p.node);
    // With no kubelet to confirm the end, the evicted pods stay Terminating on the lost node (as on Kubernetes).
    expect(ps.filter((p) => p.deleting).map((p) => [p.name, p.node])).toEqual(onExtra.map((n) => [n, 'extra']));
    const table = (await k(['get', 'pods', '-l', 'app=survivor', '--no-headers'])).stdout;
    for (const name of onExtra) expect(table).toMatch(new RegExp(`^${name}\\s+\\S+\\s+Terminating\\s`, 'm'));
    const disruption = await jsonpath(['get', 'pod', onExtra[0]!], '{.status.conditions[?(@.type=="DisruptionTarget")].reason}');
    expect(disruption).toBe('DeletionByTaintManager');
  });

  it('records the NodeNotReady and TaintManagerEviction events Kubernetes records', async () => {
    const events = (await jsonpath(['get', 'events', '-A'], '{range .items[*]}{.involvedObject.kind}/{.involvedObject.name}|{.reason}|{.source.component}|{.message}{"\\n"}{end}'))
      .split('\n')
      .filter(Boolean);
    expect(events).toContain('Node/extra|NodeNotReady|node-controller|Node extra status is now: NodeNotReady');
    for (const name of onExtra) {
      expect(events).toContain(`Pod/${name}|TaintManagerEviction|taint-eviction-controller|Marking for deletion Pod default/${name}`);
    }
  });

  // The pod GC controller then removes extra's pods, but only after its 40 s quarantine and on a 20 s period (Kubernetes'
  // constants) — too slow for this file; src/controllers/podgc covers it.
  it('kubectl delete node extra removes the node', async () => {
    expect((await k(['delete', 'node', 'extra'])).code).toBe(0);
    await eventually(async () => (await k(['get', 'node', 'extra'])).code !== 0, { what: 'node extra gone' });
    expect((await k(['get', 'nodes', '-o', 'name'])).stdout.trim().split('\n').sort()).toEqual(['node/node-0', 'node/node-1']);
  });
});
