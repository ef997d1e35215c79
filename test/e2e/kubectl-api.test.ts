/**
 * The real kubectl (1.32 and 1.27) against a running `skiff apiserver`: the API-server half of the seed workflow.
 * One skiff process for the file; each kubectl version works in its own namespace with its own HOME.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kubectl, type Skiff, eventually, kubectlFor, seedDeployment, startSkiff } from './harness.js';

const deployment = (ns: string, image: string, replicas = 3) => seedDeployment({ namespace: ns, image, replicas });


let skiff: Skiff;
beforeAll(async () => {
  skiff = await startSkiff('apiserver', ['--store', 'memory']);
}, 60_000);
afterAll(async () => {
  await skiff?.stop();
});

describe.each(['1.32', '1.27'])('kubectl %s', (version) => {
  const ns = `e2e-${version.replace('.', '-')}`;
  let k: Kubectl;
  beforeAll(async () => {
    k = kubectlFor(version, skiff);
    const r = await k(['create', 'namespace', ns]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`namespace/${ns} created`);
  });
  afterAll(() => k?.cleanup());

  it('lists API resources with short names', async () => {
    const r = await k(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(r.stdout).toMatch(/pods\s+po\s+v1\s+true\s+Pod/);
  });

  it('applies the seed deployment, then re-applies a new image as a strategic merge patch', async () => {
    let r = await k(['apply', '-f', '-'], { input: deployment(ns, 'nginx:latest') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/nginx created');
    r = await k(['apply', '-f', '-'], { input: deployment(ns, 'nginx:1.26') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/nginx configured');
    r = await k(['get', 'deploy', 'nginx', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation} {.spec.strategy.type} {.spec.revisionHistoryLimit}']);
    expect(r.stdout).toBe('nginx:1.26 2 RollingUpdate 10');
    r = await k(['apply', '-f', '-'], { input: deployment(ns, 'nginx:1.26') });
    expect(r.stdout).toContain('deployment.apps/nginx unchanged');
  });

  it('creates a deployment from a protobuf body (kubectl create deployment)', async () => {
    const r = await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', ns]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/web created');
    const g = await k(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].image}']);
    expect(g.stdout).toBe('3 web nginx');
  });

  it('prints tables: default, wide, labels, all namespaces, selectors', async () => {
    let r = await k(['get', 'deployments', '-n', ns]);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
    expect(r.stdout).toMatch(/nginx\s+0\/3\s+0\s+0\s+\d+s/);
    r = await k(['get', 'deployments', '-n', ns, '-o', 'wide']);
    expect(r.stdout).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(r.stdout).toMatch(/nginx\s+.*nginx:1\.26\s+app=nginx/);
    r = await k(['get', 'deployments', '-n', ns, '--show-labels']);
    expect(r.stdout).toMatch(/LABELS/);
    r = await k(['get', 'deployments', '-A']);
    expect(r.stdout).toMatch(new RegExp(`^NAMESPACE\\s+NAME`));
    expect(r.stdout).toMatch(new RegExp(`${ns}\\s+web`));
    r = await k(['get', 'deployments', '-n', ns, '-l', 'app=web', '-o', 'name']);
    expect(r.stdout.trim()).toBe('deployment.apps/web');
    r = await k(['get', 'deployments', '-n', ns, '--field-selector', 'metadata.name=nginx', '-o', 'name']);
    expect(r.stdout.trim()).toBe('deployment.apps/nginx');
    r = await k(['get', 'deployments', '-n', ns, '--field-selector', 'spec.bogus=1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('field label not supported: spec.bogus');
    r = await k(['get', 'deployment', 'nginx', '-n', ns, '-o', 'yaml']);
    expect(r.stdout).toContain('kind: Deployment');
    expect(r.stdout).toMatch(/resourceVersion: "\d+"/);
  });

  it('describes a deployment', async () => {
    const r = await k(['describe', 'deployment', 'nginx', '-n', ns]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Name:\s+nginx/);
    expect(r.stdout).toMatch(/Replicas:\s+3 desired/);
    expect(r.stdout).toMatch(/StrategyType:\s+RollingUpdate/);
  });

  it('scales through the scale subresource', async () => {
    const r = await k(['scale', 'deployment', 'nginx', '--replicas=5', '-n', ns]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/nginx scaled');
    const g = await k(['get', 'deploy', 'nginx', '-n', ns, '-o', 'jsonpath={.spec.replicas}']);
    expect(g.stdout).toBe('5');
  });

  it('watches and shows later changes (get -w)', async () => {
    // -v=6 logs the watch request once its response has started: then the watch is open.
    const w = k.background(['get', 'configmaps', '-n', ns, '-w', '-v=6']);
    try {
      await eventually(async () => /watch=true.* 200 OK/.test(w.output()), { what: 'watch to start' });
      const c = await k(['create', 'configmap', 'watched', '--from-literal=a=b', '-n', ns]);
      expect(c.stdout).toContain('configmap/watched created');
      await eventually(async () => /watched\s+1\s+\d+s/.test(w.output()), { what: 'the new configmap in the watch' });
    } finally {
      await w.stop();
    }
  });

  it('server-side apply twice, then a conflicting manager', async () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: ${ns}\ndata:\n  key: "${v}"\n`;
    let r = await k(['apply', '--server-side', '-f', '-'], { input: cm('one') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('configmap/ssa serverside-applied');
    r = await k(['apply', '--server-side', '-f', '-'], { input: cm('two') });
    expect(r.stdout).toContain('configmap/ssa serverside-applied');
    r = await k(['apply', '--server-side', '--field-manager', 'other', '-f', '-'], { input: cm('three') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('conflict with "kubectl"');
    r = await k(['apply', '--server-side', '--field-manager', 'other', '--force-conflicts', '-f', '-'], { input: cm('three') });
    expect(r.stdout).toContain('configmap/ssa serverside-applied');
    r = await k(['get', 'cm', 'ssa', '-n', ns, '-o', 'jsonpath={.data.key}']);
    expect(r.stdout).toBe('three');
  });

  it('prints Kubernetes error text for invalid manifests and missing objects', async () => {
    let r = await k(['apply', '-f', '-'], { input: deployment(ns, 'nginx', -1).replace('name: nginx\n  namespace', 'name: bad\n  namespace') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    r = await k(['get', 'deployment', 'nope', '-n', ns]);
    expect(r.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
  });

});
