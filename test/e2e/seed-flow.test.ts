/**
 * The seed flow end to end (shared/seed/pod-creation-flow.md): `skiff up --nodes 3` in a temporary data dir, driven by
 * the real kubectl 1.32. Deployment → ReplicaSet → Pods → scheduled on distinct nodes → Running and Ready with IPs from
 * their node's podCIDR → Service endpoints → scaling, as `kubectl get pods -w` shows it → rollout undo → cascading deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kubectl, type Skiff, eventually, seedDeployment, startUp } from './harness.js';

const seed = seedDeployment({ containerPort: 80 });


let skiff: Skiff;
let k: Kubectl;

beforeAll(async () => {
  ({ skiff, k } = await startUp(['--nodes', '3', '--store', 'sqlite', '--kube-api-qps', 'Infinity']));
}, 90_000);
afterAll(async () => {
  k?.cleanup();
  await skiff?.stop();
});

interface PodView {
  name: string;
  node: string;
  ip: string;
  phase: string;
  ready: string;
}

async function pods(selector: string): Promise<PodView[]> {
  const r = await k(['get', 'pods', '-l', selector, '-o', 'jsonpath={range .items[*]}{.metadata.name}|{.spec.nodeName}|{.status.podIP}|{.status.phase}|{.status.conditions[?(@.type=="Ready")].status}|{.metadata.deletionTimestamp}{"\\n"}{end}']);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|'))
    .filter((p) => !p[5])
    .map(([name, node, ip, phase, ready]) => ({ name: name!, node: node!, ip: ip!, phase: phase!, ready: ready! }));
}

const allReady = (n: number, selector: string) => async (): Promise<PodView[] | undefined> => {
  const ps = await pods(selector);
  return ps.length === n && ps.every((p) => p.phase === 'Running' && p.ready === 'True') ? ps : undefined;
};

/** One row of `kubectl get pods -w` in the default table (NAME READY STATUS RESTARTS AGE), split on whitespace. */
interface TableRow {
  name: string;
  ready: string;
  status: string;
}

function tableRows(output: string): TableRow[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 5 && /^\d+\/\d+$/.test(c[1]!))
    .map(([name, ready, status]) => ({ name: name!, ready: ready!, status: status! }));
}

/** One line per watch event of `kubectl get pods -w --output-watch-events -o jsonpath=…`. */
const WATCH_EVENT_FIELDS =
  '{.type}|{.object.metadata.name}|{.object.metadata.deletionTimestamp}|{.object.metadata.deletionGracePeriodSeconds}{"\\n"}';

interface WatchLine {
  type: string;
  name: string;
  deletionTimestamp: string;
  deletionGracePeriodSeconds: string;
}

function watchEvents(output: string): WatchLine[] {
  return output
    .split('\n')
    .map((l) => l.split('|'))
    .filter((c) => c.length === 4 && /^(ADDED|MODIFIED|DELETED)$/.test(c[0]!))
    .map(([type, name, deletionTimestamp, deletionGracePeriodSeconds]) => ({ type: type!, name: name!, deletionTimestamp: deletionTimestamp!, deletionGracePeriodSeconds: deletionGracePeriodSeconds! }));
}

describe('skiff up: the seed flow with kubectl', () => {
  it('has three Ready nodes with distinct pod CIDRs', async () => {
    const r = await k(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.podCIDR} {.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const cidrs = lines.map((l) => l.split(' ')[1]);
    expect(new Set(cidrs).size).toBe(3);
    for (const l of lines) expect(l).toMatch(/^node-\d 10\.244\.\d+\.0\/24 True$/);
  });

  it('applies the seed Deployment: 3 pods Running and Ready on distinct nodes with IPs from their node podCIDR', async () => {
    const a = await k(['apply', '-f', '-'], { input: seed });
    expect(a.stdout).toContain('deployment.apps/nginx created');
    const ps = (await eventually(allReady(3, 'app=nginx'), { what: '3 ready nginx pods', timeoutMs: 30_000 }))!;
    expect(new Set(ps.map((p) => p.node)).size).toBe(3);
    const cidrOf = new Map(
      (await k(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.podCIDR}{"\\n"}{end}'])).stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    for (const p of ps) expect(p.ip.startsWith(cidrOf.get(p.node)!.replace(/0\/24$/, ''))).toBe(true);
    const rs = await k(['get', 'rs', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.name}']);
    // pod-template-hash: FNV-32a rendered with SafeEncodeString, like Kubernetes (up to 10 characters).
    expect(rs.stdout).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    const st = await k(['rollout', 'status', 'deployment/nginx', '--timeout=30s']);
    expect(st.stdout).toContain('successfully rolled out');
  });

  it('creates a deployment from protobuf (kubectl create deployment) that becomes available', async () => {
    const c = await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
    expect(c.stdout).toContain('deployment.apps/web created');
    await eventually(allReady(3, 'app=web'), { what: '3 ready web pods', timeoutMs: 30_000 });
    const w = await k(['wait', '--for=condition=Available', 'deployment/web', '--timeout=30s']);
    expect(w.stdout).toContain('condition met');
  });

  it('exposes the deployment: Endpoints and EndpointSlices list exactly the ready pods', async () => {
    const e = await k(['expose', 'deployment', 'nginx', '--port=80']);
    expect(e.stdout).toContain('service/nginx exposed');
    const ps = await pods('app=nginx');
    const want = ps.map((p) => p.ip).sort();
    await eventually(async () => {
      const r = await k(['get', 'endpoints', 'nginx', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
      return r.stdout.split(' ').filter(Boolean).sort().join(',') === want.join(',');
    }, { what: 'endpoints of nginx' });
    const s = await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=nginx', '-o', 'jsonpath={.items[*].endpoints[*].addresses[0]}']);
    expect(s.stdout.split(' ').filter(Boolean).sort()).toEqual(want);
  });

  it('describes a pod with events from the scheduler and the kubelet', async () => {
    const [p] = await pods('app=nginx');
    const d = await k(['describe', 'pod', p!.name]);
    expect(d.stdout).toMatch(/Scheduled\s+.*default-scheduler\s+Successfully assigned default\/nginx-\S+ to node-\d/);
    expect(d.stdout).toMatch(/Started\s+.*kubelet\s+Started container nginx/);
  });

  it('shows container logs through the API server and the kubelet (kubectl logs)', async () => {
    const r = await k(['logs', 'deploy/nginx']);
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/nginx-/);
    expect(r.stdout).toMatch(/started nginx/);
    const [p] = await pods('app=nginx');
    const t = await k(['logs', p!.name, '--tail=1']);
    expect(t.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('issues service-account tokens (kubectl create token)', async () => {
    const r = await k(['create', 'token', 'default']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('scales 3 → 5 → 2, as `kubectl get pods -w` shows: two pods start, three terminate gracefully', async () => {
    const before = new Set((await pods('app=nginx')).map((p) => p.name));
    expect(before.size).toBe(3);
    // The table a user reads, and the same watch as events with the deletion fields the table does not show.
    const table = k.background(['get', 'pods', '-l', 'app=nginx', '-w']);
    const events = k.background(['get', 'pods', '-l', 'app=nginx', '-w', '--output-watch-events', '-o', `jsonpath=${WATCH_EVENT_FIELDS}`]);
    try {
      // Both print the list first and then watch from its resourceVersion: once the three pods are shown, no later change is missed.
      await eventually(async () => [...before].every((n) => tableRows(table.output()).some((r) => r.name === n) && watchEvents(events.output()).some((e) => e.name === n)), {
        what: 'both watches to list the 3 pods',
      });

      expect((await k(['scale', 'deployment', 'nginx', '--replicas=5'])).stdout).toContain('deployment.apps/nginx scaled');
      const five = (await eventually(allReady(5, 'app=nginx'), { what: '5 ready pods', timeoutMs: 20_000 }))!.map((p) => p.name);
      const added = five.filter((n) => !before.has(n));
      expect(added).toHaveLength(2);
      await eventually(async () => added.every((n) => tableRows(table.output()).some((r) => r.name === n && r.status === 'Running' && r.ready === '1/1')), {
        what: 'the new pods Running 1/1 in the watch',
      });

      expect((await k(['scale', 'deployment', 'nginx', '--replicas=2'])).stdout).toContain('deployment.apps/nginx scaled');
      // `kubectl get pods` (terminating ones included) lists exactly the two that stay.
      const two = (await eventually(async () => {
        const names = (await k(['get', 'pods', '-l', 'app=nginx', '-o', 'name'])).stdout.trim().split('\n').filter(Boolean);
        return names.length === 2 ? names.map((n) => n.replace(/^pod\//, '')) : undefined;
      }, { what: 'exactly 2 pods listed', timeoutMs: 20_000 }))!;
      const removed = five.filter((n) => !two.includes(n));
      expect(removed).toHaveLength(3);
      await eventually(async () => removed.every((n) => watchEvents(events.output()).some((e) => e.name === n && e.type === 'DELETED')), {
        what: 'the removed pods DELETED in the watch',
      });
      await eventually(async () => removed.every((n) => tableRows(table.output()).some((r) => r.name === n && r.status === 'Terminating')), {
        what: 'the removed pods Terminating in the watch',
      });

      const rows = tableRows(table.output());
      const statusesOf = (name: string) => rows.filter((r) => r.name === name).map((r) => `${r.ready} ${r.status}`);
      for (const n of added) {
        // Created unready, then started and Ready: Pending (unscheduled, then bound), ContainerCreating, Running 1/1.
        const seen = statusesOf(n);
        const running = seen.indexOf('1/1 Running');
        expect(seen[0], `${n}: ${seen.join(', ')}`).toBe('0/1 Pending');
        expect(running, `${n}: ${seen.join(', ')}`).toBeGreaterThan(0);
        expect(seen.slice(0, running).every((s) => s === '0/1 Pending' || s === '0/1 ContainerCreating'), `${n}: ${seen.join(', ')}`).toBe(true);
      }
      for (const n of removed) {
        // Terminating from the deletion on; once the container has stopped the pod is terminal (Completed, as
        // Kubernetes' printer shows a terminal phase), and it is never Running again.
        const seen = statusesOf(n);
        const terminating = seen.findIndex((s) => s.endsWith(' Terminating'));
        expect(terminating, `${n}: ${seen.join(', ')}`).toBeGreaterThan(0);
        expect(seen.slice(terminating).every((s) => /^\d\/1 (Terminating|Completed|Error)$/.test(s)), `${n}: ${seen.join(', ')}`).toBe(true);
      }
      for (const n of two) expect(statusesOf(n).some((s) => s.endsWith(' Terminating')), `${n}: ${statusesOf(n).join(', ')}`).toBe(false);

      // Graceful: every change after the deletion, up to and including DELETED, carries the timestamp and the default 30 s.
      const evs = watchEvents(events.output());
      for (const n of removed) {
        const mine = evs.filter((e) => e.name === n);
        const first = mine.findIndex((e) => e.deletionTimestamp !== '');
        expect(first, `${n}: ${JSON.stringify(mine)}`).toBeGreaterThan(0);
        expect(mine[first]!.type).toBe('MODIFIED');
        expect(mine.at(-1)!.type).toBe('DELETED');
        expect(mine.slice(first).every((e) => /^\d{4}-\d\d-\d\dT/.test(e.deletionTimestamp) && e.deletionGracePeriodSeconds === '30'), `${n}: ${JSON.stringify(mine)}`).toBe(true);
      }
      for (const n of two) expect(evs.filter((e) => e.name === n).every((e) => e.deletionTimestamp === '' && e.type !== 'DELETED')).toBe(true);

      // The kubelet stopped each container and said so (kuberuntime_container.go killContainer).
      for (const n of removed) {
        await eventually(async () => {
          const r = await k(['get', 'events', '--field-selector', `involvedObject.name=${n}`, '-o', 'jsonpath={range .items[*]}{.type}|{.reason}|{.message}|{.source.component}{"\\n"}{end}']);
          return r.stdout.split('\n').includes('Normal|Killing|Stopping container nginx|kubelet');
        }, { what: `the Killing event of ${n}` });
      }
    } finally {
      await table.stop();
      await events.stop();
    }
  }, 60_000);

  it('rolls out a new image and undoes it back to the old ReplicaSet', async () => {
    const before = (await k(['get', 'rs', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.trim();
    expect((await k(['set', 'image', 'deployment/nginx', 'nginx=nginx:1.27'])).stdout).toContain('image updated');
    expect((await k(['rollout', 'status', 'deployment/nginx', '--timeout=60s'])).stdout).toContain('successfully rolled out');
    const u = await k(['rollout', 'undo', 'deployment/nginx']);
    expect(u.stdout).toContain('rolled back');
    expect((await k(['rollout', 'status', 'deployment/nginx', '--timeout=60s'])).stdout).toContain('successfully rolled out');
    const active = await k(['get', 'rs', '-l', 'app=nginx', '-o', 'jsonpath={range .items[?(@.spec.replicas>0)]}{.metadata.name}{end}']);
    expect(active.stdout.trim()).toBe(before);
    const h = await k(['rollout', 'history', 'deployment/nginx']);
    expect(h.stdout).toMatch(/REVISION/);
  });

  it('deletes a Deployment with its ReplicaSets and pods (Background), or leaves them (Orphan)', async () => {
    expect((await k(['delete', 'deployment', 'web'])).stdout).toContain('deleted');
    await eventually(async () => (await k(['get', 'rs,pods', '-l', 'app=web', '-o', 'name'])).stdout.trim() === '', { what: 'web dependents gone', timeoutMs: 60_000 });
    await k(['create', 'deployment', 'keep', '--image=nginx', '--replicas=1']);
    await eventually(async () => (await k(['get', 'rs', '-l', 'app=keep', '-o', 'name'])).stdout.trim() !== '', { what: 'keep rs' });
    const d = await k(['delete', 'deployment', 'keep', '--cascade=orphan'], { timeoutMs: 20_000 });
    expect(d.stdout).toContain('deleted');
    const rs = await k(['get', 'rs', '-l', 'app=keep', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']);
    expect(rs.stdout.trim()).toBe('');
  });

  it('deletes with each cascade mode promptly when there are no dependents', async () => {
    for (const cascade of ['background', 'foreground', 'orphan']) {
      await k(['create', 'configmap', `c-${cascade}`]);
      const r = await k(['delete', 'configmap', `c-${cascade}`, `--cascade=${cascade}`], { timeoutMs: 20_000 });
      expect(r.stdout).toContain(`configmap "c-${cascade}" deleted`);
      expect((await k(['get', 'configmap', `c-${cascade}`])).stderr).toContain('NotFound');
    }
  });
});
