/**
 * Issue 4's end-to-end list with the real kubectl over HTTPS against `skiff apiserver`: the admin can do everything;
 * a user bound to `view` in one namespace can read but not write there and sees nothing elsewhere (and `auth can-i`
 * agrees); a kubelet identity cannot read another node's pods; a wrong token gets 401; a mutating webhook labels pods
 * and a validating webhook rejects a forbidden image; failurePolicy Ignore/Fail with the webhook down; a ResourceQuota
 * stops the 4th pod; the audit log records these requests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestWebhookServer, answer, encodePatch, requestOf } from '../../src/apiserver/admission/webhook/test-server.js';
import { type Kubectl, type Skiff, eventually, kubectlFor, startSkiff } from './harness.js';

let dir: string;
let skiff: Skiff;
let admin: Kubectl;
let hooks: TestWebhookServer;
const users: Kubectl[] = [];

/** A kubectl that authenticates with a bearer token only (no client certificate). */
function kubectlWithToken(token: string): Kubectl {
  const cfg = parse(readFileSync(skiff.kubeconfig, 'utf8')) as { users: Array<{ name: string; user: Record<string, unknown> }> };
  cfg.users = cfg.users.map((u) => ({ name: u.name, user: { token } }));
  const path = join(dir, `kubeconfig-${users.length}`);
  writeFileSync(path, stringify(cfg), { mode: 0o600 });
  const k = kubectlFor('1.32', { kubeconfig: path });
  users.push(k);
  return k;
}

const pod = (ns: string, name: string, image: string, nodeName?: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image }] } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skiff-sec-'));
  const tokens = join(dir, 'tokens.csv');
  writeFileSync(tokens, 'jane-token,jane,jane-uid,"devs"\nnode1-token,system:node:n1,n1-uid,"system:nodes"\n');
  skiff = await startSkiff('apiserver', ['--store', 'memory', '--token-auth-file', tokens]);
  admin = kubectlFor('1.32', skiff);
  hooks = await TestWebhookServer.start();
  for (const ns of ['a', 'b', 'wh', 'q']) {
    expect((await admin(['create', 'namespace', ns])).stderr).toBe('');
    // No controller manager here: create the default ServiceAccount the ServiceAccount admission plugin requires.
    expect((await admin(['create', 'serviceaccount', 'default', '-n', ns])).stderr).toBe('');
  }
}, 60_000);
afterAll(async () => {
  for (const k of [admin, ...users]) k?.cleanup();
  await hooks?.close();
  await skiff?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('authentication and authorization', () => {
  it('lets the admin (system:masters) do everything', async () => {
    expect((await admin(['auth', 'can-i', '*', '*', '--all-namespaces'])).stdout.trim()).toBe('yes');
  });

  it('gives a user bound to view in one namespace read-only access there and nothing elsewhere', async () => {
    expect((await admin(['create', 'rolebinding', 'jane-view', '--clusterrole=view', '--user=jane', '-n', 'a'])).stderr).toBe('');
    const jane = kubectlWithToken('jane-token');
    await eventually(async () => (await jane(['get', 'pods', '-n', 'a'])).code === 0, { what: 'the binding to take effect' });
    const create = await jane(['create', 'configmap', 'x', '-n', 'a']);
    // kubectl create words it `error: failed to create configmap: <the server's message>`.
    expect(create.stderr).toContain('configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "a"');
    const other = await jane(['get', 'pods', '-n', 'b']);
    expect(other.stderr).toContain('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "b"');
    expect((await jane(['auth', 'can-i', 'get', 'pods', '-n', 'a'])).stdout.trim()).toBe('yes');
    expect((await jane(['auth', 'can-i', 'create', 'configmaps', '-n', 'a'])).stdout.trim()).toBe('no');
    expect((await jane(['auth', 'can-i', 'get', 'pods', '-n', 'b'])).stdout.trim()).toBe('no');
  });

  it('keeps a kubelet identity away from pods bound to other nodes', async () => {
    for (const [name, node] of [['on-n1', 'n1'], ['on-n2', 'n2']]) {
      const r = await admin(['create', '-f', '-'], { input: pod('a', name!, 'nginx', node) });
      expect(r.stderr).toBe('');
    }
    const n1 = kubectlWithToken('node1-token');
    expect((await n1(['get', 'pod', 'on-n1', '-n', 'a', '-o', 'name'])).stdout.trim()).toBe('pod/on-n1');
    const denied = await n1(['get', 'pod', 'on-n2', '-n', 'a']);
    expect(denied.stderr).toContain('Error from server (Forbidden)');
  });

  it('answers a wrong token with 401', async () => {
    const bad = kubectlWithToken('not-a-token');
    const r = await bad(['get', 'pods', '-n', 'a']);
    expect(r.code).not.toBe(0);
    // What kubectl prints for a 401 (as against Kubernetes with an expired token).
    expect(r.stderr).toContain('error: You must be logged in to the server');
  });
});

describe('admission webhooks', () => {
  const config = (kind: 'Mutating' | 'Validating', name: string, url: string, failurePolicy: 'Fail' | 'Ignore', nsLabel: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}WebhookConfiguration
metadata:
  name: ${name}
webhooks:
- name: ${name}
  clientConfig:
    url: ${url}
    caBundle: ${hooks.pki.caBundle}
  rules:
  - operations: ["CREATE"]
    apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["pods"]
  namespaceSelector:
    matchLabels:
      ${nsLabel}: "true"
  failurePolicy: ${failurePolicy}
  sideEffects: None
  admissionReviewVersions: ["v1"]
  timeoutSeconds: 2
`;

  it('a mutating webhook labels every pod and a validating webhook rejects a forbidden image with its message', async () => {
    hooks.on('/mutate', (review) => {
      const labels = { ...((requestOf(review).object as { metadata?: { labels?: Record<string, string> } }).metadata?.labels ?? {}), webhook: 'seen' };
      return answer(review, { allowed: true, patchType: 'JSONPatch', patch: encodePatch([{ op: 'add', path: '/metadata/labels', value: labels }]) });
    });
    hooks.on('/validate', (review) => {
      const images = ((requestOf(review).object as { spec?: { containers?: { image: string }[] } }).spec?.containers ?? []).map((c) => c.image);
      const bad = images.find((i) => i.startsWith('forbidden'));
      return answer(review, bad ? { allowed: false, status: { code: 403, message: `image ${bad} is not allowed` } } : { allowed: true });
    });
    await admin(['label', 'namespace', 'wh', 'hooks=true']);
    expect((await admin(['apply', '-f', '-'], { input: config('Mutating', 'label.skiff.test', hooks.url('/mutate'), 'Fail', 'hooks') })).stderr).toBe('');
    expect((await admin(['apply', '-f', '-'], { input: config('Validating', 'deny.skiff.test', hooks.url('/validate'), 'Fail', 'hooks') })).stderr).toBe('');
    await eventually(async () => {
      await admin(['delete', 'pod', 'p1', '-n', 'wh', '--ignore-not-found', '--grace-period=0']);
      await admin(['create', '-f', '-'], { input: pod('wh', 'p1', 'nginx') });
      return (await admin(['get', 'pod', 'p1', '-n', 'wh', '-o', 'jsonpath={.metadata.labels.webhook}'])).stdout === 'seen';
    }, { what: 'the mutating webhook to label a pod' });
    const r = await admin(['create', '-f', '-'], { input: pod('wh', 'p2', 'forbidden:latest') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('admission webhook "deny.skiff.test" denied the request: image forbidden:latest is not allowed');
  });

  it('with the webhook down, failurePolicy Ignore lets creates through and Fail blocks them with a clear error', async () => {
    const down = 'https://127.0.0.1:9/down';
    await admin(['create', 'namespace', 'down']);
    await admin(['create', 'serviceaccount', 'default', '-n', 'down']);
    await admin(['label', 'namespace', 'down', 'down=true']);
    await admin(['apply', '-f', '-'], { input: config('Validating', 'ignore.skiff.test', down, 'Ignore', 'down') });
    await eventually(async () => (await admin(['create', '-f', '-'], { input: pod('down', `ok-${Date.now()}`, 'nginx') })).code === 0, { what: 'Ignore to let a pod through' });
    await admin(['apply', '-f', '-'], { input: config('Validating', 'ignore.skiff.test', down, 'Fail', 'down') });
    const blocked = await eventually(async () => {
      const r = await admin(['create', '-f', '-'], { input: pod('down', `no-${Date.now()}`, 'nginx') });
      return r.code !== 0 ? r : undefined;
    }, { what: 'Fail to block a pod' });
    expect(blocked!.stderr).toContain('failed calling webhook "ignore.skiff.test"');
  });

  it('matchConditions (CEL) decide which requests reach a webhook; a condition that does not compile is refused', async () => {
    hooks.on('/guard', (review) => answer(review, { allowed: false, status: { code: 403, message: 'guarded pods are not allowed here' } }));
    await admin(['create', 'namespace', 'mc']);
    await admin(['create', 'serviceaccount', 'default', '-n', 'mc']);
    await admin(['label', 'namespace', 'mc', 'mc=true']);
    const guard = (expression: string) =>
      config('Validating', 'guard.skiff.test', hooks.url('/guard'), 'Fail', 'mc') +
      `  matchConditions:\n  - name: guarded-only\n    expression: ${JSON.stringify(expression)}\n  - name: not-admin-deletes\n    expression: "request.operation != 'DELETE'"\n`;
    const bad = await admin(['apply', '-f', '-'], { input: guard("object.metadata.name.startsWith('guarded-'") });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('webhooks[0].matchConditions[0].expression: Invalid value');
    expect(bad.stderr).toContain('compilation failed');
    expect((await admin(['apply', '-f', '-'], { input: guard("object.metadata.name.startsWith('guarded-')") })).stderr).toBe('');
    const denied = await eventually(async () => {
      const r = await admin(['create', '-f', '-'], { input: pod('mc', `guarded-${Date.now()}`, 'nginx') });
      return r.code !== 0 ? r : undefined;
    }, { what: 'the webhook to refuse a guarded pod' });
    expect(denied!.stderr).toContain('admission webhook "guard.skiff.test" denied the request: guarded pods are not allowed here');
    const free = await admin(['create', '-f', '-'], { input: pod('mc', 'free-1', 'nginx') });
    expect(free.stderr).toBe('');
    expect(free.code).toBe(0);
  });
});

describe('quota and audit', () => {
  it('a ResourceQuota of 3 pods stops the 4th', async () => {
    expect((await admin(['create', 'quota', 'q1', '--hard=pods=3', '-n', 'q'])).stderr).toBe('');
    for (let i = 1; i <= 3; i++) expect((await admin(['run', `p${i}`, '--image=nginx', '-n', 'q'])).stderr).toBe('');
    const fourth = await admin(['run', 'p4', '--image=nginx', '-n', 'q']);
    expect(fourth.code).not.toBe(0);
    expect(fourth.stderr).toContain('exceeded quota: q1');
  });

  it('the audit log has one line per request, with user, verb, resource and response code', async () => {
    const lines = readFileSync(join(skiff.dataDir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as {
      user?: { username: string };
      verb: string;
      objectRef?: { resource?: string; namespace?: string };
      responseStatus: { code: number };
    });
    expect(lines.some((e) => e.user?.username === 'jane' && e.verb === 'create' && e.objectRef?.resource === 'configmaps' && e.responseStatus.code === 403)).toBe(true);
    expect(lines.some((e) => e.user?.username === 'system:node:n1' && e.objectRef?.resource === 'pods' && e.responseStatus.code === 403)).toBe(true);
    expect(lines.some((e) => e.verb === 'create' && e.objectRef?.resource === 'pods' && e.objectRef.namespace === 'q' && e.responseStatus.code === 403)).toBe(true);
    expect(lines.some((e) => e.responseStatus.code === 401)).toBe(true);
  });
});
