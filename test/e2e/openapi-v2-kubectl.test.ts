/**
 * kubectl 1.27 reads /openapi/v2 (gnostic protobuf) for `explain` and for the strategic-merge-patch metadata of
 * client-side `apply`. A throwaway front server answers /openapi/v2 from OpenApiV2 and forwards everything else to a
 * real `skiff apiserver`, so this test checks the document against the real kubectl independently of whether the
 * API server already serves it. Skipped when kubectl 1.27 is not installed, unless CI is set.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiV2, builtinRegistry } from '../../src/api/index.js';
import { type Kubectl, type Skiff, kubectlAvailable, kubectlFor, seedDeployment, startSkiff } from './harness.js';

const seed = (image: string) => seedDeployment({ image });

const run = kubectlAvailable('1.27') || Boolean(process.env.CI);


interface Seen {
  method: string;
  path: string;
  accept: string;
  contentType: string;
  body: string;
  status: number;
}

/** Answers /openapi/v2 itself and forwards every other request to `upstream`, recording what passed. */
function frontServer(upstream: URL, v2: OpenApiV2, seen: Seen[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      const record: Seen = {
        method: req.method ?? 'GET',
        path,
        accept: req.headers.accept ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: body.toString('utf8'),
        status: 0,
      };
      seen.push(record);
      if (path === '/openapi/v2') {
        const rep = v2.negotiate(req.headers.accept);
        record.status = rep ? 200 : 406;
        if (!rep) return void res.writeHead(406).end();
        res.writeHead(200, { 'Content-Type': rep.contentType, Etag: `"${v2.etag}"`, Vary: 'Accept' });
        return void res.end(rep.body);
      }
      const forward = request(new URL(req.url ?? '/', upstream), { method: req.method, headers: { ...req.headers, host: upstream.host } }, (up) => {
        record.status = up.statusCode ?? 0;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', (err) => res.writeHead(502).end(String(err)));
      forward.end(body);
    });
  });
}

describe.runIf(run)('kubectl 1.27 with /openapi/v2', () => {
  const seen: Seen[] = [];
  let skiff: Skiff;
  let front: Server;
  let dir: string;
  let k: Kubectl;

  beforeAll(async () => {
    skiff = await startSkiff('apiserver', ['--store', 'memory', '--insecure-port', '0']);
    front = frontServer(new URL(skiff.insecureUrl!), new OpenApiV2({ registry: builtinRegistry() }), seen);
    front.listen(0, '127.0.0.1');
    await once(front, 'listening');
    const port = (front.address() as AddressInfo).port;
    dir = mkdtempSync(join(tmpdir(), 'skiff-openapi-v2-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: front\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: front\n  user: {}\ncontexts:\n- name: front\n  context: {cluster: front, user: front, namespace: default}\ncurrent-context: front\n`);
    k = kubectlFor('1.27', { kubeconfig });
  }, 60_000);

  afterAll(async () => {
    k?.cleanup();
    front?.closeAllConnections();
    front?.close();
    await skiff?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('explains a field (kubectl 1.27 loads /openapi/v2 before rendering explain from v3)', async () => {
    const r = await k(['explain', 'deployment.spec.replicas']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FIELD:\s+replicas <integer>/);
    const fetched = seen.find((s) => s.path === '/openapi/v2');
    expect(fetched?.accept).toContain('application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(fetched?.status).toBe(200);
  });

  it('explains from the v2 document itself: field type and skiff description', async () => {
    const r = await k(['explain', 'deployment.spec.replicas', '--output=plaintext-openapiv2']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/KIND:\s+Deployment\nVERSION:\s+apps\/v1/);
    expect(r.stdout).toMatch(/FIELD:\s+replicas <integer>/);
    expect(r.stdout).toContain('Number of desired pods; defaults to 1.');
  });

  it('explains through references: the property description, then the fields of the referenced kind', async () => {
    const r = await k(['explain', 'deployment.spec.template.spec.containers', '--output=plaintext-openapiv2']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/RESOURCE:\s+containers <\[\]Object>/);
    expect(r.stdout).toContain("The pod's application containers");
    expect(r.stdout).toContain('Container is one application container of a pod.');
    expect(r.stdout).toMatch(/name\t<string> -required-/);
    expect(r.stdout).toMatch(/ports\t<\[\]Object>/);
  });

  it('applies the seed deployment twice; the second apply is a strategic merge patch keyed by container name', async () => {
    let r = await k(['apply', '-f', '-'], { input: seed('nginx:latest') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/nginx created');
    r = await k(['apply', '-f', '-'], { input: seed('nginx:1.26') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('deployment.apps/nginx configured');

    const patch = seen.find((s) => s.method === 'PATCH' && s.path === '/apis/apps/v1/namespaces/default/deployments/nginx');
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    const body = JSON.parse(patch!.body) as { spec: { template: { spec: Record<string, unknown> } } };
    expect(body.spec.template.spec).toEqual({
      '$setElementOrder/containers': [{ name: 'nginx' }],
      containers: [{ image: 'nginx:1.26', name: 'nginx' }],
    });

    r = await k(['get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}']);
    expect(r.stdout).toBe('nginx:1.26 2');
  });
});
